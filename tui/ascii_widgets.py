"""Textual's own Unicode, in ASCII where the locale is not UTF-8: the scroll
bars' eighth blocks and the footer's key symbols (see tui.terminal_caps)."""

from __future__ import annotations

from typing import ClassVar

from textual.scrollbar import ScrollBar, ScrollBarRender

# The footer's symbols for keys, in words.
_KEY_WORDS = {"⏎": "Enter", "↑": "Up", "↓": "Down", "←": "Left", "→": "Right", "⇥": "Tab"}


class AsciiScrollBarRender(ScrollBarRender):
    """A thumb drawn by its colour alone: no partial blocks at its ends."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


def use_ascii_scroll_bars(ascii_only: bool) -> None:
    # Textual's documented hook; one renderer for the process, like the glyphs.
    ScrollBar.renderer = AsciiScrollBarRender if ascii_only else ScrollBarRender


def ascii_key(shown: str) -> str:
    """A key as the footer and help show it, in ASCII."""
    for symbol, word in _KEY_WORDS.items():
        shown = shown.replace(symbol, word)
    return "".join(ch if ch.isascii() else "?" for ch in shown)
