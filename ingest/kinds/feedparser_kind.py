"""RSS 0.9x/1.0 (RDF)/2.0 and Atom: feedparser, through ingest.parse.parse_feed.

All the defences against hostile XML (DOCTYPE subsets, impossible character
references, UTF-16/32 and EBCDIC, caps) live in ingest.parse; this kind only
says which bytes are its own.
"""

from __future__ import annotations

from datetime import datetime

from ingest.kinds.base import SourceKind, sniff_head
from ingest.parsed import ParsedFeed


class FeedparserKind(SourceKind):
    """The last kind in the table: it takes whatever no other kind claimed."""

    name = "feedparser"
    label = "RSS, Atom or RDF"
    skips_known = True

    def detect(self, data: bytes, content_type: str | None) -> bool:
        # Any bytes at all: feedparser's lenient parser reads XML in encodings
        # that a sniff of the first bytes cannot tell (EBCDIC has no "<" byte)
        # and recovers feeds behind junk (a PHP notice before the declaration),
        # and parse_feed says itself, clearly, what is an HTML page or noise.
        # Only a blank body is left unclaimed: the registry calls it empty.
        return bool(sniff_head(data))

    def parse(
        self,
        feed_id: str,
        data: bytes,
        *,
        headers: dict[str, str],
        url: str,
        now: datetime,
        known: frozenset[str] = frozenset(),
    ) -> ParsedFeed:
        # Imported by the first parse, in a parser worker: the fetching process
        # loads the kinds but parses nothing.
        from ingest.feedparser_parse import parse_feed

        return parse_feed(feed_id, data, headers=headers, url=url, now=now, known=known)
