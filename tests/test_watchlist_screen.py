"""Watchlists on screen: counts, filtering, details, mute, alerts, one row per story."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from pytest_httpserver import HTTPServer
from textual.widgets import Static

from tests.app_support import make_app, wait_for
from tests.test_polling import ConditionalFeed, rss
from tui.screens.entity import EntityScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import ALERTS, FeedList
from tui.widgets.reader import Reader
from tui.widgets.watchlist_panel import WatchlistPanel

WATCHLIST = """
[settings]
default_interval = "30m"

[[people]]
name = "Sam Altman"
affiliation = "OpenAI"

[[people]]
name = "Calvin French-Owen"

[[people]]
name = "Jan Leike"

[[companies]]
name = "OpenAI"
aliases = ["Open AI"]

[[companies]]
name = "Twilio"

[[companies]]
name = "Anthropic"
"""


def source_block(url: str) -> str:
    return f'\n[[sources]]\nname = "Lab"\nurl = "{url}"\n'


async def test_the_same_story_in_two_languages_shows_once_with_also_in(tmp_path: Path) -> None:
    app = make_app(tmp_path, WATCHLIST)
    async with app.run_test(size=(160, 45)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: bool(app.library.state.stories), timeout=30)
        titles = {app.library.state.articles[i].title: i for i in app.library.state.articles}
        indonesian = next(i for t, i in titles.items() if t.startswith("Pengalaman"))
        portuguese = next(i for t, i in titles.items() if t.startswith("Um ex"))
        assert set(app.library.state.stories[indonesian]) == {indonesian, portuguese}
        # Seeds 002-004 are other stories.
        assert len(app.library.state.stories) == 2

        await wait_for(pilot, lambda: len(articles.article_ids) == 4)
        shown = portuguese if portuguese in articles.article_ids else indonesian
        other = indonesian if shown == portuguese else portuguese
        row = articles.render_line(articles.article_ids.index(shown)).text
        # "+1" in the markers column, before the date and the source.
        assert row.startswith("● +1 ")
        assert app.library.source_name(app.library.state.articles[shown]) in row

        articles.move_to(shown)
        await pilot.press("enter")
        reader = app.screen.query_one("#reader", Reader)
        await wait_for(pilot, lambda: reader.article_id == shown)
        await wait_for(
            pilot, lambda: "Also in" in str(reader.query_one("#reader-text", Static).render())
        )
        await pilot.press("a")
        await wait_for(pilot, lambda: reader.article_id == other)


async def test_the_watchlist_panel_counts_filters_and_details(tmp_path: Path) -> None:
    app = make_app(tmp_path, WATCHLIST)
    async with app.run_test(size=(160, 45)) as pilot:
        panel = app.screen.query_one("#watchlists", WatchlistPanel)
        await wait_for(
            pilot, lambda: any(a.entities for a in app.library.state.articles.values()), timeout=30
        )
        # The panel is a summary, redrawn within a second of new counts.
        await wait_for(
            pilot,
            lambda: panel.option_count > 0 and "OpenAI" in str(panel.get_option_at_index(0).prompt),
            timeout=5,
        )
        await pilot.press("4", "g")
        assert app.focused is panel
        # Sorted by mentions: OpenAI is in all five seeds.
        assert panel.highlighted_entity == "company:openai"
        assert "OpenAI" in str(panel.get_option_at_index(0).prompt)

        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, EntityScreen))
        report = str(app.screen.query_one("#entity-report", Static).render())
        assert "5 articles mention them" in report
        assert "Jajaran Eksekutif OpenAI" in report  # the timeline
        assert "Most often mentioned with" in report and "Sam Altman" in report
        await pilot.press("escape")
        assert not isinstance(app.screen, EntityScreen)

        await pilot.press("down", "enter")  # the second entity: filter the list to it
        articles = app.screen.query_one("#articles", ArticleList)
        chosen = app.screen.view_filter.entity_id
        assert chosen is not None and app.focused is articles
        assert all(chosen in app.library.state.articles[i].entities for i in articles.article_ids)

        await pilot.press("4", "x")
        assert app.library.watchlist.is_muted(panel.highlighted_entity or "")


async def test_a_polled_article_naming_a_watched_person_raises_an_alert(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    # Dated now: items dated before a feed was first fetched never alert.
    feed = ConditionalFeed(rss([("quiet", "Weather report")], start=datetime.now(UTC)))
    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    app = make_app(tmp_path, WATCHLIST + source_block(httpserver.url_for("/feed.xml")), poll=True)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 6, timeout=30)
        await wait_for(
            pilot,
            lambda: app.library.writing is not None and app.library.writing.enrichment is not None,
        )
        app.library.toggle_mute("person:jan-leike")

        feed.body = rss(
            [
                ("quiet", "Weather report"),
                ("news", "Sam Altman announces a new OpenAI device"),
                ("muted", "Jan Leike gives a talk"),
            ],
            start=datetime.now(UTC),
        )
        feed.etag = '"v2"'
        await pilot.press("r")
        await wait_for(pilot, lambda: len(app.library.alerts.ids) == 1, timeout=30)
        [alert] = app.library.alerts.ids
        assert app.library.state.articles[alert].title == "Sam Altman announces a new OpenAI device"
        await wait_for(
            pilot, lambda: any("Sam Altman" in str(n.message) for n in app._notifications)
        )
        assert not any("Jan Leike" in str(n.message) for n in app._notifications)

        feeds = app.screen.query_one("#feeds", FeedList)
        await wait_for(pilot, lambda: feeds.row(ALERTS) is not None)
        feeds.focus()
        feeds.highlighted = [o.id for o in feeds.options].index(ALERTS)
        await pilot.press("enter")
        articles = app.screen.query_one("#articles", ArticleList)
        assert articles.article_ids == [alert]
