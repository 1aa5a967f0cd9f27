"""The events ledger screen on the seeds: rows, filters, the sentence, Enter to read."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable, Static

from tests.app_support import make_app, screen_text, wait_for
from tests.conftest import SEEDS_DIR
from tests.support.seed_archive import FEEDS_TOML
from tui.screens.ledger import LedgerScreen
from tui.screens.main import MainScreen
from tui.widgets.reader import Reader

# A seed of our own whose title and event sentence are Rich markup.
HOSTILE_SEED = (
    "[@click=app.quit]Jan Leike[/] joins [b]Anthropic[/b]\n\n"
    "Jan Leike joined Anthropic [@click=app.quit]today[/] after leaving OpenAI, the company "
    "said in a statement on its website.\n\n"
    "He will lead a new team working on alignment research, according to the announcement "
    "published by Anthropic.\n"
)


def seeds_with_hostile_one(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    (seeds / "900_markup.txt").write_text(HOSTILE_SEED, encoding="utf-8")
    return seeds


async def open_ledger(app, pilot) -> LedgerScreen:  # type: ignore[no-untyped-def]
    state = app.library.state
    await wait_for(pilot, lambda: len(state.articles) == 6, timeout=30)
    await wait_for(pilot, lambda: all(a.enriched for a in state.articles.values()), timeout=60)
    await wait_for(pilot, lambda: bool(state.stories), timeout=30)
    await pilot.press("L")
    # Mounted: its table is filled when it mounts.
    await wait_for(pilot, lambda: isinstance(app.screen, LedgerScreen) and app.screen.is_mounted)
    await pilot.pause()
    return app.screen


def index_of(screen: LedgerScreen, kind: str, who: str) -> int:
    return next(i for i, row in enumerate(screen.shown) if row.kind == kind and row.who == who)


async def test_the_ledger_lists_filters_explains_and_opens(tmp_path: Path) -> None:
    app = make_app(tmp_path, FEEDS_TOML.read_text(), seeds_dir=seeds_with_hostile_one(tmp_path))
    async with app.run_test(size=(180, 45)) as pilot:
        screen = await open_ledger(app, pilot)
        table = screen.query_one("#ledger-table", DataTable)
        assert table.row_count == len(screen.shown) == len(screen.rows)
        french_owen = screen.shown[index_of(screen, "departure", "person:calvin-french-owen")]
        assert french_owen.told_by == 2
        shown = screen_text(app)
        assert "Calvin French-Owen" in shown and "told by 2" in shown
        assert "Twilio" in shown and "2020" in shown
        # Markup in a feed is shown as written, and nothing was run.
        hostile = [i for i, r in enumerate(screen.shown) if "[@click" in r.sentence]
        assert hostile
        cells = table.get_row_at(hostile[0])
        assert cells[5].plain.startswith("[@click=app.quit]Jan Leike[/] joins [b]Anthropic[/b]")
        table.move_cursor(row=hostile[0])
        await pilot.press("w")
        await pilot.pause()
        why_text = str(screen.query_one("#ledger-why", Static).render())
        assert screen.shown[hostile[0]].sentence in why_text and "[@click=app.quit]" in why_text
        await pilot.press("w")

        # One kind at a time.
        await pilot.press("t")
        assert {row.kind for row in screen.shown} == {"departure"}
        assert table.row_count == len(screen.shown) < len(screen.rows)
        await pilot.press("t")
        assert {row.kind for row in screen.shown} == {"fired"}
        kinds = {row.kind for row in screen.rows}
        for _ in range(len(kinds) - 1):  # round the kinds back to all of them
            await pilot.press("t")
        assert len(screen.shown) == len(screen.rows)

        # The highlighted row's person only, then everyone again.
        leike = index_of(screen, "departure", "person:jan-leike")
        table.move_cursor(row=leike)
        await pilot.press("p")
        assert screen.shown and {row.who for row in screen.shown} == {"person:jan-leike"}
        assert "Jan Leike" in str(screen.query_one("#ledger-filter", Static).render())

        # The sentence that tells it, one key away.
        row = next(r for r in screen.shown if r.kind == "departure" and "OpenAI" in r.sentence)
        table.move_cursor(row=screen.shown.index(row))
        why = screen.query_one("#ledger-why", Static)
        assert not why.display
        await pilot.press("w")
        await pilot.pause()
        assert why.display
        assert row.sentence[:40] in str(why.render())

        # Enter reads the story in the dashboard's reader.
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
        reader = app.screen.query_one("#reader", Reader)
        await wait_for(pilot, lambda: reader.article_id == row.article_id)
        assert app.is_running


async def test_the_palette_opens_the_ledger_and_escape_closes_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, FEEDS_TOML.read_text())
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5, timeout=30)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Events ledger")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LedgerScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen))
