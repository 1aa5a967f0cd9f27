"""APScheduler's AsyncIOScheduler, woken once per loop turn rather than once per job.

AsyncIOScheduler wakes itself through call_soon_threadsafe for every job
added, each time writing to the event loop's wake-up pipe: a system call
that gives up the GIL, and on a busy process (the network thread reading
hundreds of answers) each one waits a switch interval to get it back: a
dashboard adds hundreds of jobs as it starts, just when that thread is
busiest. Here wake-ups asked for in one turn are one call, made in the next
turn; only a wake-up asked from another thread writes to the pipe.
"""

from __future__ import annotations

import asyncio

from apscheduler.schedulers.asyncio import AsyncIOScheduler


class LoopScheduler(AsyncIOScheduler):
    _wakeup_pending = False

    def start(self, paused: bool = False) -> None:
        # A wake-up still pending from a loop that ended never comes.
        self._wakeup_pending = False
        super().start(paused)

    def wakeup(self) -> None:
        loop = self._eventloop
        if loop is None or self._wakeup_pending:
            return
        self._wakeup_pending = True
        try:
            on_loop = asyncio.get_running_loop() is loop
        except RuntimeError:
            on_loop = False
        if on_loop:
            loop.call_soon(self._woken)
        else:
            loop.call_soon_threadsafe(self._woken)

    def _woken(self) -> None:
        self._wakeup_pending = False
        if self._eventloop is None:
            return  # shut down meanwhile
        self._stop_timer()
        self._start_timer(self._process_jobs())
