"""What feedparser does to each value it keeps, for ingest.feed_plain.

feedparser's own helpers (dates, relative URIs, its encoding repairs, its
guess of HTML) are imported with the first parse, in a parser worker: the
process that only fetches never loads feedparser.
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from typing import Any

# Filled by load_feedparser() with the first parse.
fp = SimpleNamespace()


def load_feedparser() -> None:
    from feedparser.datetimes import _parse_date
    from feedparser.html import _cp1252
    from feedparser.mixin import _FeedParserMixin
    from feedparser.urls import _urljoin

    fp.parse_date = _parse_date
    fp.cp1252 = _cp1252
    fp.looks_like_html = _FeedParserMixin.looks_like_html
    fp.map_content_type = _FeedParserMixin.map_content_type
    fp.urljoin = _urljoin


class Decline(Exception):
    """The document is not one this module reads exactly as feedparser does."""


def finish(text: str | None) -> str:
    """What feedparser's pop() does to an element's text in a UTF-8 document."""
    output = (text or "").strip()
    if output.isascii():
        return output  # both repairs below leave ASCII as it is
    # feedparser undoes UTF-8 read as Latin-1 ("Ã©" becomes "é").
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        output = output.encode("iso-8859-1").decode("utf-8")
    return output.translate(fp.cp1252)


def leaf(element: ET.Element, allowed: tuple[str, ...] = ()) -> ET.Element:
    """The element, when it has no child and only the `allowed` attributes."""
    if len(element) or any(name not in allowed for name in element.attrib):
        raise Decline
    return element


def text_detail(kind: str, language: str | None, value: str) -> dict[str, Any]:
    return {"type": kind, "language": language, "base": "", "value": value}


def uri(text: str | None) -> str:
    return finish(fp.urljoin("", (text or "").strip()))


def guessed_detail(text: str | None, language: str | None) -> dict[str, Any]:
    """What feedparser keeps of RSS text it takes as content: HTML when it looks
    like HTML (judged before the encoding repairs), else plain text."""
    kind = "text/html" if fp.looks_like_html((text or "").strip()) else "text/plain"
    return text_detail(kind, language, finish(text))
