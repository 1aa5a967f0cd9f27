"""Mark-all-read is undoable within the session: u marks the last batch unread again."""

from __future__ import annotations

from pathlib import Path

from tests.app_support import make_app, wait_for
from tui.widgets.article_list import ArticleList


async def test_u_undoes_the_last_mark_all_read(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        state = app.library.state
        already = articles.article_ids[0]
        await pilot.press("m")  # read before the mark-all: stays read after undo
        assert state.is_read(already)
        await pilot.press("M")
        assert all(state.is_read(i) for i in articles.article_ids)
        assert any("(u undoes)" in n.message for n in app._notifications)
        await pilot.press("u")
        assert state.is_read(already)
        assert not any(state.is_read(i) for i in articles.article_ids if i != already)
        assert state.unread_count() == 4
        # Undone once: nothing more to undo, nothing changes.
        await pilot.press("u")
        assert state.unread_count() == 4
        assert any("Nothing to undo" in n.message for n in app._notifications)
        # What was undone reaches storage too.
        await wait_for(pilot, lambda: not app.library.flags_pending)
        store = app.library.service.store
        assert not store.user_state(articles.article_ids[-1]).read
