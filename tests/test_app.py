"""The dashboard, driven by keyboard only, headless."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from textual.widgets import Static

import core.following
import core.library
from storage.records import SEED_FEED_ID, NewArticle
from storage.store import ArticleStore
from tests.app_support import make_app, wait_for
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import Reader


def row_texts(app) -> list[str]:  # type: ignore[no-untyped-def]
    articles = app.screen.query_one("#articles", ArticleList)
    return [articles.render_line(y).text for y in range(len(articles.article_ids))]


async def test_starts_with_the_five_seeds_and_reads_one_by_keyboard(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(articles.article_ids) == 5)
        assert app.focused is articles
        assert any("FTNews       Jajaran" in row for row in row_texts(app))

        # Tab / Shift+Tab move between panels.
        await pilot.press("tab")
        assert app.focused is not articles
        await pilot.press("shift+tab")
        assert app.focused is articles

        # j/k move, Enter opens in the reader and marks read.
        await pilot.press("j", "j", "k")
        assert articles.cursor == 1
        chosen = articles.current_id
        await pilot.press("enter")
        reader = app.screen.query_one("#reader", Reader)
        await wait_for(pilot, lambda: reader.article_id == chosen)
        assert app.focused is reader
        shown = str(reader.query_one("#reader-text", Static).render())
        assert app.library.state.articles[chosen].title in shown
        assert app.library.state.is_read(chosen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_narrow_terminal_switches_between_list_and_reader(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        reader = app.screen.query_one("#reader", Reader)
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(articles.article_ids) == 5)
        assert not reader.display or reader.region.width == 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: reader.article_id is not None)
        assert reader.region.width == 80
        await pilot.press("escape")
        assert app.focused is articles and articles.region.width > 0


HOSTILE_TITLE = "Evil [@click=app.quit] [/] \x1b]52;c;ZXZpbA==\x07 title \x1b[2J [bold]x[/bold]"


async def test_a_hostile_title_shows_literally_and_cannot_act(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path / "data")
    store.open()
    # Written straight to storage, skipping the ingest sanitiser on purpose:
    # the UI must be safe on its own.
    store.add(
        [
            NewArticle(
                feed_id="evil",
                guid="1",
                title=HOSTILE_TITLE,
                link="javascript:x",
                published=None,
                body="Body \x1b[31m red [link=file:///etc/passwd]x",
            )
        ]
    )
    store.close()
    app = make_app(tmp_path)
    async with app.run_test(size=(240, 40)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(articles.article_ids) == 6)
        rows = row_texts(app)
        [evil_row] = [row for row in rows if "Evil" in row]
        assert "Evil [@click=app.quit] [/] title [bold]x[/bold]" in evil_row
        assert "\x1b" not in evil_row and "\x07" not in evil_row
        evil_id = next(
            i for i in articles.article_ids if app.library.state.articles[i].feed_id == "evil"
        )
        articles.move_to(evil_id)
        await pilot.press("enter")
        reader = app.screen.query_one("#reader", Reader)
        await wait_for(pilot, lambda: reader.article_id == evil_id)
        shown = str(reader.query_one("#reader-text", Static).render())
        assert "[@click=app.quit] [/]" in shown
        assert "[link=file:///etc/passwd]x" in shown
        assert "\x1b" not in shown
        assert "javascript:" not in shown  # not a link we would show
        await pilot.click("#reader")
        await pilot.pause()
        assert app.is_running


"""
Every key of the article list and the reader, in use.
"""


async def test_star_toggle_read_and_next_unread(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(articles.article_ids) == 5)
        first = articles.current_id
        await pilot.press("s")
        assert app.library.state.is_starred(first)
        await pilot.press("m")
        assert app.library.state.is_read(first)
        await pilot.press("m")
        assert not app.library.state.is_read(first)
        await pilot.press("m", "n")
        assert articles.cursor == 1
        await pilot.press("G")
        assert articles.cursor == 4
        await pilot.press("g")
        assert articles.cursor == 0
        await pilot.press("M")
        assert all(app.library.state.is_read(i) for i in articles.article_ids)
        await pilot.pause(1.3)  # flags are batched, then written
    reopened = ArticleStore(tmp_path / "data")
    reopened.open()
    assert reopened.user_state(first).starred
    assert all(reopened.user_state(i).read for i in articles.article_ids)


async def test_the_first_frame_comes_before_the_archive_loads(tmp_path: Path) -> None:
    """The list is on screen, saying "Loading…", while the store opens; the rows follow."""
    app = make_app(tmp_path)
    release = asyncio.Event()
    seen_when_opening: list[tuple[bool, str]] = []
    original_open = app.library.service.open

    async def slow_open(**options):  # type: ignore[no-untyped-def]
        # The list is laid out (it has a place on screen) before the store opens.
        found = app.screen.query("#articles").results(ArticleList)
        articles = next(found, None)
        if articles is None:
            seen_when_opening.append((False, ""))
        else:
            seen_when_opening.append((articles.region.height > 0, articles.render_line(0).text))
        await release.wait()
        return await original_open(**options)

    app.library.service.open = slow_open  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(seen_when_opening))
        laid_out, first_row = seen_when_opening[0]
        assert laid_out
        assert "Loading…" in first_row
        articles = app.screen.query_one("#articles", ArticleList)
        await pilot.pause(0.3)
        assert "Loading…" in articles.render_line(0).text  # still loading, and says so
        assert app.library.state.articles == {}
        release.set()
        await wait_for(pilot, lambda: len(articles.article_ids) == 5)
        assert "Loading…" not in articles.render_line(0).text
        assert len(app.library.state.articles) == 5
        await pilot.press("q")
    assert app.return_code == 0


def _item(guid: str, title: str) -> NewArticle:
    return NewArticle(feed_id="f", guid=guid, title=title, link=None, published=None, body="b")


async def test_a_read_only_app_follows_the_writer_and_takes_over_when_it_exits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core.following, "FOLLOW_INTERVAL", 0.1)
    writer = ArticleStore(tmp_path / "data")
    writer.open()
    writer.add([_item("1", "Stored before the app started")])
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        # The newest rows show before the store opens (storage.newest): wait for both.
        await wait_for(pilot, lambda: app.library.open_report is not None)
        await wait_for(pilot, lambda: len(articles.article_ids) == 1)
        assert app.library.open_report is not None and not app.library.open_report.writer
        # The status says read-only a few awaits after the report: wait for it, not a turn.
        await wait_for(pilot, lambda: not app.library.status.writer)
        writer.add([_item("2", "Stored while the app follows")])
        await wait_for(pilot, lambda: len(articles.article_ids) == 2)
        writer.close()
        await wait_for(pilot, lambda: app.library.status.writer)
        assert app.library.service.store.writer
        assert sorted(app.library.state.articles[i].title for i in articles.article_ids) == [
            "Stored before the app started",
            "Stored while the app follows",
        ]
        await pilot.press("q")
    assert app.return_code == 0


async def test_an_app_that_takes_over_as_writer_starts_polling_and_tagging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    monkeypatch.setattr(core.following, "FOLLOW_INTERVAL", 0.1)
    httpserver.expect_request("/feed.xml").respond_with_data(
        "<rss version='2.0'><channel><title>Local</title><item><guid>p1</guid>"
        "<title>OpenAI ships a model</title><description>OpenAI said so.</description>"
        "</item></channel></rss>",
        content_type="application/rss+xml",
    )
    config = (
        '[settings]\ndefault_interval = "6h"\n'
        f'[[sources]]\nname = "Local"\nurl = "{httpserver.url_for("/feed.xml")}"\n'
        '[[companies]]\nname = "OpenAI"\n'
    )
    writer = ArticleStore(tmp_path / "data")
    writer.open()
    app = make_app(tmp_path, config, poll=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.library.open_report is not None)
        assert (
            not app.library.open_report.writer and app.library.writing is None
        )  # the other one polls
        writer.close()
        await wait_for(pilot, lambda: app.library.status.writer)
        # Writing means polling and tagging mentions too, not just holding the lock.
        await wait_for(pilot, lambda: any(a.entities for a in app.library.state.articles.values()))
        [polled] = [a for a in app.library.state.articles.values() if a.feed_id != SEED_FEED_ID]
        assert polled.title == "OpenAI ships a model"
        assert polled.entities == ("company:openai",)
        await pilot.press("q")
    assert app.return_code == 0


def test_what_only_polling_and_enrichment_need_is_not_imported_before_the_first_frame() -> None:
    # Each of these costs milliseconds to tens of milliseconds of start-up; they
    # are imported once the first frame is up, on a thread (see _import_off_loop).
    heavy = ("httpx", "feedparser", "apscheduler", "selectolax", "lingua", "storage.store")
    code = f"import sys, tui.app; print([m for m in {heavy!r} if m in sys.modules])"
    found = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert found.stdout.strip() == "[]"
