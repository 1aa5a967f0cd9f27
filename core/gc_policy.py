"""Keeping the cyclic garbage collector's pauses short while articles pour in.

A full collection walks every tracked object and stops every thread while it
does; with thousands of articles arrived during a poll those pauses are long
enough to be felt as a stalled key press. The articles the app keeps are long-lived
and hold no reference cycles, so once enough have arrived they are moved out
of the collector's sight (gc.freeze) and full collections stay short. The
store does the same for the archive it loads at start.

Freezing keeps whatever cyclic garbage exists at that instant forever, so a
young collection (generations 0 and 1) runs first: it walks only what was
made since the last ones, well under a millisecond. A full collection would
also walk everything that reached the old generation since the last freeze
(what other threads keep as well), tens of milliseconds at times, for a few
dozen objects of garbage per freeze: those are frozen, a fraction of an
object per article kept. Freezes are spaced out by the number of articles
kept rather than done per batch.
"""

from __future__ import annotations

import gc

# Articles between freezes: each freeze's collection is a turn of its own on
# the loop, and what is frozen leaves the old generation a full walk would cover.
FREEZE_EVERY = 125
# The third threshold while a poll runs: the number of young collections
# between two automatic full ones, past what a poll ever reaches.
NO_AUTOMATIC_FULL = 1_000_000


def freeze_start_up() -> None:
    """Move what start-up made (modules, widgets, the HTTP client) out of the
    collector's sight before a poll begins, or every full collection during
    the poll walks all of it again.

    No collection first: that would walk it all once, a pause of its own
    just as the dashboard comes up. What start-up left as cyclic garbage is
    kept, once, and is small beside what it spares.
    """
    gc.freeze()


def thaw() -> None:
    """Give everything frozen back to the collector, when the app that froze it ends.

    One process may run several apps one after another (the tests do): the
    garbage frozen with one would otherwise outlive all of them.
    """
    gc.unfreeze()


class LongLivedFreezer:
    """Freezes kept articles in batches; while a poll runs, no full collection
    runs at all.

    An automatic full collection walks everything since the last freeze, and
    a poll makes thousands of objects that are kept (articles, the store's
    rows): one every few seconds, from whichever thread allocated, each a
    stall of tens of milliseconds. Freezing each batch after a young
    collection bounds what stays unfrozen, so automatic ones add pauses and
    free little.
    """

    def __init__(self, every: int = FREEZE_EVERY) -> None:
        self._every = every
        self._since_freeze = 0
        self._thresholds: tuple[int, int, int] | None = None  # saved while a poll runs

    def polling(self, busy: bool) -> None:
        """A poll started (`busy`) or every poll finished: no full collection
        until then, and automatic ones again after."""
        if busy and self._thresholds is None:
            self._thresholds = gc.get_threshold()
            young, middle, _ = self._thresholds
            gc.set_threshold(young, middle, NO_AUTOMATIC_FULL)
        elif not busy and self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def kept(self, count: int) -> bool:
        """Note `count` long-lived objects kept; freeze when enough have been. True if it did."""
        self._since_freeze += count
        if self._since_freeze < self._every:
            return False
        self._since_freeze = 0
        gc.collect(1)
        gc.freeze()
        return True
