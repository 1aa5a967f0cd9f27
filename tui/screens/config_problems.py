"""Every mistake in feeds.toml at once: line, key and what is wrong, wrapped and scrollable."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ingest.sanitize import clean_text
from tui.keys import bindings_for


class ConfigProblemsScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ConfigProblemsScreen { align: center middle; }
    #problems-body { width: 90%; max-width: 120; height: auto; max-height: 90%;
                     border: round $error; background: $surface; padding: 0 1; }
    """
    BINDINGS = bindings_for("problems")

    def __init__(self, problems: tuple[str, ...], *, at_start: bool) -> None:
        super().__init__()
        self.problems = problems
        self.at_start = at_start

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        text = Text()
        if self.at_start:
            text.append("feeds.toml could not be used: ", style="bold")
            text.append(
                "until it is fixed, aiwire runs on the bundled watchlists and the seeds, "
                "without sources.\n"
            )
        else:
            text.append("feeds.toml has mistakes: ", style="bold")
            text.append("the last good configuration stays in use.\n")
        text.append("Save the fixed file and it is applied within seconds.\n\n", style="dim")
        for problem in self.problems:
            # Problems quote the file's own text: shown as text, never as markup.
            text.append("• " + clean_text(problem, single_line=True) + "\n")
        text.append(f"\n{count} mistake{'s' if count != 1 else ''} · Esc closes", style="dim")
        with VerticalScroll(id="problems-body") as body:
            body.border_title = "feeds.toml"
            yield Static(text, id="problems-text")

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#problems-body", VerticalScroll)
        body.scroll_down() if direction == "down" else body.scroll_up()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
