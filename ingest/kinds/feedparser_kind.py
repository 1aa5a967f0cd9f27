"""RSS 0.9x/1.0 (RDF)/2.0 and Atom: feedparser, through ingest.parse.parse_feed.

All the defences against hostile XML (DOCTYPE subsets, impossible character
references, wide encodings, caps) live in ingest.parse; this kind only says
which bytes are its own.
"""

from __future__ import annotations

from datetime import datetime

from ingest.kinds.base import SourceKind
from ingest.parse import ParsedFeed, parse_feed

# Media types that announce XML; the bytes still decide (servers often lie).
_XML_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)


class FeedparserKind(SourceKind):
    name = "feedparser"
    label = "RSS, Atom or RDF"

    def detect(self, data: bytes, content_type: str | None) -> bool:
        # Any "<" at all, not only a leading one: feedparser's lenient parser
        # recovers feeds behind junk (a PHP notice before the XML declaration),
        # and parse_feed gives its own clear answer to an HTML page or to noise.
        # One memchr over the body; UTF-16/32 "<" holds the byte too.
        return content_type in _XML_TYPES or b"<" in data

    def parse(
        self, feed_id: str, data: bytes, *, headers: dict[str, str], url: str, now: datetime
    ) -> ParsedFeed:
        return parse_feed(feed_id, data, headers=headers, url=url, now=now)
