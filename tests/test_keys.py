"""Every key of the dashboard, and the command palette, driven by keyboard only.

Each test starts the real app headless with Pilot on its own copy of a data
directory. The copies come from templates built once per session by the app
itself (seed articles loaded and enriched), so a test starts in well under a
second instead of loading the seeds again. Feeds are served from 127.0.0.1 by
pytest-httpserver; nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, Static
from werkzeug import Request, Response

import core.user_changes
import tui.app
import tui.links
from core.state import ViewFilter
from core.writing import Writing
from storage.records import SEED_FEED_ID, NewArticle
from storage.store import ArticleStore
from tests.app_support import all_enriched, make_app, wait_for
from tui.app import AiwireApp
from tui.keytable import BY_ID
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import ALL_FEEDS, STARRED, FeedList
from tui.widgets.reader import Reader

WIDE = (160, 40)  # the reader sits beside the list from 160 columns
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
    with real_enrichment():
        async with app.run_test(size=WIDE) as pilot:
            await wait_for(pilot, lambda: app.library.open_report is not None, timeout=30)
            await wait_for(pilot, lambda: all_enriched(app), timeout=30)
    (home / "ready").touch()
    return data


@pytest.fixture
def fresh_data(template_root: Path, tmp_path: Path) -> Callable[..., Any]:
    async def copy(name: str = "seeds") -> Path:
        source = await _template(template_root, name)
        target = tmp_path / "data"
        shutil.copytree(source, target)
        return target

    return copy


# -- driving the app ----------------------------------------------------------


_ORIGINAL_CATCH_UP = Writing.catch_up
_CATCH_UP = {"on": False}


@contextlib.contextmanager
def real_enrichment() -> Any:
    """Let the app run its start-up enrichment pass (see _skip_start_up_enrichment)."""
    _CATCH_UP["on"] = True
    try:
        yield
    finally:
        _CATCH_UP["on"] = False


@pytest.fixture(autouse=True)
def _skip_start_up_enrichment(monkeypatch: pytest.MonkeyPatch) -> None:
    # At every start the app enriches what the watchlist has not seen and then
    # groups stories, in a worker process: about a second per start here. The
    # templates are enriched already (and with no watchlist nothing groups), so
    # tests skip that pass unless they need it: the templates' first start and
    # the "Watch:" palette test, which runs it under real_enrichment().
    async def catch_up(writing: Writing) -> None:
        if _CATCH_UP["on"]:
            await _ORIGINAL_CATCH_UP(writing)

    monkeypatch.setattr(Writing, "catch_up", catch_up)


@pytest.fixture(autouse=True)
def _quick_flag_flush(monkeypatch: pytest.MonkeyPatch) -> None:
    # Read/star flags are written USER_FLUSH_DELAY (1 s) after the key; tests
    # wait for that write (flags_written) before they end, so shorten it.
    monkeypatch.setattr(core.user_changes, "USER_FLUSH_DELAY", 0.05)


def flags_written(app: AiwireApp) -> bool:
    return not app.library.flags_pending


def new_app(tmp_path: Path, config_text: str | None = None, *, poll: bool = False) -> AiwireApp:
    """The real app on tmp_path's feeds.toml and data dir, with animations off.

    Scrolling animates by default and Pilot waits for every animation to end
    after each key, which costs a second per key here; "none" scrolls at once.
    """
    app = (
        make_app(tmp_path, config_text, poll=poll) if config_text else make_app(tmp_path, poll=poll)
    )
    app.animation_level = "none"
    return app


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
    return {app.library.state.articles[i].feed_id for i in article_list(app).article_ids}


def visible(widget: Any) -> bool:
    return widget.display and widget.region.width > 0 and widget.region.height > 0


async def ready(pilot: Any, app: AiwireApp, count: int) -> ArticleList:
    """Wait until the list shows `count` articles and nothing is left to enrich."""
    articles = article_list(app)
    await wait_for(pilot, lambda: len(articles.article_ids) == count)
    await wait_for(pilot, lambda: all_enriched(app))
    await pilot.pause()
    return articles


def titled(app: AiwireApp, words: str) -> str:
    """The id of the one article whose title contains words."""
    [found] = [a.id for a in app.library.state.articles.values() if words in a.title]
    return found


# -- moving between panels ----------------------------------------------------


async def test_tab_shift_tab_and_1_to_4_move_between_panels(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        main = screen(app)
        feeds, watch, read = (main.query_one(f"#{n}") for n in ("feeds", "watchlists", "reader"))
        assert app.focused is articles
        order = []
        for _ in range(4):
            await pilot.press("tab")
            order.append(app.focused)
        # The order of the panel keys 1-4, round; the hidden search box is skipped.
        assert order == [read, watch, feeds, articles]
        backwards = []
        for _ in range(4):
            await pilot.press("shift+tab")
            backwards.append(app.focused)
        assert backwards == [feeds, watch, read, articles]
        for key, panel in [("1", feeds), ("4", watch), ("3", read), ("2", articles)]:
            await pilot.press(key)
            assert app.focused is panel and visible(panel), key


async def test_narrow_3_shows_the_reader_in_place_of_the_list_and_2_brings_it_back(
    tmp_path: Path, fresh_data
) -> None:
    await fresh_data()
    app = new_app(tmp_path)
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
        # At 80 columns the side panels are hidden and Tab skips them, and the reader.
        await pilot.press("tab")
        assert app.focused is articles
        # Shown, Tab follows the panel keys and skips the hidden reader: articles -> watchlists.
        await pilot.press("backslash", "tab")
        assert app.focused is screen(app).query_one("#watchlists")


async def test_narrow_1_and_4_from_the_reader_show_the_sidebar(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = new_app(tmp_path)
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
    app = new_app(tmp_path)
    async with app.run_test(size=LIST_SIZE) as pilot:
        articles = await ready(pilot, app, LONG_COUNT + SEED_COUNT)
        assert articles.cursor == 0 and articles.scroll_y == 0
        await pilot.press("j", "down", "j")
        assert articles.cursor == 3
        await pilot.press("k", "up")
        assert articles.cursor == 1
        assert app.library.state.articles[articles.current_id].title == "Lab story 01"
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


async def test_article_list_g_G_home_end_and_page_keys(tmp_path: Path, fresh_data) -> None:
    await fresh_data("long")
    app = new_app(tmp_path)
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
        # PgDn/PgUp move the cursor a screenful less one row.
        page = articles.size.height - 1
        await pilot.press("pagedown")
        assert articles.cursor == page
        await pilot.press("pagedown")
        assert articles.cursor == 2 * page
        assert articles.scroll_y <= articles.cursor < articles.scroll_y + articles.size.height
        assert articles.scroll_y > 0
        await pilot.press("pageup")
        assert articles.cursor == page
        await pilot.press("pageup", "pageup")
        assert articles.cursor == 0 and articles.scroll_y == 0
        await pilot.press(*["pagedown"] * 8)
        assert articles.cursor == last


# -- the feeds list -----------------------------------------------------------

THREE_SOURCES = """
[settings]
default_interval = "30m"

[[sources]]
name = "Alpha Lab"
url = "http://127.0.0.1:9/alpha.xml"

[[sources]]
name = "Beta Lab"
url = "http://127.0.0.1:9/beta.xml"

[[sources]]
name = "Gamma Lab"
url = "http://127.0.0.1:9/gamma.xml"
"""


async def test_feeds_list_keys_move_the_highlight_and_enter_filters(
    tmp_path: Path, fresh_data
) -> None:
    await fresh_data()
    app = new_app(tmp_path, THREE_SOURCES)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        feeds = feed_list(app)
        await pilot.press("1")
        assert app.focused is feeds
        names = [row.name for row in feeds._rows]
        assert names == ["All", "★ Starred", "Seed articles", "Alpha Lab", "Beta Lab", "Gamma Lab"]
        assert feeds.highlighted == 0
        await pilot.press("j", "down", "j")
        assert feeds.highlighted == 3
        await pilot.press("k", "up")
        assert feeds.highlighted == 1
        await pilot.press("G")
        assert feeds.highlighted == 5
        await pilot.press("g")
        assert feeds.highlighted == 0
        await pilot.press("end", "home")
        assert feeds.highlighted == 0
        # Enter on "Seed articles" shows only the seeds and moves to the list.
        await pilot.press("j", "j", "enter")
        assert feeds.highlighted_feed == SEED_FEED_ID
        assert app.focused is articles
        assert len(articles.article_ids) == SEED_COUNT
        assert screen(app).view_filter == ViewFilter(feed_id=SEED_FEED_ID)
        # A source with nothing stored yet: an empty list.
        await pilot.press("1", "j", "enter")
        assert screen(app).view_filter.feed_id == feeds.highlighted_feed
        assert articles.article_ids == []
        # Esc goes back to All.
        await pilot.press("escape")
        assert screen(app).view_filter == ViewFilter()
        assert len(articles.article_ids) == SEED_COUNT


# -- the reader ---------------------------------------------------------------


async def test_reader_keys_scroll_the_article(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot, app, SEED_COUNT)
        view = reader(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: view.article_id is not None and view.max_scroll_y > 30)
        assert app.focused is view and view.scroll_y == 0
        page = view.scrollable_content_region.height
        await pilot.press("j", "down", "j")
        assert view.scroll_y == 3
        await pilot.press("k", "up")
        assert view.scroll_y == 1
        await pilot.press("pagedown")
        assert view.scroll_y == 1 + page
        await pilot.press("pageup")
        assert view.scroll_y == 1
        await pilot.press("space")
        assert view.scroll_y == 1 + page
        await pilot.press("b")
        assert view.scroll_y == 1
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("end")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("home")
        assert view.scroll_y == 0
        await wait_for(pilot, lambda: flags_written(app))


# -- Enter and Esc ------------------------------------------------------------


async def test_enter_opens_the_article_in_the_reader_and_marks_it_read(
    tmp_path: Path, fresh_data
) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        # Where it is depends on story grouping (an undated telling sorts with it).
        assert articles.move_to(titled(app, "Pengalaman Menarik"))
        await pilot.pause()
        chosen = articles.current_id
        assert chosen == titled(app, "Pengalaman Menarik") and not app.library.state.is_read(chosen)
        await pilot.press("enter")
        view = reader(app)
        await wait_for(pilot, lambda: view.article_id == chosen)
        assert app.focused is view
        assert app.library.state.is_read(chosen)
        shown = reader_text(app)
        assert app.library.state.articles[chosen].title in shown and TECHCRUNCH in shown
        # Esc goes back to the list, where the cursor still is.
        await pilot.press("escape")
        assert app.focused is articles and articles.current_id == chosen
        await wait_for(pilot, lambda: flags_written(app))


async def test_narrow_enter_shows_the_reader_and_escape_the_list_again(
    tmp_path: Path, fresh_data
) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        chosen = articles.current_id
        await pilot.press("enter")
        view = reader(app)
        await wait_for(pilot, lambda: view.article_id == chosen)
        assert visible(view) and not visible(articles) and app.focused is view
        assert app.library.state.is_read(chosen)
        await pilot.press("escape")
        assert visible(articles) and not visible(view) and app.focused is articles
        await wait_for(pilot, lambda: flags_written(app))


async def test_escape_after_a_feed_filter_shows_all_articles(tmp_path: Path, fresh_data) -> None:
    await fresh_data("long")
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, LONG_COUNT + SEED_COUNT)
        await pilot.press("1", "j", "j", "enter")  # "Seed articles"
        assert shown_feeds(app) == {SEED_FEED_ID} and len(articles.article_ids) == SEED_COUNT
        await pilot.press("escape")
        assert screen(app).view_filter == ViewFilter()
        assert len(articles.article_ids) == LONG_COUNT + SEED_COUNT
        assert "All articles" in str(screen(app).query_one("#list-pane").border_title)


# -- search -------------------------------------------------------------------


async def test_slash_searches_bodies_and_escape_clears(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        search = screen(app).query_one("#search", Input)
        assert not visible(search)
        await pilot.press("slash")
        assert app.focused is search and visible(search)
        await pilot.press(*"Kakao")  # only in the body of one seed, not in a title
        await pilot.press("enter")
        kakao = titled(app, "Um ex -engenheiro")
        await wait_for(pilot, lambda: articles.article_ids == [kakao])
        assert app.focused is articles
        assert "Kakao" in str(screen(app).query_one("#list-pane").border_title)
        await pilot.press("escape")
        assert len(articles.article_ids) == SEED_COUNT
        assert search.value == "" and not visible(search)
        assert screen(app).view_filter == ViewFilter() and app.focused is articles


async def test_escape_in_the_search_box_cancels_it(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        search = screen(app).query_one("#search", Input)
        await pilot.press("slash", *"Leike")
        assert search.value == "Leike"
        await pilot.press("escape")
        assert search.value == "" and not visible(search) and app.focused is articles
        assert len(articles.article_ids) == SEED_COUNT
        # Enter on a search finds the one seed whose body has the word.
        await pilot.press("slash", *"Leike", "enter")
        leike = titled(app, "Jajaran Eksekutif")
        await wait_for(pilot, lambda: articles.article_ids == [leike])


async def test_narrow_escape_from_a_search_result_shows_the_list(
    tmp_path: Path, fresh_data
) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        await pilot.press("slash", *"Kakao", "enter")
        kakao = titled(app, "Um ex -engenheiro")
        await wait_for(pilot, lambda: articles.article_ids == [kakao])
        await pilot.press("enter")
        await wait_for(pilot, lambda: reader(app).article_id == kakao)
        assert visible(reader(app)) and not visible(articles)
        await wait_for(pilot, lambda: flags_written(app))
        await pilot.press("escape")
        assert app.focused is articles
        assert visible(articles) and not visible(reader(app))


# -- quitting -----------------------------------------------------------------


async def test_q_quits_with_return_code_0(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot, app, SEED_COUNT)
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)
    assert app.return_code == 0


async def test_q_right_after_marking_an_article_keeps_the_mark(
    tmp_path: Path, fresh_data, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The batched flush must not be what saves the flag: closing must.
    monkeypatch.setattr(core.user_changes, "USER_FLUSH_DELAY", 30.0)
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        first = articles.current_id
        await pilot.press("m")
        await wait_for(
            pilot, lambda: app.library.service.store.user_state(first).read
        )  # in the store
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)
    assert app.return_code == 0
    store = ArticleStore(tmp_path / "data")
    store.open()
    try:
        assert store.user_state(first).read
    finally:
        store.close()


# -- reading keys: n N m M s --------------------------------------------------


async def test_n_and_N_jump_to_the_next_and_previous_unread(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        notes = Recorder(app, pytest.MonkeyPatch())
        ids = list(articles.article_ids)
        await pilot.press("j", "m", "j", "m", "g")  # rows 1 and 2 read
        assert [app.library.state.is_read(i) for i in ids] == [False, True, True, False, False]
        await pilot.press("n")
        assert articles.cursor == 3  # skipped the read ones
        await pilot.press("n")
        assert articles.cursor == 4
        await pilot.press("n")
        assert articles.cursor == 4 and notes.saw("No more unread")
        await pilot.press("N")
        assert articles.cursor == 3
        await pilot.press("N")
        assert articles.cursor == 0
        # While reading, n opens the next unread article (and so marks it read).
        await pilot.press("enter", "n")
        await wait_for(pilot, lambda: reader(app).article_id == ids[3])
        assert articles.cursor == 3 and app.library.state.is_read(ids[3])
        await wait_for(pilot, lambda: flags_written(app))


async def test_m_toggles_read_in_the_list_and_in_the_reader(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        first = articles.current_id
        await pilot.press("m")
        assert app.library.state.is_read(first)
        assert not articles.render_line(0).text.startswith("●")  # the unread dot is gone
        await pilot.press("m")
        assert not app.library.state.is_read(first)
        assert articles.render_line(0).text.startswith("●")
        # In the reader, m acts on the article shown there.
        await pilot.press("j", "enter")
        second = articles.current_id
        await wait_for(pilot, lambda: reader(app).article_id == second)
        assert app.library.state.is_read(second)
        await pilot.press("m")
        assert not app.library.state.is_read(second) and not app.library.state.is_read(first)
        await wait_for(pilot, lambda: flags_written(app))
        assert not app.library.service.store.user_state(second).read


async def test_M_marks_only_the_current_view_read(tmp_path: Path, fresh_data) -> None:
    await fresh_data("long")
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, LONG_COUNT + SEED_COUNT)
        await pilot.press("1", "j", "j", "enter")  # "Seed articles"
        seeds = list(articles.article_ids)
        assert len(seeds) == SEED_COUNT
        await pilot.press("M")
        assert all(app.library.state.is_read(i) for i in seeds)
        assert app.library.state.unread_count(SEED_FEED_ID) == 0
        assert app.library.state.unread_count(LONG_FEED) == LONG_COUNT  # other feeds untouched
        await wait_for(pilot, lambda: flags_written(app))
        assert all(app.library.service.store.user_state(i).read for i in seeds)


async def test_s_stars_and_the_starred_entry_shows_only_starred(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        await pilot.press("j", "s", "j", "j", "s", "j", "s")  # star rows 1, 3 and 4 ...
        await pilot.press("s")  # ... and unstar row 4 again
        ids = articles.article_ids
        starred = [ids[1], ids[3]]
        assert [i for i in ids if app.library.state.is_starred(i)] == starred
        assert "★" in articles.render_line(1).text
        await pilot.press("1", "j")
        assert feed_list(app).highlighted_feed == STARRED
        await pilot.press("enter")
        assert articles.article_ids == starred and app.focused is articles
        await pilot.press("escape")  # back to All
        assert len(articles.article_ids) == SEED_COUNT
        await wait_for(pilot, lambda: flags_written(app))


# -- links: y and o -----------------------------------------------------------


async def test_y_copies_the_link_and_warns_when_there_is_none(
    tmp_path: Path, fresh_data, monkeypatch: pytest.MonkeyPatch
) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        record = Recorder(app, monkeypatch)
        assert articles.move_to(titled(app, "Gagal Total"))
        assert app.library.state.articles[articles.current_id].link is None
        await pilot.press("y")
        assert record.copied == []
        assert ("warning", "", "This article has no http(s) link.") in record.notes
        assert articles.move_to(titled(app, "Pengalaman Menarik"))
        await pilot.press("y")
        assert record.copied == [TECHCRUNCH]
        assert record.saw("Link copied") and record.saw(TECHCRUNCH)
        # From the reader too.
        await pilot.press("enter", "y")
        assert record.copied == [TECHCRUNCH, TECHCRUNCH]
        await wait_for(pilot, lambda: flags_written(app))


async def test_o_opens_the_link_only_where_a_browser_exists_else_copies_it(
    tmp_path: Path, fresh_data, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    opened: list[str] = []
    monkeypatch.setattr(tui.links.webbrowser, "open", lambda url, **_: opened.append(url))
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        articles = await ready(pilot, app, SEED_COUNT)
        record = Recorder(app, monkeypatch)
        assert articles.move_to(titled(app, "Gagal Total"))
        await pilot.press("o")  # this seed has no link
        assert record.copied == [] and opened == [] and record.saw("has no http(s) link")
        # No display (an SSH session): copied instead, and the toast says so.
        assert articles.move_to(titled(app, "Pengalaman Menarik"))
        await pilot.press("o")
        assert record.copied == [TECHCRUNCH] and opened == []
        assert record.saw("No browser here") and record.saw("Copied instead")
        # With a display and a browser: opened, nothing copied.
        monkeypatch.setenv("DISPLAY", ":0")
        monkeypatch.setattr(tui.links.webbrowser, "get", lambda *_: object())
        await pilot.press("o")
        assert opened == [TECHCRUNCH] and record.copied == [TECHCRUNCH]
        assert record.saw("Opened in the browser")


# -- refreshing: r and R --------------------------------------------------------


def rss(items: list[str], title: str) -> bytes:
    start = datetime(2031, 1, 1, tzinfo=UTC)
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{title} {guid}</title>"
        f"<link>https://example.org/{guid}</link>"
        f"<description>Body of {guid}.</description>"
        f"<pubDate>{format_datetime(start + timedelta(hours=i))}</pubDate></item>"
        for i, guid in enumerate(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://example.org/</link>{entries}</channel></rss>"
    ).encode()


class Feed:
    """A feed served by pytest-httpserver that counts requests and can change."""

    def __init__(self, server: HTTPServer, path: str, items: list[str]) -> None:
        self.path, self.items, self.requests = path, items, 0
        self.name = path.strip("/").split(".")[0].capitalize()  # "/alpha.xml" -> "Alpha"
        self.url = server.url_for(path)
        server.expect_request(path).respond_with_handler(self)

    def __call__(self, request: Request) -> Response:
        self.requests += 1
        return Response(rss(self.items, self.name), content_type="application/rss+xml")


def sources_config(*feeds: tuple[str, Feed], extra: str = "") -> str:
    blocks = "".join(
        f'\n[[sources]]\nname = "{name}"\nurl = "{feed.url}"\n' for name, feed in feeds
    )
    return f'[settings]\ndefault_interval = "6h"\n{extra}{blocks}'


async def test_r_refreshes_every_feed_and_new_items_appear(
    tmp_path: Path, fresh_data, httpserver: HTTPServer
) -> None:
    alpha = Feed(httpserver, "/alpha.xml", ["a1"])
    beta = Feed(httpserver, "/beta.xml", ["b1"])
    await fresh_data()
    app = new_app(tmp_path, sources_config(("Alpha", alpha), ("Beta", beta)), poll=True)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        articles = article_list(app)
        await wait_for(pilot, lambda: len(articles.article_ids) == SEED_COUNT + 2)
        await wait_for(
            pilot, lambda: app.library.status.polling_done == app.library.status.polling_total == 2
        )
        first_update = app.library.status.last_update
        assert first_update is not None
        alpha.items, beta.items = ["a1", "a2"], ["b1", "b2", "b3"]
        await pilot.press("r")
        await wait_for(pilot, lambda: len(articles.article_ids) == SEED_COUNT + 5)
        assert (alpha.requests, beta.requests) == (2, 2)
        assert {"Alpha a2", "Beta b2", "Beta b3"} <= {
            app.library.state.articles[i].title for i in articles.article_ids
        }
        await wait_for(
            pilot, lambda: app.library.status.polling_done == app.library.status.polling_total
        )
        assert (
            app.library.status.last_update is not None
            and app.library.status.last_update >= first_update
        )


async def test_R_refreshes_only_the_selected_feed(
    tmp_path: Path, fresh_data, httpserver: HTTPServer
) -> None:
    alpha = Feed(httpserver, "/alpha.xml", ["a1"])
    beta = Feed(httpserver, "/beta.xml", ["b1"])
    await fresh_data()
    app = new_app(tmp_path, sources_config(("Alpha", alpha), ("Beta", beta)), poll=True)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        articles = article_list(app)
        await wait_for(pilot, lambda: len(articles.article_ids) == SEED_COUNT + 2)
        await wait_for(
            pilot, lambda: app.library.status.polling_done == app.library.status.polling_total == 2
        )
        assert (alpha.requests, beta.requests) == (1, 1)
        beta.items = ["b1", "b2"]
        await pilot.press("1", "G")  # the last feed: Beta
        assert feed_list(app).row(feed_list(app).highlighted_feed or "").name == "Beta"
        await pilot.press("R")
        await wait_for(pilot, lambda: len(articles.article_ids) == SEED_COUNT + 3)
        assert (alpha.requests, beta.requests) == (1, 2)
        # With "All" highlighted, R refreshes the feed of the article under the cursor.
        await pilot.press("g", "2", "g")  # All in the feeds, then the newest article
        assert feed_list(app).highlighted_feed == ALL_FEEDS
        assert app.library.state.articles[articles.current_id].feed_id != SEED_FEED_ID
        feed_of_cursor = app.library.state.articles[articles.current_id].title.split()[0]
        await pilot.press("R")
        expected = (2, 2) if feed_of_cursor == "Alpha" else (1, 3)
        await wait_for(pilot, lambda: (alpha.requests, beta.requests) == expected)


# -- e: feeds.toml in $EDITOR ---------------------------------------------------


def editor_script(tmp_path: Path, url: str) -> Path:
    """An "editor" that appends a source to the file it is given, as a person would."""
    script = tmp_path / "fake-editor"
    script.write_text(
        f'#!/bin/sh\nprintf \'\\n[[sources]]\\nname = "Edited"\\nurl = "{url}"\\n\' >> "$1"\n'
    )
    script.chmod(0o755)
    return script


async def test_e_headless_cannot_suspend_and_says_so(
    tmp_path: Path, fresh_data, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor_script(tmp_path, "http://127.0.0.1:9/x.xml")))
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await ready(pilot, app, SEED_COUNT)
        record = Recorder(app, monkeypatch)
        before = app.options.config_path.read_text()
        await pilot.press("e")
        # The headless driver cannot hand the terminal over (App.suspend raises
        # SuspendNotSupported): the editor is not started and the app says why.
        assert app.options.config_path.read_text() == before
        assert any(
            severity == "error" and "Could not start the editor" in message
            for severity, _, message in record.notes
        )


async def test_e_runs_the_editor_and_applies_the_edited_feeds_toml(
    tmp_path: Path, fresh_data, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    edited = Feed(httpserver, "/edited.xml", ["e1"])
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor_script(tmp_path, edited.url)))
    await fresh_data()
    app = new_app(tmp_path, poll=True)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot, app, SEED_COUNT)
        assert app.library.config.sources == ()
        # Headless there is no terminal to hand over; a real one would be suspended.
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        await pilot.press("e")
        assert '[[sources]]\nname = "Edited"' in app.options.config_path.read_text()
        await wait_for(pilot, lambda: [s.name for s in app.library.config.sources] == ["Edited"])
        # The new source is polled and its item listed.
        await wait_for(pilot, lambda: len(article_list(app).article_ids) == SEED_COUNT + 1)
        assert edited.requests == 1


# -- ?: help ------------------------------------------------------------------


def help_rows(app: AiwireApp) -> dict[str, str]:
    """description -> keys, as the help screen renders them."""
    from rich.console import Console

    assert isinstance(app.screen, HelpScreen)
    table = app.screen.query_one("#help-body Static", Static).content
    console = Console(width=200, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(table)
    rows = {}
    for line in console.export_text().splitlines():
        keys, _, description = line.strip().partition("  ")
        if description.strip():
            rows[description.strip()] = keys.strip()
    return rows


async def test_question_mark_shows_every_key_and_escape_closes(tmp_path: Path, fresh_data) -> None:
    await fresh_data()
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await ready(pilot, app, SEED_COUNT)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app)
        expected = {
            "next panel": "tab",
            "down": "↓ j",
            "first": "home g",
            "last": "end G",
            "page down": "pgdn space",
            "open the article (marks it read) / filter by the feed or entity": "⏎",
            "back: close the reader, clear the search, clear the filter": "esc",
            BY_ID["main.search"].help: "/",
            "next unread": "n",
            "previous unread": "N",
            "toggle read": "m",
            "mark this view read": "M",
            "undo the last mark-all-read (this session)": "u",
            "star / unstar": "s",
            "copy the link (OSC 52)": "y",
            BY_ID["main.open_link"].help: "o",
            BY_ID["main.pipe"].help: "|",
            BY_ID["main.save"].help: "S",
            "read the same story as another outlet or language told it": "a",
            "details of a person or company: timeline, events, mentioned with": "i",
            "mute / unmute the alerts of a person or company": "x",
            "refresh all feeds now": "r",
            "refresh this feed": "R",
            "edit feeds.toml in $EDITOR": "e",
            "command palette: feeds, people, companies, commands": "^p",
            "this help: every key in force": "?",
            "quit": "q",
            "show / hide the reader pane (beside the list when the terminal is wide)": "v",
            "show / hide the side panels (feeds, watchlists)": "\\",
            "unread only / all": "U",
            "starred only / all": "*",
            "date range: today, 7 days, 30 days, any": "d",
        }
        assert {d: rows.get(d) for d in expected} == expected
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


# -- ctrl+p: the command palette ----------------------------------------------


async def palette(pilot: Any, app: AiwireApp, text: str, typed: str | None = None) -> None:
    """ctrl+p, type (a part of) the command, wait until it is the first hit, Enter."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
    await pilot.press(*(typed or text))
    results = app.screen.query_one(CommandList)

    def first_hit() -> str:
        if results.option_count == 0:
            return ""
        return str(results.get_option_at_index(0).prompt)

    await wait_for(pilot, lambda: text in first_hit())
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_palette_feed_then_mark_all_read(tmp_path: Path, fresh_data) -> None:
    await fresh_data("long")
    app = new_app(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        articles = await ready(pilot, app, LONG_COUNT + SEED_COUNT)
        await palette(pilot, app, "Feed: Seed articles", "Seed")
        assert screen(app).view_filter == ViewFilter(feed_id=SEED_FEED_ID)
        assert shown_feeds(app) == {SEED_FEED_ID} and len(articles.article_ids) == SEED_COUNT
        assert app.focused is articles
        # "Mark all read" marks the view: the seeds, not the other feed.
        await palette(pilot, app, "Mark all read", "Mark all")
        assert app.library.state.unread_count(SEED_FEED_ID) == 0
        assert app.library.state.unread_count(LONG_FEED) == LONG_COUNT
        await wait_for(pilot, lambda: flags_written(app))


OPENAI_WATCH = """
[settings]
default_interval = "30m"

[[companies]]
name = "OpenAI"
"""


async def test_palette_watch_shows_articles_that_mention_the_entity(
    tmp_path: Path, fresh_data
) -> None:
    await fresh_data("long")
    app = new_app(tmp_path, OPENAI_WATCH)
    with real_enrichment():
        async with app.run_test(size=WIDE) as pilot:
            articles = article_list(app)
            # Enrichment with the new watchlist runs in a worker process after start.
            await wait_for(pilot, lambda: all_enriched(app), timeout=20)
            openai = "company:openai"
            mentioning = {i for i, a in app.library.state.articles.items() if openai in a.entities}
            assert mentioning and mentioning <= {
                i for i, a in app.library.state.articles.items() if a.feed_id == SEED_FEED_ID
            }
            await palette(pilot, app, "Watch: OpenAI", "OpenAI")
            assert screen(app).view_filter == ViewFilter(entity_id=openai)
            shown = articles.article_ids
            assert shown and set(shown) <= mentioning  # stories told twice show once
            assert app.focused is articles


async def test_palette_refresh_all_feeds(
    tmp_path: Path, fresh_data, httpserver: HTTPServer
) -> None:
    alpha = Feed(httpserver, "/alpha.xml", ["a1"])
    await fresh_data()
    app = new_app(tmp_path, sources_config(("Alpha", alpha)), poll=True)
    async with app.run_test(size=WIDE) as pilot:
        articles = article_list(app)
        await wait_for(pilot, lambda: len(articles.article_ids) == SEED_COUNT + 1)
        await wait_for(
            pilot, lambda: app.library.status.polling_done == app.library.status.polling_total == 1
        )
        alpha.items = ["a1", "a2"]
        await palette(pilot, app, "Refresh all feeds", "Refresh all")
        await wait_for(pilot, lambda: len(articles.article_ids) == SEED_COUNT + 2)
        assert alpha.requests == 2


# -- [settings.keymap] --------------------------------------------------------


async def test_a_keymap_in_feeds_toml_rebinds_refresh_and_help_shows_it(
    tmp_path: Path, fresh_data, httpserver: HTTPServer
) -> None:
    alpha = Feed(httpserver, "/alpha.xml", ["a1"])
    await fresh_data()
    config = sources_config(("Alpha", alpha), extra='\n[settings.keymap]\nrefresh = "ctrl+r"\n')
    app = new_app(tmp_path, config, poll=True)
    async with app.run_test(size=WIDE) as pilot:
        articles = article_list(app)
        await wait_for(pilot, lambda: len(articles.article_ids) == SEED_COUNT + 1)
        await wait_for(
            pilot, lambda: app.library.status.polling_done == app.library.status.polling_total == 1
        )
        await pilot.press("r")  # no longer bound to refresh
        await pilot.pause(0.3)
        assert alpha.requests == 1
        alpha.items = ["a1", "a2"]
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: len(articles.article_ids) == SEED_COUNT + 2)
        assert alpha.requests == 2
        await pilot.press("question_mark")
        assert help_rows(app)["refresh all feeds now"] == "^r"
        await pilot.press("escape")
