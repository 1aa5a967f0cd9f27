"""Keys a reader can trust: a keymap with mistakes is refused (by `aiwire check`,
with its line, and by the app, which keeps the last good keys), and removing
the keymap brings the default keys back without a restart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.app_support import make_app, wait_for
from tui.cli import main

BAD = """[settings]
default_interval = "30m"

[settings.keymap]
star = "j"
frobnicate = "x"
refresh = "ctrl+nope"
"""
GOOD = """[settings]
default_interval = "30m"

[settings.keymap]
refresh = "ctrl+r"
"""
NONE = """[settings]
default_interval = "30m"
"""


def test_aiwire_check_names_every_keymap_mistake_and_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text(BAD)
    status = main(["--config", str(config), "--data-dir", str(tmp_path / "data"), "check"])
    out = capsys.readouterr().out
    assert status == 1
    assert f"{config}:5: keymap.star: 'j' is bound to both" in out
    assert f"{config}:6: keymap.frobnicate: no key binding is called 'frobnicate'" in out
    assert f"{config}:7: keymap.refresh: 'ctrl+nope' is not a key name" in out
    config.write_text(GOOD)
    assert main(["--config", str(config), "--data-dir", str(tmp_path / "data"), "check"]) == 0


def _rewrite(path: Path, text: str) -> None:
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


async def test_the_app_refuses_a_bad_keymap_keeps_the_good_one_and_restores_defaults(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, GOOD)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        await wait_for(pilot, lambda: app.keys_by_binding_id()["app.refresh"] == "^r")
        config = tmp_path / "feeds.toml"

        # A keymap with mistakes: refused, with check's message; ctrl+r stays.
        _rewrite(config, BAD)
        await app.library.check_config()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(
            f"{config}:5: keymap.star: 'j' is bound to both" in m and "frobnicate" in m
            for m in messages
        ), messages
        keys = app.keys_by_binding_id()
        assert keys["app.refresh"] == "^r" and keys["main.star"] == "s"

        # The keymap block removed: the default keys, at once.
        _rewrite(config, NONE)
        await app.library.check_config()
        await pilot.pause()
        assert app.keys_by_binding_id()["app.refresh"] == "r"
        articles = app.screen.query_one("#articles")
        articles.focus()
        chosen = articles.current_id  # type: ignore[attr-defined]
        await pilot.press("s")  # star still works: it was never rebound to j
        assert app.library.state.is_starred(chosen)


async def test_a_bad_keymap_at_start_leaves_the_default_keys(tmp_path: Path) -> None:
    app = make_app(tmp_path, BAD)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: app.library.config_loaded)
        await pilot.pause()
        assert app.keys_by_binding_id()["main.star"] == "s"
        assert any("keymap.star" in n.message for n in app._notifications)
