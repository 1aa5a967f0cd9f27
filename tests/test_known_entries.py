"""Entries stored already: the parser is told their ids and leaves them out.

A poll of a feed that added five entries converts those five, not the fifty
it lists; what is stored comes out the same as when every entry is parsed.
Feeds are served by a real HTTP server on 127.0.0.1 (pytest-httpserver).
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ingest import feed_entries
from ingest.config import parse_config
from ingest.fetch import Fetcher
from ingest.kinds.registry import parse_any
from ingest.parse import ParsedFeed, ParserPool, parse_feed
from ingest.poller import Poller
from storage.service import StoreService
from storage.store import ArticleStore

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
URL = "https://news.example/feeds/ai.xml"


def rss(*items: str, bozo: bool = False) -> bytes:
    tail = "" if bozo else "</channel></rss>"
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>AI News</title>'
        f"<link>https://news.example/</link>{''.join(items)}{tail}"
    ).encode()


def item(guid: str | None = None, link: str | None = None, title: str = "", body: str = "") -> str:
    parts = [f"<guid>{guid}</guid>" if guid else "", f"<link>{link}</link>" if link else ""]
    parts.append(f"<title>{title}</title>" if title else "")
    parts.append(f"<description><![CDATA[{body}]]></description>" if body else "")
    parts.append("<pubDate>Sat, 01 Jun 2024 10:00:00 +0000</pubDate>")
    return f"<item>{''.join(parts)}</item>"


ITEMS = (
    item(guid="g1", title="By guid", body="<p>One <a href='/a'>link</a></p>"),
    item(link="https://news.example/2", title="By link", body="<p>Two</p>"),
    item(title="By title and date", body="<p>Three</p>"),
    item(body="<p>Only a body, whose first words make the title</p>"),
    item(guid="g5", title="Kept", body="<p>Five &amp; more</p>"),
)


def parsed(data: bytes, known: frozenset[str] = frozenset()) -> ParsedFeed:
    return parse_feed("feed", data, headers={}, url=URL, now=NOW, known=known)


def test_known_entries_are_left_out_and_the_rest_are_parsed_as_before() -> None:
    data = rss(*ITEMS)
    whole = parsed(data)
    assert len(whole.items) == 5 and whole.skipped == []
    # Every way an entry is recognised: guid, link, title and date, a title
    # made from the body.
    for left_out in ([0], [1], [2], [3], [0, 1, 2, 3]):
        known = frozenset(whole.items[i].id for i in left_out)
        part = parsed(data, known)
        assert part.items == [a for i, a in enumerate(whole.items) if i not in left_out]
        assert part.skipped == [whole.items[i].id for i in left_out]
        assert (part.feed_title, part.feed_link, part.warnings) == (
            whole.feed_title,
            whole.feed_link,
            whole.warnings,
        )


def test_a_known_entry_s_html_is_never_converted(monkeypatch: Any) -> None:
    data = rss(*ITEMS)
    whole = parsed(data)
    converted: list[str] = []
    real = feed_entries.html_to_text

    def counting(html: str, base: str | None) -> tuple[str, list[str]]:
        converted.append(html)
        return real(html, base)

    monkeypatch.setattr(feed_entries, "html_to_text", counting)
    # The entries recognised without their body: all but the titleless one.
    known = frozenset(a.id for a in whole.items if a.title != whole.items[3].title)
    part = parsed(data, known)
    assert [a.title for a in part.items] == [whole.items[3].title]
    assert converted == ["<p>Only a body, whose first words make the title</p>"]


def test_a_broken_feed_s_warning_counts_the_known_entries_too() -> None:
    data = rss(*ITEMS, bozo=True)
    whole = parsed(data)
    part = parsed(data, frozenset(a.id for a in whole.items[:2]))
    assert whole.warnings and part.warnings == whole.warnings
    assert "5 items recovered" in whole.warnings[0]


def test_a_kind_that_cannot_skip_has_its_known_entries_dropped_after_parsing() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Lab",
        "items": [
            {"id": "1", "title": "One", "content_html": "<p>One</p>"},
            {"id": "2", "title": "Two", "content_html": "<p>Two</p>"},
        ],
    }
    data = json.dumps(document).encode()
    whole = parse_any("lab", data, headers={}, url=URL, now=NOW)
    part = parse_any(
        "lab", data, headers={}, url=URL, now=NOW, known=frozenset([whole.items[0].id])
    )
    assert part.items == whole.items[1:] and part.skipped == [whole.items[0].id]


class RecordingParser(ParserPool):
    """The real parser (in a thread), recording the known ids each parse is given."""

    def __init__(self) -> None:
        super().__init__(workers=0, target=parse_any)
        self.known: list[frozenset[str]] = []

    async def parse(self, *args: Any, **kwargs: Any) -> ParsedFeed:
        self.known.append(kwargs.get("known", frozenset()))
        return await super().parse(*args, **kwargs)


async def test_a_poll_tells_the_parser_what_is_stored_and_stores_only_what_is_new(
    httpserver: HTTPServer, data_dir: Path
) -> None:
    bodies = [rss(*ITEMS[:3]), rss(ITEMS[4], *ITEMS[:3])]
    served = iter(bodies)

    def serve(request: Request) -> Response:
        return Response(next(served), content_type="text/xml")

    httpserver.expect_request("/feed.xml").respond_with_handler(serve)
    config = f'[[sources]]\nname = "Lab"\nurl = "{httpserver.url_for("/feed.xml")}"\n'
    [source] = parse_config(config.encode()).sources
    store = ArticleStore(data_dir)
    store.open()
    service = StoreService(store, linger=0)
    fetcher = Fetcher(deadline=5.0)
    parser = RecordingParser()
    try:
        poller = Poller(service, fetcher, parser)
        first = await poller.poll(source)
        assert first.status == "new" and len(first.new_articles) == 3
        second = await poller.poll(source, force=True)
        assert [a.title for a in second.new_articles] == ["Kept"]
        assert parser.known[0] == frozenset()  # a feed never read has nothing stored
        assert parser.known[1] == frozenset(a.id for a in first.new_articles)
        assert len(store) == 4
    finally:
        await fetcher.aclose()
        await parser.aclose()
        service.close()


async def test_an_entry_removed_meanwhile_is_parsed_whole_again(
    httpserver: HTTPServer, data_dir: Path
) -> None:
    """The ids the parser skipped are checked against the store once more."""
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss(*ITEMS[:2]), content_type="text/xml"
    )
    config = f'[[sources]]\nname = "Lab"\nurl = "{httpserver.url_for("/feed.xml")}"\n'
    [source] = parse_config(config.encode()).sources
    store = ArticleStore(data_dir)
    store.open()
    service = StoreService(store, linger=0)
    fetcher = Fetcher(deadline=5.0)
    parser = RecordingParser()
    try:
        poller = Poller(service, fetcher, parser)
        first = await poller.poll(source)
        gone = first.new_articles[0]

        real = store.feed_article_ids

        def then_removed(feed_id: str, limit: int) -> list[str]:
            ids = real(feed_id, limit)
            store.remove_articles([gone.id])  # retention, between the two looks
            return ids

        store.feed_article_ids = then_removed  # type: ignore[method-assign]
        poller.states[source.id].body_hash = None  # the same bytes, read again
        second = await asyncio.wait_for(poller.poll(source, force=True), 20)
        assert [a.id for a in second.new_articles] == [gone.id]
        assert len(parser.known) == 3 and parser.known[2] == frozenset()
    finally:
        await fetcher.aclose()
        await parser.aclose()
        service.close()
