"""Saved searches ([[searches]] in feeds.toml): their results, kept current.

Each saved search is run when the configuration names it, and again a
moment after articles arrive or change (at most every REFRESH_DELAY seconds,
so a poll pouring in 500 feeds costs a few searches, not 500). The feeds
panel counts the unread among the results; choosing one shows them.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from core.events import ArchiveChanged

if TYPE_CHECKING:
    from core.library import Library
    from ingest.config.model import SearchConfig

log = logging.getLogger(__name__)

REFRESH_DELAY = 2.0  # seconds


class SavedSearches:
    def __init__(self, library: Library) -> None:
        self._library = library
        self.searches: tuple[SearchConfig, ...] = ()
        self._results: dict[str, frozenset[str]] = {}  # name -> ids (once run)
        self._pending: asyncio.TimerHandle | None = None
        self._ready = False  # the archive is loaded: searching answers something

    def configure(self, searches: tuple[SearchConfig, ...]) -> None:
        if searches == self.searches:
            return
        self.searches = searches
        names = {s.name for s in searches}
        self._results = {n: ids for n, ids in self._results.items() if n in names}
        self.refresh_soon(0.0)

    def results(self, name: str) -> frozenset[str] | None:
        """The ids the named search found when last run; None until it has run."""
        return self._results.get(name)

    def query(self, name: str) -> str | None:
        return next((s.query for s in self.searches if s.name == name), None)

    def archive_changed(self, event: object) -> None:
        if not isinstance(event, ArchiveChanged) or not self._library.options.keep_state:
            return
        if event.names_changed:  # a configuration applied: its searches may differ
            self.configure(self._library.config.searches)
        if event.reset:
            self._ready = True
            self.refresh_soon(0.0)
        elif event.added or event.updated:
            self.refresh_soon(REFRESH_DELAY)

    def refresh_soon(self, delay: float) -> None:
        if not self.searches or not self._ready or self._pending is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # no loop (a configuration applied outside the app): the start runs them

        def run() -> None:
            self._pending = None
            self._library.tasks.spawn(
                self.refresh(), "saved-searches", group="saved", exclusive=True
            )

        self._pending = loop.call_later(delay, run)

    async def refresh(self) -> None:
        """Run every saved search (on the store's thread, like any search)."""
        changed = False
        for search in self.searches:
            found = frozenset(await self._library.search(search.query))
            if self._results.get(search.name) != found:
                self._results[search.name] = found
                changed = True
        if changed:
            self._library.emit(ArchiveChanged(feeds_changed=True))

    def close(self) -> None:
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
