"""Remember the theme chosen in the command palette ("Change theme") across runs.

The choice is a UI preference, not configuration: it goes to ui.json in the
data directory, never into the user's hand-edited feeds.toml. Losing it is
harmless, so nothing here raises: an unreadable or unwritable ui.json means
the default theme next time, and a line in the log.
"""

from __future__ import annotations

import json
import logging
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App

__all__ = ["UI_FILE", "load_setting", "load_theme", "remember_theme", "save_setting", "save_theme"]

UI_FILE = "ui.json"
log = logging.getLogger(__name__)


def _read(data_dir: Path) -> dict[str, Any]:
    try:
        value = json.loads((data_dir / UI_FILE).read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("ignoring %s: %s", data_dir / UI_FILE, error)
        return {}
    return value if isinstance(value, dict) else {}


def load_theme(data_dir: Path) -> str | None:
    """The theme saved last, or None (never saved, or ui.json unreadable)."""
    theme = _read(data_dir).get("theme")
    return theme if isinstance(theme, str) and theme else None


def load_setting(data_dir: Path, key: str) -> Any:
    """One UI preference saved last (None: never saved, or ui.json unreadable)."""
    return _read(data_dir).get(key)


def save_theme(data_dir: Path, name: str) -> None:
    """Save `name` as the theme for next time; other keys in ui.json are kept."""
    save_setting(data_dir, "theme", name)


def save_setting(data_dir: Path, key: str, value: Any) -> None:
    """Save one UI preference; other keys in ui.json are kept."""
    settings = _read(data_dir)
    if settings.get(key) == value:
        return  # the palette previews themes; unchanged ones cost no write
    settings[key] = value
    from storage.atomic import write_atomically  # brings TinyDB in: not before a first frame

    payload = json.dumps(settings, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(data_dir / UI_FILE, payload)
    except OSError as error:
        log.warning("could not remember %s in %s: %s", key, data_dir / UI_FILE, error)


def remember_theme(app: App[Any], data_dir: Path, start: str | None = None) -> None:
    """Start `app` in the theme saved last, and save every later change.

    Call from on_mount. `start`, when given, is used instead of the saved
    theme (and not saved). A saved theme that no longer exists (renamed in a
    Textual upgrade) is ignored rather than crashing the app.
    """
    saved = start or load_theme(data_dir)
    if saved is not None and saved in app.available_themes:
        app.theme = saved
    app.watch(app, "theme", partial(save_theme, data_dir), init=False)
