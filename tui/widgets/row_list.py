"""An OptionList of typed rows that redraws only the rows whose contents changed.

The feeds and watchlist panels are redrawn after every applied poll batch;
rebuilding every option each time (500 feeds, dozens of entities) was one of
the largest costs on the UI loop while polling.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

Row = TypeVar("Row", bound=Hashable)


class RowList(OptionList, Generic[Row]):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[Row] = []

    # -- what a panel defines ---------------------------------------------------

    def row_id(self, row: Row) -> str:
        raise NotImplementedError

    def prompt(self, row: Row, width: int) -> Text:
        raise NotImplementedError

    # -- showing rows ---------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        return self._rows

    @property
    def highlighted_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option else None

    def show_rows(self, rows: list[Row]) -> None:
        """Show `rows`, keeping the highlighted row highlighted.

        When the same rows are shown in the same order, only the ones whose
        contents changed get a new prompt; otherwise the list is rebuilt.
        """
        width = max(self.scrollable_content_region.width - 1, 12)
        ids = [self.row_id(row) for row in rows]
        if ids == [self.row_id(row) for row in self._rows]:
            for index, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
                if old != new:
                    self.replace_option_prompt_at_index(index, self.prompt(new, width))
            self._rows = rows
            return
        highlighted = self.highlighted_id
        self._rows = rows
        self.set_options(Option(self.prompt(row, width), id=self.row_id(row)) for row in rows)
        if rows:
            self.highlighted = ids.index(highlighted) if highlighted in ids else 0

    def on_resize(self) -> None:
        # Prompts are laid out for a width: a new width rebuilds them all.
        rows, self._rows = self._rows, []
        if rows:
            self.show_rows(rows)
