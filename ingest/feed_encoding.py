"""Feeds whose markup is not ASCII bytes (UTF-16, UTF-32, EBCDIC), made UTF-8.

The byte-level preparation in ingest.feed_bytes, and feedparser's own choice of
encoding, read markup as ASCII bytes. feedparser also believes an HTTP
charset first: a UTF-16 feed served as `charset=utf-8` whose text is all
ASCII decodes "successfully" as UTF-8 with a NUL after every character, and
the parse finds no feed. Such documents say what they are themselves, by a
byte-order mark or by how their first "<" is spelt, and then by their XML
declaration: they are decoded here as they say, and handed on as UTF-8 with
a declaration and a charset that say so.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
# XML without a BOM announces a wide encoding by how its first "<" and the
# character after it are spelt (a stray NUL in UTF-8 must not look like this).
_WIDE_STARTS = (
    (re.compile(rb"\x00\x00\x00<\x00\x00\x00[^\x00]"), "utf-32-be"),
    (re.compile(rb"<\x00\x00\x00[^\x00]\x00\x00\x00"), "utf-32-le"),
    (re.compile(rb"\x00<\x00[^\x00]"), "utf-16-be"),
    (re.compile(rb"<\x00[^\x00]\x00"), "utf-16-le"),
)
# "<?xml" in EBCDIC, which XML requires to name its code page.
_EBCDIC_DECLARATION = b"\x4c\x6f\xa7\x94\x93"
_EBCDIC_DEFAULT = "cp037"
_DECLARATION = re.compile(r"""\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1""")
_CHARSET = re.compile(r";\s*charset\s*=[^;]*", re.IGNORECASE)
# How far into the text the root element's "<" must be for the codec to be right.
_MARKUP_WITHIN = 4096


def wide_encoding(data: bytes) -> tuple[str, bytes] | None:
    """(codec, BOM) for UTF-16/32 input; None for ASCII-compatible bytes."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, bom
    for start, codec in _WIDE_STARTS:
        if start.match(data):
            return codec, b""
    return None


@dataclass(slots=True)
class Transcoded:
    """A document re-encoded as UTF-8, and what was wrong on the way."""

    data: bytes
    codec: str
    # Set when some bytes did not decode (they became U+FFFD).
    problem: str | None = None
    warnings: list[str] = field(default_factory=list)


def transcode(data: bytes, content_type: str | None) -> Transcoded | None:
    """The document as UTF-8 if its markup is not ASCII bytes; None if it is.

    content_type is the HTTP header, for a warning when its charset cannot
    be right. Never raises.
    """
    wide = wide_encoding(data)
    if wide is not None:
        codec, bom = wide
        payload = data[len(bom) :]
        if bom and not _wide_markup(payload, codec) and payload.lstrip()[:1] == b"<":
            # A BOM before ASCII markup lies: the rest is an ASCII-compatible document.
            return Transcoded(
                payload, "utf-8", warnings=[f"a {codec} byte-order mark before 8-bit text, ignored"]
            )
        result = _decoded(payload, codec)
    elif data.startswith(_EBCDIC_DECLARATION):
        named = _declared_encoding(data[:400].decode(_EBCDIC_DEFAULT, errors="replace"))
        codec = _known_codec(named or _EBCDIC_DEFAULT)
        if codec is None:
            return Transcoded(
                b"", str(named), problem=f"cannot decode the feed as {named!r}: no such encoding"
            )
        result = _decoded(data, codec)
    else:
        return None
    charset = _charset_of(content_type)
    if charset and _family(charset) != _family(result.codec):
        result.warnings.append(
            f"wrong encoding declared: the server said {charset}, the document is {result.codec}"
        )
    return result


def utf8_content_type(content_type: str) -> str:
    """content_type with its charset replaced by utf-8 (the document was transcoded)."""
    return _CHARSET.sub("", content_type).rstrip("; ") + "; charset=utf-8"


def _wide_markup(payload: bytes, codec: str) -> bool:
    text = payload[: _MARKUP_WITHIN * 4].decode(codec, errors="replace")
    return "<" in text


def _decoded(payload: bytes, codec: str) -> Transcoded:
    problem = None
    try:
        text = payload.decode(codec)
    except UnicodeDecodeError as exc:
        text = payload.decode(codec, errors="replace")
        problem = f"cannot decode the feed as {codec} (byte {exc.start}: {exc.reason})"
    if (named := _DECLARATION.match(text)) is not None:
        start, end = named.span(2)
        text = f"{text[:start]}utf-8{text[end:]}"
    return Transcoded(text.encode("utf-8", errors="replace"), codec, problem)


def _declared_encoding(head: str) -> str | None:
    named = _DECLARATION.match(head)
    return named.group(2).strip() if named else None


def _known_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _charset_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    found = re.search(r"charset\s*=\s*[\"']?([^\"';\s]+)", content_type, re.IGNORECASE)
    return found.group(1) if found else None


def _family(name: str) -> str:
    """utf-16 for utf-16-le, utf-16be, UTF16...; the codec's own name otherwise."""
    codec = _known_codec(name) or name.lower()
    for family in ("utf-16", "utf-32"):
        if codec.startswith(family):
            return family
    return codec
