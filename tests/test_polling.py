"""Polling: sources fetched on schedule into storage, politely and within bounds.

Every test talks to a real HTTP server on 127.0.0.1 (pytest-httpserver).
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ingest.config import parse_config
from ingest.fetch import Fetcher
from ingest.parse import ParserPool
from ingest.poller import Poller, backoff_delay
from ingest.scheduler import FeedScheduler
from storage.service import StoreService
from storage.store import ArticleStore
from tests.app_support import make_app, wait_for
from tui.widgets.article_list import ArticleList

REPO_ROOT = Path(__file__).resolve().parents[1]


def rss(
    items: list[tuple[str, str]],
    title: str = "Lab News",
    start: datetime = datetime(2025, 7, 1, tzinfo=UTC),
) -> bytes:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{text}</title><link>https://example.org/{guid}</link>"
        f"<description>&lt;p&gt;Body of {text}.&lt;/p&gt;</description>"
        f"<pubDate>{format_datetime(start + timedelta(hours=i))}"
        f"</pubDate></item>"
        for i, (guid, text) in enumerate(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://example.org/</link>{entries}</channel></rss>"
    ).encode()


class ConditionalFeed:
    """Serves a feed with an ETag, answering 304 when the client has it."""

    def __init__(self, body: bytes, etag: str = '"v1"') -> None:
        self.body, self.etag = body, etag
        self.requests: list[dict[str, str]] = []

    def __call__(self, request: Request) -> Response:
        self.requests.append(dict(request.headers))
        if request.headers.get("If-None-Match") == self.etag:
            return Response(status=304, headers={"ETag": self.etag})
        return Response(
            self.body, headers={"ETag": self.etag, "Content-Type": "application/rss+xml"}
        )


def config_for(*sources: tuple[str, str], interval: str = "30m") -> str:
    blocks = "".join(
        f'\n[[sources]]\nname = "{name}"\nurl = "{url}"\ninterval = "{interval}"\n'
        for name, url in sources
    )
    return f'[settings]\ndefault_interval = "{interval}"\n{blocks}'


@pytest.fixture
async def poller_parts(data_dir: Path):  # type: ignore[no-untyped-def]
    store = ArticleStore(data_dir)
    store.open()
    service = StoreService(store)
    fetcher = Fetcher(deadline=5.0)
    parser = ParserPool(workers=0)
    yield service, fetcher, parser
    await fetcher.aclose()
    await parser.aclose()
    service.close()


async def test_a_poll_stores_new_items_and_a_304_writes_nothing(
    httpserver: HTTPServer,
    poller_parts,
    data_dir: Path,  # type: ignore[no-untyped-def]
) -> None:
    service, fetcher, parser = poller_parts
    feed = ConditionalFeed(rss([("a", "First"), ("b", "Second")]))
    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    [source] = parse_config(config_for(("Lab", httpserver.url_for("/feed.xml"))).encode()).sources
    poller = Poller(service, fetcher, parser)

    first = await poller.poll(source)
    assert first.status == "new" and [a.title for a in first.new_articles] == ["First", "Second"]
    assert poller.states[source.id].etag == '"v1"'

    files = {p: p.stat().st_mtime_ns for p in data_dir.rglob("*") if p.is_file()}
    second = await poller.poll(source, force=True)
    assert second.status == "not_modified"
    assert feed.requests[-1]["If-None-Match"] == '"v1"'
    assert {p: p.stat().st_mtime_ns for p in data_dir.rglob("*") if p.is_file()} == files


async def test_only_new_items_are_stored_on_the_next_poll(
    httpserver: HTTPServer,
    poller_parts,  # type: ignore[no-untyped-def]
) -> None:
    service, fetcher, parser = poller_parts
    feed = ConditionalFeed(rss([("a", "First")]))
    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    [source] = parse_config(config_for(("Lab", httpserver.url_for("/feed.xml"))).encode()).sources
    poller = Poller(service, fetcher, parser)
    await poller.poll(source)
    feed.body, feed.etag = rss([("b", "Second"), ("a", "First")]), '"v2"'
    outcome = await poller.poll(source, force=True)
    assert [a.title for a in outcome.new_articles] == ["Second"]
    assert len(service.store) == 2


async def test_a_permanent_redirect_moves_the_feed_a_temporary_one_does_not(
    httpserver: HTTPServer,
    poller_parts,  # type: ignore[no-untyped-def]
) -> None:
    service, fetcher, parser = poller_parts
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/new")}
    )
    httpserver.expect_request("/temp").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/new")}
    )
    httpserver.expect_request("/new").respond_with_data(rss([("a", "Moved")]))
    sources = parse_config(
        config_for(
            ("Old", httpserver.url_for("/old")), ("Temp", httpserver.url_for("/temp"))
        ).encode()
    ).sources
    poller = Poller(service, fetcher, parser)
    await poller.poll_many(sources)
    old, temp = (poller.states[s.id] for s in sources)
    assert old.effective_url == httpserver.url_for("/new")
    assert temp.effective_url is None


async def test_a_failing_feed_records_the_error_backs_off_and_others_carry_on(
    httpserver: HTTPServer,
    poller_parts,  # type: ignore[no-untyped-def]
) -> None:
    service, fetcher, parser = poller_parts
    httpserver.expect_request("/gone").respond_with_data("nope", status=404)
    httpserver.expect_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "120"}
    )
    httpserver.expect_request("/page").respond_with_data(
        "<!doctype html><html><body>Hello</body></html>", content_type="text/html"
    )
    httpserver.expect_request("/ok").respond_with_data(rss([("a", "Fine")]))
    sources = parse_config(
        config_for(
            ("Gone", httpserver.url_for("/gone")),
            ("Busy", httpserver.url_for("/busy")),
            ("Page", httpserver.url_for("/page")),
            ("Ok", httpserver.url_for("/ok")),
        ).encode()
    ).sources
    poller = Poller(service, fetcher, parser)
    outcomes = {o.name: o for o in await poller.poll_many(sources)}

    assert outcomes["Gone"].error == "HTTP 404"
    assert outcomes["Page"].error == "not a feed: an HTML page"
    assert outcomes["Ok"].status == "new"
    busy = poller.states[sources[1].id]
    assert busy.retry_after is not None and busy.next_poll >= busy.retry_after
    gone = poller.states[sources[0].id]
    assert gone.health == "failing" and gone.consecutive_failures == 1
    # A scheduled (not forced) poll inside the backoff window does not fetch.
    assert (await poller.poll(sources[0])).status == "deferred"
    # Errors persist with the feed state.
    assert service.store.feed_states()[sources[0].id].last_error == "HTTP 404"


def test_backoff_doubles_and_is_capped() -> None:
    assert backoff_delay(600, 0) == timedelta(seconds=600)
    assert backoff_delay(600, 1) == timedelta(seconds=600)
    assert backoff_delay(600, 3) == timedelta(seconds=2400)
    assert backoff_delay(600, 30) == timedelta(hours=6)


async def test_the_scheduler_reconciles_jobs_with_the_configuration() -> None:
    polled: list[str] = []

    async def poll(source) -> None:  # type: ignore[no-untyped-def]
        polled.append(source.name)

    base = config_for(("A", "https://a.example/feed"), ("B", "https://b.example/feed"))
    config = parse_config(base.encode())
    scheduler = FeedScheduler(poll)
    scheduler.start()
    try:
        assert scheduler.apply(config.sources) == ([s.id for s in config.sources], [], [])
        await asyncio.sleep(0.3)
        assert sorted(polled) == ["A", "B"]  # added sources are polled at once

        edited = parse_config(
            config_for(
                ("A", "https://a.example/feed"), ("C", "https://c.example/feed"), interval="2h"
            ).encode()
        )
        added, changed, removed = scheduler.apply(edited.sources)
        assert len(added) == 1 and len(changed) == 1 and len(removed) == 1
        await asyncio.sleep(0.3)
        assert polled.count("C") == 1 and polled.count("A") == 1
        job = scheduler._scheduler.get_job(edited.sources[0].id)
        assert job.trigger.interval == timedelta(hours=2)
        assert job.max_instances == 1 and job.coalesce and job.misfire_grace_time is None
    finally:
        scheduler.shutdown()


def test_aiwire_fetch_summarises_a_pass_and_exits_zero_despite_failures(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/ok").respond_with_handler(
        ConditionalFeed(rss([("a", "One"), ("b", "Two")]))
    )
    httpserver.expect_request("/bad").respond_with_data("x", status=500)
    config = tmp_path / "feeds.toml"
    config.write_text(
        config_for(("Ok", httpserver.url_for("/ok")), ("Bad", httpserver.url_for("/bad")))
    )

    def fetch() -> dict:  # type: ignore[type-arg]
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "tui.cli",
                "--config",
                str(config),
                "--data-dir",
                str(tmp_path / "data"),
                "fetch",
                "--json",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO_ROOT,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    cold = fetch()
    assert (cold["feeds"], cold["new_items"], cold["errors"]) == (2, 2, 1)
    assert {r["name"]: r["error"] for r in cold["results"]}["Bad"] == "HTTP 500"
    warm = fetch()
    assert (warm["new_items"], warm["not_modified"]) == (0, 1)


async def test_new_items_appear_in_the_running_app_without_moving_the_cursor(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    stories = [(f"g{i}", f"Story {i}") for i in range(60)]
    feed = ConditionalFeed(rss(stories))
    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    app = make_app(tmp_path, config_for(("Lab", httpserver.url_for("/feed.xml"))), poll=True)
    async with app.run_test(size=(120, 30)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(articles.article_ids) == 65)  # 5 seeds + 60 items
        await pilot.press(*["j"] * 40)
        assert articles.scroll_y > 0  # the list is longer than the screen
        reading = articles.current_id
        row_on_screen = articles.cursor - round(articles.scroll_y)

        # Newer stories arrive (dated after all the others): they sort above.
        feed.body = rss([*stories, ("n1", "Breaking one"), ("n2", "Breaking two")])
        feed.etag = '"v2"'
        await pilot.press("r")
        await wait_for(pilot, lambda: len(articles.article_ids) == 67)
        assert articles.current_id == reading
        assert articles.cursor - round(articles.scroll_y) == row_on_screen
        assert app.library.status.new_since_look == 62


async def test_starting_gradually_schedules_every_source_a_few_per_loop_turn(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    from ingest.polling import PollingService

    httpserver.expect_request("/feed.xml").respond_with_data("", status=304)
    feeds = [(f"Lab {n}", httpserver.url_for(f"/feed.xml?n={n}")) for n in range(7)]
    config = parse_config(config_for(*feeds).encode())
    service = StoreService(ArticleStore(tmp_path / "data"))
    await service.open()
    polling = PollingService(service, config, parser_workers=0)
    try:
        turns = 0

        async def count_turns() -> None:
            nonlocal turns
            while True:
                await asyncio.sleep(0)
                turns += 1

        counter = asyncio.create_task(count_turns())
        await polling.start_gradually(per_turn=2)
        counter.cancel()
        assert set(polling.scheduler.sources) == {s.id for s in config.sources}
        assert turns >= 3, "the loop ran between the batches of jobs"
    finally:
        await polling.aclose()
        service.close()
