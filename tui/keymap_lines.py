"""Keymap mistakes with the line of feeds.toml they are on, for `aiwire check`
and for the app, which refuses such a keymap with the same message."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from ingest.config.locator import Locator
from tui.keymap_check import binding_ids_for, keymap_problems


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


def keymap_report(
    keymap: dict[str, str], file: str, line_of: Callable[[str], int | None]
) -> list[str]:
    """Every keymap mistake as one line, "FILE:LINE: keymap.NAME: what is wrong",
    the same in `aiwire check` and in the app. `line_of` finds a keymap
    entry's line in the file (None when it cannot)."""
    lines = []
    for entry, problem in keymap_problems(keymap):
        # A problem found on a binding id points at the keymap entry that set it.
        name = (
            entry
            if entry in keymap
            else next((n for n in keymap if entry in binding_ids_for(n)), entry)
        )
        line = line_of(name) if name in keymap else None
        where = f"{file}:{line}" if line is not None else file
        lines.append(f"{where}: keymap.{name}: {problem}")
    return lines
