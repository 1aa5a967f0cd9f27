"""The feeds and watchlist panels: rows redrawn in place, long lists built in chunks."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tests.app_support import screen_text
from tui.widgets.feed_list import FeedList, FeedRow
from tui.widgets.row_list import BUILD_CHUNK
from tui.widgets.watchlist_panel import EntityRow, WatchlistPanel


class Panel(App[None]):
    def compose(self) -> ComposeResult:
        yield FeedList(id="feeds")


def feeds(count: int, *, unread: int = 0, first: str | None = None) -> list[FeedRow]:
    rows = [FeedRow(f"feed-{n}", f"Feed {n}", unread, "ok") for n in range(count)]
    return ([FeedRow(first, first, 0, None)] if first else []) + rows


def feed_lines(app: App[None]) -> dict[str, str]:
    """The feed rows on screen: name -> the unread count shown ("" for none)."""
    shown = {}
    for line in screen_text(app).splitlines():
        words = line.strip(" ▊▎").split()
        if len(words) >= 3 and words[1] == "Feed":
            shown[f"Feed {words[2]}"] = words[3] if len(words) > 3 else ""
    return shown


async def test_a_long_list_is_built_over_several_turns_keeping_the_highlighted_row() -> None:
    app = Panel()
    async with app.run_test(size=(60, 30)) as pilot:
        panel = app.query_one(FeedList)
        panel.show_rows(feeds(500))
        # One event-loop turn lays out one chunk, not 500 options at once.
        assert panel.option_count == BUILD_CHUNK
        for _ in range(100):
            if not panel.building:
                break
            await pilot.pause()
        assert panel.option_count == 500 and not panel.building
        assert panel.highlighted_feed == "feed-0"

        panel.highlighted = 300
        panel.show_rows(feeds(500, first="__alerts__"))  # a row appears on top
        for _ in range(100):
            if not panel.building:
                break
            await pilot.pause()
        assert panel.option_count == 501
        assert panel.highlighted_feed == "feed-300"


async def test_a_count_that_changes_redraws_that_row_only() -> None:
    app = Panel()
    async with app.run_test(size=(60, 30)) as pilot:
        panel = app.query_one(FeedList)
        panel.show_rows(feeds(10))
        await pilot.pause()
        options_before = [panel.get_option_at_index(i) for i in range(10)]
        rows = feeds(10)
        rows[3] = FeedRow("feed-3", "Feed 3", 7, "ok")
        panel.show_rows(rows)
        assert [panel.get_option_at_index(i) for i in range(10)] == options_before
        assert "7" in str(panel.get_option_at_index(3).prompt)
        assert "7" not in str(panel.get_option_at_index(4).prompt)
        await pilot.pause()
        shown = feed_lines(app)
        assert shown["Feed 3"] == "7"
        assert shown["Feed 4"] == ""


async def test_a_redrawn_row_shows_its_new_count_while_the_rest_keep_theirs() -> None:
    app = Panel()
    async with app.run_test(size=(60, 30)) as pilot:
        panel = app.query_one(FeedList)
        panel.show_rows(feeds(20, unread=1))
        await pilot.pause()
        for count in (5, 6):  # twice: a second change must not show the first's lines
            rows = feeds(20, unread=1)
            rows[12] = FeedRow("feed-12", "Feed 12", count, "ok")
            panel.show_rows(rows)
            await pilot.pause()
            shown = feed_lines(app)
            assert shown["Feed 12"] == str(count)
            assert [shown[f"Feed {n}"] for n in range(12)] == ["1"] * 12


class Watchlists(App[None]):
    def compose(self) -> ComposeResult:
        yield FeedList(id="feeds")
        yield WatchlistPanel(id="watchlists")


def ranked(*names: str) -> list[EntityRow]:
    return [EntityRow(f"company:{n.lower()}", n, "company", 10 - i, 0) for i, n in enumerate(names)]


async def test_a_new_ranking_keeps_the_watchlist_at_its_top_unless_someone_is_in_it() -> None:
    app = Watchlists()
    async with app.run_test(size=(60, 30)) as pilot:
        panel = app.query_one(WatchlistPanel)
        panel.show_rows(ranked("Alpha", "Beta", "Gamma"))
        await pilot.pause()
        app.query_one(FeedList).focus()

        panel.show_rows(ranked("Gamma", "Beta", "Alpha"))  # Alpha, highlighted, drops to last
        await pilot.pause()
        assert panel.highlighted == 0 and panel.highlighted_entity == "company:gamma"

        panel.focus()
        await pilot.pause()
        panel.highlighted = 1  # the user moves to Beta
        panel.show_rows(ranked("Beta", "Gamma", "Alpha")[::-1])
        await pilot.pause()
        assert panel.highlighted_entity == "company:beta"


async def test_a_new_ranking_of_the_same_rows_moves_them_without_rebuilding_the_list() -> None:
    app = Watchlists()
    async with app.run_test(size=(60, 30)) as pilot:
        panel = app.query_one(WatchlistPanel)
        panel.show_rows(ranked("Alpha", "Beta", "Gamma", "Delta"))
        await pilot.pause()
        options = {panel.get_option_at_index(i).id: panel.get_option_at_index(i) for i in range(4)}

        panel.show_rows(ranked("Gamma", "Alpha", "Delta", "Beta"))

        # The same options, moved: no rebuild, so no chunks and no new layout.
        assert not panel.building
        moved = [panel.get_option_at_index(i) for i in range(4)]
        assert [option.id for option in moved] == [
            "company:gamma", "company:alpha", "company:delta", "company:beta",
        ]  # fmt: skip
        assert all(option is options[option.id] for option in moved)
        await pilot.pause()
        names = [
            word
            for line in screen_text(app).splitlines()
            for word in line.split()
            if word in ("Alpha", "Beta", "Gamma", "Delta")
        ]
        assert names == ["Gamma", "Alpha", "Delta", "Beta"]
        # Counts follow their rows: Alpha now shows Gamma's old rank's count.
        assert "9" in str(panel.get_option_at_index(1).prompt)
