"""Everything that polls, assembled: fetcher, parser pool, poller, scheduler.

The dashboard and `aiwire daemon` run the same PollingService; `aiwire
fetch` uses it for a single pass without the scheduler.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from ingest.config import Config, SourceConfig
from ingest.fetch import Fetcher
from ingest.kinds.registry import parse_any
from ingest.network import OffLoopFetcher
from ingest.parser_on_demand import ParserOnDemand
from ingest.poller import Poller, PollOutcome, PollProgress
from ingest.scheduler import FeedScheduler
from storage.records import Article, FeedState
from storage.service import StoreService

if TYPE_CHECKING:
    from ingest.enrichment import EnrichmentService

log = logging.getLogger(__name__)


class PollingService:
    def __init__(
        self,
        service: StoreService,
        config: Config,
        *,
        feed_states: dict[str, FeedState] | None = None,
        on_new_articles: Callable[[list[Article], bool], Awaitable[None] | None] | None = None,
        on_feed_state: Callable[[FeedState], None] | None = None,
        on_progress: Callable[[PollProgress], None] | None = None,
        on_articles_enriched: Callable[[list[Article], bool], None] | None = None,
        enrichment: EnrichmentService | None = None,
        parser_workers: int = 2,
        fetch_off_loop: bool = False,
        background_workers: bool = True,
    ) -> None:
        """`fetch_off_loop`: run HTTP on a thread of its own (the dashboard sets it,
        so its loop only draws); the CLI fetches on its own loop.
        `background_workers`: parse at a lower CPU priority (scheduled polling)."""
        self.config = config
        self.enrichment = enrichment
        self._on_new_articles = on_new_articles
        self._on_articles_enriched = on_articles_enriched
        settings = config.settings
        fetcher = Fetcher(
            deadline=float(settings.timeout),
            max_bytes=settings.max_feed_size,
            concurrency=settings.concurrency,
            per_host=settings.per_host,
        )
        self.fetcher: Fetcher | OffLoopFetcher = (
            OffLoopFetcher(fetcher) if fetch_off_loop else fetcher
        )
        # Under Textual only (stderr redirected): elsewhere the helpers start with
        # the first worker, and a poll of 304s needs not even import multiprocessing.
        if parser_workers and sys.stderr is not sys.__stderr__:
            from ingest.processes import start_process_helpers

            start_process_helpers()
        # The workers parse with whichever source kind claims the bytes.
        self.parser = ParserOnDemand(
            workers=parser_workers, target=parse_any, background=background_workers
        )
        self.poller = Poller(
            service,
            self.fetcher,
            self.parser,
            feed_states=feed_states,
            on_new_articles=self._new_articles,
            on_feed_state=on_feed_state,
            on_progress=on_progress,
            prepare=enrichment.enrich_new if enrichment is not None else None,
            parsing=enrichment.start_soon if enrichment is not None else None,
        )
        self.scheduler = FeedScheduler(self.poller.poll)

    async def _new_articles(self, articles: list[Article], first_poll: bool) -> None:
        if self._on_new_articles is not None:
            maybe = self._on_new_articles(articles, first_poll)
            if maybe is not None:
                await maybe
        # Items are enriched before they are stored; this catches any that
        # were stored plain (the enricher failed, or the watchlist changed).
        if self.enrichment is not None and self.enrichment.pending(articles):
            told = self._on_articles_enriched
            await self.enrichment.enrich(
                articles,
                on_stored=None if told is None else lambda batch: told(batch, first_poll),
            )

    def start(self) -> None:
        """Schedule every enabled source; each polls at once, then on its interval."""
        self.scheduler.apply(self.config.sources)
        self.scheduler.start()

    async def start_gradually(self, per_turn: int = 10) -> None:
        """start(), adding the jobs `per_turn` sources at a time between event-loop
        turns: hundreds of sources added in one turn would hold the dashboard's loop.

        Ten: a job costs APScheduler a few tenths of a millisecond to add, and
        more, with the network thread contending for the GIL, as a poll begins.
        """
        config = self.config
        self.scheduler.start()
        sources = list(config.sources)
        for end in range(per_turn, len(sources) + per_turn, per_turn):
            if self.config is not config:
                return  # feeds.toml changed meanwhile: apply_config() has done it all
            self.scheduler.apply(sources[:end])
            await asyncio.sleep(0)

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
        try:
            self.scheduler.shutdown()
            await self.parser.aclose()
        finally:
            await self.fetcher.aclose()
            if self.enrichment is not None:
                self.enrichment.close()
