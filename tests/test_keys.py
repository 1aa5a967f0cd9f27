"""Every key of the dashboard, and the command palette, driven by keyboard only.

Each test starts the real app headless with Pilot on its own copy of a data
directory. The copies come from templates built once per session by the app
itself (seed articles loaded and enriched), so a test starts in well under a
second instead of loading the seeds again. Feeds are served from 127.0.0.1 by
pytest-httpserver; nothing leaves the machine.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from storage.records import NewArticle
from storage.store import ArticleStore
from tests.app_support import make_app, wait_for
from tui.app import AiwireApp
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import FeedList
from tui.widgets.reader import Reader

WIDE = (120, 30)
NARROW = (80, 24)
LONG_FEED = "lab"  # feed id of the 60 articles written straight into storage
LONG_COUNT = 60
SEED_COUNT = 5
TECHCRUNCH = "https://techcrunch.com/2025/07/15/a-former-openai-engineer-describes-what-its-really-like-to-work-there/"


# -- data directories ---------------------------------------------------------


def _write_long_feed(data_dir: Path) -> None:
    store = ArticleStore(data_dir)
    store.open()
    try:
        start = datetime(2030, 1, 1, tzinfo=UTC)  # newer than every seed: listed first
        store.add(
            [
                NewArticle(
                    feed_id=LONG_FEED,
                    guid=f"lab-{i}",
                    title=f"Lab story {i:02d}",
                    link=f"https://example.org/lab/{i}",
                    published=start - timedelta(minutes=i),
                    body=f"Body of lab story {i:02d}.",
                )
                for i in range(LONG_COUNT)
            ]
        )
    finally:
        store.close()


TEMPLATES: dict[str, Callable[[Path], None] | None] = {
    "seeds": None,
    "long": _write_long_feed,
}


@pytest.fixture(scope="session")
def template_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("key-templates")


async def _template(root: Path, name: str) -> Path:
    """A data dir the app has loaded once (seeds in, enrichment done), built on first use."""
    home = root / name
    data = home / "data"
    if (home / "ready").exists():
        return data
    home.mkdir(exist_ok=True)
    if (setup := TEMPLATES[name]) is not None:
        data.mkdir(exist_ok=True)
        setup(data)
    app = make_app(home)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for(pilot, lambda: app.open_report is not None, timeout=30)
        await wait_for(pilot, lambda: _all_enriched(app), timeout=30)
    (home / "ready").touch()
    return data


def _all_enriched(app: AiwireApp) -> bool:
    enrichment = app.enrichment
    return (
        enrichment is not None
        and bool(app.state.articles)
        and not enrichment.pending(list(app.state.articles.values()))
    )


@pytest.fixture
def fresh_data(template_root: Path, tmp_path: Path) -> Callable[..., Any]:
    async def copy(name: str = "seeds") -> Path:
        source = await _template(template_root, name)
        target = tmp_path / "data"
        shutil.copytree(source, target)
        return target

    return copy


# -- driving the app ----------------------------------------------------------


class Recorder:
    """Notifications and clipboard copies the app made, for assertions."""

    def __init__(self, app: AiwireApp, monkeypatch: pytest.MonkeyPatch) -> None:
        self.notes: list[tuple[str, str, str]] = []  # (severity, title, message)
        self.copied: list[str] = []
        original_notify = app.notify

        def notify(message: str, **kwargs: Any) -> None:
            self.notes.append(
                (kwargs.get("severity", "information"), kwargs.get("title", ""), message)
            )
            original_notify(message, **kwargs)

        monkeypatch.setattr(app, "notify", notify)
        monkeypatch.setattr(app, "copy_to_clipboard", self.copied.append)

    def saw(self, text: str) -> bool:
        return any(text in f"{title} {message}" for _, title, message in self.notes)


def screen(app: AiwireApp) -> MainScreen:
    main = app.screen
    assert isinstance(main, MainScreen), main
    return main


def article_list(app: AiwireApp) -> ArticleList:
    return app.screen.query_one("#articles", ArticleList)


def reader(app: AiwireApp) -> Reader:
    return app.screen.query_one("#reader", Reader)


def feed_list(app: AiwireApp) -> FeedList:
    return app.screen.query_one("#feeds", FeedList)


def reader_text(app: AiwireApp) -> str:
    return str(reader(app).query_one("#reader-text", Static).render())


def shown_feeds(app: AiwireApp) -> set[str]:
    return {app.state.articles[i].feed_id for i in article_list(app).article_ids}


def visible(widget: Any) -> bool:
    return widget.display and widget.region.width > 0 and widget.region.height > 0


async def ready(pilot: Any, app: AiwireApp, count: int) -> ArticleList:
    """Wait until the list shows `count` articles and nothing is left to enrich."""
    articles = article_list(app)
    await wait_for(pilot, lambda: len(articles.article_ids) == count)
    await wait_for(pilot, lambda: _all_enriched(app))
    await pilot.pause()
    return articles


def titled(app: AiwireApp, words: str) -> str:
    """The id of the one article whose title contains words."""
    [found] = [a.id for a in app.state.articles.values() if words in a.title]
    return found


# -- moving between panels ----------------------------------------------------


async def test_tab_and_shift_tab_cycle_through_the_panels(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        main = screen(app)
        feeds, watch, read = (main.query_one(f"#{n}") for n in ("feeds", "watchlists", "reader"))
        assert app.focused is articles
        order = []
        for _ in range(4):
            await pilot.press("tab")
            order.append(app.focused)
        assert order == [read, feeds, watch, articles]  # the hidden search box is skipped
        backwards = []
        for _ in range(4):
            await pilot.press("shift+tab")
            backwards.append(app.focused)
        assert backwards == [watch, feeds, read, articles]


async def test_number_keys_focus_each_panel(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = make_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot, app, SEED_COUNT)
        main = screen(app)
        for key, panel in [("1", "feeds"), ("4", "watchlists"), ("3", "reader"), ("2", "articles")]:
            await pilot.press(key)
            assert app.focused is main.query_one(f"#{panel}"), key
            assert visible(app.focused)


async def test_narrow_3_shows_the_reader_in_place_of_the_list_and_2_brings_it_back(
    tmp_path: Path, fresh_data
) -> None:
    await fresh_data()
    app = make_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        main = screen(app)
        assert main.narrow and not visible(reader(app)) and visible(articles)
        await pilot.press("3")
        assert app.focused is reader(app) and visible(reader(app))
        assert reader(app).region.width == NARROW[0]
        assert not visible(articles) and not visible(feed_list(app))
        await pilot.press("2")
        assert app.focused is articles and visible(articles) and not visible(reader(app))
        # Tab skips the hidden reader: articles -> feeds.
        await pilot.press("tab")
        assert app.focused is feed_list(app)


@pytest.mark.xfail(
    strict=True,
    reason="BUG: MainScreen.action_focus_panel only removes the -reading class for 'articles'; "
    "in a narrow terminal, 1/4 pressed while the reader is shown focus #feeds/#watchlists "
    "while main.tcss still hides #sidebar (MainScreen.-narrow.-reading #sidebar "
    "{display: none}): the reader stays on screen and keys go to an invisible list",
)
async def test_narrow_1_and_4_from_the_reader_show_the_sidebar(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = make_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        await ready(pilot, app, SEED_COUNT)
        main = screen(app)
        for key, panel in [("1", "feeds"), ("4", "watchlists")]:
            await pilot.press("3")
            assert visible(reader(app))
            await pilot.press(key)
            target = main.query_one(f"#{panel}")
            assert app.focused is target, key
            assert visible(target), f"{key}: {panel} focused but not shown"


# -- the article list ---------------------------------------------------------


LIST_SIZE = (120, 14)  # a short terminal: the 65-row list is several screens long


async def test_article_list_arrows_and_j_k_move_the_cursor_and_scroll(
    tmp_path: Path, fresh_data
) -> None:
    await fresh_data("long")
    app = make_app(tmp_path)
    async with app.run_test(size=LIST_SIZE) as pilot:
        articles = await ready(pilot, app, LONG_COUNT + SEED_COUNT)
        assert articles.cursor == 0 and articles.scroll_y == 0
        await pilot.press("j", "down", "j")
        assert articles.cursor == 3
        await pilot.press("k", "up")
        assert articles.cursor == 1
        assert app.state.articles[articles.current_id].title == "Lab story 01"
        height = articles.scrollable_content_region.height
        await pilot.press(*["j"] * height)
        assert articles.cursor == height + 1
        # The list scrolled just enough to keep the cursor on its last row.
        assert articles.scroll_y > 0
        assert articles.cursor == articles.scroll_y + height - 1
        await pilot.press(*["up"] * height)
        assert articles.cursor == 1 and articles.scroll_y == 1
        await pilot.press("k", "k", "up")
        assert articles.cursor == 0 and articles.scroll_y == 0  # stops at the top


async def test_article_list_g_and_G_and_home_end_jump_to_the_ends(
    tmp_path: Path, fresh_data
) -> None:
    await fresh_data("long")
    app = make_app(tmp_path)
    async with app.run_test(size=LIST_SIZE) as pilot:
        articles = await ready(pilot, app, LONG_COUNT + SEED_COUNT)
        last = LONG_COUNT + SEED_COUNT - 1
        await pilot.press("G")
        assert articles.cursor == last
        assert articles.scroll_y == articles.max_scroll_y > 0
        await pilot.press("g")
        assert articles.cursor == 0 and articles.scroll_y == 0
        await pilot.press("end")
        assert articles.cursor == last and articles.scroll_y == articles.max_scroll_y
        await pilot.press("home")
        assert articles.cursor == 0 and articles.scroll_y == 0


async def test_article_list_page_down_and_page_up_move_a_screenful(
    tmp_path: Path, fresh_data
) -> None:
    await fresh_data("long")
    app = make_app(tmp_path)
    async with app.run_test(size=LIST_SIZE) as pilot:
        articles = await ready(pilot, app, LONG_COUNT + SEED_COUNT)
        page = articles.size.height - 1
        await pilot.press("pagedown")
        assert articles.cursor == page
        await pilot.press("pagedown")
        assert articles.cursor == 2 * page
        assert articles.scroll_y > 0
        assert articles.scroll_y <= articles.cursor < articles.scroll_y + articles.size.height
        await pilot.press("pageup")
        assert articles.cursor == page
        await pilot.press("pageup", "pageup")
        assert articles.cursor == 0 and articles.scroll_y == 0
        await pilot.press(*["pagedown"] * 8)
        assert articles.cursor == LONG_COUNT + SEED_COUNT - 1
