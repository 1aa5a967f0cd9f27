"""The watchlists panel: people and companies with mention counts and trend."""

from __future__ import annotations

from rich.text import Text

from core.watch import EntityRow
from ingest.sanitize import clean_text
from tui.formatting import sparkline
from tui.keys import bindings_for
from tui.terminal_caps import glyphs
from tui.widgets.row_list import RowList


def entity_prompt(row: EntityRow, width: int) -> Text:
    text = Text(no_wrap=True, overflow=glyphs().overflow)  # type: ignore[arg-type]
    # Muted entities keep their counts but raise no alerts: ⊘ says so.
    marks = glyphs()
    glyph = marks.muted if row.muted else (marks.person if row.kind == "person" else marks.company)
    glyph += " "
    text.append(glyph, style="yellow" if row.muted else "dim")
    if row.pending:  # the archive is loading: a count of part of it would be wrong
        counts = marks.ellipsis
    else:
        counts = f"{row.total}/{row.unread}" if row.unread else f"{row.total}"
    spark = sparkline(list(row.per_day[-10:])) if width >= 34 and not row.pending else ""
    name_width = _name_width(width, counts, spark)
    if name_width < 10 and row.unread:
        # A slim panel: the name matters more than the total beside the unread count.
        counts = str(row.unread)
        name_width = _name_width(width, counts, spark)
    # Names come from feeds.toml or from the feed itself: never trusted as-is.
    clean_name = clean_text(row.name, single_line=True)
    name = (
        clean_name
        if len(clean_name) <= name_width
        else clean_name[: name_width - 1].rstrip() + marks.ellipsis
    )
    text.append(f"{name:<{name_width}}", style="dim" if row.muted or not row.total else "")
    text.append(f" {counts}", style="bold" if row.unread else "dim")
    if spark:
        text.append(f" {spark}", style="cyan")
    return text


def _name_width(width: int, counts: str, spark: str) -> int:
    # The glyph and its space, the space before the counts, and the sparkline's.
    return max(width - 3 - len(counts) - (len(spark) + 1 if spark else 0), 4)


class WatchlistPanel(RowList[EntityRow]):
    BINDINGS = bindings_for("watch")

    def row_id(self, row: EntityRow) -> str:
        return row.entity_id

    def prompt(self, row: EntityRow, width: int) -> Text:
        return entity_prompt(row, width)

    def highlight_to_keep(self) -> str | None:
        # The ranking changes as mentions arrive. While someone is moving through
        # the panel the cursor stays on their entity; otherwise the panel shows
        # its top, or a first start scrolled it to wherever the first row went.
        return self.highlighted_id if self.has_focus else None

    @property
    def highlighted_entity(self) -> str | None:
        return self.highlighted_id
