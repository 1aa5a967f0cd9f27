"""What arrived since the dashboard was last open: new articles per source, new
events by kind, and watched names with a spike. Shown once at start, when
there is anything; the dashboard records when a session ends (LAST_LOOK_KEY).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from core.digest import Spike, entity_spikes
from core.ledger import LedgerRow, build_ledger
from storage.records import Article

LAST_LOOK_KEY = "last_look"  # store meta: ISO time the last dashboard session ended


@dataclass(frozen=True, slots=True)
class SinceLastLook:
    since: datetime
    articles: int
    per_source: tuple[tuple[str, int], ...]  # most first
    events_by_kind: tuple[tuple[str, int], ...]  # most first
    events: tuple[LedgerRow, ...]  # newest first
    spikes: tuple[Spike, ...]

    def __bool__(self) -> bool:
        return self.articles > 0


def read_last_look(meta: Callable[[str, object], object]) -> datetime | None:
    """When the last dashboard session ended, from the store's metadata."""
    look = meta(LAST_LOOK_KEY, None)
    return datetime.fromisoformat(look) if isinstance(look, str) else None


def since_last_look(
    archive: Iterable[Article],
    since: datetime,
    now: datetime,
    *,
    names: Mapping[str, str],
    source_of: Callable[[Article], str],
    stories: Mapping[str, tuple[str, ...]] | None = None,
) -> SinceLastLook:
    """The articles first seen after `since`, summed up."""
    everything = list(archive)
    new = [a for a in everything if since < a.first_seen <= now]
    rows = build_ledger(new, stories or {}, source_of)
    return SinceLastLook(
        since,
        len(new),
        tuple(Counter(source_of(a) for a in new).most_common()),
        tuple(Counter(row.kind for row in rows).most_common()),
        tuple(rows),
        tuple(entity_spikes(everything, now, names)),
    )
