"""New articles from polls, taken into the app's state a bounded amount per loop turn.

Polled feeds are stored in group commits: when a commit lands, the polls of a
dozen feeds wake in the same event-loop turn, and taking all their articles
into the state there and then (sorting, counting mentions, alerting) would be
one long turn, felt as a stalled key. Here the polls hand their articles over and wait;
one drain task takes them in, at most `batch` articles per turn, and yields to
the loop between turns so keys and frames get their share.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable

from storage.records import Article

# Articles per loop turn (a typical feed's worth): few enough that keys and
# frames keep their pace.
BATCH = 50


class ArrivalQueue:
    def __init__(self, take_in: Callable[[list[Article]], None], *, batch: int = BATCH) -> None:
        self._take_in = take_in
        self._batch = batch
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

    async def _drain_all(self) -> None:
        while self._waiting:
            taken: list[Article] = []
            finished: list[asyncio.Future[None]] = []
            # Whole submissions only, so each poll's future means "all of mine".
            while self._waiting and (
                not taken or len(taken) + len(self._waiting[0][0]) <= self._batch
            ):
                articles, done = self._waiting.popleft()
                taken.extend(articles)
                finished.append(done)
            try:
                self._take_in(taken)
            except Exception as error:  # noqa: BLE001 - the polls that waited see it
                for done in finished:
                    if not done.done():
                        done.set_exception(error)
            else:
                for done in finished:
                    if not done.done():
                        done.set_result(None)
            await asyncio.sleep(0)
