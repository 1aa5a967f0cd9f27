"""Everything that polls, assembled: fetcher, parser pool, poller, scheduler.

The dashboard and `aiwire daemon` run the same PollingService; `aiwire
fetch` uses it for a single pass without the scheduler.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import sys
from collections.abc import Awaitable, Callable, Iterator, Sequence
from multiprocessing import forkserver, resource_tracker

from ingest.config import Config, SourceConfig
from ingest.fetch import Fetcher
from ingest.parse import ParserPool
from ingest.poller import Poller, PollOutcome, PollProgress
from ingest.scheduler import FeedScheduler
from storage.records import Article, FeedState
from storage.service import StoreService

log = logging.getLogger(__name__)


@contextlib.contextmanager
def _real_stderr() -> Iterator[None]:
    """Put the process's real stderr back for a moment.

    Textual replaces sys.stderr with an object whose fileno() is not a real
    descriptor; multiprocessing hands sys.stderr.fileno() to the helper
    processes it starts, which then fails with "bad value(s) in fds_to_keep".
    """
    saved = sys.stderr
    if sys.__stderr__ is not None:
        sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = saved


def start_process_helpers() -> None:
    """Start multiprocessing's tracker and fork server while stderr is real."""
    with _real_stderr():
        resource_tracker.ensure_running()
        if "forkserver" in multiprocessing.get_all_start_methods():
            forkserver.ensure_running()


class PollingService:
    def __init__(
        self,
        service: StoreService,
        config: Config,
        *,
        feed_states: dict[str, FeedState] | None = None,
        on_new_articles: Callable[[list[Article]], Awaitable[None] | None] | None = None,
        on_feed_state: Callable[[FeedState], None] | None = None,
        on_progress: Callable[[PollProgress], None] | None = None,
        parser_workers: int = 2,
    ) -> None:
        self.config = config
        settings = config.settings
        self.fetcher = Fetcher(
            deadline=float(settings.timeout),
            max_bytes=settings.max_feed_size,
            concurrency=settings.concurrency,
            per_host=settings.per_host,
        )
        if parser_workers:
            start_process_helpers()
        self.parser = ParserPool(workers=parser_workers)
        self.poller = Poller(
            service,
            self.fetcher,
            self.parser,
            feed_states=feed_states,
            on_new_articles=on_new_articles,
            on_feed_state=on_feed_state,
            on_progress=on_progress,
        )
        self.scheduler = FeedScheduler(self.poller.poll)

    def start(self) -> None:
        """Schedule every enabled source; each polls at once, then on its interval."""
        self.scheduler.apply(self.config.sources)
        self.scheduler.start()

    def apply_config(self, config: Config) -> tuple[list[str], list[str], list[str]]:
        self.config = config
        added, changed, removed = self.scheduler.apply(config.sources)
        if added or changed or removed:
            log.info(
                "sources: %d added, %d changed, %d removed", len(added), len(changed), len(removed)
            )
        return added, changed, removed

    def enabled_sources(self, feed_ids: Sequence[str] | None = None) -> list[SourceConfig]:
        sources = [s for s in self.config.sources if s.enabled]
        if feed_ids is not None:
            wanted = set(feed_ids)
            sources = [s for s in sources if s.id in wanted]
        return sources

    async def refresh(self, feed_ids: Sequence[str] | None = None) -> list[PollOutcome]:
        """Poll now (all enabled sources, or the ones named), backoff or not."""
        return await self.poller.poll_many(self.enabled_sources(feed_ids), force=True)

    async def aclose(self) -> None:
        self.scheduler.shutdown()
        await self.parser.aclose()
        await self.fetcher.aclose()
