"""The feeds panel: "All", the seed articles, then every configured source."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ingest.sanitize import clean_text

ALL_FEEDS = "__all__"
STARRED = "__starred__"
ALERTS = "__alerts__"
HEALTH_MARKS = {"ok": ("✓", "green"), "failing": ("✗", "red"), "never": ("·", "dim")}


@dataclass(frozen=True, slots=True)
class FeedRow:
    feed_id: str
    name: str
    unread: int
    health: str | None  # None for entries that are not polled (All, seeds)
    error: str | None = None


def feed_prompt(row: FeedRow, width: int) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    if row.health is None:
        text.append("  ")
    else:
        mark, style = HEALTH_MARKS.get(row.health, ("?", "dim"))
        text.append(mark + " ", style=style)
    count = str(row.unread) if row.unread else ""
    name_width = max(width - len(count) - 3, 4)
    # Names come from feeds.toml or from the feed itself: never trusted as-is.
    clean_name = clean_text(row.name, single_line=True)
    name = clean_name if len(clean_name) <= name_width else clean_name[: name_width - 1] + "…"
    text.append(f"{name:<{name_width}}", style="bold" if row.unread else "")
    text.append(f" {count}", style="bold")
    return text


class FeedList(OptionList):
    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="feeds.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="feeds.up"),
        Binding("home,g", "first", "First", show=False, id="feeds.first"),
        Binding("end,G", "last", "Last", show=False, id="feeds.last"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[FeedRow] = []

    def show_rows(self, rows: list[FeedRow]) -> None:
        """Rebuild the list, keeping the highlighted feed highlighted."""
        width = max(self.scrollable_content_region.width - 1, 12)
        if [r.feed_id for r in rows] == [r.feed_id for r in self._rows]:
            for index, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
                if old != new:
                    self.replace_option_prompt_at_index(index, feed_prompt(new, width))
            self._rows = rows
            return
        highlighted = self.highlighted_feed
        self._rows = rows
        self.set_options(Option(feed_prompt(row, width), id=row.feed_id) for row in rows)
        ids = [row.feed_id for row in rows]
        self.highlighted = ids.index(highlighted) if highlighted in ids else 0

    def on_resize(self) -> None:
        rows, self._rows = self._rows, []
        if rows:
            self.show_rows(rows)

    @property
    def highlighted_feed(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None

    def row(self, feed_id: str) -> FeedRow | None:
        return next((row for row in self._rows if row.feed_id == feed_id), None)
