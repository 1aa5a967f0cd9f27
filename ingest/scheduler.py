"""APScheduler on the app's own event loop: one job per feed.

With APScheduler's default misfire grace of 1 s, jobs that fall due together
are silently skipped when the loop is busy, so misfire_grace_time is None;
coalesce and max_instances=1 mean a slow feed never overlaps itself; job
exceptions vanish unless listened for, so they are logged and counted.

APScheduler is imported when the first job is added or the scheduler starts:
`aiwire fetch` polls once without it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ingest.config import SourceConfig

if TYPE_CHECKING:
    from apscheduler.events import JobExecutionEvent
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)

JITTER_SECONDS = 15


class FeedScheduler:
    def __init__(self, poll: Callable[[SourceConfig], Awaitable[object]]) -> None:
        self._poll = poll
        self._scheduler: AsyncIOScheduler | None = None
        self._sources: dict[str, SourceConfig] = {}
        self.job_errors = 0

    @property
    def _jobs(self) -> AsyncIOScheduler:
        if self._scheduler is None:
            from apscheduler.events import EVENT_JOB_ERROR

            from ingest.loop_scheduler import LoopScheduler

            self._scheduler = LoopScheduler(timezone=UTC)
            self._scheduler.add_listener(self._job_failed, EVENT_JOB_ERROR)
        return self._scheduler

    def start(self) -> None:
        """Start on the running loop (AsyncIOScheduler needs one)."""
        if not self._jobs.running:
            self._jobs.start()

    def shutdown(self) -> None:
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    @property
    def sources(self) -> dict[str, SourceConfig]:
        return dict(self._sources)

    def apply(self, sources: Sequence[SourceConfig]) -> tuple[list[str], list[str], list[str]]:
        """Reconcile jobs with the configuration: (added, changed, removed) ids.

        Added sources are polled at once; removed ones stop; a changed interval
        or URL takes effect from the next run (a changed URL polls at once).
        """
        wanted = {source.id: source for source in sources if source.enabled}
        added, changed, removed = [], [], []
        for feed_id in list(self._sources):
            if feed_id not in wanted:
                self._remove(feed_id)
                removed.append(feed_id)
        for feed_id, source in wanted.items():
            previous = self._sources.get(feed_id)
            if previous is None:
                self._add(source, run_now=True)
                added.append(feed_id)
            elif previous != source:
                self._add(source, run_now=previous.url != source.url)
                changed.append(feed_id)
        self._sources = wanted
        return added, changed, removed

    def _add(self, source: SourceConfig, *, run_now: bool) -> None:
        job = self._jobs.get_job(source.id)
        options: dict[str, object] = {}
        if run_now or job is None:
            options["next_run_time"] = datetime.now(UTC)
        elif job.next_run_time is not None:
            options["next_run_time"] = job.next_run_time
        self._jobs.add_job(
            self._run,
            "interval",
            seconds=source.interval,
            jitter=min(JITTER_SECONDS, max(source.interval // 20, 1)),
            args=[source.id],
            id=source.id,
            name=source.name,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
            **options,
        )

    def _remove(self, feed_id: str) -> None:
        if self._jobs.get_job(feed_id) is not None:
            self._jobs.remove_job(feed_id)

    async def _run(self, feed_id: str) -> None:
        source = self._sources.get(feed_id)
        if source is not None:
            await self._poll(source)

    def _job_failed(self, event: JobExecutionEvent) -> None:
        self.job_errors += 1
        log.error("polling job %s failed: %r", event.job_id, event.exception)

    def next_run(self, feed_id: str) -> datetime | None:
        if self._scheduler is None:
            return None
        job = self._scheduler.get_job(feed_id)
        return job.next_run_time if job is not None else None
