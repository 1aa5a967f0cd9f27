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
# BOM, soft hyphen, invisible operators, line/paragraph separators, and the
# Unicode tag characters (U+E0000 block: invisible, they can smuggle text).
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f"
)
# Combining marks that stack on one base character: the generic diacritics and
# their extensions, the Cyrillic, Hebrew, Arabic and Thai ones, and those for
# symbols and half marks. Past MAX_COMBINING on one character the rest is
# dropped: 200 of them make a title a smear over the lines around it.
_COMBINING = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
MAX_COMBINING = 4
_COMBINING_RUN = re.compile(f"([{_COMBINING}]{{{MAX_COMBINING}}})[{_COMBINING}]+")
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
# "\n{3,}", spelt so that the regex engine searches for the literal "\n\n\n".
_BLANK_LINES = re.compile("\n\n\n+")

# The fast path. Most feed text holds nothing clean_text removes and no space
# but " " and "\n"; for it the general path's regexes, which all start with a
# repeat or an alternation and so cannot use the regex engine's quick scan, cost
# ~90 µs on a 2 KB body (mostly _SPACES replacing every single space by itself).
# What marks text for the general path: anything _UNSAFE, _SURROGATE or
# _ESCAPE_SEQUENCE matches (their first characters are all controls), "\r", and
# every space but " " (tab, no-break space...), and the combining marks that
# _COMBINING_RUN caps (one is enough to take the general path: text in NFC
# seldom holds any). In ASCII only controls and DEL.
_ASCII_SPECIAL = bytes([*range(0x00, 0x0A), *range(0x0B, 0x20), 0x7F])
_ORDINARY_ASCII = bytes([0x0A, *range(0x20, 0x7F)])
_SPECIAL = re.compile(
    f"[{_CONTROL}{_INVISIBLE}{_COMBINING}"
    "\ud800-\udfff\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)
# Characters outside ASCII that NFC leaves as they are wherever they stand:
# no canonical decomposition to undo, combining class 0, never the second
# character of a composition (tests/test_text_fast_paths.py checks each
# against unicodedata). Latin-1 and Latin Extended-A, the punctuation of
# General Punctuation and the currency signs: most of what news text holds.
_NFC_INERT = re.compile("[\u00a0-\u017f\u2010-\u2027\u2030-\u205e\u20a0-\u20bf]*")
# Two literal spaces first, so the regex engine searches for them quickly.
_SPACE_RUN = re.compile("   *")
# The spaces the general path turns into " " (no-break spaces are everywhere in
# HTML from a CMS): replaced first, they leave most text fit for the fast path.
_OTHER_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")

SAFE_LINK_SCHEMES = frozenset({"http", "https"})

# An absolute http(s) URL, with a host, that clean_text leaves as it is and
# that urlsplit (and urlparse, and urljoin) take apart without complaint and put
# back together unchanged: lower-case scheme, ASCII, no space or control, no
# bracket (IPv6 hosts are checked), no "@" or "\\" in the host part (see
# safe_link), no ";" in the path (urlparse's params), no empty "?" query or
# "#" fragment (dropped). Most links are; for them
# safe_link and link resolution need no parsing (urlsplit misses its cache on
# every new URL: ~8 µs a link).
_PLAIN_HTTP_URL = re.compile(
    r"https?://[^\x00-\x20\x7f/?#\[\]@\\]+"
    r"(?:/[^\x00-\x20\x7f?#;\[\]]*)?"
    r"(?:\?[^\x00-\x20\x7f#\[\]]+)?"
    r"(?:#[^\x00-\x20\x7f\[\]]+)?"
)


def is_plain_http_url(url: str) -> bool:
    """Whether url is an http(s) URL that safe_link and urljoin return unchanged."""
    return url.isascii() and _PLAIN_HTTP_URL.fullmatch(url) is not None


def clean_text(text: str | None, *, single_line: bool = False) -> str:
    """Text with escape sequences, controls and invisible characters removed.

    Escape sequences are removed whole (so an OSC 52 payload does not survive
    as visible garbage), then any control character left is dropped. With
    single_line, newlines and tabs become single spaces (titles, names).
    """
    if not text:
        return ""
    if text.isascii():
        # ASCII is always NFC, holds no invisible character and no surrogate.
        if len(text.encode("ascii").translate(None, _ASCII_SPECIAL)) == len(text):
            return _lay_out_plain(text, single_line)
        return _clean_general(text, single_line)
    odd = _unusual(text)
    if odd is None:
        return _clean_general(text, single_line)  # a lone surrogate
    if _SPECIAL.search(odd) is None:
        # NFC maps no character outside _SPECIAL onto one inside it (the spaces
        # U+2000 and U+2001 that it maps onto others are inside).
        return _lay_out_plain(_nfc(text, odd), single_line)
    if "\u00a0" in odd and _SPECIAL.search(odd.replace("\u00a0", "")) is None:
        # Nearly all are no-break spaces, which str.replace does ~10x faster;
        # when no other special character is left that is what sub() gives.
        spaced = text.replace("\u00a0", " ")
        return _lay_out_plain(_nfc(spaced, odd), single_line)
    if _SPECIAL.search(_OTHER_SPACES.sub("", odd)) is None:
        spaced = _OTHER_SPACES.sub(" ", text)
        return _lay_out_plain(_nfc(spaced, odd), single_line)
    return _clean_general(text, single_line)


def _nfc(text: str, odd: str) -> str:
    """unicodedata.normalize("NFC", text), where odd holds (at least) text's
    characters outside ASCII: when NFC leaves each of those alone wherever it
    stands (_NFC_INERT), so it does text, and text needs no pass over it."""
    if _NFC_INERT.fullmatch(odd) is not None:
        return text
    return unicodedata.normalize("NFC", text)


def _unusual(text: str) -> str | None:
    """text's characters other than printable ASCII and newlines, in order; None
    when it holds a lone surrogate.

    _SPECIAL's character class costs several ns a character; deleting the
    ordinary bytes of the UTF-8 (a C loop over a table) leaves what to search,
    which in most text is a few dozen characters. Only whole ASCII bytes go,
    so what is left is still valid UTF-8.
    """
    try:
        encoded = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return encoded.translate(None, _ORDINARY_ASCII).decode("utf-8")


def _lay_out_plain(text: str, single_line: bool) -> str:
    """clean_text for text with nothing to remove and no space but " " and "\n".

    Does what _clean_general does to such text: str.strip() strips nothing but
    " " and "\n" from it (every other character it would strip is removed or
    made a space first), and runs of " " never cross a line.
    """
    if single_line:
        text = text.replace("\n", " ")
        if "  " in text:
            text = _SPACE_RUN.sub(" ", text)
        return text.strip()
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = "\n".join([line.strip(" ") for line in text.split("\n")])
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def strip_unsafe(text: str | None) -> str:
    """What clean_text removes, and nothing else: spaces and indentation stay.

    For text laid out already (a stored body, whose code blocks and nested
    lists are indented with spaces) that is cleaned again before it is shown.
    """
    if not text:
        return ""
    if text.isascii() and len(text.encode("ascii").translate(None, _ASCII_SPECIAL)) == len(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _UNSAFE.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    return _COMBINING_RUN.sub(r"\1", unicodedata.normalize("NFC", text))


def _clean_general(text: str, single_line: bool) -> str:
    """clean_text for any text (the fast path's reference)."""
    text = strip_unsafe(text)
    if single_line:
        return _SPACES.sub(" ", text.replace("\n", " ")).strip()
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def safe_link(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link, otherwise None.

    javascript:, data:, file: and friends are never shown as links or copied.
    Nor is a link with a user part: https://openai.com@evil.invalid/ goes to
    evil.invalid while reading as openai.com. A backslash in the host part is
    refused too, since browsers read it as "/" and urlsplit does not.
    """
    if not url:
        return None
    if is_plain_http_url(url):
        return url
    return _safe_link_general(url)


def _safe_link_general(url: str) -> str | None:
    """safe_link for any URL (the fast path's reference)."""
    url = clean_text(url, single_line=True).replace(" ", "%20")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_LINK_SCHEMES or not parts.netloc:
        return None
    if "@" in parts.netloc or "\\" in parts.netloc:
        return None
    return url
