"""Find the feeds behind an address: a feed URL is checked, a web page searched.

Everything goes through ingest.fetch.Fetcher, so discovery is bounded like any
poll (one deadline per request, a size cap, redirects followed by hand, only
http(s)). A candidate counts as a feed only once it has been fetched and
parsed by the source kinds the poller uses (RSS, Atom, RDF, JSON Feed): a
`<link>` that points at a 404 or at another HTML page is reported, not offered.

Where feeds are looked for, in order: the page's `<link rel="alternate">`
elements with a feed type (relative hrefs resolved against the page's final
URL or its `<base href>`); when there are none, the paths sites usually
publish at (/feed, /rss.xml, ...) on the page's host.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from ingest.fetch import Fetcher, FetchResult
from ingest.kinds.registry import fetch_source, parse_any
from ingest.parse import ParsedFeed
from ingest.sanitize import clean_text, safe_link

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",  # JSON Feed's discovery type, with rel="alternate"
        "application/xml",
        "text/xml",
    }
)
USUAL_PATHS = ("/feed", "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml")
MAX_CANDIDATES = 12  # a page listing hundreds of <link>s must not cost hundreds of fetches
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class FoundFeed:
    url: str  # the address to subscribe to (a permanent redirect's target)
    title: str | None  # the feed's own title, sanitised by the parser
    items: int
    language: str | None = None
    link_title: str | None = None  # what the page's <link title=...> called it


@dataclass(slots=True)
class Discovery:
    url: str
    feeds: list[FoundFeed] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (candidate, why not)
    error: str | None = None  # set when no feed was found: the sentence to show

    @property
    def found(self) -> bool:
        return bool(self.feeds)


def _as_feed(result: FetchResult, link_title: str | None = None) -> FoundFeed | str:
    """The fetched document as a feed, or why it is not one."""
    if result.status != "ok" or result.body is None:
        return result.error or f"HTTP {result.http_status}"
    parsed: ParsedFeed = parse_any(
        "discover", result.body, headers=result.headers, url=result.final_url, now=datetime.now(UTC)
    )
    if parsed.error:
        return parsed.error
    return FoundFeed(
        url=result.permanent_url or result.url,
        title=parsed.feed_title,
        items=len(parsed.items),
        language=parsed.language,
        link_title=link_title,
    )


def _looks_like_html(result: FetchResult) -> bool:
    content_type = result.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in _HTML_TYPES:
        return True
    head = (result.body or b"")[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def feed_links(html: bytes, page_url: str) -> list[tuple[str, str | None]]:
    """(absolute URL, title) of each feed the page announces, in page order, once each."""
    tree = LexborHTMLParser(html)
    base = page_url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base = urljoin(page_url, (base_node.attributes.get("href") or "").strip())
    found: dict[str, str | None] = {}
    for node in tree.css("link[rel][href]"):
        attributes = node.attributes
        rel = (attributes.get("rel") or "").lower().split()
        kind = (attributes.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        # Page text is hostile: only http(s) links, and no escape sequence in a title.
        href = safe_link(urljoin(base, (attributes.get("href") or "").strip()).split("#")[0])
        if href is None or href in found:
            continue
        title = clean_text(attributes.get("title"), single_line=True)[:200] or None
        found[href] = title
        if len(found) >= MAX_CANDIDATES:
            break
    return list(found.items())


def _usual_candidates(page_url: str) -> list[tuple[str, str | None]]:
    parts = urlsplit(page_url)
    root = f"{parts.scheme}://{parts.netloc}"
    return [(root + path, None) for path in USUAL_PATHS]


async def discover(url: str, fetcher: Fetcher) -> Discovery:
    """What feeds `url` is or announces. Never raises for what the network does."""
    discovery = Discovery(url=url)
    first = await fetch_source(fetcher, url)
    if first.status != "ok" or first.body is None:
        discovery.error = f"could not fetch {url}: {first.error or first.http_status}"
        return discovery
    as_feed = _as_feed(first)
    if isinstance(as_feed, FoundFeed):
        discovery.feeds.append(as_feed)
        return discovery
    if not _looks_like_html(first):
        content_type = clean_text(
            first.headers.get("content-type", "no content type").split(";")[0], single_line=True
        )
        discovery.error = (
            f"{url} is neither a feed nor a web page ({content_type.strip()[:60]}): {as_feed}"
        )
        return discovery
    page_url = first.final_url
    candidates = feed_links(first.body, page_url)
    announced = bool(candidates)
    if not candidates:
        candidates = [c for c in _usual_candidates(page_url) if c[0] != page_url]
    results = await asyncio.gather(*(fetch_source(fetcher, c) for c, _ in candidates))
    seen: set[str] = set()
    for (candidate, title), result in zip(candidates, results, strict=True):
        outcome = _as_feed(result, title)
        if isinstance(outcome, FoundFeed):
            if outcome.url not in seen:
                seen.add(outcome.url)
                discovery.feeds.append(outcome)
        elif announced:
            discovery.rejected.append((candidate, outcome))
    if not discovery.feeds:
        if announced:
            reasons = "; ".join(f"{c}: {why}" for c, why in discovery.rejected)
            discovery.error = f"the feeds {page_url} announces could not be read ({reasons})"
        else:
            tried = ", ".join(USUAL_PATHS)
            discovery.error = (
                f"no feed found on {page_url}: it announces none "
                f'(<link rel="alternate">) and none answers at {tried}'
            )
    return discovery
