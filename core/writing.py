"""What only the writer does: load seeds, poll, tag watchlist mentions, group stories.

Polled articles reach the library's state through an arrival queue, a bounded
number per loop turn, so a cold poll of 500 feeds never holds the loop.
Enrichment and grouping run in a worker process; the loop only merges results.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from core.arrivals import ArrivalQueue
from core.events import ArchiveChanged
from core.gc_policy import LongLivedFreezer, freeze_start_up
from core.story_merge import merge_in_turns
from core.story_share import StorySharing, last_polled
from storage.records import Article, FeedState

if TYPE_CHECKING:
    from core.library import Library, LibraryOptions
    from core.upkeep import Upkeep
    from ingest.config import Config
    from ingest.enrichment import EnrichmentService
    from ingest.poller import PollProgress
    from ingest.polling import PollingService

log = logging.getLogger(__name__)

STORY_WINDOW = 3000  # newest articles held for story grouping (stories are days apart at most)


def _start_process_helpers() -> None:
    from ingest.processes import start_process_helpers  # multiprocessing: off the loop too

    start_process_helpers()


class Writing:
    def __init__(self, library: Library) -> None:
        self.library = library
        self.options = library.options
        self.enrichment: EnrichmentService | None = None
        self.polling: PollingService | None = None
        self.seeding: asyncio.Future[list[Article]] | None = None
        self.upkeep: Upkeep | None = None
        self._freezer = LongLivedFreezer()
        self._arrivals = ArrivalQueue(self._take_in) if self.options.keep_state else None
        # Articles of feeds' first polls waiting in the arrival queue: never alerts.
        self._first_polls: set[str] = set()
        # Story groups stored for read-only instances, which cannot group.
        self.story_sharing = StorySharing(library)

    @staticmethod
    def modules(options: LibraryOptions) -> list[str]:
        """What the writer imports next, on a thread: importing httpx, APScheduler
        and the rest on the loop would stall it where the user sees it."""
        wanted = ["ingest.enrichment"] if options.enrich else []
        if options.poll:
            wanted.append("ingest.polling")
        if options.schedule:
            wanted.append("apscheduler.schedulers.asyncio")
        return wanted

    async def start_process_helpers(self) -> None:
        """Start the fork server before the seeds and the state load, when polling:
        it imports the parsers meanwhile, and the first feed's answer finds a
        parser worker ready to fork rather than waiting for those imports."""
        # Only when polling on a schedule (dashboard, daemon): a one-shot fetch
        # starts them with its first worker, and a poll of 304s imports none.
        if self.options.poll and self.options.schedule:
            await asyncio.to_thread(_start_process_helpers)

    async def load_seeds(self) -> None:
        """Store seed files not loaded yet, extracted in a process of their own.

        Without enrichment (`aiwire fetch`) nothing waits for them: they are
        extracted while feeds are fetched, and closing waits for them."""
        from ingest.seed_cache import load_pending_seeds_in_worker

        await self.start_process_helpers()  # first: the fork server imports meanwhile
        library = self.library
        seeding = asyncio.ensure_future(
            load_pending_seeds_in_worker(library.service, library.options.seeds_dir)
        )
        if not self.options.enrich and not self.options.keep_state:
            self.seeding = seeding
            return
        added = await seeding
        if added:
            log.info("loaded %d seed articles from %s", len(added), library.options.seeds_dir)

    async def take_up(self) -> None:
        """Start enrichment and polling; catch up on what the watchlist has not seen."""
        library = self.library
        config = library.config
        # The last poll of an earlier session, as a follower would show it.
        if library.status.last_update is None and library.state.feeds:
            library.set_status(last_update=last_polled(library.state.feeds))
        if self.options.enrich:
            from ingest.enrichment import EnrichmentService

            self.enrichment = EnrichmentService(
                library.service,
                (*config.people, *config.companies),
                background=self.options.schedule,
                # With a view, the first polled items show before the worker is up.
                first_batch_plain=self.options.keep_state,
            )
        if self.options.poll:
            await self._start_polling()
            from core.upkeep import Upkeep

            self.upkeep = Upkeep(library)
            if self.options.schedule:
                library.tasks.spawn(self.upkeep.prune_periodically(), "retention")
        if self.enrichment is not None:
            if self.options.keep_state:
                library.tasks.spawn(self.catch_up(), "enrich", group="enrich", exclusive=True)
            else:
                await self.catch_up()

    async def _start_polling(self) -> None:
        from ingest.polling import PollingService

        library = self.library
        feed_states = await library.service.call(library.service.store.feed_states)
        if not self.options.keep_state:  # the alert rule asks when each feed was first fetched
            library.state.feeds = dict(feed_states)
        # Built on a thread: the HTTP client's TLS set-up and pools would stall the loop.
        polling = await asyncio.to_thread(
            PollingService,
            library.service,
            library.config,
            feed_states=feed_states,
            on_new_articles=self._arrived,
            on_feed_state=self._feed_state_changed,
            on_progress=self._progress,
            on_articles_enriched=self._polled_articles_enriched,
            enrichment=self.enrichment,
            fetch_off_loop=self.options.fetch_off_loop,
            # `aiwire fetch` is waited for; scheduled polls run behind a screen.
            background_workers=self.options.schedule,
        )
        self.polling = polling
        freeze_start_up()
        if self.options.schedule:
            await polling.start_gradually()

    def apply_config(self, config: Config) -> None:
        if self.polling is not None:
            self.polling.apply_config(config)
        if self.enrichment is not None and self.enrichment.set_entities(
            (*config.people, *config.companies)
        ):
            self.library.tasks.spawn(self.catch_up(), "enrich", group="enrich", exclusive=True)

    # -- enrichment and stories ---------------------------------------------------------

    async def catch_up(self) -> None:
        """Enrich what the current watchlist has not seen, then group the newest."""
        enrichment = self.enrichment
        if enrichment is None:
            return
        library = self.library
        store = library.service.store
        # Found on the storage thread: no scan of the archive on the loop.
        pending = await library.service.call(lambda: enrichment.pending(list(store.articles())))
        # Each batch is shown as it is stored, so the view keeps updating.
        await enrichment.enrich(pending, on_stored=self._enriched)
        if self.options.keep_state:
            newest = library.state.newest_ids(STORY_WINDOW)
            await self.group_stories([library.state.articles[i] for i in reversed(newest)])

    def _enriched(self, articles: list[Article]) -> None:
        if not articles or not self.options.keep_state:
            return
        self.library.state.update(articles)
        self.library.emit(ArchiveChanged(updated=articles))

    def _polled_articles_enriched(self, articles: list[Article], first_poll: bool) -> None:
        """New articles stored plain, enriched afterwards: update, alert, group."""
        self._enriched(articles)
        self.library.raise_alerts(articles, first_poll=first_poll)
        if self.options.keep_state:
            self.library.tasks.spawn(self.group_stories(articles), "stories")

    async def group_stories(self, articles: list[Article]) -> None:
        """Add articles to the story grouper; the list shows each story once."""
        if self.enrichment is None or not articles:
            return
        groups = await self.enrichment.group_stories(articles)
        state = self.library.state

        def changed(touched: set[str]) -> None:
            updated = [state.articles[i] for i in touched if i in state.articles]
            self.library.emit(ArchiveChanged(updated=updated))

        if await merge_in_turns(state, groups, changed):
            self.story_sharing.soon()

    # -- polling ------------------------------------------------------------------------

    def _arrived(self, articles: list[Article], first_poll: bool) -> asyncio.Future[None] | None:
        """A poll's new articles; with a view, the poll waits until they are in it."""
        if self.upkeep is not None and articles:
            feeds = {a.feed_id for a in articles}
            self.library.tasks.spawn(self.upkeep.after_poll(feeds), "whole-texts")
        if self._arrivals is None:
            self.library.raise_alerts([a for a in articles if a.enriched], first_poll=first_poll)
            return None
        if first_poll:
            self._first_polls.update(a.id for a in articles)
        return self._arrivals.submit(articles)

    def _take_in(self, articles: list[Article]) -> None:
        library = self.library
        back_catalogue = {a.id for a in articles if a.id in self._first_polls}
        self._first_polls -= back_catalogue
        added = library.state.add(articles)
        if not added:
            return
        # Short full collections while a poll pours in, each in a loop turn of
        # its own rather than on top of this one's sorting and counting.
        asyncio.get_running_loop().call_soon(self._freezer.kept, len(added))
        library.set_status(new_since_look=library.status.new_since_look + len(added))
        library.emit(ArchiveChanged(added=added))
        # Polled items arrive enriched (enrichment runs before storing).
        enriched = [article for article in added if article.enriched]
        if enriched:
            library.raise_alerts(
                [a for a in enriched if a.id not in back_catalogue], first_poll=False
            )
            library.tasks.spawn(self.group_stories(enriched), "stories")

    def _feed_state_changed(self, state: FeedState) -> None:
        library = self.library
        library.state.feeds[state.feed_id] = state
        library.set_status(failing_feeds=library.failing_feeds())
        library.emit(ArchiveChanged(feeds_changed=True))

    def _progress(self, progress: PollProgress) -> None:
        self._freezer.polling(progress.busy)
        library = self.library
        before = library.status.last_update
        library.set_status(
            polling_done=progress.finished,
            polling_total=progress.started,
            last_update=progress.last_completed or before,
        )
        if library.status.last_update != before:
            self.story_sharing.soon(stories=False)  # a follower shows the same time

    async def aclose(self) -> None:
        self._freezer.polling(False)  # a poll cut short: collections as usual again
        self.story_sharing.cancel()
        if self._arrivals is not None:
            self._arrivals.close()
        try:
            if self.polling is not None:
                await self.polling.aclose()
            if self.seeding is not None:
                await self.seeding
        finally:
            if self.enrichment is not None:
                self.enrichment.close()
