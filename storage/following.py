"""Following another writer: a read-only store re-reads what changed on disk.

A mixin of ArticleStore (store.py). Files are compared by their stat
signature, so a refresh with nothing new costs a stat per file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storage.atomic import CorruptDataFile
from storage.records import Article
from storage.row_refs import row_ref, shard_of
from storage.shard_files import Shard
from storage.snapshots import stat_signature
from storage.texts import ARTICLES_TABLE
from storage.user_state import STATE_FILE, USER_FILE

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from storage.lock import WriterLock
    from storage.log_storage import AppendLogStorage
    from storage.recent_items import RecentItems
    from storage.shard_files import OpenReport


@dataclass(slots=True)
class RefreshResult:
    """What changed on disk since the last look (read-only instances)."""

    new_articles: list[Article] = field(default_factory=list)
    updated_articles: list[Article] = field(default_factory=list)
    user_state_changed: bool = False
    feeds_changed: bool = False
    removed_ids: list[str] = field(default_factory=list)  # pruned by the writer

    @property
    def anything(self) -> bool:
        return bool(
            self.new_articles
            or self.updated_articles
            or self.removed_ids
            or self.user_state_changed
            or self.feeds_changed
        )


class Following:
    """Needs the ArticleStore attributes it names below."""

    data_dir: Path
    _want_writer: bool
    _shards: list[Shard]
    _articles: dict[str, Article]
    _doc_ref: dict[str, int]  # id -> row_refs.row_ref(shard index, doc id)
    _recent: RecentItems
    _by_feed: dict[str, list[str]] | None
    _removed_since_refresh: list[str]
    _user_signature: int
    _state_signature: int
    _state_storage: AppendLogStorage | None
    _feed_doc_ids: dict[str, int] | None
    _report: OpenReport

    if TYPE_CHECKING:

        @property
        def writer(self) -> bool: ...
        def _load_articles(self) -> None: ...
        def _load_user(self) -> None: ...
        def _shard_paths(self) -> list[Path]: ...
        def _load_shard_file(self, path: Path, *, sealed: bool = False) -> list[Article]: ...
        def _index_refs(self, article_id: str, doc: Mapping[str, Any]) -> None: ...
        def _forget(self, article_ids: Iterable[str]) -> None: ...
        def _release_if_full(self, shard: Shard) -> None: ...
        def _drop_shards(self, indexes: list[int]) -> None: ...

    _lock: WriterLock

    def refresh(self) -> RefreshResult:
        """Re-read whatever the writer changed on disk (read-only instances)."""
        self._load_articles()
        self._recent.forget()
        self._by_feed = None
        result = RefreshResult()
        paths = self._shard_paths()
        self._forget_vanished_shards(set(paths))
        known = {shard.path: index for index, shard in enumerate(self._shards)}
        for path in paths:
            index = known.get(path)
            if index is None:
                result.new_articles.extend(self._load_shard_file(path))
                continue
            shard = self._shards[index]
            if stat_signature(path) == shard.mtime_ns:
                continue
            new, updated = self._reload_shard(index)
            result.new_articles.extend(new)
            result.updated_articles.extend(updated)
        result.removed_ids, self._removed_since_refresh = self._removed_since_refresh, []
        if stat_signature(self.data_dir / USER_FILE) != self._user_signature:
            self._load_user()
            result.user_state_changed = True
        state_signature = stat_signature(self.data_dir / STATE_FILE)
        if state_signature != self._state_signature:
            assert self._state_storage is not None
            self._state_storage.reload()
            self._feed_doc_ids = None
            with contextlib.suppress(CorruptDataFile):
                self._state_storage.read()
            self._state_signature = state_signature
            result.feeds_changed = True
        return result

    def _forget_vanished_shards(self, present: set[Path]) -> None:
        """Shards the writer deleted (emptied by a prune): their rows are gone too."""
        vanished = [i for i, shard in enumerate(self._shards) if shard.path not in present]
        if not vanished:
            return
        dropped = set(vanished)
        gone = [a for a, ref in self._doc_ref.items() if shard_of(ref) in dropped]
        self._forget(gone)
        self._removed_since_refresh.extend(gone)
        self._drop_shards(vanished)

    def _reload_shard(self, index: int) -> tuple[list[Article], list[Article]]:
        shard = self._shards[index]
        signature = stat_signature(shard.path)  # before reading: see _load_shard_file
        shard.storage.reload()
        try:
            table = (shard.storage.read() or {}).get(ARTICLES_TABLE, {})
        except CorruptDataFile:
            return [], []
        new: list[Article] = []
        updated: list[Article] = []
        present: set[str] = set()
        for doc_id, doc in table.items():
            article = Article.from_doc(doc)
            previous = self._articles.get(article.id)
            self._articles[article.id] = article
            self._doc_ref[article.id] = row_ref(index, int(doc_id))
            self._index_refs(article.id, doc)
            present.add(article.id)
            if previous is None:
                new.append(article)
            elif previous != article:
                updated.append(article)
        if shard.count + len(new) != len(table):  # rows were removed (retention)
            gone = [
                a for a, ref in self._doc_ref.items() if shard_of(ref) == index and a not in present
            ]
            self._forget(gone)
            self._removed_since_refresh.extend(gone)
        shard.count = len(table)
        shard.mtime_ns = signature
        self._release_if_full(shard)
        return new, updated

    def try_become_writer(self) -> bool:
        """Take over writing when the previous writer has gone away."""
        if self.writer or not self._want_writer:
            return self.writer
        if not self._lock.try_acquire():
            return False
        self.refresh()
        for shard in self._shards:
            shard.storage.read_only = False
        if self._state_storage is not None:
            self._state_storage.read_only = False
        self._report.writer = True
        return True
