"""The dashboard: feeds and watchlists on the left, articles, and the reader.

The screen owns the widgets and the keys that act on what is selected. It
reads from the app's LibraryState and asks the app to change things (mark
read, star, refresh); the app changes storage and tells the screen what
changed through LibraryChanged. Data flows one way.
"""

from __future__ import annotations

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
from core.search_fields import SearchUnavailable
from core.state import ViewFilter
from storage.records import Article
from tui.keys import bindings_for
from tui.messages import ShowView
from tui.screens.article_actions import ArticleActions
from tui.screens.filtering import Filtering
from tui.screens.layout import LayoutChoice
from tui.screens.outside import OutsideActions
from tui.screens.panes import PaneLayout
from tui.screens.saved_search_view import SavedSearchView
from tui.screens.updates import LibraryUpdates
from tui.terminal_caps import glyphs
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import ALERTS, ALL_FEEDS, STARRED, FeedList
from tui.widgets.key_footer import KeyFooter
from tui.widgets.reader import Reader
from tui.widgets.status_bar import StatusBar
from tui.widgets.watchlist_panel import WatchlistPanel

if TYPE_CHECKING:
    from core.library import Library


class MainScreen(
    LibraryUpdates,
    PaneLayout,
    Filtering,
    SavedSearchView,
    ArticleActions,
    OutsideActions,
    Screen[None],
):
    BINDINGS = bindings_for("main")
    # The list from the start: focus going to the feeds and then to the list
    # would rebuild the footer's keys twice while the archive loads.
    AUTO_FOCUS = "#articles"

    def __init__(self) -> None:
        super().__init__()
        self.view_filter = ViewFilter()
        self.reading_id: str | None = None
        self.shown_id: str | None = None
        self._start_updates()
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
        try:
            ids = await self.library.search(query)
        except SearchUnavailable as error:
            self.library.set_status(message=f"search not run: {error}")
            return
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
