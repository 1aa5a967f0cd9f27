"""Pausing the cyclic garbage collector while an archive loads."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while the archive loads, nor over it later.

    Loading allocates a few dozen objects per article and frees none, so each
    full collection it triggers walks every article loaded so far and finds
    nothing, a sizeable share of the time opening an archive takes. What was
    loaded is then frozen (gc.freeze), or the first collection after the pause
    would walk it all once more. Articles hold no reference cycles: frozen ones
    are still freed by reference counting when the store lets go of them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
