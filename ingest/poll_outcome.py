"""What one feed's poll came to, as `aiwire fetch` reports it.

Apart from the poller so that a fetch which finds nothing changed
(core.unchanged_poll) can report it without importing the poller's store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.records import Article


class PollOutcome:
    """One feed's poll: its status and what it brought (a plain class: one per feed)."""

    __slots__ = ("error", "feed_id", "name", "new_articles", "seconds", "status", "warnings")

    def __init__(
        self,
        feed_id: str,
        name: str,
        status: str,  # "new" | "unchanged" | "not_modified" | "error" | "deferred" | "gone"
        new_articles: list[Article] | None = None,
        error: str | None = None,
        warnings: tuple[str, ...] = (),
        seconds: float = 0.0,
    ) -> None:
        self.feed_id = feed_id
        self.name = name
        self.status = status
        self.new_articles: list[Article] = [] if new_articles is None else new_articles
        self.error = error
        self.warnings = warnings
        self.seconds = seconds

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PollOutcome):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"PollOutcome({shown})"

    def to_dict(self) -> dict[str, object]:
        return {
            "feed": self.feed_id,
            "name": self.name,
            "status": self.status,
            "new": len(self.new_articles),
            "error": self.error,
            "warnings": list(self.warnings),
            "seconds": round(self.seconds, 3),
        }
