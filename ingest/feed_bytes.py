"""Before feedparser: make the bytes safe to hand over, and refuse what is not a feed.

- An internal DOCTYPE subset is removed before feedparser sees it (entity
  expansion lets a small feed exhaust time and memory), in UTF-16 feeds too.
- Character references that name no XML character (lone surrogates, NUL,
  beyond U+10FFFF) make feedparser raise: they become U+FFFD first.
- An empty body, JSON and an HTML page are recognised from their first bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ingest.feed_encoding import wide_encoding


def _on_ascii_bytes(data: bytes, operation: Callable[[bytes], bytes]) -> bytes:
    """Apply a byte-level rewrite that only looks at ASCII markup.

    ASCII-compatible encodings (UTF-8, Latin-1, windows-1252...) are rewritten
    in place. UTF-16/32 is decoded, rewritten as UTF-8 and encoded back with
    the same codec and BOM, so feedparser's encoding detection sees what the
    server sent (the XML declaration still says utf-16).
    """
    wide = wide_encoding(data)
    if wide is None:
        return operation(data)
    codec, bom = wide
    text = data[len(bom) :].decode(codec, errors="replace")
    rewritten = operation(text.encode("utf-8")).decode("utf-8", errors="replace")
    return bom + rewritten.encode(codec)


_MARKUP_OPEN = re.compile(rb"<")
_DOCTYPE_HEAD = re.compile(rb'["\'\[>]')
_SUBSET_TOKEN = re.compile(rb"[\"'\]]|<!--|<\?")


def strip_internal_doctype(data: bytes) -> bytes:
    """The document with any internal DOCTYPE subset removed.

    `<!DOCTYPE rss [ <!ENTITY ...> ]>` becomes `<!DOCTYPE rss>`: entity
    declarations are where billion-laughs and quadratic-blowup attacks live,
    and feeds have no legitimate use for them. The name and external id are
    kept (feedparser recognises Netscape RSS 0.91 by them). UTF-16/32 input
    is handled through its BOM or its first "<".
    """
    return _on_ascii_bytes(data, _strip_doctype_subsets)


def _strip_doctype_subsets(data: bytes) -> bytes:
    # Look where a DOCTYPE can matter: before the first element. Like
    # feedparser's own prolog scan, skip text, comments and PIs, and anything
    # after "<" that is not a name, so junk before the DOCTYPE cannot hide it.
    position = 0
    while (found := _MARKUP_OPEN.search(data, position)) is not None:
        start = found.start()
        if data.startswith(b"<?", start):
            end = data.find(b"?>", start + 2)
            if end < 0:
                return data
            position = end + 2
        elif data.startswith(b"<!--", start):
            end = data.find(b"-->", start + 4)
            if end < 0:
                return data
            position = end + 3
        elif data[start : start + 9].upper() == b"<!DOCTYPE":
            data, position = _strip_one_subset(data, start)
        else:
            following = data[start + 1 : start + 2]
            if following.isalnum() or following == b"_" or following >= b"\x80":
                return data  # the root element: the prolog is over
            position = start + 1
    return data


def _strip_one_subset(data: bytes, start: int) -> tuple[bytes, int]:
    """Rewrite the DOCTYPE at `start`; returns the data and where to go on."""
    position = start + 9
    while True:
        token = _DOCTYPE_HEAD.search(data, position)
        if token is None:
            return data[:start], start  # unterminated: nothing after it is a document
        char = data[token.start() : token.start() + 1]
        if char == b">":
            return data, token.end()  # no internal subset
        if char == b"[":
            break
        close = data.find(char, token.end())  # a quoted public/system id
        if close < 0:
            return data[:start], start
        position = close + 1
    subset_start = token.start()
    position = token.end()
    while True:
        token = _SUBSET_TOKEN.search(data, position)
        if token is None:
            return data[:start], start
        text = token.group()
        if text == b"]":
            end = data.find(b">", token.end())
            if end < 0:
                return data[:start], start
            head = data[:subset_start].rstrip() + b">"
            return head + data[end + 1 :], len(head)
        if text == b"<!--":
            close = data.find(b"-->", token.end())
            position = close + 3
        elif text == b"<?":
            close = data.find(b"?>", token.end())
            position = close + 2
        else:
            close = data.find(text, token.end())  # quoted entity value
            position = close + 1
        if close < 0:
            return data[:start], start


_CHAR_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,16}));?")


def _neutralise_reference(match: re.Match[bytes]) -> bytes:
    """U+FFFD for references feedparser cannot survive; the rest untouched.

    A lone surrogate (UnicodeEncodeError) or a code point beyond U+10FFFF
    (ValueError, OverflowError) makes feedparser raise. References to other
    characters XML forbids, such as &#x1b; and &#7;, are left alone: expat
    rejects them and the fallback parser decodes them, so clean_text sees a
    terminal sequence written as references whole, and removes it whole.
    """
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b"&#xFFFD;"
    return match.group()


# C0 controls that XML forbids and no ASCII-compatible encoding uses in a
# multibyte sequence: one stray \x0b would send the whole feed to feedparser's
# slower, sloppier fallback parser. ESC and BEL stay: ISO-2022-JP is made of
# escape sequences, and clean_text must see a terminal sequence whole (with
# its BEL terminator) to remove it whole rather than leave its payload.
_FORBIDDEN_CONTROLS = bytes(
    [*range(0x00, 0x07), 0x08, 0x0B, 0x0C, *range(0x0E, 0x1B), *range(0x1C, 0x20)]
)


def prepare_for_feedparser(data: bytes) -> bytes:
    """NULs and other forbidden controls out, DOCTYPE subsets out, impossible
    character references neutralised."""

    def rewrite(chunk: bytes) -> bytes:
        chunk = chunk.translate(None, _FORBIDDEN_CONTROLS)
        chunk = _strip_doctype_subsets(chunk)
        if b"&#" in chunk:
            chunk = _CHAR_REFERENCE.sub(_neutralise_reference, chunk)
        return chunk

    return _on_ascii_bytes(data, rewrite)


# --- Recognising what is not a feed ------------------------------------------

_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_HTML_ANYWHERE = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.I)
_SNIFF_BYTES = 4096


def _head_as_ascii(data: bytes) -> bytes:
    """The start of the document as ASCII-compatible bytes, for sniffing."""
    wide = wide_encoding(data)
    if wide is None:
        return data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    codec, bom = wide
    head = data[len(bom) : len(bom) + _SNIFF_BYTES * 4].decode(codec, errors="ignore")
    return head.encode("utf-8")


def not_a_feed_before_parsing(data: bytes) -> str | None:
    """Why these bytes are plainly not a feed (empty, JSON, HTML), or None."""
    head = _head_as_ascii(data).lstrip()
    if not head:
        return "empty response"
    if head[:1] in (b"{", b"["):
        return "not a feed: JSON"
    if _HTML_START.match(head):
        return "not a feed: an HTML page"
    return None


def looks_like_html(data: bytes) -> bool:
    """Whether an HTML tag shows in the start of the document."""
    return _HTML_ANYWHERE.search(_head_as_ascii(data)) is not None
