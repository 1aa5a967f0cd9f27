"""The writer's upkeep: whole articles fetched from their pages, and retention.

Whole texts come on request (the reader's key) or after each poll of a source
with `full_text = true`; the watchlist then reads the whole article. Retention
prunes in the background in bounded steps, a while after start and then
every few hours, and the view forgets what was pruned.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from core.events import ArchiveChanged

if TYPE_CHECKING:
    from core.library import Library
    from storage.records import Article

log = logging.getLogger(__name__)

FIRST_PRUNE_DELAY = 60.0  # seconds after start: the start itself comes first
PRUNE_INTERVAL = 6 * 3600.0


class Upkeep:
    def __init__(self, library: Library) -> None:
        self.library = library
        self._cache = None

    def _fetcher(self):  # type: ignore[no-untyped-def]
        writing = self.library.writing
        return writing.polling.fetcher if writing and writing.polling else None

    def _text_cache(self):  # type: ignore[no-untyped-def]
        if self._cache is None:
            from storage.fulltext_cache import FullTextCache

            self._cache = FullTextCache(self.library.options.data_dir)
        return self._cache

    # -- whole articles ------------------------------------------------------------

    async def fetch_whole_text(self, article_id: str) -> None:
        """The reader's request: fetch one article's page, say how it went."""
        library = self.library
        article = library.state.articles.get(article_id)
        fetcher = self._fetcher()
        if article is None or fetcher is None:
            library.notice("Only the writing aiwire fetches pages.", timeout=4)
            return
        from ingest.fulltext import store_full_texts

        library.notice("Fetching the whole article…", timeout=3)
        results = await store_full_texts(
            library.service, fetcher, self._text_cache(), [article], limit=1, retry_failed=True
        )
        if not results:
            library.notice("The whole article is here already.", timeout=3)
            await self._take_in([article_id])  # a refresh shows it if it was not shown yet
            return
        [result] = results
        if result.text:
            await self._take_in([article_id])
            library.notice("The whole article is in the reader.", timeout=3)
        else:
            library.notice(f"Kept the feed's text: {result.error}", severity="warning", timeout=6)

    async def after_poll(self, feed_ids: Iterable[str]) -> None:
        """Whole texts for the sources that ask for them, a few pages per poll."""
        wanted = {s.id for s in self.library.config.sources if s.full_text} & set(feed_ids)
        fetcher = self._fetcher()
        if not wanted or fetcher is None:
            return
        from ingest.fulltext import fetch_for_sources

        results = await fetch_for_sources(self.library.service, fetcher, self._text_cache(), wanted)
        await self._take_in([r.article_id for r in results if r.text])
        failed = [r for r in results if not r.text]
        for result in failed:
            log.info("whole text of %s not fetched: %s", result.url, result.error)

    async def _take_in(self, article_ids: list[str]) -> None:
        """Tag the whole texts again and show the new versions."""
        library = self.library
        if not article_ids:
            return
        store = library.service.store
        articles = await library.service.call(
            lambda: [a for a in store.articles() if a.id in set(article_ids)]
        )
        enrichment = library.writing.enrichment if library.writing else None

        def show(versions: list[Article]) -> None:
            if library.options.keep_state:
                library.state.update(versions)
                library.emit(ArchiveChanged(updated=versions))

        show(articles)  # the whole text shows even if tagging it fails
        if enrichment is not None:
            await enrichment.reenrich(articles, on_stored=show)

    # -- retention -------------------------------------------------------------------

    async def prune_now(self) -> None:
        from ingest.retention_policy import retention_policy

        library = self.library
        policy = retention_policy(library.config)
        if not policy.active or not library.writer:
            return
        report = await library.service.prune(policy)
        if report.removed_ids and library.options.keep_state:
            library.state.remove(report.removed_ids)
            library.emit(ArchiveChanged(reset=True))
        if report.removed:
            log.info(
                "retention removed %d articles; %d bytes on disk before, %d after",
                report.removed,
                report.bytes_before,
                report.bytes_after,
            )

    async def prune_periodically(self) -> None:
        await asyncio.sleep(FIRST_PRUNE_DELAY)
        while not self.library.closed:
            try:
                await self.prune_now()
            except OSError:
                log.exception("pruning the archive failed; it is tried again later")
            await asyncio.sleep(PRUNE_INTERVAL)
