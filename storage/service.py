"""An asyncio facade over the store: every call runs on one storage thread.

TinyDB is not thread-safe and a flush fsyncs, which must not happen on the
UI's event loop. All store access from async code goes through this single
worker thread, which also serialises writes without further locking.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from storage.records import Article, FeedState, NewArticle
from storage.store import ArticleStore, OpenReport, RefreshResult

if TYPE_CHECKING:
    from storage.retention import PruneReport, RetentionPolicy

T = TypeVar("T")
log = logging.getLogger(__name__)


class StoreService:
    def __init__(self, store: ArticleStore, *, linger: float = 0.2) -> None:
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aiwire-store")
        # Group commit: batches from feeds polled together are written as one.
        self._linger = linger
        # When the last write ended (loop time); None: nothing written yet.
        self._last_write: float | None = None
        self._pending_adds: list[tuple[Sequence[NewArticle], asyncio.Future[list[Article]]]] = []
        self._committer: asyncio.Task[None] | None = None
        # Set while the committer gathers: resolving it ends the gathering early.
        self._gathering: asyncio.Future[None] | None = None
        self._hurry = False  # a batch waiting asked not to gather
        self._state_flush: asyncio.Task[None] | None = None

    async def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(function, *args, **kwargs))

    async def open(self, *, defer_articles: bool = False) -> OpenReport:
        return await self.call(self.store.open, defer_articles=defer_articles)

    async def snapshot(self) -> tuple[list[Article], dict[str, int], dict[str, FeedState]]:
        def take() -> tuple[list[Article], dict[str, int], dict[str, FeedState]]:
            return list(self.store.articles()), self.store.user_flags(), self.store.feed_states()

        return await self.call(take)

    async def add(self, batch: Sequence[NewArticle], *, gather: bool = True) -> list[Article]:
        """Store a batch; returns its new articles once they are durable.

        The first batch after a quiet spell (no write for `linger` seconds) is
        written at once: someone may be waiting to see the first new articles
        of a poll. Batches that follow it are gathered for `linger` seconds
        (those that came while a write was under way included) and written
        together: 500 feeds polled at once cost a handful of shard rewrites
        instead of 500. gather=False says no other batch is coming: what is
        gathered so far is written now.
        """
        future: asyncio.Future[list[Article]] = asyncio.get_running_loop().create_future()
        self._pending_adds.append((batch, future))
        if self._committer is None or self._committer.done():
            self._committer = asyncio.create_task(self._commit_adds())
        if not gather:
            self._hurry = True
            if self._gathering is not None and not self._gathering.done():
                self._gathering.set_result(None)
        return await future

    async def _commit_adds(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending_adds:
            if self._linger and not self._hurry and not self._quiet(loop.time()):
                await self._gather(loop)
            waiting, self._pending_adds = self._pending_adds, []
            self._hurry = False
            combined = [item for batch, _ in waiting for item in batch]
            try:
                added = await self.call(self.store.add, combined)
            except BaseException as error:
                for _, future in waiting:
                    if not future.done():
                        future.set_exception(error)
                if not isinstance(error, Exception):
                    raise
                continue
            finally:
                self._last_write = loop.time()
            by_id = {article.id: article for article in added}
            for batch, future in waiting:
                if not future.done():
                    mine = [by_id.pop(item.id) for item in batch if item.id in by_id]
                    future.set_result(mine)

    def _quiet(self, now: float) -> bool:
        """Whether no write ended in the last `linger` seconds (a burst is over)."""
        return self._last_write is None or now - self._last_write >= self._linger

    async def _gather(self, loop: asyncio.AbstractEventLoop) -> None:
        """Wait `linger` seconds, or until a batch says nothing more is coming."""
        gathering = self._gathering = loop.create_future()
        timer = loop.call_later(
            self._linger, lambda: gathering.done() or gathering.set_result(None)
        )
        try:
            await gathering
        finally:
            timer.cancel()
            self._gathering = None

    def flush_state_soon(self, delay: float = 1.0) -> None:
        """Write feed state within `delay` seconds, once for everything changed meanwhile."""
        if self._state_flush is not None and not self._state_flush.done():
            return

        async def flush_later() -> None:
            await asyncio.sleep(delay)
            try:
                await self.flush_state()
            except OSError:
                log.exception("writing the feed state failed; it is retried with the next poll")

        self._state_flush = asyncio.create_task(flush_later())

    async def update_articles(self, changes: Mapping[str, Mapping[str, Any]]) -> list[Article]:
        return await self.call(self.store.update_articles, changes)

    async def body(self, article_id: str) -> str:
        return await self.call(self.store.body, article_id)

    async def set_flags(
        self, article_ids: Iterable[str], *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        await self.call(self.store.set_flags, list(article_ids), read=read, starred=starred)

    async def flush_user(self) -> int:
        return await self.call(self.store.flush_user)

    async def put_feed_state(self, state: FeedState) -> None:
        await self.call(self.store.put_feed_state, state)

    async def flush_state(self) -> int:
        return await self.call(self.store.flush_state)

    async def prune(self, policy: RetentionPolicy) -> PruneReport:
        """Apply retention in the background: each bounded step is its own turn on
        the storage thread, so polls and key presses are served in between."""
        # Imported here: a one-shot fetch never prunes.
        from storage.retention import Pruner, plan_prune

        pruner = Pruner(self.store, policy)
        if policy.active:
            # The plan reads a snapshot, so it is made beside the storage thread.
            articles, flags = await self.call(
                lambda: (list(self.store.articles()), self.store.user_flags())
            )
            now = datetime.now(UTC)
            pruner.plan = await asyncio.to_thread(plan_prune, articles, flags, policy, now)
        while await self.call(pruner.step):
            pass
        return pruner.report

    async def refresh(self) -> RefreshResult:
        return await self.call(self.store.refresh)

    async def try_become_writer(self) -> bool:
        return await self.call(self.store.try_become_writer)

    def close(self) -> None:
        """Flush and release the lock; safe to call from any thread, once."""
        if self._state_flush is not None:
            self._state_flush.cancel()  # close() flushes the state itself
        self._executor.submit(self.store.close).result()
        self._executor.shutdown(wait=True)
