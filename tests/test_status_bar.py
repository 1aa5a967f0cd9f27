"""The status line: what it says, and that it is redrawn only when that changes."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.widgets.status_bar import Status, StatusBar, status_text


class CountingBar(StatusBar):
    def __init__(self) -> None:
        super().__init__(id="status")
        self.updates = 0

    def update(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.updates += 1
        super().update(*args, **kwargs)


class BarApp(App[None]):
    CSS = "StatusBar { height: 1; }"

    def compose(self) -> ComposeResult:
        yield CountingBar()


def test_the_line_says_how_far_a_poll_is_and_what_failed() -> None:
    text = status_text(Status(polling_done=12, polling_total=40, failing_feeds=2)).plain
    assert "polling 12/40" in text and "2 failing" in text and "writer" in text
    assert "READ-ONLY" in status_text(Status(writer=False)).plain


async def test_an_unchanged_status_is_not_drawn_again() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 3)) as pilot:
        bar = app.query_one(CountingBar)
        await pilot.pause(0.2)
        bar.set_status(Status(polling_done=0, polling_total=5))
        bar.set_status(Status(polling_done=0, polling_total=5))
        assert bar.updates == 1  # the first change after a quiet spell, at once
        await pilot.pause(0.2)
        bar.set_status(Status(polling_done=0, polling_total=5))
        assert bar.updates == 1


async def test_a_burst_of_reports_is_drawn_once_a_tick_ending_with_the_last() -> None:
    app = BarApp()
    async with app.run_test(size=(80, 3)) as pilot:
        bar = app.query_one(CountingBar)
        await pilot.pause(0.2)
        # A 500-feed poll reports progress a thousand times, a dozen a second.
        for done in range(50):
            bar.set_status(Status(polling_done=done, polling_total=50))
        assert bar.updates == 1 and bar.drawing_soon
        assert bar.status.polling_done == 49  # what the screen's keys act on is current
        await pilot.pause(0.3)
        assert not bar.drawing_soon
        assert bar.updates == 2
        assert "polling 49/50" in str(bar.render())


async def test_esc_clears_what_the_status_bar_said(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.app_support import make_app, screen_text, wait_for

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        await pilot.press("slash", *"openai", "enter")
        await wait_for(pilot, lambda: "found for" in (app.library.status.message or ""))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.library.status.message is None)
        await pilot.pause(0.2)
        assert "found for" not in screen_text(app)
        # A message with nothing else to clear goes too.
        app.library.set_status(message="saved /tmp/x.md")
        await pilot.press("escape")
        assert app.library.status.message is None


async def test_an_empty_filtered_view_says_so_not_that_the_archive_is_empty(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.app_support import make_app, screen_text, wait_for

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        await pilot.press("asterisk")  # starred only: none is starred
        await pilot.pause(0.2)
        assert "Nothing here matches this view" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert "Nothing here matches" not in screen_text(app)
