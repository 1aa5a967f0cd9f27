"""A feed whose server ignores validators and sends the same bytes again.

Many servers send an ETag but never answer 304. The poller keeps a digest of
the last body it parsed: identical bytes are neither parsed nor stored, and
the data dir is not touched; different bytes are parsed as usual.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ingest.config import parse_config
from ingest.fetch import Fetcher
from ingest.parse import ParserPool
from ingest.poller import Poller
from storage.service import StoreService
from storage.store import ArticleStore
from tests.test_polling import config_for, rss


class IgnoresValidators:
    """Always 200 with the current body, whatever the request's validators say."""

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.validators: list[str | None] = []

    def __call__(self, request: Request) -> Response:
        self.validators.append(request.headers.get("If-None-Match"))
        return Response(self.body, headers={"ETag": '"fixed"', "Content-Type": "application/xml"})


class CountingParser(ParserPool):
    """The real parser, counting the bodies it is given."""

    calls = 0

    async def parse(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return await super().parse(*args, **kwargs)


def files_under(root: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*") if p.is_file()}


@pytest.fixture
async def parts(data_dir: Path):  # type: ignore[no-untyped-def]
    store = ArticleStore(data_dir)
    store.open()
    service = StoreService(store)
    fetcher = Fetcher(deadline=5.0)
    parser = CountingParser(workers=0)
    yield service, fetcher, parser
    await fetcher.aclose()
    await parser.aclose()
    service.close()


async def test_the_same_bytes_again_are_not_parsed_and_write_nothing(
    httpserver: HTTPServer, parts: Any, data_dir: Path
) -> None:
    service, fetcher, parser = parts
    feed = IgnoresValidators(rss([("a", "First"), ("b", "Second")]))
    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    [source] = parse_config(config_for(("Lab", httpserver.url_for("/feed.xml"))).encode()).sources
    poller = Poller(service, fetcher, parser)

    first = await poller.poll(source)
    assert first.status == "new" and len(first.new_articles) == 2
    await service.flush_state()
    files = files_under(data_dir)

    second = await poller.poll(source, force=True)
    assert feed.validators[-1] == '"fixed"'  # it was asked conditionally and ignored it
    assert second.status == "unchanged" and not second.new_articles
    assert parser.calls == 1
    await service.flush_state()
    assert files_under(data_dir) == files


async def test_changed_bytes_are_parsed_and_their_new_items_stored(
    httpserver: HTTPServer, parts: Any
) -> None:
    service, fetcher, parser = parts
    feed = IgnoresValidators(rss([("a", "First")]))
    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    [source] = parse_config(config_for(("Lab", httpserver.url_for("/feed.xml"))).encode()).sources
    poller = Poller(service, fetcher, parser)
    await poller.poll(source)

    feed.body = rss([("b", "Second"), ("a", "First")])
    outcome = await poller.poll(source, force=True)
    assert parser.calls == 2
    assert [a.title for a in outcome.new_articles] == ["Second"]
    # And the new bytes are the ones remembered now.
    again = await poller.poll(source, force=True)
    assert again.status == "unchanged" and parser.calls == 2


async def test_what_enriches_new_items_is_started_only_for_a_body_to_parse(
    httpserver: HTTPServer, parts: Any
) -> None:
    service, fetcher, parser = parts
    feed = IgnoresValidators(rss([("a", "First")]))
    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    [source] = parse_config(config_for(("Lab", httpserver.url_for("/feed.xml"))).encode()).sources
    started: list[tuple[int, int]] = []
    poller = Poller(
        service,
        fetcher,
        parser,
        parsing=lambda: started.append((len(feed.validators), parser.calls)),
    )
    await poller.poll(source)
    # A feed never read: before it is even fetched, so all three run at once.
    assert started == [(0, 0)]
    feed.body = rss([("a", "First"), ("b", "Second")])
    await poller.poll(source, force=True)  # new bytes: started before their parse
    assert started == [(0, 0), (2, 1)]
    await poller.poll(source, force=True)  # the same bytes: nothing to parse
    assert started == [(0, 0), (2, 1)]


async def test_the_digest_survives_a_restart(
    httpserver: HTTPServer, parts: Any, data_dir: Path
) -> None:
    service, fetcher, parser = parts
    feed = IgnoresValidators(rss([("a", "First")]))
    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    [source] = parse_config(config_for(("Lab", httpserver.url_for("/feed.xml"))).encode()).sources
    await Poller(service, fetcher, parser).poll(source)
    await service.flush_state()

    reopened = ArticleStore(data_dir, want_writer=False)
    reopened.open()
    states = reopened.feed_states()
    assert states[source.id].body_hash
    later = Poller(service, fetcher, parser, feed_states=states)
    outcome = await later.poll(source, force=True)
    assert outcome.status == "unchanged" and parser.calls == 1


async def test_a_feed_that_failed_to_parse_is_parsed_again(
    httpserver: HTTPServer, parts: Any
) -> None:
    service, fetcher, parser = parts
    feed = IgnoresValidators(b"<html><body>not a feed</body></html>")
    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    [source] = parse_config(config_for(("Lab", httpserver.url_for("/feed.xml"))).encode()).sources
    poller = Poller(service, fetcher, parser)
    assert (await poller.poll(source)).status == "error"
    assert (await poller.poll(source, force=True)).status == "error"
    assert parser.calls == 2
