"""What a source kind is: a way to recognise, fetch and read one format of feed.

A kind turns fetched bytes into the same records as every other kind
(storage.records.NewArticle inside an ingest.parse.ParsedFeed), so nothing
after parsing knows which kind a feed was. `parse` runs in a parser worker
process: it must be pure, never raise, and cap what it keeps with the limits
in ingest.parse.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Protocol

from ingest.feed_encoding import wide_encoding

if TYPE_CHECKING:
    from ingest.fetch import FetchResult
    from ingest.parse import ParsedFeed


class FeedFetcher(Protocol):
    """What fetching needs: ingest.fetch.Fetcher, or one on its own thread."""

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult: ...


class SourceKind(ABC):
    """One format of source. Subclasses set `name` and `label` and implement
    `detect` and `parse`; one entry in ingest.kinds.registry.KINDS enables them."""

    name: ClassVar[str]  # short and stable, for logs and tests: "jsonfeed"
    label: ClassVar[str]  # what a person reads: "JSON Feed"
    # Whether `parse` takes `known`, the ids of articles stored already, and
    # leaves those entries out before converting their HTML. A kind that does
    # not gets its stored entries dropped after parsing (registry.parse_any).
    skips_known: ClassVar[bool] = False

    @abstractmethod
    def detect(self, data: bytes, content_type: str | None) -> bool:
        """Whether these bytes are this kind's to parse.

        Cheap: look at the first bytes and the media type (lower case, without
        parameters, None when the server sent none), never parse the whole
        document. Kinds are asked in the registry's order; the first to say yes
        parses, so a kind may claim what it would then refuse with a clear error.
        """

    @abstractmethod
    def parse(
        self, feed_id: str, data: bytes, *, headers: dict[str, str], url: str, now: datetime
    ) -> ParsedFeed:
        """The records in `data`, or a ParsedFeed with `error` saying why none.

        headers are the HTTP response headers (any case); `url` is where the
        bytes came from (relative links resolve against the feed's own site
        link, else it); dates after `now` (beyond a small tolerance) are lies.
        """

    # --- Fetching: the generic bounded fetcher unless a kind needs its own way ---

    def fetches(self, url: str) -> bool:
        """Whether this kind fetches `url` itself instead of a plain GET.

        The poller asks every kind before fetching (ingest.kinds.registry.
        fetch_source). A kind that needs more than one GET of the configured
        URL (an API with paging, a token, a different endpoint) says yes for
        the URLs it serves and overrides `fetch`. The bytes it returns are
        then parsed like any others: it marks them so that its own `detect`
        claims them (a Content-Type of its own in the result's headers).
        """
        return False

    async def fetch(
        self,
        fetcher: FeedFetcher,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """Fetch `url` for this kind. By default one conditional GET through
        `fetcher`, which bounds time and size; an override should use it too."""
        return await fetcher.fetch(url, etag=etag, last_modified=last_modified)


# --- Sniffing helpers shared by the kinds -------------------------------------

_SNIFF_BYTES = 1024


def sniff_head(data: bytes) -> bytes:
    """The first non-blank bytes of a document, ASCII-compatible, BOM removed."""
    wide = wide_encoding(data)
    if wide is not None:
        codec, bom = wide
        text = data[len(bom) : len(bom) + 4 * _SNIFF_BYTES].decode(codec, errors="ignore")
        return text.lstrip().encode("utf-8")[:_SNIFF_BYTES]
    return data[: 4 * _SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip()[:_SNIFF_BYTES]


def media_type(content_type: str | None) -> str | None:
    """ "application/feed+json" from "Application/Feed+JSON; charset=utf-8"."""
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def header(headers: dict[str, str], name: str) -> str | None:
    """A response header by name, whatever case the server spelt it in."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None
