"""New articles from polls, taken into the app's state a bounded time per loop turn.

Polled feeds are stored in group commits: when a commit lands, the polls of a
dozen feeds wake in the same event-loop turn, and taking all their articles
into the state there and then (sorting, counting mentions, alerting) would be
one long turn, felt as a stalled key. Here the polls hand their articles over and wait;
one drain task takes them in and yields to the loop between turns so keys and
frames get their share.

A turn's share is time, not a count: what an article costs varies with the
archive's size, its mentions and what else the machine does, so each turn
takes as many articles as the last turns' cost per article says fit in
BUDGET. A poll may be split across turns; its future is done once its last
article is in.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

from storage.records import Article

# The main thread's CPU time per turn for taking articles in: with a frame's
# work beside it a turn stays well under the 12 ms a key press may wait. CPU
# time, not wall: waiting for another thread's GIL or for a core is not
# shortened by taking fewer articles, and each turn's batch costs the list
# an update of its own.
BUDGET = 0.003
# Articles in the first turn, before their cost is known, and the fewest in
# any turn (so a slow spell still makes progress).
FIRST = 50
FEWEST = 5
# Weight of the latest turn in the running cost per article: one turn stalled
# by another thread should not shrink the next ones to nothing.
LATEST_WEIGHT = 0.3


class ArrivalQueue:
    def __init__(
        self,
        take_in: Callable[[list[Article]], None],
        *,
        budget: float = BUDGET,
        first: int = FIRST,
        fewest: int = FEWEST,
        clock: Callable[[], float] = time.thread_time,
    ) -> None:
        self._take_in = take_in
        self._budget = budget
        self._first = first
        self._fewest = fewest
        self._clock = clock
        self._per_article: float | None = None  # seconds, a running mean
        self._waiting: deque[tuple[list[Article], asyncio.Future[None]]] = deque()
        self._drain: asyncio.Task[None] | None = None

    @property
    def pending(self) -> int:
        """Articles handed over and not taken in yet."""
        return sum(len(articles) for articles, _ in self._waiting)

    def submit(self, articles: list[Article]) -> asyncio.Future[None]:
        """Queue `articles`; the future is done once they are in the state."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((articles, done))
        if self._drain is None or self._drain.done():
            self._drain = asyncio.create_task(self._drain_all(), name="aiwire-arrivals")
        return done

    def close(self) -> None:
        """Stop taking articles in (the app is closing); waiting polls are cancelled."""
        if self._drain is not None:
            self._drain.cancel()
        while self._waiting:
            self._waiting.popleft()[1].cancel()

    def _turn_size(self) -> int:
        if self._per_article is None:
            return self._first
        return max(self._fewest, int(self._budget / max(self._per_article, 1e-9)))

    def _take(self, size: int) -> tuple[list[Article], list[asyncio.Future[None]]]:
        """Up to `size` articles from the front, in order; the futures of the
        polls taken whole, and of the one split if that was its last part."""
        taken: list[Article] = []
        touched: list[asyncio.Future[None]] = []
        while self._waiting and len(taken) < size:
            articles, done = self._waiting[0]
            room = size - len(taken)
            if len(articles) <= room:
                self._waiting.popleft()
                taken.extend(articles)
                touched.append(done)
            else:  # the rest of this poll waits for the next turn
                taken.extend(articles[:room])
                self._waiting[0] = (articles[room:], done)
                touched.append(done)
        return taken, touched

    async def _drain_all(self) -> None:
        while self._waiting:
            taken, touched = self._take(self._turn_size())
            started = self._clock()
            try:
                self._take_in(taken)
            except Exception as error:  # noqa: BLE001 - the polls that waited see it
                for done in touched:
                    self._drop(done)
                    if not done.done():
                        done.set_exception(error)
            else:
                waiting = {id(done) for _, done in self._waiting}
                for done in touched:
                    if id(done) not in waiting and not done.done():
                        done.set_result(None)
            self._note_cost(self._clock() - started, len(taken))
            await asyncio.sleep(0)

    def _drop(self, failed: asyncio.Future[None]) -> None:
        """Forget what is left of a poll whose articles failed to go in."""
        self._waiting = deque(entry for entry in self._waiting if entry[1] is not failed)

    def _note_cost(self, seconds: float, count: int) -> None:
        if not count:
            return
        latest = seconds / count
        known = self._per_article
        self._per_article = latest if known is None else known + LATEST_WEIGHT * (latest - known)
