"""Group commit: the first batch after a quiet spell is written at once (the
first new articles of a poll are not held back), the batches that follow it
are written as one, and the last batch of a pass is not held back waiting for
batches that will not come.

Feeds are served by a real HTTP server on 127.0.0.1 (pytest-httpserver).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from pytest_httpserver import HTTPServer

from ingest.config import parse_config
from ingest.fetch import Fetcher
from ingest.parse import ParserPool
from ingest.poller import Poller
from storage.records import Article, NewArticle
from storage.service import StoreService
from storage.store import ArticleStore

# Longer than any test may take: a write that waited for it would time the test out.
FOREVER = 600.0
PATIENCE = 20.0


class CountingStore(ArticleStore):
    """An ArticleStore that records the size of every batch written."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.writes: list[int] = []

    def add(self, batch: Sequence[NewArticle], *, now: datetime | None = None) -> list[Article]:
        self.writes.append(len(batch))
        return super().add(batch, now=now)


def item(feed: str, guid: str) -> NewArticle:
    return NewArticle(
        feed_id=feed,
        guid=guid,
        title=f"Title {guid}",
        link=f"https://example.org/{guid}",
        published=datetime(2025, 7, 1, tzinfo=UTC),
        body="Body.",
    )


def opened(data_dir: Path) -> CountingStore:
    store = CountingStore(data_dir)
    store.open()
    return store


async def test_the_first_batch_after_a_quiet_spell_is_written_at_once(data_dir: Path) -> None:
    store = opened(data_dir)
    service = StoreService(store, linger=FOREVER)
    try:
        added = await asyncio.wait_for(service.add([item("a", "1"), item("a", "2")]), PATIENCE)
        assert [a.title for a in added] == ["Title 1", "Title 2"]
        assert store.writes == [2]
    finally:
        service.close()


async def test_batches_after_a_write_are_gathered_until_one_says_nothing_more_is_coming(
    data_dir: Path,
) -> None:
    store = opened(data_dir)
    service = StoreService(store, linger=FOREVER)
    try:
        await asyncio.wait_for(service.add([item("a", "0")]), PATIENCE)
        first = asyncio.ensure_future(service.add([item("a", "1"), item("a", "2")]))
        second = asyncio.ensure_future(service.add([item("b", "3")]))
        await asyncio.sleep(0.2)
        assert not first.done() and not second.done() and store.writes == [1]
        last = await asyncio.wait_for(service.add([item("c", "4")], gather=False), PATIENCE)
        assert [a.title for a in last] == ["Title 4"]
        assert [a.title for a in await first] == ["Title 1", "Title 2"]
        assert [a.title for a in await second] == ["Title 3"]
        assert store.writes == [1, 4]  # one write for the three batches after the first
    finally:
        service.close()


async def test_a_quiet_spell_ends_the_gathering(data_dir: Path) -> None:
    store = opened(data_dir)
    service = StoreService(store, linger=1.0)
    try:
        await asyncio.wait_for(service.add([item("a", "1")]), PATIENCE)
        await asyncio.sleep(1.1)  # longer than the linger: the burst is over
        # Not gathered: written well before a linger would have ended.
        added = await asyncio.wait_for(service.add([item("a", "2")]), 0.9)
        assert [a.title for a in added] == ["Title 2"]
        assert store.writes == [1, 1]
    finally:
        service.close()


async def test_a_batch_that_says_so_first_is_written_without_gathering(
    data_dir: Path,
) -> None:
    store = opened(data_dir)
    service = StoreService(store, linger=FOREVER)
    try:
        added = await asyncio.wait_for(service.add([item("a", "1")], gather=False), PATIENCE)
        assert [a.title for a in added] == ["Title 1"]
        # The next batch is gathered again.
        later = asyncio.ensure_future(service.add([item("a", "2")]))
        await asyncio.sleep(0.2)
        assert not later.done() and store.writes == [1]
        later.cancel()
    finally:
        service.close()


def rss(guids: list[str]) -> bytes:
    items = "".join(
        f"<item><guid>{g}</guid><title>Item {g}</title><link>https://example.org/{g}</link>"
        f"<description>Body {g}</description></item>"
        for g in guids
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Lab</title>'
        f"<link>https://example.org/</link>{items}</channel></rss>"
    ).encode()


async def test_a_pass_ends_once_every_feed_waits_for_the_store(
    httpserver: HTTPServer, data_dir: Path
) -> None:
    names = ["one", "two", "three"]
    for name in names:
        httpserver.expect_request(f"/{name}.xml").respond_with_data(
            rss([f"{name}-1", f"{name}-2"]), content_type="application/rss+xml"
        )
    blocks = "".join(
        f'\n[[sources]]\nname = "{n}"\nurl = "{httpserver.url_for(f"/{n}.xml")}"\n' for n in names
    )
    sources = parse_config(f"[settings]\n{blocks}".encode()).sources
    store = opened(data_dir)
    # A linger no pass could wait out: the pass ends only if the last poll asks
    # for its batch to be written now.
    service = StoreService(store, linger=FOREVER)
    fetcher = Fetcher(deadline=5.0)
    parser = ParserPool(workers=0)
    try:
        poller = Poller(service, fetcher, parser)
        outcomes = await asyncio.wait_for(poller.poll_many(sources), PATIENCE)
        assert [len(o.new_articles) for o in outcomes] == [2, 2, 2]
        assert len(store) == 6
        # Polled together, the feeds' batches went out in at most two writes:
        # the first batch at once, the rest gathered (how many came before the
        # first write began is up to timing: all three make one write).
        assert len(store.writes) <= 2 and sum(store.writes) == 6
    finally:
        await fetcher.aclose()
        await parser.aclose()
        service.close()
