"""The events ledger on screen: every tagged event, one row per event per story.

Rows come from core.ledger, built from the library's state when the screen
opens. Every cell is a Text made from cleaned feed strings, never markup.
Enter dismisses the screen with the row's article, which the dashboard opens
in its reader.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from core.ledger import (
    LedgerFilter,
    LedgerRow,
    build_ledger,
    date_text,
    filter_rows,
    organisations,
    told_by_text,
)
from ingest.sanitize import clean_text
from tui.keys import bindings_for
from tui.messages import LibraryChanged
from tui.widgets.key_footer import KeyFooter
from watchlist.event_kinds import EVENT_KINDS, label

if TYPE_CHECKING:
    from core.library import Library

# The date filter's steps: (words, days back from today, or None for any time).
DATE_RANGES: tuple[tuple[str, int | None], ...] = (
    ("any time", None),
    ("past 30 days", 30),
    ("past year", 365),
    ("past 5 years", 5 * 365),
)
COLUMNS = ("date", "event", "who", "organisations", "told by", "story")


def _text(value: str, style: str = "") -> Text:
    return Text(clean_text(value, single_line=True), style=style, no_wrap=True, end="")


class LedgerScreen(Screen[str | None]):
    """Dismissed with an article id to read, or None."""

    CSS_PATH = "ledger.tcss"
    BINDINGS = bindings_for("ledger")

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.rows: list[LedgerRow] = self._build()
        self.filter = LedgerFilter()
        self._date_range = 0
        self.shown: list[LedgerRow] = []
        self.showing_why = False

    def compose(self) -> ComposeResult:
        yield Static(id="ledger-filter")
        yield DataTable(id="ledger-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="ledger-why")
        yield KeyFooter(compact=getattr(self.app, "ascii_only", False))

    def on_mount(self) -> None:
        table = self.query_one("#ledger-table", DataTable)
        table.border_title = "Events ledger"
        table.add_columns(*COLUMNS)
        self.query_one("#ledger-why", Static).display = False
        self._fill()
        table.focus()

    def _build(self) -> list[LedgerRow]:
        state = self.library.state
        return build_ledger(state.articles.values(), state.stories, self.library.source_name)

    def on_library_changed(self, message: LibraryChanged) -> None:
        # Opened before the archive had loaded: the rows were the newest articles'.
        if message.reset:
            self.rows = self._build()
            self._fill()

    # -- drawing ---------------------------------------------------------------------

    def _fill(self) -> None:
        name = self.library.watchlist.name
        articles = self.library.state.articles
        table = self.query_one("#ledger-table", DataTable)
        table.clear()
        self.shown = filter_rows(self.rows, self.filter)
        for index, row in enumerate(self.shown):
            article = articles.get(row.article_id)
            table.add_row(
                _text(date_text(row), "dim"),
                _text(label(row.kind), "bold"),
                _text(name(row.who)),
                _text(organisations(row, name)),
                _text(told_by_text(row), "dim"),
                _text(article.title[:80] if article else "", "dim"),
                key=str(index),
            )
        self._describe_filter()
        self._show_why()

    def _describe_filter(self) -> None:
        if self.library.state.partial:
            parts = [f"{len(self.shown)} events in the newest articles; the archive is loading"]
        else:
            parts = [f"{len(self.shown)} of {len(self.rows)} events"]
        if self.filter.kinds:
            parts.append("kind: " + ", ".join(label(k) for k in sorted(self.filter.kinds)))
        if self.filter.entity:
            parts.append("about: " + self.library.watchlist.name(self.filter.entity))
        parts.append(DATE_RANGES[self._date_range][0])
        parts.append("* dated by the article")
        self.query_one("#ledger-filter", Static).update(_text("  ·  ".join(parts), "dim"))

    def current_row(self) -> LedgerRow | None:
        table = self.query_one("#ledger-table", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def _show_why(self) -> None:
        why = self.query_one("#ledger-why", Static)
        why.display = self.showing_why
        row = self.current_row()
        if not self.showing_why or row is None:
            return
        text = Text()
        text.append(label(row.kind), style="bold")
        text.append(f"  {clean_text(self.library.watchlist.name(row.who), single_line=True)}\n")
        text.append(clean_text(row.sentence, single_line=True), style="italic")
        if row.told_by > 1:
            text.append("\n" + clean_text(told_by_text(row), single_line=True), style="dim")
        why.update(text)

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_why()

    # -- actions -----------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(None)

    def action_open_story(self) -> None:
        row = self.current_row()
        if row is not None:
            self.dismiss(row.article_id)

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open_story()

    def action_show_sentence(self) -> None:
        self.showing_why = not self.showing_why
        self._show_why()

    def action_cycle_kind(self) -> None:
        """Any kind, then each kind the ledger holds in turn."""
        current = next(iter(self.filter.kinds), None)
        present = {row.kind for row in self.rows}
        order = [None, *(kind for kind in EVENT_KINDS if kind in present)]
        following = order[(order.index(current) + 1) % len(order)]
        self.filter = replace(self.filter, kinds=frozenset({following} if following else ()))
        self._fill()

    def action_filter_entity(self) -> None:
        """Only the highlighted row's person or company (as subject or party); again: everyone."""
        row = self.current_row()
        entity = None if self.filter.entity or row is None else row.who
        self.filter = replace(self.filter, entity=entity)
        self._fill()

    def action_cycle_dates(self) -> None:
        self._date_range = (self._date_range + 1) % len(DATE_RANGES)
        days = DATE_RANGES[self._date_range][1]
        since = None
        if days is not None:
            since = (datetime.now(UTC) - timedelta(days=days)).date().isoformat()
        self.filter = replace(self.filter, since=since)
        self._fill()
