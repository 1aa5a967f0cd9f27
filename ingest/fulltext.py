"""Whole articles: fetch an article's page and keep its main text.

Many feeds carry two lines of summary; the watchlist and the reader then see
only those. For a source with `full_text = true` (or one article on demand),
the article's page is fetched with the feed fetcher (the same deadline, size
cap, redirect rules and per-host limit) and its main text extracted with
trafilatura, which separates an article from navigation, comments and
boilerplate better than anything simpler and needs no network of its own.

A page is fetched once: its text, or why it failed, is cached by URL in the
data directory (storage.fulltext_cache). A failed page keeps the feed's
summary; it is tried again later, a few times at most.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ingest.fetch import Fetcher, FetchResult
from ingest.sanitize import clean_text, safe_link
from storage.fulltext_cache import FullTextCache
from storage.records import Article
from storage.service import StoreService

PAGES_PER_POLL = 10  # per source with full_text, each poll
# Articles first seen this recently are completed by the polls; older ones only
# on request: turning full_text on must not crawl a site's whole archive.
BACKLOG = timedelta(days=14)
MAX_TEXT_CHARS = 200_000  # a book-length page is not an article
# Less than this is a menu or a cookie notice found on a page with no article,
# not something worth showing in place of the feed's summary.
MIN_TEXT_CHARS = 200
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class FullText:
    article_id: str
    url: str
    text: str | None  # None: keep the summary; `error` says why
    error: str | None = None
    fetched: bool = False  # False: answered from the cache, no request made


def extract_text(html: bytes, url: str) -> str | None:
    """The page's main text as plain paragraphs, sanitised; None when there is none."""
    import trafilatura  # close to a second to import: only once a page needs it

    text = trafilatura.extract(
        html,
        url=url,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        with_metadata=False,
    )
    if not text:
        return None
    # One paragraph a line in trafilatura's text; the reader separates them by a blank line.
    paragraphs = [line.strip() for line in clean_text(text).split("\n") if line.strip()]
    text = "\n\n".join(paragraphs)[:MAX_TEXT_CHARS].strip()
    return text if len(text) >= MIN_TEXT_CHARS else None


def _is_html(result: FetchResult) -> bool:
    kind = result.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind:
        return kind in _HTML_TYPES
    head = (result.body or b"")[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _settle(cache: FullTextCache, article_id: str, url: str, result: FetchResult) -> FullText:
    """Extract and cache (blocking: runs in a thread)."""
    if result.status != "ok" or result.body is None:
        error = result.error or f"HTTP {result.http_status}"
    elif not _is_html(result):
        kind = clean_text(
            result.headers.get("content-type", "no content type").split(";")[0], single_line=True
        )
        error = f"not a web page ({kind[:60]})"
    else:
        try:
            text = extract_text(result.body, result.final_url)
        except Exception as exc:  # noqa: BLE001 - a hostile page must not stop a poll
            text, error = None, f"could not extract the text: {type(exc).__name__}"
        else:
            error = None if text else "no article text found on the page"
        if text:
            cache.put_text(url, text)
            return FullText(article_id, url, text, fetched=True)
    cache.put_failure(url, error)
    return FullText(article_id, url, None, error, fetched=True)


def _from_cache(
    cache: FullTextCache, article_id: str, url: str, now: datetime, retry_failed: bool
) -> FullText | None:
    """The cached answer, or None when the page should be fetched."""
    cached = cache.get(url)
    if cached is None or cached.worth_retrying(now) or (retry_failed and cached.text is None):
        return None
    return FullText(article_id, url, cached.text, cached.error)


async def fetch_full_texts(
    wanted: Sequence[tuple[str, str | None]],
    fetcher: Fetcher,
    cache: FullTextCache,
    *,
    limit: int = PAGES_PER_POLL,
    now: datetime | None = None,
    retry_failed: bool = False,
) -> list[FullText]:
    """Texts for (article id, link) pairs: cached ones, and at most `limit` fetches.

    Pages beyond `limit` are left for the next call (they are not in the
    result). Fetches run together; the fetcher's per-host limit keeps a site
    from seeing more than its share at once. `retry_failed`: a page that
    failed before is fetched again now (the reader's key asks explicitly);
    a page extracted before never is.
    """
    now = now or datetime.now(UTC)
    answers: dict[int, FullText] = {}  # by position in `wanted`, which the result keeps
    to_fetch: list[tuple[int, str, str]] = []
    for position, (article_id, link) in enumerate(wanted):
        url = safe_link(link)
        if url is None:
            answers[position] = FullText(article_id, link or "", None, "no http(s) link to fetch")
            continue
        cached = await asyncio.to_thread(_from_cache, cache, article_id, url, now, retry_failed)
        if cached is not None:
            answers[position] = cached
        elif len(to_fetch) < limit:
            to_fetch.append((position, article_id, url))
        else:
            break  # the rest waits for the next call: no need to look at it now
    fetched = await asyncio.gather(*(fetcher.fetch(url) for _, _, url in to_fetch))
    for (position, article_id, url), result in zip(to_fetch, fetched, strict=True):
        answers[position] = await asyncio.to_thread(_settle, cache, article_id, url, result)
    return [answers[position] for position in sorted(answers)]


async def store_full_texts(
    service: StoreService,
    fetcher: Fetcher,
    cache: FullTextCache,
    articles: Sequence[Article],
    *,
    limit: int = PAGES_PER_POLL,
    retry_failed: bool = False,
) -> list[FullText]:
    """Fetch and store the whole text of articles that lack it; durable on return.

    The caller re-enriches the ids whose `text` is set (the watchlist should
    see the whole article) and may show the `error` of the others.
    """
    store = service.store
    missing = await service.call(lambda: [a for a in articles if not store.has_full_text(a.id)])
    pairs = [(a.id, a.link) for a in missing]
    results = await fetch_full_texts(pairs, fetcher, cache, limit=limit, retry_failed=retry_failed)
    texts = {r.article_id: r.text for r in results if r.text}
    if texts:
        await service.call(store.set_full_texts, texts)
    return results


async def fetch_for_sources(
    service: StoreService,
    fetcher: Fetcher,
    cache: FullTextCache,
    feed_ids: Iterable[str],
    *,
    limit: int = PAGES_PER_POLL,
) -> list[FullText]:
    """One poll's whole-article work for the sources with `full_text = true`.

    Each source's newest articles that lack their whole text, at most `limit`
    page fetches per source (what is left waits for the next poll); sources
    run together, the fetcher's per-host limit spacing each site's requests.
    Re-enrich the ids whose `text` is set.
    """
    wanted = set(feed_ids)
    if not wanted:
        return []
    store = service.store

    since = datetime.now(UTC) - BACKLOG

    def backlog() -> dict[str, list[Article]]:
        by_feed: dict[str, list[Article]] = {feed: [] for feed in wanted}
        for article in store.articles():
            if (
                article.feed_id in wanted
                and article.link
                and article.first_seen >= since
                and not store.has_full_text(article.id)
            ):
                by_feed[article.feed_id].append(article)
        return by_feed

    by_feed = await service.call(backlog)
    newest_first = [
        sorted(articles, key=lambda a: a.sort_time, reverse=True) for articles in by_feed.values()
    ]
    done = await asyncio.gather(
        *(store_full_texts(service, fetcher, cache, group, limit=limit) for group in newest_first)
    )
    return [result for results in done for result in results]
