"""The command an article is piped to (`|`), asked for; and what it printed.

The output is the command's, and the article it read was a feed's: both are
drawn as plain Text, cleaned of terminal controls, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from ingest.sanitize import clean_text
from tui.keys import bindings_for
from tui.widgets.key_footer import KeyFooter

_CSS = """
CommandPrompt, CommandOutputScreen {
    align: center middle;
}
#prompt-box {
    width: 80;
    max-width: 100%;
    height: auto;
    border: round $accent;
    background: $surface;
    padding: 0 1;
}
#prompt-hint {
    color: $text-muted;
}
#output-body {
    width: 100;
    max-width: 100%;
    height: auto;
    max-height: 90%;
    border: round $accent;
    border-title-color: $accent;
    background: $surface;
    padding: 0 1;
}
"""


class CommandPrompt(ModalScreen[str | None]):
    """One line: the command, prefilled with the last one used."""

    DEFAULT_CSS = _CSS
    BINDINGS = bindings_for("prompt")

    def __init__(self, last: str) -> None:
        super().__init__()
        self._last = last

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Label("Pipe the article (title, source, date, link, body) to:")
            yield Input(self._last, placeholder="e.g. wc -w, or !less", id="prompt-input")
            yield Label(
                "No shell: quotes group words. A leading ! runs it in the terminal.",
                id="prompt-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#prompt-box").border_title = "| Pipe to a command"
        self.query_one("#prompt-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CommandOutputScreen(ModalScreen[None]):
    DEFAULT_CSS = _CSS
    BINDINGS = bindings_for("output")

    def __init__(self, command: str, output: str) -> None:
        super().__init__()
        self._command = clean_text(command, single_line=True)
        self._output = Text(clean_text(output))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="output-body"):
            yield Static(self._output, id="output-text")
        yield KeyFooter(compact=getattr(self.app, "ascii_only", False))

    def on_mount(self) -> None:
        body = self.query_one("#output-body", VerticalScroll)
        body.border_title = f"Output of {self._command}"[:70]
        body.focus()

    def action_close(self) -> None:
        self.dismiss(None)
