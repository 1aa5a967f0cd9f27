"""The dashboard shows the archive's newest rows before the archive has loaded,
and the whole archive fills in behind them without moving the cursor."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.state import LibraryState, ViewFilter
from storage.newest import KEEP
from storage.records import NewArticle
from storage.store import ArticleStore
from tests.app_support import hold_open, make_app, screen_text, wait_for
from tui.widgets.article_list import ArticleList

START = datetime(2031, 3, 1, tzinfo=UTC)  # after the seed articles
STORED = 700


def _archive(data_dir: Path) -> list[str]:
    """An archive with its newest rows' file; the ids in the order the whole load shows."""
    store = ArticleStore(data_dir)
    store.open()
    for first in range(0, STORED, 100):
        store.add(
            [
                NewArticle(
                    feed_id="wire",
                    guid=f"g{n}",
                    title=f"Story number {n}",
                    link=f"https://example.org/{n}",
                    published=START + timedelta(minutes=(n * 53) % STORED),
                    body="text",
                )
                for n in range(first, first + 100)
            ],
            now=START,
        )
    state = LibraryState()
    state.load(store.article_table(), {})
    order = state.view(ViewFilter())
    store.set_flags([order[1], order[4]], read=True)
    store.close()
    return order


async def test_the_newest_rows_show_before_the_archive_loads_and_stay(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    order = _archive(data_dir)
    app = make_app(tmp_path, data_dir=data_dir)
    release = hold_open(app)
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: bool(articles.article_ids))
        await pilot.pause(0.2)
        # Still opening: only the newest rows are known, and they are the top of the list.
        assert app.library.open_report is None
        assert articles.article_ids == order[:KEEP]
        text = screen_text(app)
        top = app.library.state.articles[order[0]].title
        assert top in text and "Loading" not in text
        read = [i for i in order[:KEEP] if app.library.state.is_read(i)]
        assert read == [order[1], order[4]]
        await pilot.press("j", "j")
        assert articles.current_id == order[2]

        release.set()
        await wait_for(pilot, lambda: len(articles.article_ids) >= len(order))
        assert articles.article_ids[: len(order)] == order
        assert articles.current_id == order[2]  # where the user had moved
        assert [i for i in order[:KEEP] if app.library.state.is_read(i)] == read
        await pilot.press("q")
    assert app.return_code == 0


async def test_an_archive_without_the_file_starts_as_before_and_gets_one(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    order = _archive(data_dir)
    (data_dir / "articles" / "newest.rows").unlink()  # written by an older version
    app = make_app(tmp_path, data_dir=data_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(articles.article_ids) >= len(order))
        assert articles.article_ids[: len(order)] == order
        await pilot.press("q")
    assert (data_dir / "articles" / "newest.rows").exists()


async def test_a_search_while_the_archive_opens_waits_for_it(tmp_path: Path) -> None:
    """The newest rows invite a search before the archive has opened: it waits
    for the open (and its saved index) instead of loading the archive itself."""
    data_dir = tmp_path / "data"
    order = _archive(data_dir)
    app = make_app(tmp_path, data_dir=data_dir)
    release = hold_open(app)
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: bool(articles.article_ids))
        await pilot.press("slash")  # the search box: its index is prepared by the open
        searching = asyncio.ensure_future(app.library.search("story"))
        await pilot.pause(0.3)
        assert not searching.done()
        assert not app.library.service.store.report.writer  # nothing opened the store
        release.set()
        found = await asyncio.wait_for(searching, 15)
        assert set(order) <= set(found)
        assert app.library.service.store.writer
        await pilot.press("escape", "q")
    assert app.return_code == 0
