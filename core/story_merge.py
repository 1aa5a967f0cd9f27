"""Story groups merged into the state a bounded time per loop turn.

The grouper answers a poll's groups at once; merging them (joining stories,
sorting members, moving undated tellings) in one turn is a stall. Groups go
in small pieces, and the merge yields to the loop once a turn's share of time
is spent, reporting what changed so far so the list shows it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence

from core.state import LibraryState

# Loop time per turn for merging, and members per merge_stories call (a
# check of the clock between calls; a call's own cost is a fraction of BUDGET).
BUDGET = 0.003
STEP = 100


async def merge_in_turns(
    state: LibraryState,
    groups: Sequence[tuple[str, ...]],
    on_changed: Callable[[set[str]], None],
    *,
    budget: float = BUDGET,
    step: int = STEP,
    clock: Callable[[], float] = time.perf_counter,
) -> bool:
    """Merge `groups` into `state`; `on_changed` hears the ids whose group
    changed, once per turn that changed any. True if any changed."""
    merged = False
    touched: set[str] = set()
    piece: list[tuple[str, ...]] = []
    size = 0
    started = clock()
    for number, group in enumerate(groups, 1):
        piece.append(group)
        size += len(group)
        last = number == len(groups)
        if size < step and not last:
            continue
        touched |= state.merge_stories(piece)
        piece, size = [], 0
        if last or clock() - started >= budget:
            if touched:
                on_changed(touched)
                merged = True
                touched = set()
            if not last:
                await asyncio.sleep(0)
                started = clock()
    return merged
