"""Keymap mistakes with the line of feeds.toml they are on, for `aiwire check`
and for the app, which refuses such a keymap with the same message."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ingest.config.locator import Locator
from tui.keytable import keymap_report


def keymap_mistakes(keymap: dict[str, str], config_path: Path) -> list[str]:
    """One line per mistake in the keymap loaded from `config_path` (none: [])."""
    try:
        text = config_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    locator = None
    if text:
        try:
            tomllib.loads(text)
            locator = Locator(text)
        except tomllib.TOMLDecodeError:
            locator = None

    def line_of(name: str) -> int | None:
        if locator is None:
            return None
        return locator.line_of(("settings", "keymap", name)) or locator.line_of(("keymap", name))

    return keymap_report(keymap, str(config_path), line_of)
