"""The library: everything aiwire knows and does, without a user interface.

It owns the store, the configuration and its watcher, the watchlist and its
mutes, alerts, and (as the writer) polling, enrichment and story grouping; a
read-only library follows the writer's files and takes over when it exits.
The dashboard, `aiwire daemon`, `aiwire fetch` and `aiwire serve` all run
one. It reports what changed as events (core.events) to one listener.
Its configuration is core.configuring, the user's changes core.user_changes,
search core.search_fields.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.alerts import Alerts, Burst
from core.configuring import Configuring, empty_config
from core.events import (
    AlertsRaised,
    ArchiveChanged,
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
from core.user_changes import UserChanges
from core.watch import Watchlist
from ingest.config import ConfigWatcher
from storage.records import Article

if TYPE_CHECKING:
    from core.notify import Notifier
    from core.writing import Writing
    from storage.service import StoreService
    from storage.store import OpenReport

log = logging.getLogger(__name__)


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


class Library(Configuring, UserChanges, Searching):
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
        self._user_flush = None
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
        # Alerts.load needs it before the list fills: imported on a thread while the store loads.
        self.tasks.spawn(import_off_loop("core.alert_repeats"), "imports")
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
        # A turn of the loop for the listener to show the archive before the
        # index and the imports below compete with it for the interpreter.
        await asyncio.sleep(0)
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

    async def _save_meta(self, key: str, value: object) -> None:
        if self.writer:
            await self.service.call(self.service.store.set_meta, key, value)
            await self.service.flush_state()

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
