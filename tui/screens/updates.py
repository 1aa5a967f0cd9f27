"""Library changes drawn on the dashboard: the article list, the side
panels and the status bar, in bounded pieces so a poll never holds the loop.

The app posts LibraryChanged for every change to the archive; the screen
collects them and applies them at most every APPLY_INTERVAL seconds, the
arrivals at most APPLY_PIECE per loop turn. The side panels are summaries,
redrawn at most once a SUMMARY_INTERVAL while a poll pours articles in,
and not at all while hidden (a narrow terminal, or hidden by the user):
they are brought up to date when they show again.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from core.state import ViewFilter
from tui.messages import LibraryChanged
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import FeedList, feed_rows
from tui.widgets.row_list import RowList
from tui.widgets.status_bar import StatusBar
from tui.widgets.watchlist_panel import WatchlistPanel

if TYPE_CHECKING:
    from textual.screen import Screen

    from core.library import Library

    _Base = Screen[None]
else:
    _Base = object

APPLY_INTERVAL = 0.2  # seconds: library changes are applied in batches this often
# Articles added to the list per loop turn: a poll's burst of arrivals is
# spread over turns, a frame drawn between.
APPLY_PIECE = 300
PIECE_DELAY = 0.01  # seconds between pieces, for keys and a frame
# The feeds and watchlist panels are summaries: redrawn at most once a second while
# a poll pours articles in (their counting is costly); a key press updates them at once.
SUMMARY_INTERVAL = 1.0


class LibraryUpdates(_Base):
    """Mixed into MainScreen, which provides the library, the filter and the reader."""

    view_filter: ViewFilter
    shown_id: str | None
    _pending: LibraryChanged
    _view_reorders: int
    _apply_scheduled: bool
    _applied: float
    _loaded: bool
    _summaries_refreshed: float
    _summaries_scheduled: bool
    _summaries_stale: bool

    if TYPE_CHECKING:

        @property
        def library(self) -> Library: ...
        def empty_words(self) -> str: ...
        def show_in_reader(self, article_id: str) -> None: ...

    def _start_updates(self) -> None:
        self._pending = LibraryChanged()
        self._view_reorders = 0  # the state's reorder count the list was built at
        self._apply_scheduled = False
        self._applied = 0.0  # monotonic time changes were last applied
        self._loaded = False  # the archive is in the state (until then the list says Loading)
        self._summaries_refreshed = 0.0  # monotonic time of the last refresh
        self._summaries_scheduled = False
        self._summaries_stale = False  # changed while the side panels were hidden

    def on_library_changed(self, message: LibraryChanged) -> None:
        """Collect changes; apply them at most every APPLY_INTERVAL seconds. While 500
        feeds are polled, changes arrive many times a second; doing the work once per
        interval keeps the event loop free for the user."""
        pending = self._pending
        pending.added.extend(message.added)
        pending.updated.extend(message.updated)
        pending.flags_changed |= message.flags_changed
        pending.feeds_changed |= message.feeds_changed
        pending.names_changed |= message.names_changed
        pending.reset |= message.reset
        if message.reset:
            self._apply_changes()
        elif not self._apply_scheduled:  # the first change after a quiet spell goes at once
            self._apply_scheduled = True
            wait = self._applied + APPLY_INTERVAL - time.monotonic()
            self.set_timer(max(wait, 0.001), self._apply_changes)

    def _take_piece(self) -> LibraryChanged:
        """The changes waiting, with at most APPLY_PIECE of the articles added.

        Updates all go at once: they come from story merges, and patching one
        member of a story looks at all its tellings, so a story split over
        pieces would cost its whole size in each."""
        pending = self._pending
        if pending.reset or len(pending.added) <= APPLY_PIECE:
            self._pending = LibraryChanged()
            return pending
        self._pending = LibraryChanged(added=pending.added[APPLY_PIECE:])
        pending.added = pending.added[:APPLY_PIECE]
        return pending

    def _apply_changes(self) -> None:
        self._apply_scheduled, self._applied = False, time.monotonic()
        pending = self._take_piece()
        articles = self.query_one("#articles", ArticleList)
        if pending.reset:  # the archive is loaded: an empty list is empty, not loading
            self._loaded = True
            articles.empty_message = self.empty_words()
        state = self.library.state
        if pending.reset:
            self._view_reorders = state.reorders
            articles.show_ids(state.view(self.view_filter))  # where the newest rows had it
        elif pending.added or pending.updated or state.reorders != self._view_reorders:
            view = self.view_filter
            ids, rebuilt = state.follow_moves(articles.article_ids, self._view_reorders, view)
            self._view_reorders = state.reorders
            if rebuilt:  # from the state: it holds the articles still waiting too
                pending.added += self._pending.added
                pending.updated += self._pending.updated
                self._pending.added, self._pending.updated = [], []
            else:
                ids = state.patch_view(
                    state.insert_into_view(ids, pending.added, view), pending.updated, view
                )
            articles.show_ids(ids)
        # show_ids repaints the rows that now show another article; these
        # changes alter how the same article's row reads. Feed health and
        # alerts alone change nothing in the list.
        # A feed's first poll can name it (its own title, for a source with no name).
        if (
            pending.reset
            or pending.names_changed
            or (pending.feeds_changed and self.library.names.titled_by_feed)
        ):
            articles.refresh_rows()
        elif pending.updated or pending.flags_changed:
            # A row's drawing is kept with what it was drawn from (the article,
            # its flags, its story's size): a repaint redraws only the rows
            # whose article changed, not every row and the feeds' short names.
            articles.refresh()
        if pending.reset or pending.flags_changed:
            self._refresh_summaries()
        elif pending.added or pending.updated or pending.feeds_changed or pending.names_changed:
            self._refresh_summaries_soon()
        changed = {a.id for a in pending.updated}
        shown = self.shown_id
        if shown and (shown in changed or pending.flags_changed):
            self.show_in_reader(shown)
        self.query_one("#status", StatusBar).set_status(self.library.status)
        if self._pending.added and not self._apply_scheduled:
            self._apply_scheduled = True
            self.set_timer(PIECE_DELAY, self._apply_changes)

    @property
    def settled(self) -> bool:
        """No change waits to be drawn (for tests and probes that need a still screen)."""
        return (
            not (self._apply_scheduled or self._summaries_scheduled)
            and not any(panel.building for panel in self.query(RowList))
            and not self.query_one("#status", StatusBar).drawing_soon
        )

    def _refresh_summaries(self) -> None:
        self._summaries_refreshed = time.monotonic()
        if not self.query_one("#sidebar").display:
            # Counting 500 feeds and every entity for panels nobody sees was a
            # long turn of the loop per poll batch; they are counted on showing.
            self._summaries_stale = True
            return
        self._summaries_stale = False
        self.refresh_feeds()
        self.refresh_watchlists()

    def on_row_list_shown(self, message: RowList.Shown) -> None:
        """A side panel came into view: bring both up to date if they missed changes."""
        message.stop()
        if self._summaries_stale:
            self._refresh_summaries()

    def _refresh_summaries_soon(self) -> None:
        wait = self._summaries_refreshed + SUMMARY_INTERVAL - time.monotonic()
        if wait <= 0:
            self._refresh_summaries()
        elif not self._summaries_scheduled:
            self._summaries_scheduled = True

            def refresh() -> None:
                self._summaries_scheduled = False
                self._refresh_summaries()

            self.set_timer(wait, refresh)

    def refresh_status(self) -> None:
        self.query_one("#status", StatusBar).set_status(self.library.status)

    def refresh_feeds(self) -> None:
        self.query_one("#feeds", FeedList).show_rows(feed_rows(self.library))

    def refresh_watchlists(self) -> None:
        rows = self.library.watchlist.rows(self.library.state)
        self.query_one("#watchlists", WatchlistPanel).show_rows(rows)
