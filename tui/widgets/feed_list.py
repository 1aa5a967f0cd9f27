"""The feeds panel: "All", the seed articles, every configured source, then the
saved searches of feeds.toml ([[searches]]) with the unread among their results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text

from ingest.sanitize import clean_text
from storage.records import SEED_FEED_ID
from tui.formatting import DistinctNames
from tui.keys import bindings_for
from tui.terminal_caps import ASCII, glyphs
from tui.widgets.row_list import RowList

if TYPE_CHECKING:
    from core.library import Library

ALL_FEEDS = "__all__"
STARRED = "__starred__"
ALERTS = "__alerts__"
SEARCH_PREFIX = "__search__:"  # + the saved search's name
# Marks of this panel alone, each with the ASCII stand-in used where the
# locale cannot show it (tui/terminal_caps.py decides which set is in use).
_MARKS = {
    "search": ("⌕", "/"),
    "alerts": ("⚑", "!"),
    "ok": ("✓", "+"),
    "failing": ("✗", "x"),
    "never": ("·", "."),
    "gone": ("⊘", "-"),
}
HEALTH_STYLES = {"ok": "green", "failing": "red", "never": "dim", "gone": "red"}


def mark(name: str) -> str:
    unicode, ascii_mark = _MARKS[name]
    return ascii_mark if glyphs() is ASCII else unicode


@dataclass(frozen=True, slots=True)
class FeedRow:
    feed_id: str
    name: str
    unread: int | None  # None: not known yet (the archive is loading, a search not run)
    health: str | None  # None for entries that are not polled (All, seeds)
    error: str | None = None


def feed_prompt(row: FeedRow, width: int, shorten: Callable[[str, int], str] | None = None) -> Text:
    """One panel line; `shorten(name, width)` fits a name (by default in the middle)."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if row.health is None:
        text.append("  ")
    else:
        health = row.health if row.health in HEALTH_STYLES else "never"
        text.append(mark(health) + " ", style=HEALTH_STYLES[health])
    count = glyphs().ellipsis if row.unread is None else str(row.unread) if row.unread else ""
    gone = " gone (410)" if row.health == "gone" else ""
    name_width = max(width - len(count) - len(gone) - 3, 4)
    # Names come from feeds.toml or from the feed itself: never trusted as-is.
    clean_name = clean_text(row.name, single_line=True)
    if len(clean_name) <= name_width:
        name = clean_name
    elif shorten is not None:
        name = shorten(clean_name, name_width)
    else:
        name = DistinctNames(name_width)(clean_name)
    text.append(f"{name:<{name_width}}", style="bold" if row.unread else "")
    if gone:
        text.append(gone, style="red")
    text.append(f" {count}", style="bold")
    return text


class FeedList(RowList[FeedRow]):
    BINDINGS = bindings_for("feeds")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._names: tuple[str, ...] = ()
        self._names_of: list[FeedRow] | None = None  # the rows `_names` was made from
        self._shorteners: dict[int, DistinctNames] = {}

    def row_id(self, row: FeedRow) -> str:
        return row.feed_id

    def prompt(self, row: FeedRow, width: int) -> Text:
        return feed_prompt(row, width, self._shorten)

    def _shorten(self, name: str, width: int) -> str:
        """Shortened in the middle, and never like another row's name at that width."""
        rows = self.rows
        if rows is not self._names_of:
            # Once per list of rows, not once per name shortened: that would
            # be quadratic in the number of feeds.
            self._names_of = rows
            names = tuple(clean_text(row.name, single_line=True) for row in rows)
            if names != self._names:
                self._names, self._shorteners = names, {}
        shortener = self._shorteners.get(width)
        if shortener is None:
            shortener = self._shorteners[width] = DistinctNames(width)
            shortener.prepare(self._names)
        return shortener(name)

    @property
    def highlighted_feed(self) -> str | None:
        return self.highlighted_id

    def row(self, feed_id: str) -> FeedRow | None:
        return next((row for row in self.rows if row.feed_id == feed_id), None)


def feed_rows(library: Library) -> list[FeedRow]:
    """The panel's rows: All, Starred, Alerts (when any), seeds, every source."""
    state = library.state
    # While the archive loads the state holds its newest rows only: no count yet.
    pending = state.partial

    def unread_count(feed_id: str | None = None) -> int | None:
        return None if pending else state.unread_count(feed_id)

    rows = [FeedRow(ALL_FEEDS, "All", unread_count(), None)]
    starred = None if pending else sum(1 for flags in state.flags.values() if flags & 2)
    rows.append(FeedRow(STARRED, f"{glyphs().starred} Starred", starred, None))
    alerts = library.alerts.ids
    if alerts:
        unread_alerts = sum(1 for i in alerts if not state.is_read(i))
        rows.append(FeedRow(ALERTS, f"{mark('alerts')} Alerts", unread_alerts, None))
    if state.article_count(SEED_FEED_ID):
        rows.append(FeedRow(SEED_FEED_ID, "Seed articles", unread_count(SEED_FEED_ID), None))
    names = library.feed_names()
    for source in library.config.sources:
        feed_state = state.feeds.get(source.id)
        health = feed_state.health if feed_state else "never"
        rows.append(
            FeedRow(
                source.id,
                names[source.id],
                unread_count(source.id),
                health,
                feed_state.last_error if feed_state else None,
            )
        )
    saved = library.saved_searches
    for search in library.config.searches:
        found = saved.results(search.name)
        unread = None if found is None else sum(1 for i in found if not state.is_read(i))
        rows.append(
            FeedRow(SEARCH_PREFIX + search.name, f"{mark('search')} {search.name}", unread, None)
        )
    return rows


def saved_search_name(row_id: str | None) -> str | None:
    """The saved search a panel row stands for, if it is one."""
    if row_id and row_id.startswith(SEARCH_PREFIX):
        return row_id[len(SEARCH_PREFIX) :]
    return None
