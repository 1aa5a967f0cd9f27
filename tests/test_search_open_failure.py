"""A search typed while the archive opens waits for the open; an open that
fails, or a library that closes, ends that search with a reason instead of
leaving it waiting, and the dashboard keeps working."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.library import Library, LibraryOptions
from core.search_fields import SearchUnavailable
from storage.newest import KEEP, read_newest
from storage.records import NewArticle
from storage.store import STATE_FILE, ArticleStore
from tests.app_support import SEEDS_DIR, hold_open, make_app, wait_for
from tui.widgets.article_list import ArticleList

START = datetime(2031, 3, 1, tzinfo=UTC)


def _archive(data_dir: Path, count: int = 300) -> None:
    store = ArticleStore(data_dir)
    store.open()
    store.add(
        [
            NewArticle(
                feed_id="wire",
                guid=f"g{n}",
                title=f"Quantum story {n}",
                link=f"https://example.org/{n}",
                published=START + timedelta(minutes=n),
                body="text",
            )
            for n in range(count)
        ],
        now=START,
    )
    store.close()


def _break_the_feed_state(data_dir: Path) -> None:
    """The feed state's file can no longer be read: the store's open raises
    (a directory stands where the file was, which stops root as well)."""
    state = data_dir / STATE_FILE
    state.unlink(missing_ok=True)
    state.mkdir()


def _options(tmp_path: Path, data_dir: Path) -> LibraryOptions:
    config = tmp_path / "feeds.toml"
    config.write_text("")
    return LibraryOptions(config, data_dir, SEEDS_DIR, poll=False)


def _waiting_searches() -> list[asyncio.Task[object]]:
    """Tasks anywhere inside a Library.search (a worker's task awaits it deep down)."""

    def in_search(task: asyncio.Task[object]) -> bool:
        awaited: object = task.get_coro()
        while awaited is not None:
            if getattr(awaited, "__qualname__", "") == "Searching.search":
                return True
            awaited = getattr(awaited, "cr_await", None)
        return False

    return [task for task in asyncio.all_tasks() if not task.done() and in_search(task)]


async def test_a_failed_open_ends_a_waiting_search_with_its_reason(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _archive(data_dir)
    _break_the_feed_state(data_dir)
    library = Library(_options(tmp_path, data_dir))
    waiting = asyncio.create_task(library.search("quantum"))
    await asyncio.sleep(0.05)
    assert not waiting.done()  # nothing opened yet: the search waits for the open
    with pytest.raises(IsADirectoryError):
        await library.open()
    with pytest.raises(SearchUnavailable, match="did not open") as raised:
        await asyncio.wait_for(waiting, 5)
    assert "Is a directory" in str(raised.value)
    # A search typed afterwards is refused at once, and nothing is written.
    with pytest.raises(SearchUnavailable):
        await asyncio.wait_for(library.search("quantum"), 5)
    assert not library.writer
    await library.aclose()
    assert not _waiting_searches()


async def test_closing_ends_a_search_waiting_for_the_open(tmp_path: Path) -> None:
    library = Library(_options(tmp_path, tmp_path / "data"))
    waiting = asyncio.create_task(library.search("quantum"))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    await library.aclose()  # never opened: e.g. the user quit at once
    with pytest.raises(SearchUnavailable, match="closing"):
        await asyncio.wait_for(waiting, 5)
    assert library._service is None  # the search did not open a store of its own


async def test_the_dashboard_says_why_a_search_typed_while_opening_was_not_run(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    _archive(data_dir)
    _break_the_feed_state(data_dir)
    assert read_newest(data_dir) is not None  # the newest rows still show at once
    app = make_app(tmp_path, data_dir=data_dir)
    release = hold_open(app)
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(articles.article_ids) == KEEP)
        await pilot.press("/", *"quantum", "enter")
        await wait_for(pilot, lambda: "searching" in (app.library.status.message or ""))
        await pilot.pause(0.2)
        assert _waiting_searches()  # still opening: the search waits

        release.set()  # the open goes on, and fails on the damaged file
        await wait_for(pilot, lambda: "search not run" in (app.library.status.message or ""))
        assert "did not open" in (app.library.status.message or "")
        assert not _waiting_searches()
        titles = [str(n.title) for n in app._notifications]
        assert "The archive did not open" in titles
        # The app keeps working on what it shows.
        assert app.is_running and len(articles.article_ids) == KEEP
        articles.focus()
        await pilot.press("j", "j")
        assert articles.current_id == articles.article_ids[2]
        app.library.set_status(message=None)
        await pilot.press("/", *"story", "enter")
        await wait_for(pilot, lambda: "search not run" in (app.library.status.message or ""))
        await pilot.press("q")
    assert not _waiting_searches()


async def test_quitting_while_a_search_waits_for_the_open_leaves_no_task(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _archive(data_dir)
    app = make_app(tmp_path, data_dir=data_dir)
    never = asyncio.Event()

    async def stuck_open(**options):  # type: ignore[no-untyped-def]
        await never.wait()

    app.library.service.open = stuck_open  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(articles.article_ids) == KEEP)
        await pilot.press("/", *"quantum", "enter")
        await wait_for(pilot, lambda: "searching" in (app.library.status.message or ""))
        direct = asyncio.create_task(app.library.search("quantum"))
        await pilot.pause(0.1)
        assert not direct.done()
        await pilot.press("escape", "q")
    await asyncio.sleep(0)
    assert direct.done()
    assert not _waiting_searches()
