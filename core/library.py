"""The library: everything aiwire knows and does, without a user interface.

It owns the store, the configuration and its watcher, the watchlist and its
mutes, alerts, and (as the writer) polling, enrichment and story grouping; a
read-only library follows the writer's files and takes over when it exits.
The dashboard, `aiwire daemon`, `aiwire fetch` and `aiwire serve` all run
one. It reports what changed as events (core.events) to one listener.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.alerts import Alerts, Burst
from core.config_fallback import use_bundled_fallback
from core.events import (
    AlertsRaised,
    ArchiveChanged,
    ConfigApplied,
    ConfigRejected,
    LibraryEvent,
    Listener,
    Notice,
    StatusChanged,
    TaskFailed,
)
from core.names import SourceNames
from core.search_fields import Searching, tracks_open
from core.state import LibraryState
from core.status import Status
from core.tasks import Tasks, import_off_loop
from core.undo import ReadUndo
from core.watch import Watchlist
from ingest.config import Config, ConfigError, ConfigWatcher, Settings
from storage.records import Article

if TYPE_CHECKING:
    from core.notify import Notifier
    from core.writing import Writing
    from storage.service import StoreService
    from storage.store import OpenReport

log = logging.getLogger(__name__)

CONFIG_CHECK_INTERVAL = 2.0  # seconds between looks at feeds.toml for edits
USER_FLUSH_DELAY = 1.0  # read/star flags are batched for this long before a write


@dataclass(frozen=True, slots=True)
class LibraryOptions:
    config_path: Path
    data_dir: Path
    seeds_dir: Path
    want_writer: bool = True
    # Poll on a schedule (the dashboard, the daemon); `fetch` polls once by hand.
    schedule: bool = True
    # Poll at all: a dashboard in tests may only read.
    poll: bool = True
    # Tag watchlist mentions; `fetch` leaves that to the next dashboard or daemon.
    enrich: bool = True
    # Keep the archive in memory for a view (the dashboard); headless runs don't.
    keep_state: bool = True
    # HTTP on a thread of its own, so the loop only draws (the dashboard).
    fetch_off_loop: bool = False
    # Seconds the store gathers polled batches into one write.
    linger: float = 0.2


def empty_config(path: Path) -> Config:
    return Config(path=path, settings=Settings(), sources=(), people=(), companies=())


class Library(Searching):
    def __init__(self, options: LibraryOptions, listener: Listener | None = None) -> None:
        self.options = options
        self._listener = listener
        self.state = LibraryState()
        self.status = Status()
        self.config = empty_config(options.config_path)
        self.config_loaded = False
        self.watchlist = Watchlist()
        self.alerts = Alerts(
            self._announce,
            lambda i: self.state.stories.get(i, ()),
            lambda i: self.state.articles.get(i),
        )
        self.notifier: Notifier | None = None  # made when feeds.toml has [[notify]] blocks
        self.tasks = Tasks(lambda name, error: self.emit(TaskFailed(name, error)))
        self.open_report: OpenReport | None = None
        self.writing: Writing | None = None
        self._service: StoreService | None = None
        self._watcher = ConfigWatcher(options.config_path)
        self.names = SourceNames()
        self.read_undo = ReadUndo(self)
        self._enabled_feed_ids: frozenset[str] = frozenset()
        self._user_flush: asyncio.TimerHandle | None = None
        self.last_look: datetime | None = None  # when the last dashboard session ended

    # -- events ----------------------------------------------------------------

    def emit(self, event: LibraryEvent) -> None:
        self.saved_searches.archive_changed(event)
        if self._listener is not None:
            self._listener(event)

    def set_status(self, **changes: Any) -> None:
        status = self.status.with_changes(**changes)
        if status != self.status:
            self.status = status
            self.emit(StatusChanged(status))

    def notice(self, text: str, **options: Any) -> None:
        self.emit(Notice(text, **options))

    # -- the store ---------------------------------------------------------------

    @property
    def service(self) -> StoreService:
        """The store on its own thread; made on first use (after the first frame)."""
        if self._service is None:
            from storage.service import StoreService
            from storage.store import ArticleStore

            store = ArticleStore(self.options.data_dir, want_writer=self.options.want_writer)
            self._service = StoreService(store, linger=self.options.linger)
        return self._service

    @property
    def writer(self) -> bool:
        # A store whose open failed half-way is never written to.
        return self._service is not None and self._service.store.writer and not self.open_error

    async def start(self) -> OpenReport:
        """Read the configuration, open the archive, take up a role; what opening found."""
        await self.load_config()
        return await self.open()

    @tracks_open
    async def open(self) -> OpenReport:
        await self.import_store()
        defer = not (self.options.keep_state or self.options.enrich)
        report = await self.service.open(defer_articles=defer)
        self.open_report = report
        for moved in report.moved_aside:
            log.error("%s", moved)
            self.notice(str(moved), title="A data file did not load", severity="error", timeout=30)
        for problem in report.unreadable:
            self.notice(problem, title="A data file did not load", severity="error", timeout=30)
        if report.writer:
            from core.writing import Writing

            # Seeds are stored before the state is built, so the list shows them;
            # polling and the scheduler are imported after it is shown.
            await import_off_loop("ingest.seeds")
            self.writing = Writing(self)
            await self.writing.load_seeds()
        store = self.service.store
        if self.options.keep_state:
            await self.reload_state()
        self.watchlist.muted = set(await self.service.call(store.meta, "muted_entities", []) or [])
        self.alerts.load(await self.service.call(store.meta, "alerts", []) or [])
        self.set_status(writer=report.writer)
        if not report.writer and self.options.keep_state:
            from core.following import start_following

            start_following(self, report.holder_pid)
        self.emit(ArchiveChanged(reset=True))
        self.prepare_search(at_start=True)
        if self.options.keep_state:
            # Imported off the loop, which meanwhile fills the list.
            await import_off_loop("core.since_last")
            from core.since_last import read_last_look  # "since your last look"

            self.last_look = await self.service.call(read_last_look, store.meta)
        if self.writing is not None:
            await import_off_loop(*self.writing.modules(self.options))
            await self.writing.take_up()
        return report

    async def reload_state(self) -> None:
        """Replace the state with what the store holds, built on the storage thread."""
        store = self.service.store

        def build() -> LibraryState:
            loaded = LibraryState()
            loaded.load(store.article_table(), store.user_flags())
            loaded.feeds = store.feed_states()
            store.keep_newest(loaded.newest_ids)  # no story is known yet: the store's order
            return loaded

        self.state.take_loaded(await self.service.call(build))

    async def aclose(self) -> None:
        """Stop polling and background work, flush, release the writer lock."""
        if self._closed:
            return
        self._closing()
        self.alerts.close()
        if self.notifier is not None:
            await self.notifier.aclose()
        if self.options.keep_state and self.writer:  # a dashboard: the user saw up to now
            from core.since_last import LAST_LOOK_KEY

            try:
                await self._save_meta(LAST_LOOK_KEY, datetime.now(UTC).isoformat())
            except Exception:  # noqa: BLE001 - closing: log, then still close the store
                log.exception("recording the end of this session failed")
        if self._user_flush is not None:
            self._user_flush.cancel()
        try:
            await self.tasks.aclose()
            if self.writing is not None:
                await self.writing.aclose()
            await self.save_search()
        except Exception:  # noqa: BLE001 - shutting down: log, then still close the store
            log.exception("stopping the writer's work failed")
        finally:
            self.close_store()

    def close_store(self) -> None:
        if self._service is None:
            return  # never opened: nothing to flush, no lock held
        service, self._service = self._service, None
        try:
            service.close()
        except Exception:  # noqa: BLE001 - exiting; log, never raise
            log.exception("closing the store failed")

    # -- configuration -------------------------------------------------------------

    async def load_config(self) -> None:
        """Read feeds.toml off the loop; a mistake keeps the empty configuration."""
        await self.check_config()
        self.tasks.spawn(self._watch_config(), "config-watch")

    async def _watch_config(self) -> None:
        while not self._closed:
            await asyncio.sleep(CONFIG_CHECK_INTERVAL)
            await self.check_config()

    async def check_config(self) -> None:
        """Apply feeds.toml if it changed since the last look."""
        # On a thread: a huge or slow feeds.toml must not hold the loop.
        change = await asyncio.to_thread(self._watcher.poll)
        if change is None:
            return
        if isinstance(change, ConfigError):
            problems = tuple(str(p) for p in change.problems) or (str(change),)
            if not self.config_loaded:  # at start: the bundled watchlists meanwhile
                use_bundled_fallback(self)
            self.set_status(config_error=problems[0])
            log.error("feeds.toml not applied: %s", "; ".join(problems))
            self.emit(ConfigRejected(problems, at_start=not self.config_loaded))
            self.emit(ArchiveChanged(feeds_changed=True))
            return
        reloaded = self.config_loaded
        self.apply_config(change)
        self.emit(ConfigApplied(change, reloaded))

    def apply_config(self, config: Config) -> None:
        """Use a configuration that loaded without mistakes."""
        self.config = config
        self.config_loaded = True
        # Asked once per polled feed and for every row drawn: kept ready.
        self._enabled_feed_ids = frozenset(s.id for s in config.sources if s.enabled)
        self.names.apply(config)
        self.set_status(config_error=None)
        self.watchlist.apply(config)
        if config.notify and self.notifier is None:
            from core.notify import Notifier

            self.notifier = Notifier(
                lambda text: self.notice(text, title="Notification", severity="warning", timeout=8)
            )
        if self.notifier is not None:
            self.notifier.configure(config.notify, self.watchlist.name, self.source_name)
        if self.writing is not None:
            self.writing.apply_config(config)
        self.emit(ArchiveChanged(feeds_changed=True, names_changed=True))

    def feed_names(self) -> dict[str, str]:
        """Feed id -> the name shown for it (see core.names)."""
        ids = [source.id for source in self.config.sources]
        return self.names.feed_names(ids, self.state.feeds)

    def source_name(self, article: Article) -> str:
        return self.names.source_name(article, self.state.feeds)

    def failing_feeds(self) -> int:
        enabled = self._enabled_feed_ids
        return sum(
            1 for s in self.state.feeds.values() if s.feed_id in enabled and s.health == "failing"
        )

    # -- what the user changes -------------------------------------------------------

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

    async def _save_meta(self, key: str, value: object) -> None:
        if self.writer:
            await self.service.call(self.service.store.set_meta, key, value)
            await self.service.flush_state()

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

    # -- alerts ------------------------------------------------------------------------

    def raise_alerts(self, articles: list[Article], *, first_poll: bool) -> None:
        raised = self.alerts.raise_for(
            articles, self.watchlist, self.state.feeds, first_poll=first_poll
        )
        if raised:
            self.emit(ArchiveChanged(feeds_changed=True))
            self.tasks.spawn(self._save_meta("alerts", list(self.alerts.ids)), "meta")

    def _announce(self, burst: Burst) -> None:
        self.emit(AlertsRaised(tuple(burst), self.config.settings.bell))
        if self.notifier is not None:
            self.notifier.submit(burst)
