"""Articles from many polls are taken into the state a bounded time per loop turn."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from core.arrivals import ArrivalQueue
from storage.records import Article

BASE = datetime(2026, 11, 1, tzinfo=UTC)


def articles(feed: str, count: int) -> list[Article]:
    return [
        Article(
            id=f"{feed}-{n}",
            feed_id=feed,
            identity=f"guid:{feed}-{n}",
            title=f"{feed} {n}",
            link=None,
            published=BASE,
            first_seen=BASE,
        )
        for n in range(count)
    ]


class Clock:
    """Stands in for the loop's clock: taking an article in costs `per_article` seconds."""

    def __init__(self, per_article: float) -> None:
        self.now = 0.0
        self.per_article = per_article

    def __call__(self) -> float:
        return self.now

    def take_in(self, into: list[list[str]]) -> Callable[[list[Article]], None]:
        def take(batch: list[Article]) -> None:
            self.now += self.per_article * len(batch)
            into.append([a.id for a in batch])

        return take


async def test_polls_that_land_together_are_taken_in_over_several_turns_in_order() -> None:
    taken: list[list[str]] = []
    clock = Clock(per_article=0.0001)
    queue = ArrivalQueue(clock.take_in(taken), budget=0.01, first=100, clock=clock)
    # Twelve feeds' polls wake in the same turn, 50 articles each.
    waits = [queue.submit(articles(f"feed{n:02d}", 50)) for n in range(12)]
    assert queue.pending == 600
    await asyncio.gather(*waits)
    # 10 ms a turn at 0.1 ms an article: 100 per turn, in the order they came.
    assert [len(batch) for batch in taken] == [100] * 6
    assert [a for batch in taken for a in batch] == [
        a.id for n in range(12) for a in articles(f"feed{n:02d}", 50)
    ]
    assert queue.pending == 0


async def test_a_turn_takes_what_its_time_budget_fits_not_a_fixed_count() -> None:
    taken: list[list[str]] = []
    clock = Clock(per_article=0.001)
    queue = ArrivalQueue(clock.take_in(taken), budget=0.004, first=20, fewest=2, clock=clock)
    waits = [queue.submit(articles(f"feed{n}", 50)) for n in range(2)]
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    # The first turn's 20 articles took 20 ms: the next takes 4 ms worth.
    assert [len(batch) for batch in taken] == [20, 4]
    clock.per_article = 0.0001  # the machine is quiet again: turns grow back
    await asyncio.gather(*waits)
    assert [len(batch) for batch in taken][-2] > 4
    assert sum(len(batch) for batch in taken) == 100


async def test_the_loop_runs_other_work_between_batches() -> None:
    events: list[str] = []
    queue = ArrivalQueue(lambda batch: events.append(f"took {len(batch)}"), first=50)
    waits = [queue.submit(articles(f"f{n}", 50)) for n in range(3)]

    async def other_work() -> None:
        for _ in range(3):
            events.append("other")
            await asyncio.sleep(0)

    await asyncio.gather(other_work(), *waits)
    first = next(i for i, e in enumerate(events) if e.startswith("took"))
    last = len(events) - 1 - next(i for i, e in enumerate(events[::-1]) if e.startswith("took"))
    assert "other" in events[first:last], events


async def test_a_poll_larger_than_a_turn_is_split_and_done_after_its_last_part() -> None:
    taken: list[list[str]] = []
    clock = Clock(per_article=0.001)
    queue = ArrivalQueue(clock.take_in(taken), budget=0.05, first=100, clock=clock)
    big = queue.submit(articles("big", 250))
    small = queue.submit(articles("small", 10))
    await asyncio.sleep(0)
    assert [len(batch) for batch in taken] == [100]
    assert not big.done() and not small.done()
    await big
    assert not small.done() or len(taken[-1]) > 50  # the small poll may share big's last turn
    await small
    assert [a for batch in taken for a in batch] == [
        a.id for a in articles("big", 250) + articles("small", 10)
    ]


async def test_a_poll_waits_until_its_articles_are_in_the_state() -> None:
    state: set[str] = set()
    queue = ArrivalQueue(lambda batch: state.update(a.id for a in batch), first=10)
    first = queue.submit(articles("a", 10))
    second = queue.submit(articles("b", 10))
    await first
    assert "a-9" in state and "b-0" not in state
    await second
    assert "b-9" in state


async def test_a_failure_reaches_the_polls_whose_articles_failed_and_the_rest_go_on() -> None:
    def take_in(batch: list[Article]) -> None:
        if batch[0].feed_id == "bad":
            raise ValueError("broken article")

    queue = ArrivalQueue(take_in, first=10)
    bad = queue.submit(articles("bad", 10))
    good = queue.submit(articles("good", 10))
    with pytest.raises(ValueError, match="broken article"):
        await bad
    await good


async def test_closing_cancels_the_polls_still_waiting() -> None:
    queue = ArrivalQueue(lambda batch: None, first=10)
    waits = [queue.submit(articles(f"f{n}", 10)) for n in range(3)]
    queue.close()
    results = await asyncio.gather(*waits, return_exceptions=True)
    assert all(isinstance(r, asyncio.CancelledError) for r in results)


async def test_a_split_poll_that_fails_is_dropped_whole_and_the_rest_go_on() -> None:
    seen: list[str] = []

    def take_in(batch: list[Article]) -> None:
        seen.extend(a.id for a in batch)
        if any(a.feed_id == "bad" for a in batch):
            raise ValueError("broken article")

    queue = ArrivalQueue(take_in, first=10, budget=1e-9, fewest=10)
    bad = queue.submit(articles("bad", 30))
    good = queue.submit(articles("good", 10))
    with pytest.raises(ValueError, match="broken article"):
        await bad
    await good
    assert seen == [a.id for a in articles("bad", 10) + articles("good", 10)]
    assert queue.pending == 0
