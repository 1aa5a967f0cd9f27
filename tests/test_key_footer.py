"""The footer shows the keys of what has focus on one line, and a click presses a key."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from tui.widgets.key_footer import KeyFooter


class Pane(Static, can_focus=True):
    pass


class Left(Pane):
    BINDINGS = [Binding("x", "cut", "Cut"), Binding("z", "undo", "Undo")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Undo shows, but can do nothing yet: drawn dim, a click only rings.
        return None if action == "undo" else True

    def action_cut(self) -> None:
        self.app.done.append("cut")  # type: ignore[attr-defined]


class Right(Pane):
    BINDINGS = [Binding("y", "yank", "Yank")]


class FooterApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.done: list[str] = []
        self.bells = 0

    def compose(self) -> ComposeResult:
        yield Left("left", id="left")
        yield Right("right", id="right")
        yield KeyFooter()

    def bell(self) -> None:
        self.bells += 1


def shown_actions(app: App[None]) -> set[str]:
    return {entry.action for entry in app.screen.query_one(KeyFooter).entries}


def footer_line(app: App[None]) -> str:
    return app.screen._compositor.render_strips()[-1].text


async def test_footer_follows_focus() -> None:
    app = FooterApp()
    async with app.run_test() as pilot:
        app.query_one("#left").focus()
        await pilot.pause()
        await pilot.pause()
        assert "cut" in shown_actions(app) and "yank" not in shown_actions(app)
        assert "x Cut" in footer_line(app)
        app.query_one("#right").focus()
        await pilot.pause()
        await pilot.pause()
        assert "yank" in shown_actions(app) and "cut" not in shown_actions(app)
        assert "y Yank" in footer_line(app) and "Cut" not in footer_line(app)


async def test_unchanged_keys_keep_their_entries() -> None:
    app = FooterApp()
    async with app.run_test() as pilot:
        app.query_one("#left").focus()
        await pilot.pause()
        await pilot.pause()
        footer = app.query_one(KeyFooter)
        before = footer.entries
        assert before
        for _ in range(3):
            app.screen.refresh_bindings()
        await pilot.pause()
        await pilot.pause()
        assert footer.entries is before


async def test_the_keys_are_in_the_first_frame() -> None:
    seen: list[set[str]] = []

    class ReadyApp(FooterApp):
        def on_ready(self) -> None:
            seen.append(shown_actions(self))

    app = ReadyApp()
    async with app.run_test() as pilot:
        await pilot.pause()
    assert seen and "cut" in seen[0]


async def test_a_click_presses_the_key_and_a_disabled_one_rings() -> None:
    app = FooterApp()
    async with app.run_test(size=(80, 10)) as pilot:
        app.query_one("#left").focus()
        await pilot.pause()
        await pilot.pause()
        line = footer_line(app)
        await pilot.click(KeyFooter, offset=(line.index("Cut"), 0))
        await pilot.pause()
        assert app.done == ["cut"] and app.bells == 0
        await pilot.click(KeyFooter, offset=(line.index("Undo"), 0))
        await pilot.pause()
        assert app.done == ["cut"] and app.bells == 1


async def test_the_palette_key_stays_at_the_right_edge_when_keys_overflow() -> None:
    class ManyKeys(Pane):
        BINDINGS = [Binding(key, f"noop_{key}", f"Action {key}") for key in "abcdefghij"]

    class ManyApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ManyKeys("many", id="many")
            yield KeyFooter()

    app = ManyApp()
    async with app.run_test(size=(60, 10)) as pilot:
        app.query_one("#many").focus()
        await pilot.pause()
        await pilot.pause()
        line = footer_line(app)
        assert len(line) == 60
        assert line.rstrip().endswith("^p palette")
        assert "a Action a" in line and "Action j" not in line


async def test_the_screens_over_the_dashboard_draw_their_keys_in_the_same_footer() -> None:
    from datetime import UTC, datetime

    from core.since_last import SinceLastLook
    from tui.screens.command_output import CommandOutputScreen
    from tui.screens.since import SinceScreen

    since = SinceLastLook(datetime(2025, 1, 1, tzinfo=UTC), 3, (("feed-a", 3),), (), (), ())
    for screen in (SinceScreen(since, str), CommandOutputScreen("wc -l", "3\n")):
        app: App[None] = App()
        async with app.run_test(size=(80, 12)) as pilot:
            await app.push_screen(screen)
            await pilot.pause()
            await pilot.pause()
            footer = app.screen.query_one(KeyFooter)
            assert [e.description for e in footer.entries if not e.palette] == ["Close"]
            assert footer_line(app).startswith(" esc Close ")
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is not screen
