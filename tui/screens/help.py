"""The `?` screen: every key in force, as the keymap has made it."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Moving",
        [
            ("main.next_panel", "next panel"),
            ("main.prev_panel", "previous panel"),
            ("main.panel_feeds", "feeds"),
            ("main.panel_articles", "articles"),
            ("main.panel_reader", "reader"),
            ("main.panel_watch", "watchlists"),
            ("list.down", "down"),
            ("list.up", "up"),
            ("list.first", "first"),
            ("list.last", "last"),
            ("list.page_down", "page down"),
            ("list.page_up", "page up"),
            ("list.open", "open the article"),
            ("main.back", "back / clear search or filter"),
        ],
    ),
    (
        "Reading",
        [
            ("main.search", "search titles and bodies of the whole archive"),
            ("main.next_unread", "next unread"),
            ("main.prev_unread", "previous unread"),
            ("main.toggle_read", "toggle read"),
            ("main.mark_view_read", "mark this view read"),
            ("main.star", "star / unstar"),
            ("main.copy_link", "copy the link (OSC 52)"),
            ("main.open_link", "open the link in a browser, or copy it"),
        ],
    ),
    (
        "Feeds",
        [
            ("app.refresh", "refresh all feeds now"),
            ("main.refresh_feed", "refresh this feed"),
            ("app.edit_config", "edit feeds.toml in $EDITOR"),
        ],
    ),
    (
        "App",
        [
            ("app.palette", "command palette"),
            ("app.help", "this help"),
            ("app.quit", "quit"),
        ],
    ),
]


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
        for title, entries in SECTIONS:
            table.add_row(Text(title, style="bold underline"), "")
            for binding_id, description in entries:
                keys = self._keys.get(binding_id)
                if keys:
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
