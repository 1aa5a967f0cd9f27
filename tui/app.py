"""The aiwire Textual app: owns the services and the state, runs the work.

Storage → app state → widgets: the app opens the store on a storage thread,
keeps a LibraryState in memory, and tells screens what changed with
LibraryChanged. Background work (storage, polling, enrichment) runs in
workers, threads and processes, never on the event loop's critical path.

Start-up order: the first frame comes first. The archive is opened only once
it is on screen (the list says "Loading…" meanwhile), and the modules only
polling and enrichment need (httpx, feedparser, apscheduler, selectolax) are
imported when those start: at 100,000 articles both used to delay the first
paint, the store's loading thread by competing for the GIL.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import os
import shutil
import signal
import subprocess
import webbrowser
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from ingest.config import (
    Config,
    ConfigError,
    ConfigWatcher,
    EntityConfig,
    Settings,
    SourceConfig,
)
from storage.records import SEED_FEED_ID, Article, FeedState
from tui.arrivals import ArrivalQueue
from tui.commands import AiwireCommands
from tui.gc_policy import LongLivedFreezer
from tui.messages import LibraryChanged
from tui.screens.entity import EntityProfile
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.state import LibraryState, ViewFilter
from tui.theme_memory import remember_theme
from tui.widgets.reader import ReaderContent
from tui.widgets.status_bar import Status
from watchlist.entities import entity_id
from watchlist.event_kinds import label as event_label

if TYPE_CHECKING:
    from ingest.enrichment import EnrichmentService
    from ingest.poller import PollProgress
    from ingest.polling import PollingService
    from storage.service import StoreService
    from storage.store import OpenReport

log = logging.getLogger(__name__)

CONFIG_CHECK_INTERVAL = 2.0  # seconds between looks at feeds.toml for edits
STORY_WINDOW = 3000  # newest articles held for story grouping (stories are days apart at most)
MAX_ALERTS = 500
ALERT_ANNOUNCE_DELAY = 2.0  # seconds: alerts arriving together are announced together
FOLLOW_INTERVAL = 2.0  # seconds between looks at a writer's files (read-only mode)
USER_FLUSH_DELAY = 1.0  # read/star flags are batched for this long before a write


@dataclass(frozen=True, slots=True)
class AppOptions:
    config_path: Path
    data_dir: Path
    seeds_dir: Path
    want_writer: bool = True
    poll: bool = True


@dataclass(frozen=True, slots=True)
class WatchedEntity:
    id: str
    kind: str
    name: str
    config: EntityConfig


@dataclass(slots=True)
class _Watch:
    entities: list[WatchedEntity] = field(default_factory=list)
    muted: set[str] = field(default_factory=set)


def _empty_config(path: Path) -> Config:
    return Config(path=path, settings=Settings(), sources=(), people=(), companies=())


class AiwireApp(App[None]):
    TITLE = "aiwire"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {AiwireCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("r", "refresh_all", "Refresh", id="app.refresh"),
        Binding("e", "edit_config", "Edit feeds", show=False, id="app.edit_config"),
        Binding("ctrl+p", "command_palette", "Palette", show=False, id="app.palette"),
    ]

    def __init__(self, options: AppOptions) -> None:
        super().__init__()
        self.options = options
        self.state = LibraryState()
        self._freezer = LongLivedFreezer()
        self._arrivals = ArrivalQueue(self._take_in_arrivals)
        self.status = Status()
        self.config = _empty_config(options.config_path)
        self._enabled_feed_ids: frozenset[str] = frozenset()
        self._source_names: dict[str, str] = {}
        self._service: StoreService | None = None
        self.open_report: OpenReport | None = None
        self._watch = _Watch()
        self._user_flush_pending = False
        self._library_closed = False
        # Article ids that mentioned a watched, unmuted entity, newest first.
        self.alerts: list[str] = []
        self._unannounced: list[tuple[Article, list[str]]] = []
        self.polling: PollingService | None = None
        self.enrichment: EnrichmentService | None = None
        self._config_watcher = ConfigWatcher(options.config_path)

    @property
    def service(self) -> StoreService:
        """The store, on its thread; made on first use, which is after the first frame.

        The storage modules (TinyDB and the rest) cost ~15 ms to import: made
        in __init__, the store delayed the first paint without serving it.
        """
        if self._service is None:
            from storage.service import StoreService
            from storage.store import ArticleStore

            store = ArticleStore(self.options.data_dir, want_writer=self.options.want_writer)
            self._service = StoreService(store)
        return self._service

    # -- start and stop ------------------------------------------------------

    def on_mount(self) -> None:
        self._load_config()
        # The palette's theme choice is remembered; feeds.toml's theme, when set, wins.
        remember_theme(self, self.options.data_dir)
        if self.config.settings.theme and self.config.settings.theme in self.available_themes:
            self.theme = self.config.settings.theme
        self.set_interval(CONFIG_CHECK_INTERVAL, self._check_config, name="config-watch")
        self.push_screen(MainScreen())
        self._install_signal_handlers()

    def on_ready(self) -> None:
        # After the first frame: loading 100,000 articles takes seconds of a
        # thread that holds the GIL most of the time, and would delay it.
        self.run_worker(self._open_library(), name="open-library", exit_on_error=False)

    def _install_signal_handlers(self) -> None:
        # A dropped SSH connection sends SIGHUP; a service manager SIGTERM.
        # Both end in a normal exit, which flushes everything in on_unmount.
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._exit_on_signal, signum)

    def _exit_on_signal(self, signum: int) -> None:
        log.info("received %s, flushing and exiting", signal.Signals(signum).name)
        self.exit()

    async def _open_library(self) -> None:
        await _import_off_loop("storage.service", "storage.store")
        report = await self.service.open()
        self.open_report = report
        for moved in report.moved_aside:
            log.error("%s", moved)
            self.notify(str(moved), title="A data file did not load", severity="error", timeout=30)
        for problem in report.unreadable:
            self.notify(problem, title="A data file did not load", severity="error", timeout=30)
        if report.writer:
            await _import_off_loop("ingest.seeds", *self._writer_modules())
            await self._load_seeds()
        feeds = await self._load_state()
        store = self.service.store
        self._watch.muted = set(await self.service.call(store.meta, "muted_entities", []) or [])
        self.alerts = list(await self.service.call(store.meta, "alerts", []) or [])
        self.status = self.status.with_changes(writer=report.writer)
        if not report.writer:
            who = f" (pid {report.holder_pid})" if report.holder_pid else ""
            self.notify(
                f"Another aiwire{who} is writing to this data directory. This one is "
                "read-only and follows what it stores.",
                title="Read-only",
                timeout=10,
            )
            self.set_interval(FOLLOW_INTERVAL, self._follow_writer, name="follow-writer")
        self._broadcast(LibraryChanged(reset=True))
        if report.writer:
            await self._take_up_writing(feeds)

    def _writer_modules(self) -> list[str]:
        """What a writer needs next, to import on a thread: httpx, APScheduler
        (which scans the installed packages' entry points) and the rest take
        30-100 ms, a stall on the event loop the user would see."""
        wanted = ["ingest.enrichment"]
        if self.options.poll:
            wanted += ["ingest.polling", "apscheduler.schedulers.asyncio"]
        return wanted

    async def _take_over_writing(self) -> None:
        """The writer exited and this app holds the lock now: it writes from here on."""
        await _import_off_loop(*self._writer_modules())
        feeds = await self._load_state()
        self._broadcast(LibraryChanged(reset=True))
        await self._take_up_writing(feeds)

    async def _take_up_writing(self, feeds: dict[str, FeedState]) -> None:
        """What only the writer does: tag watchlist mentions and poll."""
        from ingest.enrichment import EnrichmentService

        self.enrichment = EnrichmentService(
            self.service, (*self.config.people, *self.config.companies)
        )
        await self._start_polling(feeds)
        self._catch_up_enrichment()

    async def _load_state(self) -> dict[str, FeedState]:
        """Replace the state with what the store holds; returns the feed states.

        Built on the storage thread, where the store may be read, so sorting
        and counting 100,000 articles never blocks the event loop.
        """
        store = self.service.store

        def build() -> LibraryState:
            loaded = LibraryState()
            loaded.load(store.articles(), store.user_flags())
            loaded.feeds = store.feed_states()
            return loaded

        loaded = await self.service.call(build)
        self.state.take_loaded(loaded)
        return self.state.feeds

    def _catch_up_enrichment(self) -> None:
        """Enrich what the current watchlist has not seen, in the background."""
        if self.enrichment is None:
            return
        pending = self.enrichment.pending(list(self.state.articles.values()))

        async def run() -> None:
            assert self.enrichment is not None
            # Small slices keep each storage write short and the UI updating.
            for start in range(0, len(pending), 1000):
                updated = await self.enrichment.enrich(pending[start : start + 1000])
                self._articles_enriched(updated)
            newest = self.state.view(ViewFilter())[:STORY_WINDOW]
            await self._group_stories([self.state.articles[i] for i in reversed(newest)])

        self.run_worker(run(), name="enrich", group="enrich", exclusive=True, exit_on_error=False)

    async def _group_stories(self, articles: list[Article]) -> None:
        """Add articles to the story grouper; the list shows each story once."""
        if self.enrichment is None or not articles:
            return
        # Grouping runs in the enrichment worker process, which holds the
        # newest articles' story features: the UI's loop only merges results.
        groups = await self.enrichment.group_stories(articles)
        touched = self.state.merge_stories(groups)
        if touched:
            changed = [self.state.articles[i] for i in touched if i in self.state.articles]
            self._broadcast(LibraryChanged(updated=changed))

    def _polled_articles_enriched(self, articles: list[Article]) -> None:
        """New articles from a poll, now enriched: update, alert, group."""
        self._articles_enriched(articles)
        self._raise_alerts(articles)
        self.run_worker(self._group_stories(articles), group="stories", exit_on_error=False)

    def _raise_alerts(self, articles: list[Article]) -> None:
        watched = {entity.id for entity in self._watch.entities}
        fresh: list[tuple[Article, list[str]]] = []
        alerted = set(self.alerts)
        for article in articles:
            names = [e for e in article.entities if e in watched and e not in self._watch.muted]
            if names and article.id not in alerted:
                fresh.append((article, names))
        if not fresh:
            return
        self.alerts[:0] = [article.id for article, _ in fresh]
        del self.alerts[MAX_ALERTS:]
        # Announced once per burst: 500 feeds polled at once must not mean
        # hundreds of toasts (each one a timer and a repaint) and bells.
        self._unannounced.extend(fresh)
        if len(self._unannounced) == len(fresh):
            self.set_timer(ALERT_ANNOUNCE_DELAY, self._announce_alerts)
        self._broadcast(LibraryChanged(feeds_changed=True))
        self.run_worker(self._save_meta("alerts", list(self.alerts)), group="meta")

    def _announce_alerts(self) -> None:
        burst, self._unannounced = self._unannounced, []
        if not burst:
            return
        if len(burst) == 1:
            [(article, names)] = burst
            who = ", ".join(self.entity_name(e) for e in names[:3])
            self.notify(f"{who}: {article.title}", title="Watchlist", timeout=8, markup=False)
        else:
            mentioned = Counter(e for _, names in burst for e in names)
            who = ", ".join(self.entity_name(e) for e, _ in mentioned.most_common(3))
            self.notify(
                f"{len(burst)} new articles mention {who}. See ⚑ Alerts.",
                title="Watchlist",
                timeout=8,
                markup=False,
            )
        if self.config.settings.bell:
            self.bell()

    async def _save_meta(self, key: str, value: object) -> None:
        if self.service.store.writer:
            await self.service.call(self.service.store.set_meta, key, value)
            await self.service.flush_state()

    def entity_profile(self, entity: str) -> EntityProfile:
        for watched in self._watch.entities:
            if watched.id == entity:
                config = watched.config
                return EntityProfile(
                    entity,
                    watched.name,
                    watched.kind,
                    config.affiliation,
                    config.note,
                    entity in self._watch.muted,
                )
        return EntityProfile(
            entity,
            self.entity_name(entity),
            entity.split(":", 1)[0],
            None,
            None,
            entity in self._watch.muted,
        )

    def is_muted(self, entity: str) -> bool:
        return entity in self._watch.muted

    def toggle_mute(self, entity: str) -> bool:
        """Mute or unmute alerts for an entity; returns whether it is muted now."""
        if entity in self._watch.muted:
            self._watch.muted.discard(entity)
        else:
            self._watch.muted.add(entity)
        self.run_worker(self._save_meta("muted_entities", sorted(self._watch.muted)), group="meta")
        self._broadcast(LibraryChanged(feeds_changed=True))
        return entity in self._watch.muted

    def _articles_enriched(self, articles: list[Article]) -> None:
        if not articles:
            return
        self.state.update(articles)
        self._broadcast(LibraryChanged(updated=articles))

    # -- polling -------------------------------------------------------------

    async def _start_polling(self, feed_states: dict[str, FeedState]) -> None:
        if not self.options.poll or self.polling is not None:
            return
        from ingest.polling import PollingService

        # Built on a thread (the HTTP client's TLS set-up, the pools: ~45 ms),
        # then started a few dozen sources per event-loop turn.
        polling = await asyncio.to_thread(
            PollingService,
            self.service,
            self.config,
            feed_states=feed_states,
            on_new_articles=self._articles_arrived,
            on_feed_state=self._feed_state_changed,
            on_progress=self._poll_progress,
            on_articles_enriched=self._polled_articles_enriched,
            enrichment=self.enrichment,
            # HTTP on a thread of its own: this loop draws and reacts to keys.
            fetch_off_loop=True,
        )
        if self.polling is not None or self._library_closed:
            await polling.aclose()
            return
        self.polling = polling
        await polling.start_gradually()

    def _articles_arrived(self, articles: list[Article]) -> asyncio.Future[None]:
        """A poll's new articles; the poll waits until they are in the state."""
        return self._arrivals.submit(articles)

    def _take_in_arrivals(self, articles: list[Article]) -> None:
        added = self.state.add(articles)
        if not added:
            return
        self._freezer.kept(len(added))  # short full collections while a poll pours in
        self.status = self.status.with_changes(
            new_since_look=self.status.new_since_look + len(added)
        )
        self._broadcast(LibraryChanged(added=added))
        # Polled items arrive enriched (enrichment runs before storing).
        enriched = [article for article in added if article.enriched]
        if enriched:
            self._raise_alerts(enriched)
            self.run_worker(self._group_stories(enriched), group="stories", exit_on_error=False)

    def _feed_state_changed(self, state: FeedState) -> None:
        self.state.feeds[state.feed_id] = state
        enabled = self._enabled_feed_ids
        failing = sum(
            1 for s in self.state.feeds.values() if s.feed_id in enabled and s.health == "failing"
        )
        self.status = self.status.with_changes(failing_feeds=failing)
        self._broadcast(LibraryChanged(feeds_changed=True))

    def _poll_progress(self, progress: PollProgress) -> None:
        self.status = self.status.with_changes(
            polling_done=progress.finished,
            polling_total=progress.started,
            last_update=progress.last_completed or self.status.last_update,
        )
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen) and screen.is_mounted:
                screen.refresh_status()

    def refresh_feeds(self, feed_ids: list[str] | None = None) -> None:
        if self.polling is None:
            self.notify("This aiwire is read-only: the writer polls.", timeout=3)
            return
        count = len(self.polling.enabled_sources(feed_ids))
        if not count:
            self.notify("No enabled sources to refresh.", timeout=3)
            return
        self.notify(f"Refreshing {count} feed{'s' if count != 1 else ''}…", timeout=2)
        self.run_worker(self.polling.refresh(feed_ids), group="refresh", exit_on_error=False)

    async def _check_config(self) -> None:
        # Parsing runs in a thread: a huge or slow feeds.toml must not freeze the UI.
        change = await asyncio.to_thread(self._config_watcher.poll)
        if change is None:
            return
        if isinstance(change, ConfigError):
            first = str(change.problems[0]) if change.problems else str(change)
            self.status = self.status.with_changes(config_error=first)
            log.error("feeds.toml not applied: %s", change)
            self.notify(
                first,
                title="feeds.toml has a mistake; the last good configuration stays in use",
                severity="error",
                timeout=10,
            )
            self._broadcast(LibraryChanged(feeds_changed=True))
            return
        self._apply_config(change)
        self.notify("feeds.toml reloaded.", timeout=3)

    async def _load_seeds(self) -> None:
        from ingest.seeds import load_pending_seeds_in_worker

        # Extracted in a process of its own: dateparser's import and lingua's
        # models hold the GIL for ~100 ms each, felt here as a frozen screen.
        added = await load_pending_seeds_in_worker(self.service, self.options.seeds_dir)
        if added:
            log.info("loaded %d seed articles from %s", len(added), self.options.seeds_dir)

    async def on_unmount(self) -> None:
        self._arrivals.close()
        try:
            if self.polling is not None:
                await self.polling.aclose()
        except Exception:  # noqa: BLE001 - shutting down: log, then still close the rest
            log.exception("stopping the poller failed")
        finally:
            if self.enrichment is not None:
                self.enrichment.close()
            self.close_library()

    def close_library(self) -> None:
        if self._library_closed:
            return
        self._library_closed = True
        if self._service is None:
            return  # never opened: nothing to flush, no lock held
        try:
            self.service.close()
        except Exception:  # noqa: BLE001 - the app is exiting; log, never raise
            log.exception("closing the store failed")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Background work fails loudly in the log and briefly on screen, never silently."""
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            log.error(
                "background task %s failed", event.worker.name or event.worker.group, exc_info=error
            )
            self.notify(
                f"{event.worker.name or event.worker.group}: {error}",
                title="Background task failed",
                severity="error",
                timeout=8,
            )

    # -- configuration -------------------------------------------------------

    def _load_config(self) -> None:
        # The watcher's first look always reports: it reads and parses the file
        # for the start too (reading it apart, as well, parsed it twice).
        loaded = self._config_watcher.poll()
        if isinstance(loaded, ConfigError):
            first = str(loaded.problems[0]) if loaded.problems else str(loaded)
            self.status = self.status.with_changes(config_error=first)
            log.error("configuration not loaded: %s", loaded)
            return
        if loaded is not None:
            self._apply_config(loaded)

    def _apply_config(self, config: Config) -> None:
        """Use a configuration that loaded without mistakes."""
        self.config = config
        # Asked once per polled feed: 500 feeds each scanning 500 sources held the loop.
        self._enabled_feed_ids = frozenset(s.id for s in config.sources if s.enabled)
        # Asked for every article row drawn.
        self._source_names = {source.id: source.name for source in config.sources}
        self.status = self.status.with_changes(config_error=None)
        if self.polling is not None:
            self.polling.apply_config(config)
        if self.enrichment is not None and self.enrichment.set_entities(
            (*config.people, *config.companies)
        ):
            self._catch_up_enrichment()
        self._watch.entities = [
            WatchedEntity(entity_id(entity.kind, entity.name), entity.kind, entity.name, entity)
            for entity in (*self.config.people, *self.config.companies)
        ]
        if self.config.settings.keymap:
            self.set_keymap(self._resolve_keymap(dict(self.config.settings.keymap)))
        if self.is_running:
            self._broadcast(LibraryChanged(feeds_changed=True, names_changed=True))

    def _resolve_keymap(self, keymap: dict[str, str]) -> dict[str, str]:
        """Accept full binding ids ("app.refresh") or their short names ("refresh")."""
        known = self.keys_by_binding_id()
        resolved: dict[str, str] = {}
        for name, keys in keymap.items():
            matches = [bid for bid in known if bid == name or bid.split(".", 1)[-1] == name]
            if not matches:
                log.warning("keymap: no binding called %r", name)
            for binding_id in matches:
                resolved[binding_id] = keys
        return resolved

    def sources(self) -> tuple[SourceConfig, ...]:
        return self.config.sources

    def feed_names(self) -> dict[str, str]:
        names = {source.id: source.name for source in self.config.sources}
        names[SEED_FEED_ID] = "Seed articles"
        return names

    def entity_names(self) -> dict[str, str]:
        return {entity.id: entity.name for entity in self._watch.entities}

    def source_name(self, article: Article) -> str:
        if article.feed_id == SEED_FEED_ID:
            return article.source.outlet if article.source and article.source.outlet else "Seed"
        name = self._source_names.get(article.feed_id)
        if name is not None:
            return name
        feed_state = self.state.feeds.get(article.feed_id)
        return feed_state.title if feed_state and feed_state.title else article.feed_id

    def entity_name(self, entity: str) -> str:
        for watched in self._watch.entities:
            if watched.id == entity:
                return watched.name
        return entity.split(":", 1)[-1]

    def entity_rows(self) -> list[tuple[str, str, str, int, int, tuple[int, ...], bool]]:
        """(id, name, kind, total, unread, mentions per day over 30 days, muted)."""
        today = datetime.now(UTC).date()
        rows = []
        for watched in self._watch.entities:
            total, unread, per_day = self.state.entity_stats(watched.id, today)
            rows.append(
                (
                    watched.id,
                    watched.name,
                    watched.kind,
                    total,
                    unread,
                    per_day,
                    watched.id in self._watch.muted,
                )
            )
        rows.sort(key=lambda row: (-row[3], row[1].casefold()))
        return rows

    # -- changes asked for by screens ----------------------------------------

    def _broadcast(self, message: LibraryChanged) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.post_message(message)

    def set_status_message(self, text: str | None) -> None:
        self.status = self.status.with_changes(message=text)
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen) and screen.is_mounted:
                screen.refresh_status()

    def _require_writer(self) -> bool:
        if self.service.store.writer:
            return True
        self.notify(
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
        self.run_worker(
            self.service.set_flags(changed, read=read, starred=starred),
            group="flags",
            exit_on_error=False,
        )
        self._schedule_user_flush()
        self._broadcast(LibraryChanged(flags_changed=True))

    def _schedule_user_flush(self) -> None:
        # Batching: a burst of key presses costs one small write, not one each.
        if self._user_flush_pending:
            return
        self._user_flush_pending = True

        async def flush() -> None:
            self._user_flush_pending = False
            if not self._library_closed:  # closing flushes everything itself
                await self.service.flush_user()

        self.set_timer(
            USER_FLUSH_DELAY,
            lambda: self.run_worker(flush(), group="flags", exit_on_error=False),
        )

    async def reader_content(self, article_id: str) -> ReaderContent | None:
        article = self.state.articles.get(article_id)
        if article is None:
            return None
        body = await self.service.body(article_id)
        events = tuple(
            f"{event_label(event.get('kind', '?'))}: "
            f"{self.entity_name(event.get('entity_id', ''))} — "
            f"“{event.get('sentence', '')}”"
            for event in article.events
        )
        also_in = tuple(
            f"{self.source_name(self.state.articles[other])} — "
            f"{self.state.articles[other].title} ({self.state.articles[other].language or '?'})"
            "  [a]"
            for other in self.state.also_in(article_id)
            if other in self.state.articles
        )
        return ReaderContent(
            article=article,
            also_in=also_in,
            body=body,
            source_name=self.source_name(article),
            entity_names=tuple(self.entity_name(e) for e in article.entities),
            event_lines=events,
            read=self.state.is_read(article_id),
            starred=self.state.is_starred(article_id),
        )

    def prepare_search(self) -> None:
        """Build the search index while the user types the first query."""
        from storage.search import prepare_search

        self.run_worker(
            self.service.call(prepare_search, self.service.store),
            name="search index",
            group="search-index",
            exclusive=True,
            exit_on_error=False,
        )

    async def search(self, query: str) -> list[str]:
        from storage.search import search_articles

        return await self.service.call(search_articles, self.service.store, query)

    def open_link(self, url: str) -> None:
        if _browser_available():
            webbrowser.open(url, new=2)
            self.notify(url, title="Opened in the browser", timeout=4, markup=False)
            return
        self.copy_to_clipboard(url)
        self.notify(
            f"No browser here (SSH session?). Copied instead: {url}",
            title="Link copied (OSC 52)",
            timeout=6,
            markup=False,
        )

    # -- read-only instances follow the writer -------------------------------

    async def _follow_writer(self) -> None:
        if await self.service.try_become_writer():
            self.status = self.status.with_changes(writer=True)
            self.notify("The other aiwire has exited: this one now writes.", timeout=6)
            # A worker of its own: stopping this timer cancels this very callback.
            self.run_worker(self._take_over_writing(), name="take-over", exit_on_error=False)
            for timer in list(self._timers):
                if timer.name == "follow-writer":
                    timer.stop()
            return
        result = await self.service.refresh()
        if not result.anything:
            return
        added = self.state.add(result.new_articles)
        self.state.update(result.updated_articles)
        if result.user_state_changed:
            self.state.replace_flags(await self.service.call(self.service.store.user_flags))
        if result.feeds_changed:
            self.state.feeds = await self.service.call(self.service.store.feed_states)
        self.status = self.status.with_changes(
            new_since_look=self.status.new_since_look + len(added),
            last_update=datetime.now(UTC),
        )
        self._broadcast(
            LibraryChanged(
                added=added,
                updated=result.updated_articles,
                flags_changed=result.user_state_changed,
                feeds_changed=result.feeds_changed,
            )
        )

    # -- actions -------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.keys_by_binding_id()))

    def keys_by_binding_id(self) -> dict[str, str]:
        """The keys bound to each binding id right now, keymap included."""
        from tui.widgets.article_list import ArticleList
        from tui.widgets.feed_list import FeedList
        from tui.widgets.reader import Reader
        from tui.widgets.watchlist_panel import WatchlistPanel

        keys: dict[str, list[str]] = {}
        for owner in (AiwireApp, MainScreen, ArticleList, FeedList, Reader, WatchlistPanel):
            for binding in owner.BINDINGS:
                if isinstance(binding, Binding) and binding.id:
                    bound = (
                        self._keymap.get(binding.id, binding.key)
                        if hasattr(self, "_keymap")
                        else binding.key
                    )
                    keys.setdefault(binding.id, []).extend(
                        self.get_key_display(Binding(key, "")) for key in bound.split(",")
                    )
        return {binding_id: " ".join(dict.fromkeys(k)) for binding_id, k in keys.items()}

    def action_refresh_all(self) -> None:
        self.refresh_feeds(None)

    def action_edit_config(self) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        if shutil.which(editor.split()[0]) is None:
            self.notify(f"Editor {editor!r} not found; set $EDITOR.", severity="error")
            return
        try:
            with self.suspend():
                subprocess.call([*editor.split(), str(self.options.config_path)])
        except Exception as error:  # noqa: BLE001 - e.g. no terminal to hand over (web)
            self.notify(f"Could not start the editor: {error}", severity="error")
            return
        self.apply_config_change()

    def apply_config_change(self) -> None:
        self.run_worker(self._check_config(), group="config", exit_on_error=False)


async def _import_off_loop(*modules: str) -> None:
    """Import modules on a thread (a later import statement finds them loaded)."""
    await asyncio.to_thread(lambda: [importlib.import_module(name) for name in modules])


def _browser_available() -> bool:
    """A browser can be opened only with a display, not in a bare SSH session."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return False
    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True
