"""How often the threads of a dashboard that polls hand the GIL to each other.

The dashboard's event loop shares the GIL with the network thread (reading
hundreds of answers), the store's thread and multiprocessing's feeder
threads. When the loop wakes from select() or returns from any system call
while one of them computes, it waits for the GIL until that thread is made
to let go: Python's switch interval, 5 ms by default, added to the loop
turn each time. A shorter interval bounds that wait; the threads' work is
the same, handed over in smaller pieces.
"""

from __future__ import annotations

import sys

VIEW_SWITCH_INTERVAL = 0.001  # seconds


def share_gil_finely() -> None:
    """For a process that draws a view and polls: at most VIEW_SWITCH_INTERVAL per wait."""
    sys.setswitchinterval(min(sys.getswitchinterval(), VIEW_SWITCH_INTERVAL))
