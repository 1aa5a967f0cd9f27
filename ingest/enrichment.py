"""Enrichment of stored articles, in a worker process.

Language detection, watchlist matching and event tagging cost real time per
article and hold the GIL, so they run in a separate process:
the UI loop never waits for them. Results are written back to storage and the
article updates on screen when they arrive.

Each article records the signature of the watchlist that enriched it. An
article whose signature differs from the current one (new, stored before a
crash, or the watchlist was edited) is matched again: one rule covers all.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import orjson

from ingest.config import EntityConfig
from ingest.processes import (
    RetiredPool,
    WorkerLauncher,
    background_niceness,
    fork_server_context,
    join_retired,
    lower_priority,
    real_stderr,
    retire_pool,
)
from storage.records import Article, NewArticle
from storage.service import StoreService
from watchlist.event_pairs import event_details

log = logging.getLogger(__name__)

BATCH_SIZE = 200
# Told each batch of stored articles the moment it is stored.
OnStored = Callable[[list[Article]], None]

# The worker process's enricher, built once by _start_worker.
_worker_enricher: Any = None


# Bumped when the engine finds different things in the same text, so that
# articles tagged by an older engine are tagged again.
ENGINE_VERSION = 14


def watchlist_signature(entities: Sequence[EntityConfig]) -> str:
    specs = [[e.kind, e.name, list(e.aliases), e.affiliation] for e in entities]
    payload = orjson.dumps([ENGINE_VERSION, specs])
    return hashlib.blake2b(payload, digest_size=8).hexdigest()


def _start_worker(
    entity_specs: list[tuple[str, str, tuple[str, ...], str | None]], niceness: int | None = None
) -> None:
    global _worker_enricher
    if niceness is not None:
        lower_priority(niceness)
    from watchlist.enrich import Enricher
    from watchlist.entities import Entity

    _worker_enricher = Enricher(
        [
            Entity.make(kind, name, aliases, affiliation)
            for kind, name, aliases, affiliation in entity_specs
        ]
    )


def _started(_: object) -> bool:
    """A no-op job: once it returns, the worker has run _start_worker."""
    return True


def enrich_batch(items: list[tuple[str, str, str, str | None]]) -> dict[str, dict[str, Any]]:
    """(id, title, body, declared language) -> Article field changes. Runs in the worker."""
    results: dict[str, dict[str, Any]] = {}
    for article_id, title, body, declared in items:
        found = _worker_enricher.enrich(title, body, declared)
        results[article_id] = {
            "language": found.language,
            "entities": tuple(found.entities),
            "events": tuple(event.to_dict() for event in found.events),
            "mention_counts": tuple(sorted(found.mention_counts.items())),
            "alert_reasons": found.alert_reasons,
        }
    return results


# The worker process's story grouper: it holds the newest articles' features,
# so grouping (a pass over each new article's candidates) never runs in the UI's process.
_worker_stories: Any = None
STORY_WINDOW = 3000


def group_stories_batch(items: list[tuple[Any, ...]]) -> list[tuple[str, ...]]:
    """Add (id, title, body, mention counts, published, language, events) to the
    grouper and return the groups (two or more ids) the added articles belong to.
    In the worker. Events are (kind, entity id, details): a shared one links two
    tellings when what they say of it agrees."""
    global _worker_stories
    from watchlist.stories import StoryGrouper, story_features

    if _worker_stories is None:
        _worker_stories = StoryGrouper()
    grouper = _worker_stories
    for article_id, title, body, counts, published, language, events in items:
        grouper.add_features(
            article_id, story_features(title, body, dict(counts), published, language, events)
        )
    held = grouper.article_ids()
    for article_id in held[: max(len(held) - STORY_WINDOW, 0)]:
        grouper.remove(article_id)
    groups: list[tuple[str, ...]] = []
    grouped: set[str] = set()
    for article_id, *_ in items:
        if article_id in grouped:
            continue
        group = grouper.group_of(article_id)
        if len(group) > 1:
            groups.append(tuple(group))
            grouped.update(group)
    return groups


class EnrichmentService:
    """The enrichment worker process, started on the first batch it is given.

    Building the enricher loads lingua's language models (seconds of CPU, a
    few hundred MB): a pass that brings nothing new must not pay for it.

    `first_batch_plain`: a first batch that comes before the worker is up
    is handed back as it is by enrich_new, to be stored and shown at once;
    the caller enriches it once stored (`pending` finds it), and a screen
    fills in its tags then. Only the first: every item stored plain is
    written twice and redrawn, so later batches wait for the worker as
    before. Without it (a one-shot fetch) the first items wait too.
    """

    def __init__(
        self,
        service: StoreService,
        entities: Sequence[EntityConfig],
        *,
        background: bool = True,
        first_batch_plain: bool = False,
    ) -> None:
        self.service = service
        self._first_batch_plain = first_batch_plain
        # Tagging and grouping at a lower CPU priority, behind the dashboard;
        # a one-shot `aiwire fetch --enrich` is waited for and keeps its own.
        self._background = background
        self._executor: ProcessPoolExecutor | None = None
        self._retired: list[RetiredPool] = []
        self._closed = False
        self._lock = asyncio.Lock()
        self._launcher = WorkerLauncher()
        # The worker imports the watchlist's modules itself: loaded by the
        # fork server, they would hold up the parser workers it forks, and
        # with them a poll's first items.
        # Held: the loop keeps only a weak reference to a task.
        self._starting: asyncio.Future[None] | None = None
        # The executor whose worker has finished starting (its enricher built).
        self._ready: ProcessPoolExecutor | None = None
        self.signature = ""
        self.set_entities(entities)

    @property
    def started(self) -> bool:
        """Whether the worker process runs (it starts with the first batch)."""
        return self._executor is not None

    @property
    def ready(self) -> bool:
        """Whether the worker has started and built its enricher: a batch runs at once."""
        return self._executor is not None and self._ready is self._executor

    def set_entities(self, entities: Sequence[EntityConfig]) -> bool:
        """Use a new watchlist; True when it differs from the one in use."""
        signature = watchlist_signature(entities)
        if signature == self.signature:
            return False
        self.signature = signature
        self._specs = [(e.kind, e.name, tuple(e.aliases), e.affiliation) for e in entities]
        if self._executor is not None:
            # The next batch starts a worker that knows the new watchlist; close() joins this one.
            self._retired.append(retire_pool(self._executor, kill=False))
            self._executor = None
        return True

    def _worker(self) -> ProcessPoolExecutor:
        if self._closed:
            raise RuntimeError("the enrichment service is closed")
        if self._executor is None:
            # Its queues' semaphores start multiprocessing's resource tracker.
            with real_stderr():
                self._executor = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=fork_server_context(),
                    initializer=_start_worker,
                    initargs=(
                        self._specs,
                        background_niceness() if self._background else None,
                    ),
                )
        return self._executor

    def start_soon(self) -> None:
        """Start the worker process now, without waiting for it: a feed brought
        a new body, whose items come here once parsed; starting it meanwhile
        takes its start-up off the time to the first new article."""
        if self._closed or self._executor is not None:
            return
        executor = self._worker()
        self._starting = asyncio.ensure_future(self._start(executor))

    async def _start(self, executor: ProcessPoolExecutor) -> None:
        try:
            await self._run(executor, _started, None)
        except Exception:  # noqa: BLE001 - the first batch meets the same failure and logs it
            log.debug("the enrichment worker did not start", exc_info=True)

    async def _run(self, executor: ProcessPoolExecutor, function: Any, items: Any) -> Any:
        await self._launcher.ensure_started(executor, 1)
        loop = asyncio.get_running_loop()
        # The worker process starts with the first call: stderr must be the real one.
        with real_stderr():
            future = loop.run_in_executor(executor, function, items)
        result = await future
        self._ready = executor
        return result

    def pending(self, articles: Sequence[Article]) -> list[Article]:
        return [a for a in articles if a.enriched != self.signature]

    async def enrich(
        self, articles: Sequence[Article], on_stored: OnStored | None = None
    ) -> list[Article]:
        """Enrich the articles not enriched with the current watchlist; returns them updated.

        `on_stored` gets each batch as soon as it is stored: a view that applied
        them only at the end could put back versions a later batch or a
        `reenrich` replaced meanwhile.
        """
        todo = self.pending(articles)
        updated: list[Article] = []
        for start in range(0, len(todo), BATCH_SIZE):
            updated.extend(await self._enrich_batch(todo[start : start + BATCH_SIZE], on_stored))
        return updated

    async def reenrich(
        self, articles: Sequence[Article], on_stored: OnStored | None = None
    ) -> list[Article]:
        """Enrich again whatever their signature: their text changed (the whole
        article was fetched, and store.body() now gives it)."""
        updated: list[Article] = []
        for start in range(0, len(articles), BATCH_SIZE):
            updated.extend(
                await self._enrich_batch(articles[start : start + BATCH_SIZE], on_stored)
            )
        return updated

    async def _enrich_batch(
        self, batch: Sequence[Article], on_stored: OnStored | None
    ) -> list[Article]:
        async with self._lock:
            signature, executor = self.signature, self._worker()
            bodies = await self.service.call(lambda: [self.service.store.body(a.id) for a in batch])
            items = [
                (a.id, a.title, body, a.language) for a, body in zip(batch, bodies, strict=True)
            ]
            try:
                changes = await self._run(executor, enrich_batch, items)
            except Exception:  # noqa: BLE001 - a broken worker must not stop polling
                log.exception("enrichment of %d articles failed", len(items))
                return []
            if signature != self.signature:
                return []  # the watchlist changed meanwhile; the next pass redoes these
            for fields in changes.values():
                fields["enriched"] = signature
            if not self.service.store.writer:
                return []
            stored = await self.service.update_articles(changes)
            # Still under the lock: no other batch's versions can land in between.
            if on_stored is not None and stored:
                on_stored(stored)
            return stored

    async def enrich_new(self, items: Sequence[NewArticle]) -> list[NewArticle]:
        """Enrich items before they are stored, so each is written once, complete;
        with first_batch_plain, the first batch may come back as it is (see the class)."""
        if not items:
            return []
        if self._first_batch_plain and not self.ready:
            self._first_batch_plain = False
            self.start_soon()
            return list(items)
        async with self._lock:
            signature, executor = self.signature, self._worker()
            payload = [(item.id, item.title, item.body, item.language) for item in items]
            try:
                changes = await self._run(executor, enrich_batch, payload)
            except Exception:  # noqa: BLE001 - stored unenriched; the catch-up pass redoes it
                log.exception("enrichment of %d new items failed", len(items))
                return list(items)
        return [
            item.with_changes(**changes[item.id], enriched=signature)
            if item.id in changes
            else item
            for item in items
        ]

    async def group_stories(self, articles: Sequence[Article]) -> list[tuple[str, ...]]:
        """The story groups (two or more tellings) the given articles belong to."""
        groups: list[tuple[str, ...]] = []
        for start in range(0, len(articles), BATCH_SIZE):
            batch = articles[start : start + BATCH_SIZE]
            bodies = await self.service.call(
                lambda batch=batch: [self.service.store.body(a.id) for a in batch]
            )
            items = [
                (
                    a.id,
                    a.title,
                    body,
                    a.mention_counts or tuple((e, 2) for e in a.entities),
                    a.published,
                    a.language,
                    tuple(
                        (str(e.get("kind", "")), str(e.get("entity_id", "")), event_details(e))
                        for e in a.events
                    ),
                )
                for a, body in zip(batch, bodies, strict=True)
            ]
            async with self._lock:
                if self._closed:
                    break
                executor = self._worker()
                try:
                    groups.extend(await self._run(executor, group_stories_batch, items))
                except Exception:  # noqa: BLE001 - grouping is a nicety; never stop for it
                    log.exception("grouping %d articles into stories failed", len(items))
        return groups

    def close(self, grace: float = 30.0) -> None:
        """Stop the worker and wait for it to exit, so no child outlives us.

        A batch in progress may finish (up to `grace` s); a worker still busy then is killed.
        """
        self._closed = True
        if self._executor is not None:
            self._retired.append(retire_pool(self._executor, kill=False))
            self._executor = None
        retired, self._retired = self._retired, []
        join_retired(retired, grace)
