"""Background tasks of the library: named, grouped, and never failing silently."""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger(__name__)


class Tasks:
    """asyncio tasks the library owns; cancelled together when it closes.

    `exclusive=True` cancels the group's running task first, so the newest
    request wins (a catch-up pass started twice runs once).
    """

    def __init__(self, on_error: Callable[[str, BaseException], None]) -> None:
        self._on_error = on_error
        self._running: set[asyncio.Task[Any]] = set()
        self._exclusive: dict[str, asyncio.Task[Any]] = {}
        self._closed = False

    def spawn(
        self,
        work: Coroutine[Any, Any, Any],
        name: str,
        *,
        group: str | None = None,
        exclusive: bool = False,
    ) -> asyncio.Task[Any] | None:
        if self._closed:
            work.close()
            return None
        if exclusive and group is not None:
            previous = self._exclusive.get(group)
            if previous is not None and not previous.done():
                previous.cancel()
        task = asyncio.get_running_loop().create_task(work, name=f"aiwire-{name}")
        self._running.add(task)
        if exclusive and group is not None:
            self._exclusive[group] = task
        task.add_done_callback(self._finished)
        return task

    def busy(self, group: str) -> bool:
        return any(not t.done() and t.get_name() == f"aiwire-{group}" for t in self._running)

    def idle(self, *, ignoring: tuple[str, ...] = ("config-watch", "follow-writer")) -> bool:
        """No background work runs but the long-lived watchers."""
        names = {f"aiwire-{name}" for name in ignoring}
        return all(t.done() or t.get_name() in names for t in self._running)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._running.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            name = task.get_name().removeprefix("aiwire-")
            log.error("background task %s failed", name, exc_info=error)
            self._on_error(name, error)

    async def aclose(self) -> None:
        self._closed = True
        running = [task for task in self._running if not task.done()]
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)


async def import_off_loop(*modules: str) -> None:
    """Import modules on a thread (a later import statement finds them loaded)."""
    await asyncio.to_thread(lambda: [importlib.import_module(name) for name in modules])
