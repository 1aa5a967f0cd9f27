"""Feed text is hostile: make it inert before it is stored or shown.

Everything that comes from a feed or a seed file passes through clean_text()
before it reaches storage. It removes what a terminal would act on (C0 and C1
control characters, hence every ESC/CSI/OSC sequence introducer), and what
would make text lie about itself (bidi overrides, zero-width characters).
Rich markup is not touched here: it is harmless as long as the UI never
parses feed text as markup, which the UI guarantees by rendering Text objects.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# C0 controls except tab and newline, DEL, and C1 controls (0x80-0x9f, which
# some terminals treat as 8-bit CSI/OSC introducers).
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidi embeddings/overrides/isolates, zero-width space/joiners, word joiner,
# BOM, soft hyphen, invisible operators, line/paragraph separators.
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS / SOS / PM / APC ... ST
    r"|\x1b[@-Z\\-_]"  # two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"  # 8-bit OSC
)
_UNSAFE = re.compile(f"[{_CONTROL}{_INVISIBLE}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")

SAFE_LINK_SCHEMES = frozenset({"http", "https"})


def clean_text(text: str | None, *, single_line: bool = False) -> str:
    """Text with escape sequences, controls and invisible characters removed.

    Escape sequences are removed whole (so an OSC 52 payload does not survive
    as visible garbage), then any control character left is dropped. With
    single_line, newlines and tabs become single spaces (titles, names).
    """
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _UNSAFE.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    if single_line:
        return _SPACES.sub(" ", text.replace("\n", " ")).strip()
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def safe_link(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link, otherwise None.

    javascript:, data:, file: and friends are never shown as links or copied.
    """
    if not url:
        return None
    url = clean_text(url, single_line=True).replace(" ", "%20")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_LINK_SCHEMES or not parts.netloc:
        return None
    return url
