"""What the terminal can show: how many colours, and whether it draws Unicode.

Decided once at start from the environment. A Linux console (TERM=linux) or
an 8/16-colour terminal gets a theme made of the terminal's own ANSI colours,
which it draws as intended, instead of true colours squeezed into 16. A
locale that is not UTF-8 (LANG=C over a serial line, an old console) gets
ASCII for the marks, separators, sparklines and box drawing.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass

LOW_COLOUR_THEME = "ansi-dark"
# Terminals known to have 8 or 16 colours whatever else they claim.
_LOW_COLOUR_TERMS = frozenset({"linux", "vt100", "vt102", "vt220", "ansi", "cons25", "sun"})
_LOW_COLOUR_SUFFIXES = ("-8color", "-16color", "-mono")


def low_colour(environ: Mapping[str, str]) -> bool:
    """Whether to use the terminal's own 8/16 ANSI colours.

    COLORTERM=truecolor wins; then TERM; then Textual's colour system when the
    user set it (TEXTUAL_COLOR_SYSTEM=standard). Plain "xterm" is not taken as
    low-colour: nearly every terminal that sends it draws 256 colours.
    """
    if environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return False
    term = environ.get("TERM", "").strip().lower()
    if term in _LOW_COLOUR_TERMS or term.endswith(_LOW_COLOUR_SUFFIXES):
        return True
    return environ.get("TEXTUAL_COLOR_SYSTEM", "").strip().lower() in ("standard", "windows")


def unicode_locale(environ: Mapping[str, str], coerced: bool | None = None) -> bool:
    """Whether the locale's character set is UTF-8: LC_ALL, else LC_CTYPE, else LANG
    (the order the C library reads them in); none set is the "C" locale.

    Python itself sets LC_CTYPE=C.UTF-8 at start when the locale is "C" (PEP
    538, which also turns on its UTF-8 mode): that LC_CTYPE says nothing of the
    terminal, so it is passed over.
    """
    if coerced is None:
        coerced = bool(sys.flags.utf8_mode) and environ.get("LC_CTYPE") == "C.UTF-8"
    names = ("LC_ALL", "LANG") if coerced else ("LC_ALL", "LC_CTYPE", "LANG")
    for name in names:
        value = environ.get(name, "").strip()
        if value:
            charset = value.partition(".")[2].partition("@")[0].lower().replace("-", "")
            return charset == "utf8"
    return False


@dataclass(frozen=True, slots=True)
class Glyphs:
    unread: str
    starred: str
    separator: str  # between the status bar's fields
    muted: str
    person: str
    company: str
    spark: str  # nine levels, the first blank
    ellipsis: str
    overflow: str  # how Rich cuts a line too long: with "…", or plainly


UNICODE = Glyphs("●", "★", "│", "⊘", "○", "■", " ▁▂▃▄▅▆▇█", "…", "ellipsis")
ASCII = Glyphs("*", "+", "|", "x", "o", "#", " _.-:=+*#", "~", "crop")

_current = UNICODE


def glyphs() -> Glyphs:
    """The glyph set in use (Unicode unless the app chose ASCII at start)."""
    return _current


def use_ascii(ascii_only: bool) -> None:
    global _current
    _current = ASCII if ascii_only else UNICODE
