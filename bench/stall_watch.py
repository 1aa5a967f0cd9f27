"""A thread that notes what every thread was doing while the probe's event loop was held up."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


class StallWatch:
    """What every thread was doing while the event loop was held up.

    A thread of its own looks every 10 ms at when the loop last ticked; once a
    tick is `late` seconds overdue it notes each thread's innermost frames,
    once per stall. It needs the GIL to look: it sees the main thread's own
    slow work as it runs, and a thread that held the GIL in one long call
    right after that call.
    """

    def __init__(self, since_start: Callable[[], float], late: float = 0.1, keep: int = 40) -> None:
        self.since_start = since_start  # the probe's clock, for matching with its other times
        self.late = late
        self.keep = keep
        self.last_tick = time.perf_counter()
        self.found: list[dict[str, Any]] = []
        self._noted = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="stall-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def tick(self) -> None:
        self.last_tick = time.perf_counter()
        self._noted = False

    def _watch(self) -> None:
        while not self._stop.wait(0.01):
            overdue = time.perf_counter() - self.last_tick
            if overdue < self.late or self._noted or len(self.found) >= self.keep:
                continue
            self._noted = True
            names = {t.ident: t.name for t in threading.enumerate()}
            stacks = {
                names.get(ident, str(ident)): _innermost(frame)
                for ident, frame in sys._current_frames().items()
                if ident != threading.get_ident()
            }
            self.found.append({"at": round(self.since_start(), 3), "overdue_ms": overdue * 1000,
                               "threads": stacks})  # fmt: skip


def _innermost(frame: Any, depth: int = 8) -> list[str]:
    found = []
    while frame is not None and len(found) < depth:
        code = frame.f_code
        found.append(f"{Path(code.co_filename).name}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return found
