"""Feed bytes to records: the public entry to parsing.

Everything a feed says is hostile; each step has a module of its own:

- ingest.feed_bytes: the bytes made safe before feedparser sees them (DOCTYPE
  subsets, impossible character references, forbidden controls) and what is
  plainly not a feed refused.
- ingest.feed_encoding: UTF-16/32, EBCDIC and lying charsets transcoded.
- ingest.feedparser_parse: `parse_feed`, feedparser run on the prepared bytes.
- ingest.feed_entries: feedparser's entries to records (titles, dates, bodies,
  links), every string cleaned and every link made safe.
- ingest.parsed: `ParsedFeed` and the caps every source kind applies.
- ingest.parser_pool: `ParserPool`, parses in worker processes, killed when
  they run too long.
"""

from __future__ import annotations

from ingest.feed_bytes import strip_internal_doctype
from ingest.feed_entries import fallback_title, normalise_language
from ingest.feedparser_parse import parse_feed
from ingest.parsed import (
    DERIVED_TITLE_MARK,
    FALLBACK_TITLE_CHARS,
    FUTURE_TOLERANCE,
    MAX_AUTHOR_CHARS,
    MAX_BODY_CHARS,
    MAX_GUID_CHARS,
    MAX_HTML_CHARS,
    MAX_ITEMS,
    MAX_LINK_CHARS,
    MAX_TITLE_CHARS,
    OLDEST_PLAUSIBLE,
    ParsedFeed,
)
from ingest.parser_pool import DEFAULT_TIMEOUT, ParserPool, ParseTarget

__all__ = [
    "DEFAULT_TIMEOUT",
    "DERIVED_TITLE_MARK",
    "FALLBACK_TITLE_CHARS",
    "FUTURE_TOLERANCE",
    "MAX_AUTHOR_CHARS",
    "MAX_BODY_CHARS",
    "MAX_GUID_CHARS",
    "MAX_HTML_CHARS",
    "MAX_ITEMS",
    "MAX_LINK_CHARS",
    "MAX_TITLE_CHARS",
    "OLDEST_PLAUSIBLE",
    "ParseTarget",
    "ParsedFeed",
    "ParserPool",
    "fallback_title",
    "normalise_language",
    "parse_feed",
    "strip_internal_doctype",
]
