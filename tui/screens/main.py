"""The dashboard: feeds and watchlists on the left, articles, and the reader.

The screen owns the widgets and the keys that act on what is selected. It
reads from the app's LibraryState and asks the app to change things (mark
read, star, refresh); the app changes storage and tells the screen what
changed through LibraryChanged. Data flows one way.
"""

from __future__ import annotations

import time
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Input, OptionList

from core.reading import reader_content
from core.state import ViewFilter
from storage.records import Article
from tui.keys import bindings_for
from tui.messages import LibraryChanged, ShowView
from tui.screens.article_actions import ArticleActions
from tui.screens.filtering import Filtering
from tui.screens.layout import LayoutChoice
from tui.screens.outside import OutsideActions
from tui.screens.panes import PaneLayout
from tui.screens.saved_search_view import SavedSearchView
from tui.terminal_caps import glyphs
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import ALERTS, ALL_FEEDS, STARRED, FeedList, feed_rows
from tui.widgets.key_footer import KeyFooter
from tui.widgets.reader import Reader
from tui.widgets.row_list import RowList
from tui.widgets.status_bar import StatusBar
from tui.widgets.watchlist_panel import WatchlistPanel

if TYPE_CHECKING:
    from core.library import Library

APPLY_INTERVAL = 0.2  # seconds: library changes are applied in batches this often
# Articles added to the list per loop turn: a poll's burst of arrivals is
# spread over turns, a frame drawn between.
APPLY_PIECE = 300
PIECE_DELAY = 0.01  # seconds between pieces, for keys and a frame
# The feeds and watchlist panels are summaries: redrawn at most once a second while
# a poll pours articles in (their counting is costly); a key press updates them at once.
SUMMARY_INTERVAL = 1.0


class MainScreen(
    PaneLayout, Filtering, SavedSearchView, ArticleActions, OutsideActions, Screen[None]
):
    CSS_PATH = "main.tcss"
    BINDINGS = bindings_for("main")
    # The list from the start: focus going to the feeds and then to the list
    # would rebuild the footer's keys twice while the archive loads.
    AUTO_FOCUS = "#articles"

    def __init__(self) -> None:
        super().__init__()
        self.view_filter = ViewFilter()
        self.reading_id: str | None = None
        self.shown_id: str | None = None
        self._pending = LibraryChanged()
        self._view_reorders = 0  # the state's reorder count the list was built at
        self._apply_scheduled = False
        self._applied = 0.0  # monotonic time changes were last applied
        self._loaded = False  # the archive is in the state (until then the list says Loading)
        self._summaries_refreshed = 0.0  # monotonic time of the last refresh
        self._summaries_scheduled = False
        self._data_dir = getattr(getattr(self.app, "options", None), "data_dir", None)
        self.layout_choice = LayoutChoice.load(self._data_dir) if self._data_dir else LayoutChoice()
        # The layout's classes from the start: first set on the first Resize,
        # they restyled every widget once more before the first frame (~10 ms).
        self._lay_out(self.app.size.width)

    @property
    def library(self) -> Library:
        return self.app.library  # type: ignore[attr-defined,no-any-return]

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        lib = self.library
        with Horizontal(id="panes"):
            with Vertical(id="sidebar"):
                yield FeedList(id="feeds")
                yield WatchlistPanel(id="watchlists")
            with Vertical(id="list-pane"):
                yield Input(
                    placeholder="search titles and bodies, Enter to run, Esc to clear", id="search"
                )
                yield ArticleList(
                    lib.state, lib.source_name, lib.watchlist.name, lib.feed_names, id="articles"
                )
            yield Reader(id="reader")
        yield StatusBar(id="status")
        # ASCII key names are longer ("Enter" for "⏎"): closer keys keep "? Help" in 80 columns.
        yield KeyFooter(compact=getattr(self.app, "ascii_only", False))

    def on_mount(self) -> None:
        self.query_one("#feeds").border_title = "1 Feeds"
        self.query_one("#watchlists").border_title = "4 Watchlists"
        self.query_one("#reader").border_title = "3 Reader"
        self.query_one("#articles", ArticleList).empty_message = f"Loading{glyphs().ellipsis}"
        self._update_list_title()
        self.query_one("#articles").focus()

    def on_resize(self, event: Resize) -> None:
        self._lay_out(event.size.width)

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    @property
    def reading(self) -> bool:
        return self.has_class("-reading")

    # -- data from the app ---------------------------------------------------

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
            or pending.updated
            or pending.flags_changed
            or pending.names_changed
            or (pending.feeds_changed and self.library.names.titled_by_feed)
        ):
            articles.refresh_rows()
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
        return not (self._apply_scheduled or self._summaries_scheduled) and not any(
            panel.building for panel in self.query(RowList)
        )

    def _refresh_summaries(self) -> None:
        self._summaries_refreshed = time.monotonic()
        self.refresh_feeds()
        self.refresh_watchlists()

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

    def _update_list_title(self) -> None:
        names = {row_id: name for row_id, name in self.library.feed_names().items()}
        title = self.view_filter.describe(names, self.library.watchlist.names())
        self.query_one("#list-pane").border_title = f"2 {title}"

    def apply_filter(self, view_filter: ViewFilter) -> None:
        self.view_filter = view_filter
        if self._loaded:
            self.query_one("#articles", ArticleList).empty_message = self.empty_words()
        self._view_reorders = self.library.state.reorders
        self._update_list_title()
        self.query_one("#articles", ArticleList).show_ids(
            self.library.state.view(view_filter), keep_position=False
        )

    # -- selection -----------------------------------------------------------

    @on(OptionList.OptionSelected, "#feeds")
    def feed_selected(self, event: OptionList.OptionSelected) -> None:
        feed_id = event.option.id
        if self.show_saved_search(feed_id):
            return
        if feed_id == ALERTS:
            self.apply_filter(
                self.view_filter.choosing(
                    article_ids=frozenset(self.library.alerts.ids), label="⚑ Alerts"
                )
            )
            self.query_one("#articles").focus()
            return
        chosen = self.view_filter.choosing(
            feed_id=None if feed_id in (ALL_FEEDS, STARRED) else feed_id
        )
        if feed_id == STARRED:
            chosen = replace(chosen, starred_only=True)
        self.apply_filter(chosen)
        self.query_one("#articles").focus()

    @on(OptionList.OptionHighlighted, "#feeds")
    def feed_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        row = self.query_one("#feeds", FeedList).row(event.option.id or "")
        if row is not None and row.error:
            self.library.set_status(message=f"{row.name}: {row.error}")
        else:
            self.library.set_status(message=None)

    @on(OptionList.OptionSelected, "#watchlists")
    def entity_selected(self, event: OptionList.OptionSelected) -> None:
        self.apply_filter(self.view_filter.choosing(entity_id=event.option.id))
        self.query_one("#articles").focus()

    @on(ArticleList.Highlighted)
    def article_highlighted(self, event: ArticleList.Highlighted) -> None:
        if event.article_id and not self.narrow:
            self.show_in_reader(event.article_id)

    @on(ArticleList.Opened)
    def article_opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article_id)

    def open_article(self, article_id: str) -> None:
        # Recorded now, not when the body has loaded: keys pressed meanwhile
        # (star, copy, also-in) act on the article the user opened.
        self.reading_id = article_id
        self.library.mark(article_id, read=True)
        self.show_in_reader(article_id)
        self.add_class("-reading")
        self.query_one("#reader").focus()

    def show_in_reader(self, article_id: str) -> None:
        self.shown_id = article_id  # what the reader is about to show, from now on
        self.run_worker(
            partial(self._load_reader, article_id),
            group="reader",
            exclusive=True,
            exit_on_error=False,
        )

    async def _load_reader(self, article_id: str) -> None:
        content = await reader_content(self.library, article_id)
        # The body is read on the storage thread: by the time it arrives the
        # screen may be gone (the app is quitting). Nothing to show then.
        readers = self.query("#reader").results(Reader)
        reader = next(readers, None)
        if content is not None and reader is not None and self.is_attached:
            reader.show(content)

    def current_article(self) -> Article | None:
        reader = self.query_one("#reader", Reader)
        if self.focused is reader and self.reading_id:
            return self.library.state.articles.get(self.reading_id)
        article_id = self.query_one("#articles", ArticleList).current_id
        return self.library.state.articles.get(article_id) if article_id else None

    # -- actions -------------------------------------------------------------

    @on(ShowView)
    def show_view(self, message: ShowView) -> None:
        shown = message.view_filter
        if message.keep_refinements:
            shown = self.view_filter.choosing(
                feed_id=shown.feed_id, entity_id=shown.entity_id, article_ids=shown.article_ids
            )
        self.apply_filter(shown)
        self.query_one("#articles").focus()

    def action_back(self) -> None:
        self.library.set_status(message=None)  # Esc dismisses what the status bar said
        search = self.query_one("#search", Input)
        if self.focused is search or (search.display and self.view_filter.query is not None):
            search.value = ""
            search.display = False
            self.remove_class("-reading")
            self.apply_filter(self.view_filter.choosing(feed_id=self.view_filter.feed_id))
            self.query_one("#articles").focus()
            return
        if self.has_class("-reading"):
            self.remove_class("-reading")
            self.query_one("#articles").focus()
            return
        if self.view_filter != ViewFilter():
            self.apply_filter(ViewFilter())

    def action_search(self) -> None:
        self.library.prepare_search()
        search = self.query_one("#search", Input)
        search.display = True
        self.remove_class("-reading")
        search.focus()

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if not query:
            self.action_back()
            return
        self.run_worker(partial(self._search, query), group="search", exclusive=True)

    async def _search(self, query: str) -> None:
        self.library.set_status(message=f"searching for “{query}”…")
        ids = await self.library.search(query)
        self.apply_filter(self.view_filter.choosing(article_ids=frozenset(ids), query=query))
        self.library.set_status(message=f"{len(ids)} found for “{query}” (Esc clears)")
        self.query_one("#articles").focus()

    def action_toggle_read(self) -> None:
        if article := self.current_article():
            self.library.mark(article.id, read=not self.library.state.is_read(article.id))

    def action_toggle_star(self) -> None:
        if article := self.current_article():
            self.library.mark(article.id, starred=not self.library.state.is_starred(article.id))

    def action_whole_text(self) -> None:
        if article := self.current_article():
            self.library.fetch_whole_text(article.id)
