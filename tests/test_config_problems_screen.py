"""A broken feeds.toml shows every mistake at once, at start and on an edit."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.app_support import make_app, wait_for
from tui.screens.config_problems import ConfigProblemsScreen
from tui.screens.main import MainScreen

BROKEN = """[settings]
default_interval = "soon"
concurrency = -3

[[sources]]
url = "ftp://example.org/feed"

[[people]]
aliases = ["no name"]
"""


def problems_text(app) -> str | None:  # type: ignore[no-untyped-def]
    if not isinstance(app.screen, ConfigProblemsScreen):
        return None
    found = app.screen.query("#problems-text")
    return str(found.first(Static).render()) if found else None


async def test_at_start_every_mistake_is_listed_with_its_line_then_esc_goes_on(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, BROKEN)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: problems_text(app) is not None, timeout=20)
        shown = problems_text(app) or ""
        for line in ("feeds.toml:2", "feeds.toml:3", "feeds.toml:6", "feeds.toml:8"):
            assert line in shown, line
        assert "4 mistakes" in shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        # The seeds are there all the same.
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5, timeout=30)


async def test_a_broken_edit_lists_its_mistakes_and_a_fix_applies(tmp_path: Path) -> None:
    app = make_app(tmp_path, '[settings]\ndefault_interval = "30m"\n')
    config = tmp_path / "feeds.toml"
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.library.config_loaded)
        config.write_text(BROKEN)
        await wait_for(pilot, lambda: problems_text(app) is not None, timeout=20)
        assert "the last good configuration stays in use" in (problems_text(app) or "")
        config.write_text('[settings]\ndefault_interval = "1h"\n')
        await wait_for(
            pilot, lambda: app.library.config.settings.default_interval == 3600, timeout=20
        )
        assert app.library.status.config_error is None
        # Fixed: the list of mistakes closes by itself.
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))


async def test_a_broken_start_runs_on_the_bundled_watchlists_and_the_seeds_until_fixed(
    tmp_path: Path,
) -> None:
    from ingest import resources
    from ingest.config import load_config
    from tui.widgets.watchlist_panel import WatchlistPanel

    bundled = load_config(resources.bundled_config())
    app = make_app(tmp_path, BROKEN)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: problems_text(app) is not None, timeout=20)
        assert "bundled watchlists and the seeds" in (problems_text(app) or "")
        library = app.library
        assert not library.config_loaded
        # The bundled people and companies are watched; none of its sources is polled.
        watched = {entity.name for entity in (*bundled.people, *bundled.companies)}
        assert set(library.watchlist.names().values()) == watched
        assert library.config.sources == ()
        assert "feeds.toml:2" in (library.status.config_error or "")  # the status bar says why
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(library.state.articles) == 5, timeout=30)
        panel = app.screen.query_one("#watchlists", WatchlistPanel)
        await wait_for(pilot, lambda: panel.option_count >= len(watched))
        # Fixed: the user's file is applied, its watchlist replaces the bundled one.
        (tmp_path / "feeds.toml").write_text(
            '[settings]\ndefault_interval = "1h"\n[[people]]\nname = "Ada Lovelace"\n'
        )
        await wait_for(pilot, lambda: library.config_loaded, timeout=20)
        assert set(library.watchlist.names().values()) == {"Ada Lovelace"}
        assert library.config.settings.default_interval == 3600
        assert library.status.config_error is None


async def test_the_dashboard_stays_in_sight_behind_the_list_of_mistakes(tmp_path: Path) -> None:
    """The dialog is an overlay: the user keeps their place in the dashboard."""
    app = make_app(tmp_path, '[settings]\ndefault_interval = "30m"\n')
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.library.config_loaded)
        (tmp_path / "feeds.toml").write_text(BROKEN)
        await wait_for(pilot, lambda: problems_text(app) is not None, timeout=20)
        await pilot.pause()
        shown = app.export_screenshot()
        assert "feeds.toml has mistakes" in shown.replace("&#160;", " ")
        # The panels' titles are drawn around the dialog, dimmed but there.
        assert "All&#160;articles" in shown
