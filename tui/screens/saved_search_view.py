"""Choosing a saved search ([[searches]] in feeds.toml) in the feeds panel:
the article list shows its results, run afresh, with the refinements in force
(unread, starred, date range, tag, language), and its title names it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from core.search_fields import SearchUnavailable
from core.state import ViewFilter
from tui.widgets.feed_list import saved_search_name

if TYPE_CHECKING:
    from textual.screen import Screen

    from core.library import Library

    _Base = Screen[None]
else:
    _Base = object


class SavedSearchView(_Base):
    """Mixed into MainScreen, which provides view_filter, apply_filter and library."""

    view_filter: ViewFilter

    if TYPE_CHECKING:

        @property
        def library(self) -> Library: ...
        def apply_filter(self, view_filter: ViewFilter) -> None: ...

    def show_saved_search(self, row_id: str | None) -> bool:
        """Show the saved search a feeds-panel row stands for; False if it is not one."""
        name = saved_search_name(row_id)
        if name is None:
            return False
        self.run_worker(partial(self._show_saved_search, name), group="search", exclusive=True)
        return True

    async def _show_saved_search(self, name: str) -> None:
        query = self.library.saved_searches.query(name)
        if query is None:
            return
        try:
            ids = await self.library.search(query)
        except SearchUnavailable as error:
            self.library.set_status(message=f"search not run: {error}")
            return
        label = f"saved search “{name}”"
        self.apply_filter(self.view_filter.choosing(article_ids=frozenset(ids), label=label))
        self.query_one("#articles").focus()
