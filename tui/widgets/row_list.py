"""An OptionList of typed rows that redraws only the rows whose contents changed.

The feeds and watchlist panels are redrawn after every applied poll batch;
rebuilding every option each time (500 feeds, dozens of entities) was one of
the largest costs on the UI loop while polling.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

Row = TypeVar("Row", bound=Hashable)

BUILD_CHUNK = 40  # options added per event-loop turn when the list is rebuilt


class RowList(OptionList, Generic[Row]):
    class Shown(Message):
        """The panel came into view (its screen may have skipped redrawing it while hidden)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[Row] = []
        self._building: object | None = None  # the rebuild under way, if any
        self._wanted_highlight: str | None = None

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

    def highlight_to_keep(self) -> str | None:
        """The row a rebuild keeps highlighted (None: the first row)."""
        return self.highlighted_id

    def show_rows(self, rows: list[Row]) -> None:
        """Show `rows`, keeping the highlighted row highlighted.

        When the same rows are shown in the same order, only the ones whose
        contents changed get a new prompt; otherwise the list is rebuilt, in
        chunks: laying out an option is costly, and hundreds laid out in one
        turn would hold the event loop for a visible moment.
        """
        width = max(self.scrollable_content_region.width - 1, 12)
        ids = [self.row_id(row) for row in rows]
        if ids == [self.row_id(row) for row in self._rows]:
            added = self.option_count  # all of them, unless a rebuild is under way
            for index, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
                if index < added and old != new:
                    self._redraw_row(index, self.prompt(new, width))
            self._rows = rows
            return
        if self._reorder(rows, ids, width):
            return
        highlighted = self._wanted_highlight if self._building else self.highlight_to_keep()
        self._rows = rows
        self._wanted_highlight = highlighted if highlighted in ids else None
        self._building = building = object()  # a newer rebuild makes this one stop
        self.clear_options()
        self._add_chunk(building, 0, width)

    def _reorder(self, rows: list[Row], ids: list[str], width: int) -> bool:
        """Show the same rows in a new order by moving their options, if it can be done
        without a layout: every option built and one line each (a ranking that changes
        as mentions arrive would otherwise rebuild the panel after every poll batch).

        Moved options keep their drawn lines; only rows whose contents changed get a
        new prompt. False when the rows must be rebuilt. Like _redraw_row, this
        reaches into OptionList's private lists and caches (textual is pinned).
        """
        options = self._options
        if (
            self._building is not None
            or len(options) != len(ids)
            or len(self._line_cache.lines) != len(options)
            or set(ids) != set(self._id_to_option)
        ):
            return False
        prompts = {}
        before = {self.row_id(row): row for row in self._rows}
        for row, row_id in zip(rows, ids, strict=True):
            if before.get(row_id) != row:
                prompt = self.prompt(row, width)
                if not prompt.no_wrap or "\n" in prompt.plain:
                    return False
                prompts[row_id] = prompt
        wanted = self.highlight_to_keep()
        was = list(options)
        options[:] = [self._id_to_option[row_id] for row_id in ids]
        self._option_to_index.clear()
        self._option_to_index.update((option, index) for index, option in enumerate(options))
        for row_id, prompt in prompts.items():
            self._new_prompt(self._id_to_option[row_id], prompt)
        self._rows = rows
        self.highlighted = ids.index(wanted) if wanted in ids else 0
        # Only the lines that now show another row, or a changed one, are drawn again.
        for index, option in enumerate(options):
            if option is not was[index] or option.id in prompts:
                self.refresh_line(self._index_to_line[index])
        return True

    def _redraw_row(self, index: int, prompt: Text) -> None:
        """Give the option at `index` a new prompt and repaint its line alone.

        OptionList.replace_option_prompt_at_index drops every cache, and
        measuring every option again on each refresh while a poll runs would
        load the event loop. A prompt that stays one line leaves
        the line map valid, so only this option's drawn lines are dropped.
        This reaches into OptionList's private caches: textual is pinned
        exactly in pyproject.toml, and tests/test_row_list.py covers it.
        """
        # A hidden panel (side panels off) has no lines laid out yet.
        if not prompt.no_wrap or "\n" in prompt.plain or index not in self._index_to_line:
            self.replace_option_prompt_at_index(index, prompt)
            return
        self._new_prompt(self.get_option_at_index(index), prompt)
        self.refresh_line(self._index_to_line[index])

    def _new_prompt(self, option: Option, prompt: Text) -> None:
        """Give `option` a new prompt and drop its drawn lines, and only its."""
        option._set_prompt(prompt)
        drawn = self._option_render_cache
        stale = [key for key in drawn.keys() if key[0] is option]  # noqa: SIM118 - not iterable
        for key in stale:
            drawn.discard(key)

    def _add_chunk(self, building: object, start: int, width: int) -> None:
        if building is not self._building:
            return
        chunk = self._rows[start : start + BUILD_CHUNK]
        self.add_options(Option(self.prompt(row, width), id=self.row_id(row)) for row in chunk)
        wanted = self._wanted_highlight
        if wanted is None and start == 0 and chunk:
            self.highlighted = 0
        elif wanted is not None:
            ids = [self.row_id(row) for row in chunk]
            if wanted in ids:
                self.highlighted = start + ids.index(wanted)
        end = start + len(chunk)
        if end < len(self._rows):
            self.call_after_refresh(self._add_chunk, building, end, width)
            return
        self._building = None
        if self.highlighted is None and self._rows:
            self.highlighted = 0

    @property
    def building(self) -> bool:
        """True while a rebuild is still adding rows."""
        return self._building is not None

    def on_show(self) -> None:
        self.post_message(self.Shown())

    def on_resize(self) -> None:
        # Prompts are laid out for a width: a new width rebuilds them all.
        if self._rows:
            rows, self._rows = self._rows, []
            self.show_rows(rows)
