"""A read-only library follows the writer's files, and takes over when it exits."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from core.events import ArchiveChanged
from core.story_share import take_in_shared
from core.tasks import import_off_loop

if TYPE_CHECKING:
    from core.library import Library

FOLLOW_INTERVAL = 2.0  # seconds between looks at a writer's files


def start_following(library: Library, holder_pid: int | None) -> None:
    """Say this dashboard is read-only, and follow the writer from now on."""
    who = f" (pid {holder_pid})" if holder_pid else ""
    library.notice(
        f"Another aiwire{who} is writing to this data directory. This one is "
        "read-only and follows what it stores.",
        title="Read-only",
        timeout=10,
    )
    library.tasks.spawn(follow_writer(library), "follow-writer")


async def follow_writer(library: Library) -> None:
    """Pick up what the writer stores; take over writing when it has gone."""
    await _take_in_shared(library)
    while not library.closed:
        await asyncio.sleep(FOLLOW_INTERVAL)
        if await library.service.try_become_writer():
            library.set_status(writer=True)
            library.notice("The other aiwire has exited: this one now writes.", timeout=6)
            library.tasks.spawn(_take_over_writing(library), "take-over")
            return
        await _take_in_writers_changes(library)


async def _take_in_writers_changes(library: Library) -> None:
    service, state = library.service, library.state
    result = await service.refresh()
    if not result.anything:
        return
    if result.removed_ids:  # the writer pruned them
        state.remove(result.removed_ids)
    added = state.add(result.new_articles)
    state.update(result.updated_articles)
    if result.user_state_changed:
        state.replace_flags(await service.call(service.store.user_flags))
    if result.feeds_changed:
        state.feeds = await service.call(service.store.feed_states)
    library.set_status(new_since_look=library.status.new_since_look + len(added))
    library.emit(
        ArchiveChanged(
            added=added,
            updated=result.updated_articles,
            flags_changed=result.user_state_changed,
            feeds_changed=result.feeds_changed,
            reset=bool(result.removed_ids),
        )
    )
    if result.feeds_changed or added:  # the writer's metadata is in its state file
        await _take_in_shared(library)


async def _take_in_shared(library: Library) -> None:
    """The writer's story groups and last poll time, as the writer shows them."""
    touched = await take_in_shared(library)
    if touched:
        state = library.state
        library.emit(ArchiveChanged(updated=[state.articles[i] for i in touched]))


async def _take_over_writing(library: Library) -> None:
    from core.writing import Writing

    await import_off_loop(*Writing.modules(library.options))
    library.writing = Writing(library)
    await library.reload_state()
    library.emit(ArchiveChanged(reset=True))
    await library.writing.take_up()
