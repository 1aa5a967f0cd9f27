"""Side panels hidden by a narrow terminal (or by the user) are not counted
while hidden; when they show, they show the archive as it is then."""

from __future__ import annotations

from pathlib import Path

from tests.app_support import make_app, screen_text, wait_for
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import ALL_FEEDS, FeedList
from tui.widgets.watchlist_panel import WatchlistPanel

CONFIG = """
[[companies]]
name = "OpenAI"
"""


def unread_in_all(feeds: FeedList) -> int | None:
    row = feeds.row(ALL_FEEDS)
    return row.unread if row is not None else None


async def test_hidden_side_panels_are_brought_up_to_date_when_shown(tmp_path: Path) -> None:
    app = make_app(tmp_path, CONFIG)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen._loaded and screen.settled)
        feeds = screen.query_one("#feeds", FeedList)
        watchlists = screen.query_one("#watchlists", WatchlistPanel)
        assert not screen.query_one("#sidebar").display
        # Nothing was counted for panels nobody sees.
        assert feeds.option_count == 0 and watchlists.option_count == 0

        unread = app.library.state.unread_count(None)
        assert unread > 0
        await pilot.press("backslash")  # show the side panels
        await wait_for(pilot, lambda: feeds.option_count > 0 and not watchlists.building)
        assert unread_in_all(feeds) == unread
        assert [row.name for row in watchlists.rows] == ["OpenAI"]
        assert "OpenAI" in screen_text(app)

        # Hidden again, an article is marked read: shown again, the count follows.
        await pilot.press("backslash")
        await pilot.pause()
        articles = screen.query_one("#articles", ArticleList)
        articles.focus()
        await pilot.press("m")
        await wait_for(pilot, lambda: app.library.state.unread_count(None) == unread - 1)
        await wait_for(pilot, lambda: screen.settled)
        assert unread_in_all(feeds) == unread  # not recounted while hidden
        await pilot.press("backslash")
        await wait_for(pilot, lambda: unread_in_all(feeds) == unread - 1)
