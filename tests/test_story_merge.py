"""A poll's story groups are merged a bounded time per loop turn, every group once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from core.state import LibraryState
from core.story_merge import merge_in_turns
from storage.records import Article

BASE = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


class TimedState(LibraryState):
    """Each merge_stories call costs a millisecond of loop time on `now`."""

    now = 0.0

    def merge_stories(self, groups):  # type: ignore[no-untyped-def]
        type(self).now += 0.001
        return super().merge_stories(groups)


def state_with(count: int) -> TimedState:
    TimedState.now = 0.0
    state = TimedState()
    state.add(
        Article(
            id=f"a{n:03d}",
            feed_id=f"feed{n % 3}",
            identity=f"guid:{n}",
            title=f"story {n // 2}",
            link=None,
            published=BASE + timedelta(minutes=n),
            first_seen=BASE,
        )
        for n in range(count)
    )
    return state


async def test_merging_yields_once_a_turns_time_is_spent_and_reports_each_turns_changes() -> None:
    state = state_with(40)
    groups = [(f"a{2 * n:03d}", f"a{2 * n + 1:03d}") for n in range(20)]
    reports: list[set[str]] = []
    events: list[str] = []

    async def other_work() -> None:
        for _ in range(5):
            events.append("other")
            await asyncio.sleep(0)

    def changed(touched: set[str]) -> None:
        reports.append(touched)
        events.append("merged")

    # Two groups (4 members) per call, 3 ms a turn: 3 calls, 6 groups a turn.
    merging = merge_in_turns(
        state, groups, changed, budget=0.003, step=4, clock=lambda: TimedState.now
    )
    merged, _ = await asyncio.gather(merging, other_work())
    assert merged
    assert [len(r) for r in reports] == [12, 12, 12, 4]
    assert events.index("other") < events.index("merged", 1), events
    assert set().union(*reports) == {f"a{n:03d}" for n in range(40)}
    for first, second in groups:
        assert state.stories[first] == state.stories[second]
        assert set(state.stories[first]) == {first, second}


async def test_a_quick_merge_is_one_turn_and_nothing_changed_is_not_reported() -> None:
    state = state_with(6)
    groups = [("a000", "a001"), ("a002", "a003"), ("a004", "a005")]
    reports: list[set[str]] = []
    assert await merge_in_turns(state, groups, reports.append, step=2)
    assert reports == [{f"a{n:03d}" for n in range(6)}]
    reports.clear()
    assert not await merge_in_turns(state, groups, reports.append, step=2)
    assert reports == []
