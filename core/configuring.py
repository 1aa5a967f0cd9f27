"""The library's configuration: feeds.toml read off the loop, watched for
edits, and applied to the names, the watchlist, notifications and polling."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.config_fallback import use_bundled_fallback
from core.events import ArchiveChanged, ConfigApplied, ConfigRejected, LibraryEvent
from core.names import SourceNames
from core.watch import Watchlist
from ingest.config import Config, ConfigError, ConfigWatcher, Settings
from storage.records import Article

if TYPE_CHECKING:
    from core.notify import Notifier
    from core.state import LibraryState
    from core.tasks import Tasks
    from core.writing import Writing

log = logging.getLogger(__name__)

CONFIG_CHECK_INTERVAL = 2.0  # seconds between looks at feeds.toml for edits


def empty_config(path: Path) -> Config:
    return Config(path=path, settings=Settings(), sources=(), people=(), companies=())


class Configuring:
    """The configuration, as the Library (core.library) keeps it."""

    config: Config
    config_loaded: bool
    names: SourceNames
    watchlist: Watchlist
    notifier: Notifier | None
    _watcher: ConfigWatcher
    _enabled_feed_ids: frozenset[str]

    if TYPE_CHECKING:
        state: LibraryState
        tasks: Tasks
        writing: Writing | None
        _closed: bool

        def emit(self, event: LibraryEvent) -> None: ...
        def set_status(self, **changes: Any) -> None: ...
        def notice(self, text: str, **options: Any) -> None: ...

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
