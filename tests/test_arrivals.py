"""Articles from many polls are taken into the state a bounded amount per loop turn."""

from __future__ import annotations

import asyncio
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


async def test_polls_that_land_together_are_taken_in_over_several_turns_in_order() -> None:
    taken: list[list[str]] = []
    queue = ArrivalQueue(lambda batch: taken.append([a.id for a in batch]), batch=100)
    # Twelve feeds' polls wake in the same turn, 50 articles each.
    waits = [queue.submit(articles(f"feed{n:02d}", 50)) for n in range(12)]
    assert queue.pending == 600
    await asyncio.gather(*waits)
    # At most 100 articles per turn, whole polls only, in the order they came.
    assert [len(batch) for batch in taken] == [100] * 6
    assert [a for batch in taken for a in batch] == [
        a.id for n in range(12) for a in articles(f"feed{n:02d}", 50)
    ]
    assert queue.pending == 0


async def test_the_loop_runs_other_work_between_batches() -> None:
    events: list[str] = []
    queue = ArrivalQueue(lambda batch: events.append(f"took {len(batch)}"), batch=50)
    waits = [queue.submit(articles(f"f{n}", 50)) for n in range(3)]

    async def other_work() -> None:
        for _ in range(3):
            events.append("other")
            await asyncio.sleep(0)

    await asyncio.gather(other_work(), *waits)
    last_batch = len(events) - 1 - events[::-1].index("took 50")
    assert "other" in events[events.index("took 50") : last_batch], events


async def test_a_poll_larger_than_a_batch_is_taken_whole() -> None:
    taken: list[int] = []
    queue = ArrivalQueue(lambda batch: taken.append(len(batch)), batch=100)
    await queue.submit(articles("big", 250))
    assert taken == [250]


async def test_a_poll_waits_until_its_articles_are_in_the_state() -> None:
    state: set[str] = set()
    queue = ArrivalQueue(lambda batch: state.update(a.id for a in batch), batch=10)
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

    queue = ArrivalQueue(take_in, batch=10)
    bad = queue.submit(articles("bad", 10))
    good = queue.submit(articles("good", 10))
    with pytest.raises(ValueError, match="broken article"):
        await bad
    await good


async def test_closing_cancels_the_polls_still_waiting() -> None:
    queue = ArrivalQueue(lambda batch: None, batch=10)
    waits = [queue.submit(articles(f"f{n}", 10)) for n in range(3)]
    queue.close()
    results = await asyncio.gather(*waits, return_exceptions=True)
    assert all(isinstance(r, asyncio.CancelledError) for r in results)
