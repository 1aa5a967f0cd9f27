"""While the dashboard shows only the archive's newest rows (storage.newest),
no panel shows a count: counts of those rows would be wrong. Each count
shows as pending until the whole archive has loaded, then as the archive's."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.newest import KEEP
from storage.records import NewArticle
from storage.store import ArticleStore
from tests.app_support import hold_open, make_app, screen_text, wait_for
from tui.terminal_caps import glyphs
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import ALL_FEEDS, STARRED, FeedList, feed_prompt
from tui.widgets.watchlist_panel import WatchlistPanel, entity_prompt

START = datetime(2031, 3, 1, tzinfo=UTC)  # after the seed articles
STORED = 500
CONFIG = """
[[sources]]
id = "wire"
name = "Wire"
url = "https://example.org/feed.xml"

[[companies]]
name = "OpenAI"
"""


def _archive(data_dir: Path) -> None:
    store = ArticleStore(data_dir)
    store.open()
    store.add(
        [
            NewArticle(
                feed_id="wire",
                guid=f"g{n}",
                title=f"OpenAI story {n}" if n % 2 else f"Story {n}",
                link=f"https://example.org/{n}",
                published=START + timedelta(minutes=n),
                body="text",
                entities=("company:openai",) if n % 2 else (),
            )
            for n in range(STORED)
        ],
        now=START,
    )
    ids = sorted(store.article_table())
    store.set_flags(ids[:10], read=True)
    store.set_flags(ids[:3], starred=True)
    store.close()


async def test_counts_are_pending_until_the_archive_has_loaded(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _archive(data_dir)
    app = make_app(tmp_path, CONFIG, data_dir=data_dir)
    release = hold_open(app)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = app.screen
        articles = screen.query_one("#articles", ArticleList)
        feeds = screen.query_one("#feeds", FeedList)
        watch = screen.query_one("#watchlists", WatchlistPanel)
        await wait_for(pilot, lambda: len(articles.article_ids) == KEEP)
        await wait_for(pilot, lambda: feeds.row("wire") is not None and bool(watch.rows))
        await pilot.pause(0.3)
        assert app.library.open_report is None  # still opening: only the newest rows
        for feed_id in (ALL_FEEDS, STARRED, "wire"):
            row = feeds.row(feed_id)
            assert row is not None and row.unread is None, feed_id
            assert str(feed_prompt(row, 30)).rstrip().endswith(glyphs().ellipsis)
        [openai] = watch.rows
        assert openai.pending
        assert str(entity_prompt(openai, 30)).rstrip().endswith(glyphs().ellipsis)
        # No count of the newest rows anywhere on screen: not for the feed, nor for All.
        newest_unread = sum(1 for i in articles.article_ids if not app.library.state.is_read(i))
        text = screen_text(app)
        assert str(newest_unread) not in text and str(KEEP) not in text

        release.set()
        await wait_for(pilot, lambda: app.library.open_report is not None)
        await wait_for(pilot, lambda: (feeds.row(ALL_FEEDS) or feeds.rows[0]).unread is not None)
        unread = STORED - 10
        assert feeds.row("wire").unread == unread  # type: ignore[union-attr]
        # All: the archive's, the bundled seed articles stored at open included.
        all_unread = feeds.row(ALL_FEEDS).unread  # type: ignore[union-attr]
        assert all_unread == app.library.state.unread_count() and all_unread >= unread
        assert feeds.row(STARRED).unread == 3  # type: ignore[union-attr]
        await wait_for(pilot, lambda: not watch.rows[0].pending and watch.rows[0].total > 0)
        assert str(unread) in screen_text(app)
        assert glyphs().ellipsis not in str(feed_prompt(feeds.row("wire"), 30))  # type: ignore[arg-type]
        await pilot.press("q")


async def test_the_entity_screen_and_ledger_count_only_the_whole_archive(tmp_path: Path) -> None:
    from tui.screens.entity import EntityScreen
    from tui.screens.ledger import LedgerScreen

    data_dir = tmp_path / "data"
    _archive(data_dir)
    app = make_app(tmp_path, CONFIG, data_dir=data_dir)
    release = hold_open(app)
    async with app.run_test(size=(140, 40)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        watch = app.screen.query_one("#watchlists", WatchlistPanel)
        await wait_for(pilot, lambda: len(articles.article_ids) == KEEP and bool(watch.rows))
        await pilot.press("4", "i")
        await wait_for(pilot, lambda: isinstance(app.screen, EntityScreen))
        await pilot.pause()
        text = screen_text(app)
        assert "Counting: the archive is still loading." in text
        assert "mention them" not in text and "Last 30 days" not in text
        await pilot.press("escape", "L")
        await wait_for(pilot, lambda: isinstance(app.screen, LedgerScreen))
        await pilot.pause()
        assert "the archive is loading" in screen_text(app)
        assert " of " not in screen_text(app).splitlines()[0]
        await pilot.press("escape", "4", "i")
        await wait_for(pilot, lambda: isinstance(app.screen, EntityScreen))

        # The archive loads with the entity screen open: it counts again, from all of it.
        release.set()
        await wait_for(pilot, lambda: "articles mention them" in screen_text(app))
        found = re.search(r"(\d+) articles mention them", screen_text(app))
        assert found is not None
        # The archive's half that names OpenAI (and perhaps seeds), not the newest rows'.
        assert int(found[1]) >= STORED // 2 > KEEP
        assert "Counting" not in screen_text(app)
        await pilot.press("escape", "L")
        await wait_for(pilot, lambda: isinstance(app.screen, LedgerScreen))
        await pilot.pause()
        assert "the archive is loading" not in screen_text(app)
        await pilot.press("escape", "q")
