"""Low-colour terminals get the terminal's own ANSI colours; a locale that is not
UTF-8 gets ASCII marks, separators, sparklines and box drawing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_support import make_app, screen_text, wait_for
from tui.ascii_widgets import use_ascii_scroll_bars
from tui.formatting import sparkline
from tui.terminal_caps import (
    LOW_COLOUR_THEME,
    glyphs,
    low_colour,
    unicode_locale,
    use_ascii,
)

BOX_DRAWING = set("╭╮╰╯─│┃━▁▂▃▄▅▆▇█●★⊘○■")


@pytest.fixture(autouse=True)
def _unicode_after() -> Iterator[None]:
    yield
    use_ascii(False)  # the choice is the process's: leave it as other tests expect
    use_ascii_scroll_bars(False)


@pytest.mark.parametrize(
    ("environ", "low"),
    [
        ({"TERM": "linux"}, True),
        ({"TERM": "xterm-16color"}, True),
        ({"TERM": "rxvt-8color"}, True),
        ({"TERM": "vt100"}, True),
        ({"TERM": "linux", "COLORTERM": "truecolor"}, False),
        ({"TERM": "xterm-256color"}, False),
        ({"TERM": "tmux-256color"}, False),
        ({"TERM": "xterm"}, False),
        ({"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": "standard"}, True),
    ],
)
def test_low_colour_is_decided_from_the_environment(environ: dict[str, str], low: bool) -> None:
    assert low_colour(environ) is low


@pytest.mark.parametrize(
    ("environ", "utf8"),
    [
        ({}, False),
        ({"LANG": "C"}, False),
        ({"LANG": "en_US.UTF-8"}, True),
        ({"LANG": "pt_BR.utf8"}, True),
        ({"LANG": "de_DE.ISO-8859-1"}, False),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "C"}, False),  # LC_ALL wins
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, True),  # then LC_CTYPE
        ({"LANG": "sr_RS.UTF-8@latin"}, True),
    ],
)
def test_the_locale_decides_unicode(environ: dict[str, str], utf8: bool) -> None:
    assert unicode_locale(environ, coerced=False) is utf8


def test_the_lc_ctype_python_sets_for_the_c_locale_is_passed_over() -> None:
    # LANG=C: Python starts with LC_CTYPE=C.UTF-8 of its own making (PEP 538).
    coerced = {"LANG": "C", "LC_CTYPE": "C.UTF-8"}
    assert unicode_locale(coerced, coerced=True) is False
    assert unicode_locale({**coerced, "LANG": "en_US.UTF-8"}, coerced=True) is True


def test_a_python_started_with_lang_c_draws_ascii() -> None:
    """The real thing: a child Python whose locale is C, as over a serial line."""
    import subprocess
    import sys

    code = "import os; from tui.terminal_caps import unicode_locale as u; print(u(os.environ))"
    root = Path(__file__).resolve().parents[1]
    env = {"PATH": "/usr/bin:/bin", "LANG": "C", "PYTHONPATH": str(root)}
    shown = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert shown == "False"
    env["LANG"] = "C.UTF-8"
    shown = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert shown == "True"


def test_sparklines_fall_back_to_ascii() -> None:
    assert sparkline([0, 1, 4, 8]) == " ▁▄█"
    use_ascii(True)
    assert glyphs().unread == "*"
    line = sparkline([0, 1, 4, 8])
    assert line.isascii() and len(line) == 4 and line[0] == " " and line[-1] == "#"


def linux_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)


async def test_a_linux_console_with_lang_c_gets_ansi_colours_and_ascii(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    linux_console(monkeypatch)
    app = make_app(tmp_path)
    # 80 columns: the list alone (the feeds panel's marks are that panel's own).
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        await pilot.pause(0.3)
        assert app.theme == LOW_COLOUR_THEME
        text = screen_text(app)
        lines = text.splitlines()
        # Titles and the footer's own key symbols aside, the frame is ASCII.
        frame = {ch for line in lines[:-1] for ch in line[:2] + line[-2:]}
        assert not frame & BOX_DRAWING, frame
        assert lines[0].startswith("+-") and "| " in lines[-2]  # borders, status bar
        assert all(line[0] in "*+|- " for line in lines[:-1])
        assert "●" not in text and "│" not in text and "╭" not in text
        # Nothing but the feeds' own words is outside ASCII: not the scroll bar,
        # the footer's keys, the name shortening or the panels' marks.
        titles = "".join(a.title for a in app.library.state.articles.values())
        own = {ch for ch in titles if not ch.isascii()}
        drawn = {ch for ch in text if not ch.isascii()}
        assert drawn <= own, drawn - own
        assert "Enter Open" in lines[-1] and "? Help" in lines[-1], lines[-1]
        # The docked palette key paints the last column: no key shows through it.
        assert lines[-1].endswith(" ^p Palette "), lines[-1]
    # Chosen by the terminal, not by the user: not remembered for richer terminals.
    ui = tmp_path / "data" / "ui.json"
    assert not ui.exists() or json.loads(ui.read_text()).get("theme") != LOW_COLOUR_THEME


async def test_a_feeds_toml_theme_still_wins_on_a_low_colour_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    linux_console(monkeypatch)
    app = make_app(tmp_path, '[settings]\ntheme = "nord"\n')
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: app.library.config_loaded)
        await wait_for(pilot, lambda: app.theme == "nord")


async def test_a_utf8_colour_terminal_keeps_the_usual_theme_and_boxes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        await pilot.pause(0.3)
        assert app.theme != LOW_COLOUR_THEME
        text = screen_text(app)
        assert text.startswith("╭") and "●" in text and "│" in text
