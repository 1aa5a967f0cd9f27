"""The dashboard's pane actions: lay the panes out for a width, the keys
that hide or show the reader pane and the side panels (remembered in ui.json),
and moving the focus between panels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.keytable import PANELS
from tui.screens.layout import LayoutChoice, layout_for
from tui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from pathlib import Path

    from textual.screen import Screen

    _Base = Screen[None]
else:
    _Base = object


class PaneLayout(_Base):
    """Mixed into MainScreen, which provides show_in_reader, open_article and action_back."""

    layout_choice: LayoutChoice
    _data_dir: Path | None

    if TYPE_CHECKING:

        @property
        def reading(self) -> bool: ...
        @property
        def narrow(self) -> bool: ...
        def show_in_reader(self, article_id: str) -> None: ...
        def open_article(self, article_id: str) -> None: ...
        def action_back(self) -> None: ...

    def _lay_out(self, width: int) -> None:
        layout = layout_for(width, self.layout_choice)
        self.set_class(not layout.reader_beside, "-narrow")
        self.set_class(not layout.side_panels, "-no-side")
        self.set_class(layout.slim_side, "-slim-side")

    def _remember_layout(self) -> None:
        if self._data_dir is not None:
            self.layout_choice.save(self._data_dir)
        self._lay_out(self.size.width or self.app.size.width)

    def action_toggle_reader_pane(self) -> None:
        """Hide or show the reader beside the list; where it cannot sit
        beside it, open or close it in the list's place."""
        if layout_for(self.app.size.width, LayoutChoice(reader_pane=True)).reader_beside:
            self.layout_choice.reader_pane = not self.layout_choice.reader_pane
            self._remember_layout()
            if self.layout_choice.reader_pane:
                if article_id := self.query_one("#articles", ArticleList).current_id:
                    self.show_in_reader(article_id)
            else:
                self.remove_class("-reading")
                self.query_one("#articles").focus()
            return
        if self.reading:
            self.action_back()
        elif article_id := self.query_one("#articles", ArticleList).current_id:
            self.open_article(article_id)

    def action_toggle_side_panels(self) -> None:
        shown = not self.has_class("-no-side")
        self.layout_choice.side_panels = not shown
        self._remember_layout()
        if shown and self.focused is not None and self.focused.id in ("feeds", "watchlists"):
            self.query_one("#articles").focus()

    def action_next_panel(self) -> None:
        self._step_panel(+1)

    def action_previous_panel(self) -> None:
        self._step_panel(-1)

    def _step_panel(self, step: int) -> None:
        """Tab follows the panel table's order, whatever the layout's order."""
        # A narrow terminal hides the reader until an article is open; hidden
        # side panels are skipped.
        hidden = {"feeds", "watchlists"} if self.has_class("-no-side") else set()
        if self.narrow and not self.reading:
            hidden.add("reader")
        ids = [p.id for p in PANELS if p.id not in hidden]
        focused = self.focused
        current = next(
            (
                i
                for i, panel in enumerate(ids)
                if focused is not None
                and (focused.id == panel or any(a.id == panel for a in focused.ancestors))
            ),
            ids.index("articles"),
        )
        self.action_focus_panel(ids[(current + step) % len(ids)])

    def action_focus_panel(self, panel: str) -> None:
        # In a narrow terminal the reader replaces the list and the sidebar:
        # going to any other panel must bring them back.
        if panel == "reader":
            self.add_class("-reading")
        else:
            self.remove_class("-reading")
        if panel in ("feeds", "watchlists"):
            self.remove_class("-no-side")  # asked for by its key: shown until toggled
        self.query_one(f"#{panel}").focus()
