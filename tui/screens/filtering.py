"""Refining the article list: unread only, starred, a date range, a tag, a
language; combined with whatever feed, entity or search is shown, from keys
(the key table) and the palette (tui.commands, through RefineView)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from core.state import ViewFilter
from tui.messages import RefineView

if TYPE_CHECKING:
    from textual.screen import Screen

    from core.library import Library

    _Base = Screen[None]
else:
    _Base = object

PERIODS = ("today", "7 days", "30 days")


def period_start(period: str, now: datetime | None = None) -> datetime:
    """When a date range starts: local midnight today, or 7 or 30 days back."""
    now = now or datetime.now().astimezone()
    if period == "today":
        return now.replace(hour=0, minute=0, second=0, microsecond=0)
    return now - timedelta(days=int(period.split()[0]))


def _next(choices: list[str], current: str | None) -> str | None:
    """The choice after `current`, then none, then the first again."""
    if current not in choices:
        return choices[0] if choices else None
    index = choices.index(current) + 1
    return choices[index] if index < len(choices) else None


class Filtering(_Base):
    """Mixed into MainScreen, which provides view_filter, apply_filter and library."""

    view_filter: ViewFilter

    if TYPE_CHECKING:

        @property
        def library(self) -> Library: ...
        def apply_filter(self, view_filter: ViewFilter) -> None: ...

    def empty_words(self) -> str:
        """What an empty list says: a filtered one must not look like an empty archive."""
        if self.view_filter == ViewFilter():
            return "No articles here yet."
        return "Nothing here matches this view. Esc clears the search or filter."

    def tags(self) -> list[str]:
        return sorted({tag for source in self.library.config.sources for tag in source.tags})

    def languages(self) -> list[str]:
        articles = self.library.state.articles.values()
        return sorted({a.language for a in articles if a.language})

    def refine(self, refinement: str, value: str | None = None) -> None:
        current = self.view_filter
        if refinement == "unread":
            changed = replace(current, unread_only=not current.unread_only)
        elif refinement == "starred":
            changed = replace(current, starred_only=not current.starred_only)
        elif refinement == "period":
            period = value if value is not None else _next(list(PERIODS), current.period)
            if period == "":
                period = None
            since = period_start(period) if period else None
            changed = replace(current, period=period, since=since)
        elif refinement == "tag":
            tag = value if value is not None else _next(self.tags(), current.tag)
            tag = tag or None
            feeds = (
                frozenset(s.id for s in self.library.config.sources if tag in s.tags)
                if tag
                else None
            )
            changed = replace(current, tag=tag, tag_feeds=feeds)
        elif refinement == "language":
            language = value if value is not None else _next(self.languages(), current.language)
            changed = replace(current, language=language or None)
        else:  # "clear": the refinements go, the feed, entity or search stays
            changed = ViewFilter().choosing(
                feed_id=current.feed_id,
                entity_id=current.entity_id,
                article_ids=current.article_ids,
                query=current.query,
                label=current.label,
            )
        self.apply_filter(changed)

    def on_refine_view(self, message: RefineView) -> None:
        self.refine(message.refinement, message.value)

    def action_filter_unread(self) -> None:
        self.refine("unread")

    def action_filter_starred(self) -> None:
        self.refine("starred")

    def action_filter_period(self) -> None:
        self.refine("period")

    def action_filter_tag(self) -> None:
        if not self.tags():
            self.notify("No source has tags: add tags = [...] to sources in feeds.toml.")
            return
        self.refine("tag")

    def action_filter_language(self) -> None:
        self.refine("language")
