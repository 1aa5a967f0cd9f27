"""A stored event's details as sorted (key, value) pairs.

Kept apart from story_features so the dashboard can prepare items for the
story grouper without importing the grouper's own modules (the matcher,
rapidfuzz, compiled patterns) on its event loop mid-poll.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def event_details(event: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """A stored event's (Event.to_dict()) roles, amount and date as sorted pairs:
    what story_features needs of it, small enough to send to a worker."""
    found = {str(k): str(v) for k, v in dict(event.get("roles") or {}).items()}
    for key in ("amount", "date"):
        if event.get(key):
            found[key] = str(event[key])
    return tuple(sorted(found.items()))
