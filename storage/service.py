"""An asyncio facade over the store: every call runs on one storage thread.

TinyDB is not thread-safe and a flush fsyncs, which must not happen on the
UI's event loop. All store access from async code goes through this single
worker thread, which also serialises writes without further locking.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from storage.records import Article, FeedState, NewArticle
from storage.store import ArticleStore, OpenReport, RefreshResult

T = TypeVar("T")


class StoreService:
    def __init__(self, store: ArticleStore) -> None:
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aiwire-store")

    async def call(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(function, *args, **kwargs))

    async def open(self) -> OpenReport:
        return await self.call(self.store.open)

    async def snapshot(self) -> tuple[list[Article], dict[str, int], dict[str, FeedState]]:
        def take() -> tuple[list[Article], dict[str, int], dict[str, FeedState]]:
            return list(self.store.articles()), self.store.user_flags(), self.store.feed_states()

        return await self.call(take)

    async def add(self, batch: Sequence[NewArticle]) -> list[Article]:
        return await self.call(self.store.add, batch)

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

    async def refresh(self) -> RefreshResult:
        return await self.call(self.store.refresh)

    async def try_become_writer(self) -> bool:
        return await self.call(self.store.try_become_writer)

    def close(self) -> None:
        """Flush and release the lock; safe to call from any thread, once."""
        self._executor.submit(self.store.close).result()
        self._executor.shutdown(wait=True)
