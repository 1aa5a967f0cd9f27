"""What the status line shows, as plain data the core keeps up to date."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Status:
    writer: bool = True
    polling_done: int = 0
    polling_total: int = 0
    last_update: datetime | None = None
    failing_feeds: int = 0
    new_since_look: int = 0
    config_error: str | None = None
    message: str | None = None

    def with_changes(self, **changes: object) -> Status:
        return replace(self, **changes)  # type: ignore[arg-type]
