"""HTTP on its own thread and event loop, so the dashboard's loop only draws.

The scheduler's jobs run on the app's loop (APScheduler's AsyncIOScheduler),
but reading hundreds of responses there (httpx's parsing, decompression, the
cap on size) would take a large share of the UI loop's time. Here each
fetch runs on a second loop in a background thread; the job awaits its result.
Parsing already happens in worker processes and storing on the storage thread.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from ingest.fetch import Fetcher, FetchResult

T = TypeVar("T")


class BackgroundLoop:
    """An asyncio event loop running on a daemon thread of its own."""

    def __init__(self, name: str = "aiwire-network") -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_forever()

    async def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run `coroutine` on the background loop and await its result here.

        Cancelling the awaiting task cancels the coroutine on the other loop.
        """
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        return await asyncio.wrap_future(future)

    def close(self, timeout: float = 5.0) -> None:
        if not self._thread.is_alive():
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout)
        if not self._thread.is_alive():
            self._loop.close()


class OffLoopFetcher:
    """A Fetcher whose requests run on a BackgroundLoop; the same fetch() to callers."""

    def __init__(self, fetcher: Fetcher, loop: BackgroundLoop | None = None) -> None:
        self.fetcher = fetcher
        self._loop = loop or BackgroundLoop()

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        return await self._loop.run(self.fetcher.fetch(url, etag=etag, last_modified=last_modified))

    async def aclose(self) -> None:
        try:
            await self._loop.run(self.fetcher.aclose())
        finally:
            self._loop.close()
