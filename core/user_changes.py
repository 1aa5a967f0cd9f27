"""What the user changes through the library: read and starred flags (batched
into one write), mutes, polling now, switching a source off, whole texts."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from core.events import ArchiveChanged, LibraryEvent

if TYPE_CHECKING:
    from core.state import LibraryState
    from core.tasks import Tasks
    from core.watch import Watchlist
    from core.writing import Writing
    from storage.service import StoreService

USER_FLUSH_DELAY = 1.0  # read/star flags are batched for this long before a write


class UserChanges:
    """The user's changes, as the Library (core.library) makes them."""

    _user_flush: asyncio.TimerHandle | None

    if TYPE_CHECKING:
        state: LibraryState
        tasks: Tasks
        watchlist: Watchlist
        writing: Writing | None
        _closed: bool

        @property
        def service(self) -> StoreService: ...
        @property
        def writer(self) -> bool: ...
        def emit(self, event: LibraryEvent) -> None: ...
        def notice(self, text: str, **options: Any) -> None: ...
        async def _save_meta(self, key: str, value: object) -> None: ...

    def _require_writer(self) -> bool:
        if self.writer:
            return True
        self.notice(
            "This aiwire is read-only: another instance is writing.", severity="warning", timeout=4
        )
        return False

    def mark(
        self, article_id: str, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        self.mark_many([article_id], read=read, starred=starred)

    def mark_many(
        self, article_ids: Iterable[str], *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        if not self._require_writer():
            return
        changed = self.state.set_flags(article_ids, read=read, starred=starred)
        if not changed:
            return
        self.tasks.spawn(self.service.set_flags(changed, read=read, starred=starred), "flags")
        self._schedule_user_flush()
        self.emit(ArchiveChanged(flags_changed=True))

    @property
    def flags_pending(self) -> bool:
        """Flag changes not written yet (for tests and a clean exit)."""
        return self._user_flush is not None or self.tasks.busy("flags")

    def _schedule_user_flush(self) -> None:
        # Batched: a burst of key presses costs one small write, not one each.
        if self._user_flush is not None:
            return

        def flush() -> None:
            self._user_flush = None
            if not self._closed:  # closing flushes everything itself
                self.tasks.spawn(self.service.flush_user(), "flags")

        self._user_flush = asyncio.get_running_loop().call_later(USER_FLUSH_DELAY, flush)

    def toggle_mute(self, entity: str) -> bool:
        """Mute or unmute alerts for an entity; returns whether it is muted now."""
        muted = self.watchlist.toggle_mute(entity)
        self.tasks.spawn(self._save_meta("muted_entities", sorted(self.watchlist.muted)), "meta")
        self.emit(ArchiveChanged(feeds_changed=True))
        return muted

    def refresh_feeds(self, feed_ids: list[str] | None = None) -> None:
        """Poll now: every enabled source, or the ones named."""
        polling = self.writing.polling if self.writing is not None else None
        if polling is None:
            self.notice("This aiwire is read-only: the writer polls.", timeout=3)
            return
        count = len(polling.enabled_sources(feed_ids))
        if not count:
            self.notice("No enabled sources to refresh.", timeout=3)
            return
        self.notice(f"Refreshing {count} feed{'s' if count != 1 else ''}…", timeout=2)
        self.tasks.spawn(polling.refresh(feed_ids), "refresh")

    def disable_source(self, feed_id: str) -> None:
        """Switch a source off in feeds.toml (comments and layout kept), then apply it."""
        from core.sources import disable_source

        self.tasks.spawn(disable_source(self, feed_id), "disable-source")

    def fetch_whole_text(self, article_id: str) -> None:
        """Fetch an article's page for its whole text (the reader's key)."""
        if not self._require_writer():
            return
        upkeep = self.writing.upkeep if self.writing is not None else None
        if upkeep is None:
            self.notice("This aiwire does not poll, so it fetches no pages.", timeout=4)
            return
        self.tasks.spawn(upkeep.fetch_whole_text(article_id), "whole-text")
