"""The registry of source kinds: who claims which bytes, what the workers run,
and the fetch hook the poller calls before any GET.

Servers are real (pytest-httpserver on 127.0.0.1).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from ingest.config import parse_config
from ingest.fetch import Fetcher, FetchResult
from ingest.kinds.base import FeedFetcher, SourceKind
from ingest.kinds.feedparser_kind import FeedparserKind
from ingest.kinds.jsonfeed import JSONFeedKind
from ingest.kinds.registry import KINDS, fetching_kind, kind_for, parse_any
from ingest.parse import ParsedFeed, ParserPool, parse_feed
from ingest.poller import Poller
from storage.records import NewArticle
from storage.service import StoreService
from storage.store import ArticleStore
from tests.hostile import corpus
from tests.hostile.invariants import assert_clean_parsed

NOW = datetime(2025, 6, 1, tzinfo=UTC)
RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Lab</title>'
    b"<link>https://lab.example/</link><item><guid>1</guid><title>From RSS</title>"
    b"<link>https://lab.example/1</link></item></channel></rss>"
)
JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Lab",
        "items": [{"id": "1", "title": "From JSON", "url": "https://lab.example/1"}],
    }
).encode()


EBCDIC_RSS = (
    '<?xml version="1.0" encoding="cp037"?><rss version="2.0"><channel><title>E</title>'
    "<item><guid>e1</guid><title>From EBCDIC</title></item></channel></rss>"
).encode("cp037")


def name_of(data: bytes, content_type: str | None = None) -> str | None:
    kind = kind_for(data, content_type)
    return None if kind is None else kind.name


# --- Detection -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (JSON_FEED, "application/feed+json", "jsonfeed"),
        (JSON_FEED, "application/json; charset=utf-8", "jsonfeed"),
        (JSON_FEED, "text/plain", "jsonfeed"),
        (JSON_FEED, "application/rss+xml", "jsonfeed"),  # the bytes outrank the label
        (JSON_FEED, None, "jsonfeed"),
        (b"\xef\xbb\xbf \r\n\t" + JSON_FEED, None, "jsonfeed"),
        (JSON_FEED.decode().encode("utf-16"), None, "jsonfeed"),
        (b"[1, 2]", None, "jsonfeed"),
        # Declared as a JSON Feed but broken: the JSON kind says what is wrong.
        (b"version: 1.1", "Application/Feed+JSON", "jsonfeed"),
        (RSS, "application/rss+xml", "feedparser"),
        (RSS, "application/feed+json", "feedparser"),
        (RSS, None, "feedparser"),
        (b"Warning: notice in line 3\n" + RSS, "text/html", "feedparser"),
        (RSS.decode().encode("utf-16"), None, "feedparser"),
        (b"<!doctype html><html><body>Login</body></html>", "text/html", "feedparser"),
        (EBCDIC_RSS, None, "feedparser"),  # no "<" byte: only feedparser can tell
        # The rest goes to feedparser, which says "not a feed" as it always did.
        (b"just some words", "application/json", "feedparser"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png", "feedparser"),
        # Blank: no kind claims it, and the registry says "empty response".
        (b"", "application/rss+xml", None),
        (b"", None, None),
        (b" \r\n\t ", "application/feed+json", None),
    ],
)
def test_the_first_kind_whose_detect_claims_the_bytes_parses_them(
    data: bytes, content_type: str | None, expected: str | None
) -> None:
    assert name_of(data, content_type) == expected


def test_the_table_lists_json_feed_before_the_catch_all_xml_kind() -> None:
    assert [type(kind) for kind in KINDS] == [JSONFeedKind, FeedparserKind]
    assert isinstance(KINDS[-1], FeedparserKind), "it takes whatever is left: last"
    assert len({kind.name for kind in KINDS}) == len(KINDS)
    assert all(kind.label for kind in KINDS)


# --- parse_any -------------------------------------------------------------------


def parse(data: bytes, headers: dict[str, str] | None = None) -> ParsedFeed:
    return parse_any("lab", data, headers=headers or {}, url="https://lab.example/f", now=NOW)


def test_rss_through_the_registry_is_what_parse_feed_gives() -> None:
    direct = parse_feed("lab", RSS, headers={}, url="https://lab.example/f", now=NOW)
    assert parse(RSS) == direct
    assert [a.title for a in direct.items] == ["From RSS"]


@pytest.mark.parametrize(
    ("data", "error"),
    [(b"", "empty response"), (b"  \n", "empty response"), (b"words", "not a feed")],
)
def test_what_no_kind_can_read_gets_the_error_it_always_got(data: bytes, error: str) -> None:
    assert parse(data).error == error
    assert parse_feed("lab", data, headers={}, url="https://x/", now=NOW).error == error


def test_an_ebcdic_feed_is_read_through_the_registry_as_by_parse_feed() -> None:
    parsed = parse(EBCDIC_RSS)
    assert parsed.error is None and [a.title for a in parsed.items] == ["From EBCDIC"]


def test_a_json_feed_once_refused_as_json_is_read() -> None:
    assert parse_feed("lab", JSON_FEED, headers={}, url="https://x/", now=NOW).error == (
        "not a feed: JSON"
    )
    parsed = parse(JSON_FEED, {"content-type": "application/feed+json"})
    assert parsed.error is None and [a.title for a in parsed.items] == ["From JSON"]


SMALL = corpus.small_cases()


@pytest.mark.parametrize("case", SMALL, ids=[c.name for c in SMALL])
def test_every_hostile_document_gets_the_answer_it_got_before(case: corpus.Case) -> None:
    """Nothing in the hostile corpus is a JSON Feed: the registry answers as
    parse_feed did, the same error for what is not a feed."""
    before = parse_feed("hostile", case.data, headers=case.headers, url=case.url, now=NOW)
    after = parse_any("hostile", case.data, headers=case.headers, url=case.url, now=NOW)
    assert_clean_parsed(after)
    assert after.error == before.error
    assert [a.id for a in after.items] == [a.id for a in before.items]


# --- A new kind is one module and one entry ----------------------------------------

LINES_TYPE = "text/x-lines"


class LinesKind(SourceKind):
    """A kind of a test's own: one article per line, claimed by its media type."""

    name = "lines"
    label = "Lines"

    def detect(self, data: bytes, content_type: str | None) -> bool:
        return content_type == LINES_TYPE

    def parse(
        self, feed_id: str, data: bytes, *, headers: dict[str, str], url: str, now: datetime
    ) -> ParsedFeed:
        items = [
            NewArticle(feed_id, line, line, None, None, "")
            for line in data.decode().splitlines()
            if line
        ]
        return ParsedFeed(feed_title="Lines", items=items)

    def fetches(self, url: str) -> bool:
        return url.endswith("/lines")

    async def fetch(
        self,
        fetcher: FeedFetcher,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        # Its own way: two pages through the bounded fetcher, labelled as its own.
        first = await fetcher.fetch(url + "?page=1", etag=etag, last_modified=last_modified)
        second = await fetcher.fetch(url + "?page=2")
        if first.body is None or second.body is None:
            return first
        body = first.body + b"\n" + second.body
        return replace(first, body=body, headers={"Content-Type": LINES_TYPE})


class BrokenKind(LinesKind):
    name = "broken"

    def parse(self, *args: object, **kwargs: object) -> ParsedFeed:
        raise RuntimeError("a bug in a kind")


def test_an_added_kind_is_asked_in_table_order() -> None:
    kinds = (LinesKind(), *KINDS)
    parsed = parse_any(
        "x", b"one\n<two>\n", headers={"Content-Type": LINES_TYPE}, url="https://a/", now=NOW,
        kinds=kinds,
    )  # fmt: skip
    assert [a.title for a in parsed.items] == ["one", "<two>"]
    assert kind_for(RSS, None, kinds).name == "feedparser"  # type: ignore[union-attr]


def test_a_kind_that_raises_becomes_an_error_not_a_dead_worker() -> None:
    parsed = parse_any(
        "x", b"a", headers={"content-type": LINES_TYPE}, url="https://a/", now=NOW,
        kinds=(BrokenKind(),),
    )  # fmt: skip
    assert parsed.error == "could not parse: RuntimeError"


def test_the_built_in_kinds_fetch_with_the_generic_fetcher() -> None:
    assert fetching_kind("https://lab.example/feed.json") is None
    for kind in KINDS:
        assert not kind.fetches("https://lab.example/lines")
        assert type(kind).fetch is SourceKind.fetch


@pytest.fixture
async def service(data_dir: Path) -> AsyncIterator[StoreService]:
    store = ArticleStore(data_dir)
    store.open()
    service = StoreService(store)
    yield service
    service.close()


async def test_the_poller_lets_a_kind_fetch_in_its_own_way(
    httpserver: HTTPServer, service: StoreService
) -> None:
    httpserver.expect_request("/lines", query_string="page=1").respond_with_data("alpha\nbeta")
    httpserver.expect_request("/lines", query_string="page=2").respond_with_data("gamma")
    httpserver.expect_request("/feed.json").respond_with_data(
        JSON_FEED, content_type="application/feed+json"
    )
    toml = "".join(
        f'[[sources]]\nname = "{name}"\nurl = "{httpserver.url_for(path)}"\n'
        for name, path in (("Lines", "/lines"), ("Json", "/feed.json"))
    )
    lines, plain = parse_config(toml.encode()).sources
    kinds = (LinesKind(), *KINDS)
    async with (
        Fetcher(deadline=5.0) as fetcher,
        ParserPool(workers=0, target=partial(parse_any, kinds=kinds)) as parser,
    ):
        poller = Poller(service, fetcher, parser, kinds=kinds)
        own = await poller.poll(lines)
        generic = await poller.poll(plain)
    assert own.status == "new", own.error
    assert sorted(a.title for a in own.new_articles) == ["alpha", "beta", "gamma"]
    assert generic.status == "new" and [a.title for a in generic.new_articles] == ["From JSON"]
    seen = [(r.path, r.query_string.decode()) for r, _ in httpserver.log]
    assert ("/lines", "") not in seen, "the kind fetched, not a plain GET of the URL"
    assert ("/lines", "page=1") in seen and ("/lines", "page=2") in seen


async def test_the_workers_of_the_parser_pool_run_the_registry() -> None:
    async with ParserPool(workers=1, target=parse_any) as pool:
        parsed = await pool.parse(
            "lab", JSON_FEED, headers={"Content-Type": "application/json"}, url="https://x/",
            now=NOW,
        )  # fmt: skip
        assert pool.started
    assert parsed.error is None and [a.title for a in parsed.items] == ["From JSON"]
