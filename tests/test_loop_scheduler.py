"""The feeds' scheduler wakes once per loop turn, however many jobs were added in it."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime

from ingest.loop_scheduler import LoopScheduler


async def test_jobs_added_in_one_turn_are_processed_in_one_wake_up_and_all_run() -> None:
    scheduler = LoopScheduler(timezone=UTC)
    ran: list[int] = []
    wake_ups = 0
    process_jobs = scheduler._process_jobs

    def counted() -> float | None:
        nonlocal wake_ups
        wake_ups += 1
        return process_jobs()

    scheduler._process_jobs = counted  # type: ignore[method-assign]

    async def job(number: int) -> None:
        ran.append(number)

    scheduler.start()
    await asyncio.sleep(0.05)
    wake_ups = 0
    for number in range(20):  # in one turn, as the dashboard adds its feeds' jobs
        scheduler.add_job(job, "interval", seconds=900, args=[number],
                          next_run_time=datetime.now(UTC))  # fmt: skip
    for _ in range(100):
        await asyncio.sleep(0.01)
        if len(ran) == 20:
            break
    scheduler.shutdown(wait=False)
    await asyncio.sleep(0)
    assert sorted(ran) == list(range(20))
    assert wake_ups == 1


async def test_a_job_added_from_another_thread_wakes_the_scheduler() -> None:
    scheduler = LoopScheduler(timezone=UTC)
    done = asyncio.Event()

    async def job() -> None:
        done.set()

    scheduler.start()
    await asyncio.sleep(0.05)
    # Nothing else wakes this loop until wait_for's timeout: the added job must.
    adding = threading.Timer(0.1, scheduler.add_job, (job, "date"), {"run_date": datetime.now(UTC)})
    adding.start()
    try:
        await asyncio.wait_for(done.wait(), 5)
    finally:
        adding.join()
        scheduler.shutdown(wait=False)
        await asyncio.sleep(0)
