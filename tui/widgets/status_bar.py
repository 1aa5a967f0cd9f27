"""One line at the bottom: polling, freshness, failures, new items, role."""

from __future__ import annotations

import time

from rich.text import Text
from textual.widgets import Static

from core.status import Status
from tui.terminal_caps import glyphs

# Seconds between two drawings of the line: a 500-feed poll reports progress
# a thousand times, each a new line, and a dozen a second read the same.
DRAW_INTERVAL = 0.1


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
        self._drawn_at = 0.0  # monotonic time of the last drawing
        self._draw_scheduled = False

    @property
    def status(self) -> Status:
        return self._status

    @property
    def drawing_soon(self) -> bool:
        """A newer status waits to be drawn."""
        return self._draw_scheduled

    def set_status(self, status: Status) -> None:
        """Show `status`: at once after a quiet spell, else with the next drawing."""
        self._status = status
        if status == self._shown or self._draw_scheduled:
            return
        wait = self._drawn_at + DRAW_INTERVAL - time.monotonic()
        if wait > 0:
            self._draw_scheduled = True
            self.set_timer(wait, self._draw_latest)
            return
        self._draw(status)

    def _draw_latest(self) -> None:
        self._draw_scheduled = False
        if self._status != self._shown:
            self._draw(self._status)

    def _draw(self, status: Status) -> None:
        self._shown = status
        self._drawn_at = time.monotonic()
        # One line of fixed height and the screen's width: its size never
        # changes, so no layout pass (a reflow of the whole screen, redone up
        # to a thousand times as the counter of a 500-feed poll ticks).
        self.update(status_text(status), layout=False)
