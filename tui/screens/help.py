"""The `?` screen: every key in force, as the keymap has made it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.keys import help_table


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", id="help.close"),
        Binding("down,j", "scroll('down')", "Down", show=False),
        Binding("up,k", "scroll('up')", "Up", show=False),
    ]

    def __init__(self, keys_by_id: dict[str, str]) -> None:
        super().__init__()
        self._keys = keys_by_id

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style="bold")
        table.add_column()
        for title, entries in help_table(self._keys):
            table.add_row(Text(title, style="bold underline"), "")
            for keys, description in entries:
                table.add_row(Text(keys), Text(description))
            table.add_row("", "")
        with VerticalScroll(id="help-body"):
            yield Static(table)
        yield Static(
            Text("Esc closes · keys can be changed in feeds.toml [settings.keymap]", style="dim"),
            id="help-footer",
        )

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_down() if direction == "down" else body.scroll_up()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
