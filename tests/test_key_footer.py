"""The footer shows the keys of what has focus, and rebuilds only when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from tui.widgets.key_footer import KeyFooter


class Pane(Static, can_focus=True):
    pass


class Left(Pane):
    BINDINGS = [Binding("x", "cut", "Cut")]


class Right(Pane):
    BINDINGS = [Binding("y", "yank", "Yank")]


class FooterApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Left("left", id="left")
        yield Right("right", id="right")
        yield KeyFooter()


def shown_actions(app: App[None]) -> set[str]:
    return {key.action for key in app.screen.query(FooterKey)}


async def test_footer_follows_focus() -> None:
    app = FooterApp()
    async with app.run_test() as pilot:
        app.query_one("#left").focus()
        await pilot.pause()
        await pilot.pause()
        assert "cut" in shown_actions(app) and "yank" not in shown_actions(app)
        app.query_one("#right").focus()
        await pilot.pause()
        await pilot.pause()
        assert "yank" in shown_actions(app) and "cut" not in shown_actions(app)


async def test_unchanged_keys_keep_their_widgets() -> None:
    app = FooterApp()
    async with app.run_test() as pilot:
        app.query_one("#left").focus()
        await pilot.pause()
        await pilot.pause()
        before = list(app.screen.query(FooterKey))
        assert before
        for _ in range(3):
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert list(app.screen.query(FooterKey)) == before


async def test_the_keys_are_in_the_first_frame() -> None:
    # Mounted after it, they would reflow the whole screen once more, just as
    # the dashboard starts loading its archive.
    seen: list[set[str]] = []

    class ReadyApp(FooterApp):
        def on_ready(self) -> None:
            seen.append(shown_actions(self))

    app = ReadyApp()
    async with app.run_test() as pilot:
        await pilot.pause()
    assert seen and "cut" in seen[0]
