"""Themes: chosen in the command palette, remembered in ui.json; NO_COLOR respected."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from rich.terminal_theme import SVG_EXPORT_THEME
from textual.command import CommandPalette
from textual.widgets import Input

from tests.app_support import make_app, wait_for
from tui.app import AiwireApp
from tui.theme_memory import UI_FILE, load_theme, remember_theme, save_theme

# -- ui.json ---------------------------------------------------------------------


def test_nothing_saved_means_no_theme(tmp_path: Path) -> None:
    assert load_theme(tmp_path / "data") is None


def test_a_saved_theme_is_there_next_time(tmp_path: Path) -> None:
    save_theme(tmp_path / "data", "nord")

    assert load_theme(tmp_path / "data") == "nord"


def test_saving_keeps_other_preferences_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / UI_FILE).write_text('{"layout": "wide", "theme": "gruvbox"}')

    save_theme(tmp_path, "dracula")

    assert json.loads((tmp_path / UI_FILE).read_text()) == {"layout": "wide", "theme": "dracula"}
    assert os.listdir(tmp_path) == [UI_FILE]


@pytest.mark.parametrize("damage", ["{not json", "[1, 2]", '{"theme": 42}', '{"theme": ""}'])
def test_a_damaged_ui_json_is_ignored_and_then_replaced(tmp_path: Path, damage: str) -> None:
    (tmp_path / UI_FILE).write_text(damage)

    assert load_theme(tmp_path) is None
    save_theme(tmp_path, "nord")
    assert load_theme(tmp_path) == "nord"


def test_failing_to_save_never_breaks_the_app(tmp_path: Path) -> None:
    not_a_directory = tmp_path / "data"
    not_a_directory.write_text("a file where the data directory should be")

    save_theme(not_a_directory, "nord")  # logs, does not raise

    assert load_theme(not_a_directory) is None


# -- in the app ------------------------------------------------------------------


class RememberingApp(AiwireApp):
    """AiwireApp with the theme hook, as tui/app.py is meant to call it."""

    def on_mount(self) -> None:
        super().on_mount()
        remember_theme(self, self.options.data_dir)


def remembering_app(tmp_path: Path) -> RememberingApp:
    template = make_app(tmp_path)  # writes feeds.toml and picks the paths
    return RememberingApp(template.options)


async def test_the_palette_changes_the_theme_and_the_next_start_uses_it(tmp_path: Path) -> None:
    app = remembering_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        assert app.theme == "textual-dark"
        # Textual's own system command: ctrl+p, "Theme", then pick one by name.
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"theme", "enter")
        await wait_for(pilot, lambda: "themes" in app.screen.query_one(Input).placeholder)
        await pilot.press(*"nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette))
        assert app.theme == "nord"
    assert load_theme(app.options.data_dir) == "nord"

    again = remembering_app(tmp_path)
    async with again.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_a_remembered_theme_that_no_longer_exists_is_ignored(tmp_path: Path) -> None:
    app = remembering_app(tmp_path)
    save_theme(app.options.data_dir, "theme-removed-in-some-upgrade")

    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"


# -- NO_COLOR ----------------------------------------------------------------------

# Rich's SVG export names unstyled text and background with its theme's own
# colours: "the terminal's default", not a colour the app chose.
_TERMINAL_DEFAULTS = {
    SVG_EXPORT_THEME.foreground_color.hex.lower(),
    SVG_EXPORT_THEME.background_color.hex.lower(),
}


def screen_colours(svg: str) -> set[str]:
    """Colours of the app's text and cell backgrounds in a screenshot (not the window frame)."""
    text = re.findall(r"\{ fill: (#[0-9a-f]{6})", svg, re.IGNORECASE)
    cells = re.findall(r'<rect fill="(#[0-9a-f]{6})" x=', svg, re.IGNORECASE)
    return {colour.lower() for colour in (*text, *cells)} - _TERMINAL_DEFAULTS


def is_grey(colour: str) -> bool:
    return colour[1:3] == colour[3:5] == colour[5:7]


async def screenshot(tmp_path: Path) -> tuple[AiwireApp, str]:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(
            pilot, lambda: app.library.state is not None and bool(app.library.feed_names())
        )
        await pilot.pause(0.3)
        return app, app.export_screenshot()


async def test_without_no_color_the_dashboard_has_colour(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)

    app, svg = await screenshot(tmp_path)

    assert not app.no_color
    assert any(not is_grey(colour) for colour in screen_colours(svg))


async def test_no_color_turns_every_colour_into_grey(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")  # https://no-color.org: any value counts

    app, svg = await screenshot(tmp_path)

    # Textual reads NO_COLOR itself and adds a monochrome filter to everything it draws.
    assert app.no_color
    colours = screen_colours(svg)
    assert colours, "the screenshot shows nothing"
    assert all(is_grey(colour) for colour in colours), sorted(colours)
