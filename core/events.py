"""What the library tells whoever runs it: small typed events.

The dashboard turns them into messages for its screens, the daemon into log
lines. Each event is emitted on the event loop the library runs on, after the
library's own state already reflects it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.status import Status
from storage.records import Article

if TYPE_CHECKING:
    from ingest.config import Config


@dataclass(frozen=True, slots=True)
class ArchiveChanged:
    """Articles or their flags changed; the in-memory state is already updated."""

    added: list[Article] = field(default_factory=list)
    updated: list[Article] = field(default_factory=list)
    flags_changed: bool = False
    # Feed states, counts or alerts changed: the summaries need redrawing.
    feeds_changed: bool = False
    # Source or watched names changed: every article row reads differently.
    names_changed: bool = False
    # The whole archive was (re)loaded.
    reset: bool = False


@dataclass(frozen=True, slots=True)
class StatusChanged:
    status: Status


@dataclass(frozen=True, slots=True)
class ConfigApplied:
    """A configuration without mistakes is in use (at start, or after an edit)."""

    config: Config
    reloaded: bool


@dataclass(frozen=True, slots=True)
class ConfigRejected:
    """feeds.toml has mistakes; the last good configuration stays in use."""

    problems: tuple[str, ...]
    at_start: bool = False


@dataclass(frozen=True, slots=True)
class AlertsRaised:
    """Polled articles that name watched, unmuted entities, gathered into one burst."""

    burst: tuple[tuple[Article, tuple[str, ...]], ...]
    bell: bool


@dataclass(frozen=True, slots=True)
class Notice:
    """Something to tell the person using aiwire, in words."""

    text: str
    title: str = ""
    severity: str = "information"  # "information" | "warning" | "error"
    timeout: float = 5.0


@dataclass(frozen=True, slots=True)
class TaskFailed:
    """Background work failed; the traceback is in the log."""

    name: str
    error: BaseException


LibraryEvent = (
    ArchiveChanged
    | StatusChanged
    | ConfigApplied
    | ConfigRejected
    | AlertsRaised
    | Notice
    | TaskFailed
)
Listener = Callable[[LibraryEvent], None]
