"""What the screen looks like, frozen: main screen, reader and help at 80x24 and 160x45.

Everything that changes between runs is pinned: the time zone (dates are shown
in local time), the data (the five seeds, no polling), and background work
(the tests wait until enrichment and story grouping are done).
Update after an intended change with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.app_support import make_app, wait_for
from tests.test_watchlist_screen import WATCHLIST
from tui.widgets.article_list import ArticleList
from tui.widgets.reader import Reader

SIZES = [(80, 24), (160, 45)]


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


async def settled(pilot) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await wait_for(pilot, lambda: bool(app.library.state.stories), timeout=60)
    articles = app.screen.query_one("#articles", ArticleList)
    await wait_for(pilot, lambda: len(articles.article_ids) == 4)
    await wait_for(
        pilot, lambda: not any(w.is_running for w in app.workers) and app.library.tasks.idle()
    )
    await wait_for(pilot, lambda: app.screen.settled, timeout=10)
    await pilot.pause(0.5)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore
    assert snap_compare(make_app(tmp_path, WATCHLIST), terminal_size=size, run_before=settled)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore
    async def open_leike_story(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        app = pilot.app
        articles = app.screen.query_one("#articles", ArticleList)
        leike = next(
            i
            for i in articles.article_ids
            if app.library.state.articles[i].title.startswith("Jajaran")
        )
        articles.move_to(leike)
        await pilot.press("enter")
        reader = app.screen.query_one("#reader", Reader)
        await wait_for(pilot, lambda: reader.article_id == leike)
        await pilot.pause(0.5)

    assert snap_compare(
        make_app(tmp_path, WATCHLIST), terminal_size=size, run_before=open_leike_story
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore
    async def open_help(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause(0.3)

    assert snap_compare(make_app(tmp_path, WATCHLIST), terminal_size=size, run_before=open_help)
