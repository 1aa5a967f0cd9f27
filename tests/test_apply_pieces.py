"""A poll's burst of arrivals reaches the list in bounded pieces, every article once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.events import ArchiveChanged
from core.state import LibraryState, ViewFilter
from storage.records import Article
from tests.app_support import all_enriched, make_app, wait_for
from tui.screens import updates
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList

BASE = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def article(number: int) -> Article:
    return Article(
        id=f"burst{number:05d}",
        feed_id="burst",
        identity=f"guid:{number}",
        title=f"burst {number}",
        link=None,
        published=BASE + timedelta(minutes=number * 7 % 1000),
        first_seen=BASE,
    )


async def test_a_burst_is_listed_in_pieces_with_every_article_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pieces: list[int] = []
    real = LibraryState.insert_into_view

    def spy(self, ids, added, view_filter):  # type: ignore[no-untyped-def]
        added = list(added)
        pieces.append(len(added))
        return real(self, ids, added, view_filter)

    monkeypatch.setattr(LibraryState, "insert_into_view", spy)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await wait_for(pilot, lambda: screen._loaded and screen.settled)
        pieces.clear()
        library = app.library
        burst = [article(n) for n in range(1000)]
        for start in range(0, len(burst), 100):  # as the arrival queue hands them over
            added = library.state.add(burst[start : start + 100])
            library.emit(ArchiveChanged(added=added))
        listing = app.screen.query_one("#articles", ArticleList)
        expected = library.state.view(ViewFilter())
        await wait_for(pilot, lambda: screen.settled and len(listing.article_ids) >= len(expected))
        listed = listing.article_ids
        assert listed == expected
        assert len(set(listed)) == len(listed)
        assert all(f"burst{n:05d}" in set(listed) for n in range(1000))
        assert sum(pieces) == 1000
        assert len(pieces) >= 4 and max(pieces) <= updates.APPLY_PIECE


def test_an_article_shown_already_is_not_inserted_again() -> None:
    state = LibraryState()
    state.load([article(n) for n in range(5)], {})
    shown = state.view(ViewFilter())
    again = state.insert_into_view(shown, [state.articles["burst00003"]], ViewFilter())
    assert again == shown


async def test_a_changed_article_is_redrawn_without_every_row_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    from tests.app_support import screen_text

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        # The seeds' enrichment lands as updates of the stored articles: wait
        # for it, or it would put back the title this test changes.
        await wait_for(
            pilot,
            lambda: screen._loaded and screen.settled and all_enriched(app),
        )
        await wait_for(pilot, lambda: screen.settled)
        listing = screen.query_one("#articles", ArticleList)
        # Every drawn row thrown away (and the feeds' short names worked out
        # again) is what a new name or a reset needs, not a changed article.
        redrawn_all: list[bool] = []
        real = listing.refresh_rows
        monkeypatch.setattr(listing, "refresh_rows", lambda: redrawn_all.append(True) or real())
        second, third = listing.article_ids[1:3]
        library = app.library
        changed = replace(library.state.articles[second], title="A title nobody wrote before")
        library.state.update([changed])
        library.emit(ArchiveChanged(updated=[changed]))
        await wait_for(pilot, lambda: "A title nobody wrote before" in screen_text(app))
        library.mark(third, read=True)
        await wait_for(pilot, lambda: screen.settled and listing._drawn[third][0][3] is True)
        assert not redrawn_all
