"""Parses off the event loop: a process pool with timeouts and kill-on-overrun.

A parse that still takes too long has its worker process killed, and a fresh
pool starts on the next call.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from functools import partial

from ingest.parsed import ParsedFeed
from ingest.processes import (
    RetiredPool,
    WorkerLauncher,
    background_niceness,
    fork_server_context,
    join_retired,
    real_stderr,
    retire_pool,
    worker_init,
)

DEFAULT_TIMEOUT = 20.0

ParseTarget = Callable[..., ParsedFeed]


def _default_start_method() -> str:
    # Never fork: the parent is a Textual app with threads, and a forked child
    # can inherit a lock some other thread held at that instant.
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class ParserPool:
    """A parse function in worker processes, awaited from the event loop.

    The target has parse_feed's signature: the app passes
    ingest.kinds.registry.parse_any, which picks the source kind.

    A parse that outlives its timeout has its pool torn down (workers killed)
    and a fresh pool starts on the next call; so does a pool whose worker died.
    Parses that were in flight on a torn-down pool get an error result. With
    workers=0, parses run in a thread instead (tests, command-line tools); a
    thread cannot be killed, so a timeout there only stops the waiting.

    At most two parses per worker are handed to the pool at once (one running,
    one ready, so a worker never idles between parses); the rest wait here, so
    the timeout counts a parse's own time and at most one other's, not a whole
    queue's (else a burst of feeds fetched at once times out while it waits).
    The workers start with the first parse: a poll where every feed answers
    304 starts none.
    """

    def __init__(
        self,
        workers: int = 2,
        *,
        target: ParseTarget | None = None,
        start_method: str | None = None,
        background: bool = True,
    ) -> None:
        if workers < 0:
            raise ValueError("workers must be 0 (inline) or more")
        self._workers = workers
        # A module-level callable with parse_feed's signature (tests inject slow ones).
        if target is None:
            from ingest.feedparser_parse import parse_feed  # the default, for tests and tools

            target = parse_feed
        self._target = target
        self._start_method = start_method or _default_start_method()
        # Workers at a lower CPU priority: what polls on a schedule yields to
        # the dashboard; a one-shot `aiwire fetch` someone waits for does not.
        self._background = background
        self._executor: ProcessPoolExecutor | None = None
        self._generation = 0
        self._retired: list[RetiredPool] = []
        self._closed = False
        self._slots = asyncio.Semaphore(2 * max(workers, 1))
        self._launcher = WorkerLauncher()

    @property
    def started(self) -> bool:
        """Whether worker processes run (they start with the first parse)."""
        return self._executor is not None

    async def __aenter__(self) -> ParserPool:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def warm_up(self) -> None:
        """Start the workers now, without waiting, for a parse that is coming.

        For a caller with a feed in hand and something else to await first:
        the workers' start-up (a second or so on a busy machine) runs meanwhile.
        """
        if self._workers == 0 or self._closed:
            return
        with real_stderr():
            executor = self._ensure_executor()
        self._launcher.launch(executor, self._workers)

    async def parse(
        self,
        feed_id: str,
        data: bytes,
        *,
        headers: dict[str, str],
        url: str,
        now: datetime,
        timeout: float = DEFAULT_TIMEOUT,
        known: frozenset[str] = frozenset(),
    ) -> ParsedFeed:
        """The target's result; `known` (ids stored already) is passed on when not empty."""
        if self._closed:
            raise RuntimeError("the parser pool is closed")
        call = partial(self._target, feed_id, data, headers=headers, url=url, now=now)
        if known:
            call = partial(call, known=known)
        if self._workers == 0:
            return await self._parse_in_thread(call, timeout)

        async with self._slots:
            if self._closed:
                raise RuntimeError("the parser pool is closed")
            return await self._parse_in_pool(call, timeout)

    async def _parse_in_pool(self, call: Callable[[], ParsedFeed], timeout: float) -> ParsedFeed:
        generation = self._generation
        with real_stderr():
            executor = self._ensure_executor()
        await self._launcher.ensure_started(executor, self._workers)
        try:
            future = self._submit(call)
        except BrokenProcessPool:
            # The pool broke while idle (a worker was killed from outside).
            self._restart(generation)
            generation = self._generation
            future = self._submit(call)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            self._restart(generation)
            return ParsedFeed.failed(f"parsing took longer than {timeout:g} s")
        except BrokenProcessPool:
            if generation != self._generation:
                return ParsedFeed.failed("parsing interrupted: the parser was restarted")
            self._restart(generation)
            return ParsedFeed.failed("the parser process stopped unexpectedly")
        except Exception as exc:  # e.g. a result that cannot be pickled
            return ParsedFeed.failed(f"could not parse: {type(exc).__name__}")

    async def _parse_in_thread(self, call: Callable[[], ParsedFeed], timeout: float) -> ParsedFeed:
        try:
            return await asyncio.wait_for(asyncio.to_thread(call), timeout)
        except TimeoutError:
            return ParsedFeed.failed(f"parsing took longer than {timeout:g} s")
        except Exception as exc:
            return ParsedFeed.failed(f"could not parse: {type(exc).__name__}")

    def _submit(self, call: Callable[[], ParsedFeed]) -> asyncio.Future[ParsedFeed]:
        loop = asyncio.get_running_loop()
        # Workers (and the fork server) start on a submit: stderr must be the real one.
        with real_stderr():
            return loop.run_in_executor(self._ensure_executor(), call)

    def _ensure_executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # From the fork server (see processes.fork_server_context): each
            # worker starts with the parsing modules loaded.
            if self._start_method == "forkserver":
                context = fork_server_context()
            else:
                context = multiprocessing.get_context(self._start_method)
            self._executor = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=context,
                initializer=worker_init,
                initargs=(list(sys.path), background_niceness() if self._background else None),
            )
        return self._executor

    def _restart(self, generation: int) -> None:
        """Tear down the pool that `generation` ran on, unless that happened already."""
        if generation != self._generation or self._executor is None:
            return
        self._generation += 1
        executor, self._executor = self._executor, None
        self._retired.append(retire_pool(executor, kill=True))

    def close(self, grace: float = 2.0) -> None:
        """Stop every worker and wait for them to exit. Blocks for at most ~grace s."""
        self._closed = True
        if self._executor is not None:
            executor, self._executor = self._executor, None
            self._generation += 1
            self._retired.append(retire_pool(executor, kill=False))
        retired, self._retired = self._retired, []
        join_retired(retired, grace)

    async def aclose(self, grace: float = 2.0) -> None:
        await asyncio.to_thread(self.close, grace)
