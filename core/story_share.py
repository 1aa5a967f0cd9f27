"""What the writer knows and a read-only instance cannot work out alone: the
story groups (the list's `+1` markers) and when feeds were last polled.

The writer groups stories in its worker process and keeps them in memory; it
also leaves them in the store's metadata, with the time its last poll ended,
which a follower reads whenever the writer's state file changes. (A feed's
stored state keeps its last attempt only when something else about it changed.)
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
LAST_POLL_KEY = "last_poll"
SHARE_DELAY = 2.0  # seconds: grouping comes in bursts while a poll pours in; one write each
MAX_SHARED = 5000  # groups kept in the metadata: the list only marks recent stories


def last_polled(feeds: Mapping[str, FeedState]) -> datetime | None:
    """When any feed was last fetched, by the writer's stored feed states."""
    times = [state.last_attempt for state in feeds.values() if state.last_attempt is not None]
    return max(times, default=None)


def distinct_groups(stories: Mapping[str, tuple[str, ...]]) -> list[list[str]]:
    """Each story group once, as stored."""
    # Every member of a group holds the same tuple: telling them apart by
    # identity first hashes each group once, not once per member (a poll's
    # large groups made that quadratic, on the event loop).
    objects = {id(group): group for group in stories.values()}
    seen: dict[tuple[str, ...], None] = {}
    for group in objects.values():
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
    """The writer's side: store the groups and the last poll a little after they
    change (the groups, the larger of the two, only when they did)."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._timer: asyncio.TimerHandle | None = None
        self._stories_changed = False
        self._shared_poll: datetime | None = None

    def soon(self, *, stories: bool = True) -> None:
        self._stories_changed |= stories
        if self._timer is not None or not self._library.writer:
            return

        def share() -> None:
            self._timer = None
            if not self._library.closed:
                self._library.tasks.spawn(self.share(), "share-stories")

        self._timer = asyncio.get_running_loop().call_later(SHARE_DELAY, share)

    async def share(self) -> None:
        library = self._library
        service = library.service
        polled = library.status.last_update
        if self._stories_changed:
            self._stories_changed = False
            groups = distinct_groups(library.state.stories)
            await service.call(service.store.set_meta, STORIES_KEY, groups)
        if polled is not None and polled != self._shared_poll:
            self._shared_poll = polled
            await service.call(service.store.set_meta, LAST_POLL_KEY, polled.isoformat())
        await service.flush_state()

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


async def take_in_shared(library: Library) -> set[str]:
    """The follower's side: the writer's groups and last poll; returns the ids
    whose story changed."""
    service, state = library.service, library.state
    value, shared_poll = await service.call(
        lambda: (service.store.meta(STORIES_KEY, []), service.store.meta(LAST_POLL_KEY))
    )
    touched = state.merge_stories(stored_groups(value))
    times = [t for t in (last_polled(state.feeds), _moment(shared_poll)) if t is not None]
    if times:
        library.set_status(last_update=max(times))
    return touched


def _moment(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
