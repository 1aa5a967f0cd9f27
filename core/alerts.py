"""Alerts: polled articles that name a watched, unmuted person or company.

Arrivals are announced once per burst: 500 feeds polled at once must mean one
notice, not hundreds (each a timer, a repaint and a bell).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable

from core.watch import Watchlist
from storage.records import Article

MAX_ALERTS = 500
ANNOUNCE_DELAY = 2.0  # seconds: alerts arriving together are announced together

Burst = list[tuple[Article, tuple[str, ...]]]


class Alerts:
    def __init__(self, announce: Callable[[Burst], None]) -> None:
        self.ids: list[str] = []  # newest first
        self._announce = announce
        self._unannounced: Burst = []
        self._timer: asyncio.TimerHandle | None = None

    def load(self, ids: Iterable[str]) -> None:
        self.ids = list(ids)[:MAX_ALERTS]

    def raise_for(self, articles: Iterable[Article], watchlist: Watchlist) -> Burst:
        """Record the articles that alert; returns them with the entities that made them."""
        watched = watchlist.ids()
        alerted = set(self.ids)
        fresh: Burst = []
        for article in articles:
            names = tuple(e for e in article.entities if e in watched and not watchlist.is_muted(e))
            if names and article.id not in alerted:
                fresh.append((article, names))
                alerted.add(article.id)
        if not fresh:
            return fresh
        self.ids[:0] = [article.id for article, _ in fresh]
        del self.ids[MAX_ALERTS:]
        self._unannounced.extend(fresh)
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(ANNOUNCE_DELAY, self._flush)
        return fresh

    def _flush(self) -> None:
        self._timer = None
        burst, self._unannounced = self._unannounced, []
        if burst:
            self._announce(burst)

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


def describe_burst(burst: Burst, name_of: Callable[[str], str]) -> str:
    """One line for a burst of alerts: the title for one, a count and names for many."""
    if len(burst) == 1:
        [(article, names)] = burst
        who = ", ".join(name_of(e) for e in names[:3])
        return f"{who}: {article.title}"
    mentioned = Counter(e for _, names in burst for e in names)
    who = ", ".join(name_of(e) for e, _ in mentioned.most_common(3))
    return f"{len(burst)} new articles mention {who}. See ⚑ Alerts."
