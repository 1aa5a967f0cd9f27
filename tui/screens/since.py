"""At start: what arrived since the dashboard was last open (core.since_last).

Dismissed with Esc or Enter. Source and entity names come from feeds and the
user's file: drawn as Text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from core.ledger import describe, told_by_text
from core.since_last import SinceLastLook
from ingest.sanitize import clean_text
from tui.keys import bindings_for
from tui.widgets.key_footer import KeyFooter
from watchlist.event_kinds import label

SHOWN = 8  # sources and events listed, each


def since_text(summary: SinceLastLook, name_of: Callable[[str], str]) -> Text:
    def line(value: str) -> str:
        return clean_text(value, single_line=True)

    local = summary.since.astimezone()
    text = Text()
    text.append(f"{summary.articles} new articles", style="bold")
    text.append(f" since {local:%a %d %b %H:%M}\n\n", style="dim")
    text.append("By source\n", style="bold underline")
    for source, count in summary.per_source[:SHOWN]:
        text.append(f"{count:>5}  ", style="dim")
        text.append(line(source) + "\n")
    if len(summary.per_source) > SHOWN:
        text.append(f"       and {len(summary.per_source) - SHOWN} more sources\n", style="dim")
    text.append("\nNew events\n", style="bold underline")
    if not summary.events:
        text.append("none tagged\n", style="dim")
    else:
        kinds = ", ".join(f"{count} {label(kind)}" for kind, count in summary.events_by_kind)
        text.append(kinds + "\n", style="dim")
    for row in summary.events[:SHOWN]:
        text.append("  " + line(describe(row, name_of)))
        told = told_by_text(row)
        text.append(f"  {line(told)}\n" if told else "\n", style="dim")
    text.append("\nSpikes\n", style="bold underline")
    if not summary.spikes:
        text.append("none\n", style="dim")
    for spike in summary.spikes:
        text.append("  " + line(spike.name))
        text.append(f"  {spike.today} today, {spike.average:g} a day before\n", style="dim")
    return text


class SinceScreen(ModalScreen[None]):
    CSS_PATH = "since.tcss"
    BINDINGS = bindings_for("since")

    def __init__(self, summary: SinceLastLook, name_of: Callable[[str], str]) -> None:
        super().__init__()
        self._text = since_text(summary, name_of)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="since-body"):
            yield Static(self._text, id="since-text")
        yield KeyFooter(compact=getattr(self.app, "ascii_only", False))

    def on_mount(self) -> None:
        body = self.query_one("#since-body", VerticalScroll)
        body.border_title = "Since you last looked"
        body.focus()

    def action_close(self) -> None:
        self.dismiss(None)
