"""What the writer knows and a read-only instance cannot work out alone: the
story groups (the list's `+1` markers) and when feeds were last polled.

The writer groups stories in its worker process and keeps them in memory; it
also leaves them in the store's metadata, which a follower reads whenever the
writer's state file changes. The last poll is in every feed's stored state.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from storage.records import FeedState

if TYPE_CHECKING:
    from core.library import Library

STORIES_KEY = "story_groups"
SHARE_DELAY = 2.0  # seconds: grouping comes in bursts while a poll pours in; one write each
MAX_SHARED = 5000  # groups kept in the metadata: the list only marks recent stories


def last_polled(feeds: Mapping[str, FeedState]) -> datetime | None:
    """When any feed was last fetched, by the writer's stored feed states."""
    times = [state.last_attempt for state in feeds.values() if state.last_attempt is not None]
    return max(times, default=None)


def distinct_groups(stories: Mapping[str, tuple[str, ...]]) -> list[list[str]]:
    """Each story group once, as stored."""
    seen: dict[tuple[str, ...], None] = {}
    for group in stories.values():
        seen.setdefault(group, None)
    return [list(group) for group in list(seen)[-MAX_SHARED:]]


def stored_groups(value: object) -> list[tuple[str, ...]]:
    """The groups in the metadata; anything malformed is left out."""
    if not isinstance(value, list):
        return []
    groups: Iterable[object] = value
    return [
        tuple(group)
        for group in groups
        if isinstance(group, list) and len(group) > 1 and all(isinstance(i, str) for i in group)
    ]


class StorySharing:
    """The writer's side: store the groups a little after they change."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._timer: asyncio.TimerHandle | None = None

    def soon(self) -> None:
        if self._timer is not None or not self._library.writer:
            return

        def share() -> None:
            self._timer = None
            if not self._library.closed:
                self._library.tasks.spawn(self.share(), "share-stories")

        self._timer = asyncio.get_running_loop().call_later(SHARE_DELAY, share)

    async def share(self) -> None:
        library = self._library
        groups = distinct_groups(library.state.stories)
        service = library.service
        await service.call(service.store.set_meta, STORIES_KEY, groups)
        await service.flush_state()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


async def take_in_shared(library: Library) -> set[str]:
    """The follower's side: the writer's groups and last poll; returns the ids
    whose story changed."""
    service, state = library.service, library.state
    value = await service.call(service.store.meta, STORIES_KEY, [])
    touched = state.merge_stories(stored_groups(value))
    polled = last_polled(state.feeds)
    if polled is not None:
        library.set_status(last_update=polled)
    return touched
