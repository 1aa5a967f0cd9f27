"""Affiliation drift: the events say a person moved and feeds.toml does not;
the entity view says so and updates the file, comments kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Static

from core.drift import affiliation_drift
from core.ledger import LedgerRow, build_ledger, group_stories
from ingest.affiliation_edit import AffiliationEditError, set_affiliation
from ingest.config import load_config
from tests.app_support import make_app, wait_for
from tests.support.seed_archive import FEEDS_TOML, seed_store
from tui.screens.entity import EntityScreen
from tui.widgets.watchlist_panel import WatchlistPanel
from watchlist.entities import entity_id

LEIKE = "person:jan-leike"


def row(kind: str, roles: dict[str, str], article: str = "a", date: str = "2024-05") -> LedgerRow:
    return LedgerRow(
        kind, LEIKE, date, "event", tuple(roles.items()), None, "…", article, (article,)
    )


def test_joining_elsewhere_or_leaving_the_affiliation_is_drift() -> None:
    joined = [row("hire", {"to": "company:anthropic", "from": "company:openai"})]
    drift = affiliation_drift(LEIKE, "OpenAI", joined)
    assert drift is not None and drift.joined == "company:anthropic"
    assert drift.left == "company:openai"
    left = affiliation_drift(LEIKE, "OpenAI", [row("departure", {"from": "company:openai"})])
    assert left is not None and (left.left, left.joined) == ("company:openai", None)
    # Leaving somewhere else says nothing about this affiliation.
    assert (
        affiliation_drift(LEIKE, "Anthropic", [row("departure", {"from": "company:openai"})])
        is None
    )
    assert affiliation_drift(LEIKE, None, joined) is None


def test_a_move_with_no_date_at_all_is_no_drift() -> None:
    # Old news retold without a date cannot overrule the file.
    undated = [row("hire", {"to": "company:anthropic"}, date=None)]  # type: ignore[arg-type]
    assert affiliation_drift(LEIKE, "OpenAI", undated) is None
    undated = [row("departure", {"from": "company:openai"}, date=None)]  # type: ignore[arg-type]
    assert affiliation_drift(LEIKE, "OpenAI", undated) is None


def test_fired_and_back_in_one_story_is_no_drift() -> None:
    rows = [row("fired", {"from": "company:openai"}), row("hire", {"to": "company:openai"})]
    assert affiliation_drift(LEIKE, "OpenAI", rows) is None


def test_the_newest_move_decides() -> None:
    back = [
        row("hire", {"to": "company:openai"}, "b", "2026-01"),
        row("departure", {"from": "company:openai"}, "a", "2024-05"),
    ]
    assert affiliation_drift(LEIKE, "OpenAI", back) is None


def test_on_one_date_the_move_ends_where_they_joined() -> None:
    # "joined Anthropic after leaving OpenAI": the ledger lists the departure first.
    rows = [
        row("departure", {"from": "company:openai"}),
        row("hire", {"to": "company:anthropic"}),
    ]
    drift = affiliation_drift(LEIKE, "OpenAI", rows)
    assert drift is not None and drift.joined == "company:anthropic"


def test_a_hire_at_the_company_the_same_telling_has_them_leave_is_no_move() -> None:
    # "left OpenAI to return as a founder": tagged as leaving OpenAI and joining it.
    rows = [row("hire", {"to": "company:openai"}), row("departure", {"from": "company:openai"})]
    drift = affiliation_drift(LEIKE, "Segment", rows)
    assert drift is None


def test_no_false_alarm_on_the_seeds(tmp_path: Path) -> None:
    store = seed_store(tmp_path / "data")
    articles = list(store.articles())
    rows = build_ledger(articles, group_stories(articles, store.body))
    store.close()
    config = load_config(FEEDS_TOML)
    drifts = {
        person.name: affiliation_drift(entity_id("person", person.name), person.affiliation, rows)
        for person in config.people
    }
    assert {name: d for name, d in drifts.items() if d is not None} == {}


# --- the file ---------------------------------------------------------------------------------


def test_the_affiliation_changes_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    shutil.copy(FEEDS_TOML, path)
    before = path.read_text(encoding="utf-8")
    set_affiliation(path, "jan leike", "OpenAI")
    after = path.read_text(encoding="utf-8")
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert changed == [('affiliation = "Anthropic"', 'affiliation = "OpenAI"')]
    set_affiliation(path, "Jan Leike", None)
    removed = path.read_text(encoding="utf-8")
    assert len(removed.splitlines()) == len(before.splitlines()) - 1
    assert "# Affiliations below were last reviewed" in removed  # comments kept
    assert next(p for p in load_config(path).people if p.name == "Jan Leike").affiliation is None
    with pytest.raises(AffiliationEditError, match="not in"):
        set_affiliation(path, "Nobody", "X")
    assert path.read_text(encoding="utf-8") == removed


# --- on screen ------------------------------------------------------------------------------------

WATCH = """
# My watchlist: keep this comment.
[[people]]
name = "Jan Leike"
affiliation = "OpenAI"  # as of last year

[[companies]]
name = "OpenAI"

[[companies]]
name = "Anthropic"
"""
SEED = (
    "Jan Leike joins Anthropic\n\n"
    "Jan Leike joined Anthropic in May 2024 after leaving OpenAI, where he co-led the "
    "superalignment team, the company said in a statement.\n\n"
    "He will lead a new team working on alignment research at Anthropic, according to "
    "the announcement.\n"
)


async def test_the_entity_view_shows_drift_and_updates_the_file(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_leike.txt").write_text(SEED, encoding="utf-8")
    app = make_app(tmp_path, WATCH, seeds_dir=seeds)
    config = tmp_path / "feeds.toml"
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(
            pilot, lambda: any(a.events for a in app.library.state.articles.values()), timeout=30
        )
        panel = app.screen.query_one("#watchlists", WatchlistPanel)
        await wait_for(pilot, lambda: panel.option_count == 3, timeout=5)
        await pilot.press("4", "g")
        for _ in range(3):
            if panel.highlighted_entity == LEIKE:
                break
            await pilot.press("down")
        assert panel.highlighted_entity == LEIKE
        await pilot.press("i")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, EntityScreen) and app.screen.drift is not None,
        )
        await pilot.pause()
        shown = str(app.screen.query_one("#entity-drift", Static).render())
        assert "joined Anthropic" in shown and 'feeds.toml says "OpenAI"' in shown
        assert 'Press u to set it to "Anthropic"' in shown
        await pilot.press("u")
        await wait_for(pilot, lambda: 'affiliation = "Anthropic"' in config.read_text())
        await wait_for(
            pilot,
            lambda: (
                app.library.config.people
                and app.library.config.people[0].affiliation == "Anthropic"
            ),
        )
        assert not app.screen.query_one("#entity-drift", Static).display
    text = config.read_text()
    assert "# My watchlist: keep this comment." in text and "# as of last year" in text
