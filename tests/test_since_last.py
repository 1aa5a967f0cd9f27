"""Since you last looked: what arrived while the dashboard was closed, shown once at start."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.css.query import NoMatches
from textual.widgets import Static

from core.since_last import LAST_LOOK_KEY, since_last_look
from storage.store import ArticleStore
from tests.app_support import make_app, wait_for
from tests.support.seed_archive import FEEDS_TOML, seed_store
from tui.screens.main import MainScreen
from tui.screens.since import SinceScreen


def set_last_look(data_dir: Path, when: datetime) -> None:
    store = ArticleStore(data_dir)
    store.open()
    store.set_meta(LAST_LOOK_KEY, when.isoformat())
    store.flush_state()
    store.close()


def test_the_summary_counts_what_arrived_after_the_last_look(tmp_path: Path) -> None:
    store = seed_store(tmp_path / "data")
    articles = list(store.articles())
    store.close()
    arrived = articles[0].first_seen
    names = {"person:calvin-french-owen": "Calvin French-Owen", "company:openai": "OpenAI"}

    def outlet(article):  # type: ignore[no-untyped-def]
        return article.source.outlet if article.source and article.source.outlet else "Seed"

    now = arrived + timedelta(minutes=1)
    summary = since_last_look(
        articles, arrived - timedelta(hours=1), now, names=names, source_of=outlet
    )
    assert summary.articles == 5
    assert dict(summary.per_source) == {"Seed": 2, "TechCrunch": 1, "Downcodes": 1, "FTNews": 1}
    kinds = dict(summary.events_by_kind)
    assert kinds["departure"] >= 4 and kinds["acquisition"] == 1
    # Spikes go by the articles' own dates: three of the five are from 2024-2025,
    # so the two undated ones are OpenAI's whole "today", too few for a spike.
    assert summary.spikes == ()
    nothing = since_last_look(articles, now, now, names=names, source_of=outlet)
    assert not nothing and nothing.articles == 0


def summary_text(app) -> str | None:  # type: ignore[no-untyped-def]
    """The start summary's text once its screen is up and composed, else None."""
    screen = app.screen
    if not isinstance(screen, SinceScreen):
        return None
    try:
        return str(screen.query_one("#since-text", Static).render())
    except NoMatches:  # pushed, not composed yet
        return None


async def test_at_start_the_dashboard_says_what_arrived_then_records_the_look(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    seed_store(data_dir).close()
    before = datetime.now(UTC) - timedelta(hours=2)
    set_last_look(data_dir, before)
    app = make_app(tmp_path, FEEDS_TOML.read_text(), data_dir=data_dir)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(pilot, lambda: summary_text(app) is not None, timeout=30)
        shown = summary_text(app) or ""
        assert "5 new articles" in shown
        assert "TechCrunch" in shown and "FTNews" in shown
        assert "Calvin French-Owen: Left (from OpenAI)" in shown
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
    store = ArticleStore(data_dir)
    store.open()
    looked = datetime.fromisoformat(store.meta(LAST_LOOK_KEY))
    store.close()
    assert looked > before + timedelta(hours=1)

    # Nothing arrived since: the next start shows no summary.
    again = make_app(tmp_path, FEEDS_TOML.read_text(), data_dir=data_dir)
    async with again.run_test(size=(160, 45)) as pilot:
        await wait_for(pilot, lambda: again.library.last_look is not None, timeout=30)
        await wait_for(pilot, lambda: len(again.library.state.articles) == 5)
        await pilot.pause(0.5)
        assert isinstance(again.screen, MainScreen)
