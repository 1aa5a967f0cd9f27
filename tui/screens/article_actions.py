"""What the dashboard's keys do to the selected article, feed or entity:
mark all read (and undo), copying the link, refresh, the story's other tellings, an
entity's details and mute."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.state import ViewFilter
from ingest.sanitize import safe_link
from storage.records import SEED_FEED_ID, Article
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import ALL_FEEDS, STARRED, FeedList
from tui.widgets.watchlist_panel import WatchlistPanel

if TYPE_CHECKING:
    from rich.text import Text
    from textual.screen import Screen

    from core.library import Library

    _Base = Screen[None]
else:
    _Base = object


class ArticleActions(_Base):
    """Mixed into MainScreen, which provides what the stubs below name."""

    view_filter: ViewFilter

    if TYPE_CHECKING:

        @property
        def library(self) -> Library: ...
        def current_article(self) -> Article | None: ...
        def open_article(self, article_id: str) -> None: ...
        def apply_filter(self, view_filter: ViewFilter) -> None: ...

    def action_mark_view_read(self) -> None:
        ids = self.query_one("#articles", ArticleList).article_ids
        marked = self.library.read_undo.mark_all_read(ids)
        if marked:
            self.notify(f"Marked {marked} articles read (u undoes).", timeout=5)
        elif self.library.writer:
            self.notify("Nothing unread here.", timeout=3)

    def action_undo_mark_read(self) -> None:
        restored = self.library.read_undo.undo()
        if restored:
            self.notify(f"Marked {restored} articles unread again.", timeout=3)
        else:
            self.notify("Nothing to undo.", timeout=3)

    def action_copy_link(self) -> None:
        article = self.current_article()
        link = safe_link(article.link) if article else None
        if link is None:
            self.notify("This article has no http(s) link.", severity="warning", timeout=3)
            return
        self.app.copy_to_clipboard(link)
        self.notify(f"Copied {link}", title="Link copied (OSC 52)", timeout=5, markup=False)

    def action_refresh_feed(self) -> None:
        feed_id = self.query_one("#feeds", FeedList).highlighted_feed
        if feed_id in (None, ALL_FEEDS, STARRED, SEED_FEED_ID):
            article = self.current_article()
            feed_id = article.feed_id if article else None
        if feed_id is None or feed_id == SEED_FEED_ID:
            self.notify("Select a feed to refresh.", timeout=3)
            return
        self.library.refresh_feeds([feed_id])

    def action_other_telling(self) -> None:
        """Read the same story as another outlet or language told it."""
        article = self.current_article()
        if article is None:
            return
        group = self.library.state.stories.get(article.id)
        if not group:
            self.notify("No other outlet tells this story (yet).", timeout=3)
            return
        following = group[(group.index(article.id) + 1) % len(group)]
        self.open_article(following)

    def action_entity_details(self) -> None:
        entity = self.query_one("#watchlists", WatchlistPanel).highlighted_entity
        if entity is None:
            return
        # Imported when first opened: the dashboard's first frame does without it.
        from tui.screens.entity import EntityScreen, entity_report

        profile = self.library.watchlist.profile(entity)
        library = self.library

        def report() -> Text:
            state, names = library.state, library.watchlist.name
            return entity_report(profile, state, names, library.source_name)

        def show_articles(chosen: str | None) -> None:
            if chosen:
                self.apply_filter(self.view_filter.choosing(entity_id=chosen))
                self.query_one("#articles").focus()

        self.app.push_screen(EntityScreen(profile, report(), report), show_articles)

    def action_toggle_mute(self) -> None:
        entity = self.query_one("#watchlists", WatchlistPanel).highlighted_entity
        if entity is None:
            return
        muted = self.library.toggle_mute(entity)
        name = self.library.watchlist.name(entity)
        self.notify(f"{name}: alerts {'muted' if muted else 'on'}.", timeout=3, markup=False)

    def _jump_unread(self, step: int) -> None:
        articles = self.query_one("#articles", ArticleList)
        ids = articles.article_ids
        state = self.library.state
        index = articles.cursor + step
        while 0 <= index < len(ids):
            if not state.is_read(ids[index]):
                articles.cursor = index
                if self.has_class("-reading"):
                    self.open_article(ids[index])
                return
            index += step
        self.notify("No more unread articles in this view.", timeout=3)

    def action_next_unread(self) -> None:
        self._jump_unread(+1)

    def action_previous_unread(self) -> None:
        self._jump_unread(-1)
