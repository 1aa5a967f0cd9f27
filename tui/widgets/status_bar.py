"""One line at the bottom: polling, freshness, failures, new items, role."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from core.status import Status
from tui.terminal_caps import glyphs


def status_text(status: Status) -> Text:
    text = Text(no_wrap=True, overflow=glyphs().overflow)  # type: ignore[arg-type]
    bar = glyphs().separator
    if status.config_error:
        text.append(" feeds.toml: ", style="bold red")
        text.append(status.config_error + " ", style="red")
        text.append(f"{bar} ", style="dim")
    if status.polling_total and status.polling_done < status.polling_total:
        text.append(f" polling {status.polling_done}/{status.polling_total} ", style="bold")
    elif status.last_update is not None:
        text.append(f" updated {status.last_update.astimezone():%H:%M} ")
    else:
        text.append(" not polled yet ", style="dim")
    text.append(f"{bar} ", style="dim")
    if status.failing_feeds:
        text.append(f"{status.failing_feeds} failing ", style="bold red")
        text.append(f"{bar} ", style="dim")
    if status.new_since_look:
        text.append(f"{status.new_since_look} new ", style="bold green")
        text.append(f"{bar} ", style="dim")
    if status.writer:
        text.append("writer", style="dim")
    else:
        text.append("READ-ONLY (another aiwire is writing)", style="bold yellow")
    if status.message:
        text.append(f" {bar} ", style="dim")
        text.append(status.message)
    return text


class StatusBar(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._status = Status()
        self._shown: Status | None = None  # what the line was last drawn from

    @property
    def status(self) -> Status:
        return self._status

    def set_status(self, status: Status) -> None:
        self._status = status
        if status == self._shown:
            return
        self._shown = status
        # One line of fixed height and the screen's width: its size never
        # changes, so no layout pass (a reflow of the whole screen, redone up
        # to a thousand times as the counter of a 500-feed poll ticks).
        self.update(status_text(status), layout=False)
