"""Keeping the cyclic garbage collector's pauses short while articles pour in.

A full collection walks every tracked object and stops every thread while it
does; with thousands of articles arrived during a poll those pauses are long
enough to be felt as a stalled key press. The articles the app keeps are long-lived
and hold no reference cycles, so once enough have arrived they are moved out
of the collector's sight (gc.freeze) and full collections stay short. The
store does the same for the archive it loads at start.

Freezing keeps whatever cyclic garbage exists at that instant forever, so a
full collection runs first: it walks only what is not frozen yet, what came
since the last freeze, so it is short. Freezes are spaced out by the number
of articles kept rather than done per batch.
"""

from __future__ import annotations

import gc

FREEZE_EVERY = 2_000  # articles


def freeze_start_up() -> None:
    """Move what start-up made (modules, widgets, the HTTP client) out of the
    collector's sight before a poll begins, or every full collection during
    the poll walks all of it again.

    No collection first: that would walk it all once, a pause of its own
    just as the dashboard comes up. What start-up left as cyclic garbage is
    kept, once, and is small beside what it spares.
    """
    gc.freeze()


class LongLivedFreezer:
    def __init__(self, every: int = FREEZE_EVERY) -> None:
        self._every = every
        self._since_freeze = 0

    def kept(self, count: int) -> bool:
        """Note `count` long-lived objects kept; freeze when enough have been. True if it did."""
        self._since_freeze += count
        if self._since_freeze < self._every:
            return False
        self._since_freeze = 0
        gc.collect()
        gc.freeze()
        return True
