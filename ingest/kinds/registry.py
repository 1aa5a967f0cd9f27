"""The source kinds aiwire reads, in the order they are asked.

A new kind is one module in ingest/kinds/ (a SourceKind subclass) and one
entry in KINDS. The poller fetches through `fetch_source` (a kind may fetch in
its own way) and the parser workers run `parse_any`, which hands the bytes to
the first kind whose `detect` claims them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ingest.kinds.base import FeedFetcher, SourceKind, header, media_type, sniff_head
from ingest.kinds.feedparser_kind import FeedparserKind
from ingest.kinds.jsonfeed import JSONFeedKind
from ingest.parsed import ParsedFeed

if TYPE_CHECKING:
    from ingest.fetch import FetchResult

# Order matters: the first kind to claim the bytes parses them. A new kind
# goes before feedparser, which takes whatever is left and says itself what
# is not a feed.
KINDS: tuple[SourceKind, ...] = (
    JSONFeedKind(),
    FeedparserKind(),
)


def kind_for(
    data: bytes, content_type: str | None, kinds: Sequence[SourceKind] = KINDS
) -> SourceKind | None:
    """The kind that parses these bytes, or None when no kind claims them."""
    declared = media_type(content_type)
    for kind in kinds:
        if kind.detect(data, declared):
            return kind
    return None


def parse_any(
    feed_id: str,
    data: bytes,
    *,
    headers: dict[str, str],
    url: str,
    now: datetime,
    known: frozenset[str] = frozenset(),
    kinds: Sequence[SourceKind] = KINDS,
) -> ParsedFeed:
    """Parse fetched bytes with the kind that claims them. Never raises.

    What ingest.parse.ParserPool runs in its workers (the signature is
    parse_feed's); the arguments are as SourceKind.parse takes them. Entries
    whose article id is in `known` (stored already) are left out of the
    items and listed in `skipped`.
    """
    try:
        kind = kind_for(data, header(headers, "content-type"), kinds)
        if kind is None:
            return ParsedFeed.failed("not a feed" if sniff_head(data) else "empty response")
        if not known:
            return kind.parse(feed_id, data, headers=headers, url=url, now=now)
        if kind.skips_known:
            return kind.parse(feed_id, data, headers=headers, url=url, now=now, known=known)
        parsed = kind.parse(feed_id, data, headers=headers, url=url, now=now)
        kept = [item for item in parsed.items if item.id not in known]
        parsed.skipped += [item.id for item in parsed.items if item.id in known]
        parsed.items = kept
        return parsed
    except Exception as exc:  # one kind's bug must not kill a worker
        return ParsedFeed.failed(f"could not parse: {type(exc).__name__}")


def fetching_kind(url: str, kinds: Sequence[SourceKind] = KINDS) -> SourceKind | None:
    """The kind that fetches `url` in its own way, or None for a plain GET."""
    for kind in kinds:
        if kind.fetches(url):
            return kind
    return None


async def fetch_source(
    fetcher: FeedFetcher,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    kinds: Sequence[SourceKind] = KINDS,
) -> FetchResult:
    """Fetch one source: through its kind's own `fetch` if one claims the URL,
    else one conditional GET through `fetcher`."""
    kind = fetching_kind(url, kinds)
    if kind is None:
        return await fetcher.fetch(url, etag=etag, last_modified=last_modified)
    return await kind.fetch(fetcher, url, etag=etag, last_modified=last_modified)
