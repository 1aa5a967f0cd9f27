"""The store's shard files: finding, loading, flushing, and dropping them.

A mixin of ArticleStore (store.py). A shard is the unit that is loaded,
compacted and moved aside when damaged, so one bad file costs 500 rows, not
the archive. New rows are appended to the newest shard's log; the others
are sealed and load from their snapshots (snapshots.py) when they have one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB

from storage.atomic import AtomicJSONStorage, CachedStorage, CorruptDataFile, fsync_directory
from storage.bodies import BodyRef
from storage.log_storage import AppendLogStorage
from storage.records import Article, article_from_values
from storage.row_refs import doc_of, row_ref, shard_of
from storage.snapshots import (
    Loaded,
    file_stamp,
    read_snapshot,
    remove_snapshot,
    rows_of,
    stat_signature,
    write_snapshot,
)
from storage.text_refs import TextRefs
from storage.texts import ARTICLES_TABLE

log = logging.getLogger(__name__)

# Small enough that the rewrite of the newest shard after a poll costs well
# under a megabyte; 100,000 articles are 200 files, which load as fast as 20.
SHARD_CAPACITY = 500

ShardStorage = CachedStorage


@dataclass(frozen=True, slots=True)
class MovedAside:
    original: Path
    moved_to: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.original.name} could not be read ({self.reason}); moved to {self.moved_to}"


@dataclass(slots=True)
class OpenReport:
    writer: bool
    holder_pid: int | None = None
    moved_aside: list[MovedAside] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Shard:
    path: Path
    storage: ShardStorage
    db: TinyDB
    count: int = 0
    mtime_ns: int = 0  # the file's stat_signature when last read or written

    @property
    def table(self) -> Any:
        return self.db.table(ARTICLES_TABLE, cache_size=0)


def shard_number(path: Path) -> int:
    return int(path.stem.split("-")[1])


class ShardFiles:
    """Needs the ArticleStore attributes it names below."""

    data_dir: Path
    bytes_written: int
    _shards: list[Shard]
    _highest_shard: int
    _articles: dict[str, Article]
    _doc_ref: dict[str, int]  # id -> row_refs.row_ref(shard index, doc id)
    _body_ref: TextRefs
    _full_ref: TextRefs
    _report: OpenReport

    if TYPE_CHECKING:

        @property
        def writer(self) -> bool: ...
        def _load_articles(self) -> None: ...
        def _defer_refs(self, shard_index: int, ids: list[str], loaded: Loaded) -> None: ...
        def _save_newest(self) -> None: ...

    def _handle_corrupt(self, error: CorruptDataFile) -> None:
        """Never silently replace a file that does not load: move it aside."""
        if not self.writer:
            self._report.unreadable.append(str(error))
            return
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = error.path.with_name(f"{error.path.name}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = error.path.with_name(f"{error.path.name}.corrupt-{stamp}-{counter}")
        os.replace(error.path, target)
        remove_snapshot(error.path)
        moved = MovedAside(error.path, target, error.reason)
        self._report.moved_aside.append(moved)
        log.warning("%s", moved)

    def _shard_paths(self) -> list[Path]:
        found = [
            path
            for path in (self.data_dir / "articles").glob("shard-*.json*")
            if path.suffix in (".json", ".jsonl")
        ]
        return sorted(found, key=lambda path: (path.stem, path.suffix))

    def shard_signatures(self) -> dict[str, str]:
        """Shard file name -> its size and mtime (for the search index, which compares
        only the shards that changed since it was saved). A copy made with its
        times kept (cp -p, shutil.copytree) keeps them."""
        self._load_articles()
        found = {}
        for shard in self._shards:
            with contextlib.suppress(OSError):
                stat = shard.path.stat()
                found[shard.path.name] = f"{stat.st_size}:{stat.st_mtime_ns}"
        return found

    def ids_in_shards(self, names: Iterable[str]) -> list[str]:
        """The ids of the articles whose rows are in these shard files."""
        self._load_articles()
        names = set(names)
        wanted = {i for i, shard in enumerate(self._shards) if shard.path.name in names}
        if not wanted:
            return []
        return [article_id for article_id, ref in self._doc_ref.items() if shard_of(ref) in wanted]

    def _open_shard(self, path: Path) -> Shard:
        storage_holder: list[ShardStorage] = []
        kind = AppendLogStorage if path.suffix == ".jsonl" else AtomicJSONStorage

        def make_storage(*_args: Any, **_kwargs: Any) -> ShardStorage:
            storage = kind(path, read_only=not self.writer)
            storage_holder.append(storage)
            return storage

        db = TinyDB(storage=make_storage)
        self._highest_shard = max(self._highest_shard, shard_number(path))
        return Shard(path=path, storage=storage_holder[0], db=db)

    def _load_shards(self) -> None:
        paths = self._shard_paths()
        for number, path in enumerate(paths, 1):
            self._load_shard_file(path, sealed=number < len(paths))

    def _load_shard_file(self, path: Path, *, sealed: bool = False) -> list[Article]:
        """Load a shard, from its snapshot when it has a current one.

        The signature is taken before reading: if the writer replaces the file
        meanwhile, the next refresh sees a new signature and reads it again.
        """
        signature = stat_signature(path)
        stamp = file_stamp(path)
        shard = self._open_shard(path)
        loaded = read_snapshot(path, stamp)
        if loaded is None:
            try:
                data = shard.storage.read() or {}
                table = data.get(ARTICLES_TABLE, {})
                if not isinstance(table, dict):
                    raise CorruptDataFile(path, "articles table is not an object")
                loaded = self._read_rows(table)
            except CorruptDataFile as error:
                self._handle_corrupt(error)
                return []
            except (KeyError, TypeError, ValueError) as error:
                self._handle_corrupt(CorruptDataFile(path, f"unexpected content ({error!r})"))
                return []
            if self.writer and (sealed or len(table) >= SHARD_CAPACITY):
                self.bytes_written += write_snapshot(path, stamp, table)
        self._index_loaded(len(self._shards), loaded)
        shard.count = len(loaded.articles)
        shard.mtime_ns = signature
        self._shards.append(shard)
        self._release_if_full(shard)
        return loaded.articles

    @staticmethod
    def _read_rows(table: Mapping[str, dict[str, Any]]) -> Loaded:
        doc_ids, values, bodies, fulls = rows_of(table)
        return Loaded(doc_ids, list(map(article_from_values, values)), bodies, fulls)

    def _index_loaded(self, shard_index: int, loaded: Loaded) -> None:
        ids = [article.id for article in loaded.articles]
        self._articles.update(zip(ids, loaded.articles, strict=True))
        self._defer_refs(shard_index, ids, loaded)  # indexed at first use: deferred_refs.py

    @staticmethod
    def _release_if_full(shard: Shard) -> None:
        """A full shard only changes when an article is updated: its rows live on as
        Articles in the index, and TinyDB reads the file again when it needs it."""
        if shard.count >= SHARD_CAPACITY:
            shard.storage.release()

    def _shard_with_room(self) -> int:
        if self._shards and self._shards[-1].count < SHARD_CAPACITY:
            return len(self._shards) - 1
        # Never a number used before: a follower may still hold the rows of a dropped one.
        path = self.data_dir / "articles" / f"shard-{self._highest_shard + 1:06d}.jsonl"
        self._shards.append(self._open_shard(path))
        return len(self._shards) - 1

    def _flush_shards(self, shard_indexes: Iterable[int]) -> None:
        # No snapshot here: a poll that fills shards would write them too. A
        # shard changed since its snapshot gets a new one when next opened.
        for shard_index in shard_indexes:
            shard = self._shards[shard_index]
            self.bytes_written += shard.storage.flush()
            shard.mtime_ns = stat_signature(shard.path)
            self._release_if_full(shard)

    def _discard_unflushed(self, shard_indexes: list[int], shards_before: int) -> None:
        """Forget inserts that never reached disk: memory goes back to the files."""
        for shard_index in shard_indexes:
            shard = self._shards[shard_index]
            shard.storage.reload()
            try:
                table = (shard.storage.read() or {}).get(ARTICLES_TABLE, {})
            except CorruptDataFile:
                table = {}
            shard.count = len(table)
        # New, never-written shards are dropped; a later add creates them again.
        while len(self._shards) > shards_before and not self._shards[-1].path.exists():
            self._shards.pop()

    def _index_refs(self, article_id: str, doc: Mapping[str, Any]) -> None:
        if "body" in doc:
            file, offset, length = BodyRef.from_list(doc["body"])
            self._body_ref[article_id] = (sys.intern(file), offset, length)
        if "full" in doc:
            file, offset, length = BodyRef.from_list(doc["full"])
            self._full_ref[article_id] = (sys.intern(file), offset, length)

    def drop_empty_shards(self) -> int:
        """Delete the files of shards a removal left without rows; returns how many.

        Pruning the oldest articles empties the oldest shards; their files would
        otherwise stay as logs of deleted rows, read on every start.
        """
        empty = [
            index
            for index, shard in enumerate(self._shards)
            if shard.count == 0 and not shard.storage.dirty and shard.path.exists()
        ]
        for index in empty:
            path = self._shards[index].path
            path.unlink()
            remove_snapshot(path)
        if empty:
            fsync_directory(self.data_dir / "articles")
            self._drop_shards(empty)
            self._save_newest()  # the newest rows' file names the shards it was taken from
        return len(empty)

    def _drop_shards(self, indexes: list[int]) -> None:
        """Take shards out of the list; the rows of the others are renumbered."""
        gone = set(indexes)
        new_index: dict[int, int] = {}
        for index in range(len(self._shards)):
            if index not in gone:
                new_index[index] = len(new_index)
        self._shards = [shard for index, shard in enumerate(self._shards) if index not in gone]
        first = min(gone)
        for article_id, ref in list(self._doc_ref.items()):
            index = shard_of(ref)
            if index > first:
                self._doc_ref[article_id] = row_ref(new_index[index], doc_of(ref))
