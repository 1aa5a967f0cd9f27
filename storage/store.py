"""The article store: TinyDB metadata shards, a body store, and user state.

Layout of a data directory:

    writer.lock              flock()ed by the one process allowed to write
    articles/shard-000001.jsonl ...  TinyDB databases, at most SHARD_CAPACITY rows each,
                             kept as append-only logs (see log_storage.py);
                             shard-*.json files of older versions still load
    bodies/2026-11.jsonl ... append-only article bodies (see bodies.py)
    user.json                read/starred flags, keyed by article id
    state.jsonl              TinyDB: per-feed polling state and small metadata, an
                             append-only log too (a poll of one feed appends its
                             state, not the state of all 500); state.json of
                             older versions is carried over on the first write

Why shards: a shard is the unit that is loaded, compacted and moved aside
when damaged, so one bad file costs 500 rows, not the archive. New rows are
appended to the newest shard's log, so a poll that brings 2,500 items writes
those rows and their bodies, nothing else. Why user.json apart: a key press
that marks an article read must not touch article metadata at all.

Thread-safety: none, like TinyDB. The owner calls it from one thread at a
time (the app uses a single dedicated storage thread).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb import Query, TinyDB

from storage.atomic import (
    AtomicJSONStorage,
    CachedStorage,
    CorruptDataFile,
    read_json_object,
    write_atomically,
)
from storage.bodies import BodyRef, BodyStore
from storage.gc_pause import gc_paused
from storage.lock import WriterLock
from storage.log_storage import AppendLogStorage
from storage.recent_items import RecentItems
from storage.records import READ_FLAG, STARRED_FLAG, Article, FeedState, NewArticle, UserState
from storage.search_index import TrackedArticles
from storage.texts import ARTICLES_TABLE, TextEdits

log = logging.getLogger(__name__)

# Small enough that the rewrite of the newest shard after a poll costs well
# under a megabyte; 100,000 articles are 200 files, which load as fast as 20.
SHARD_CAPACITY = 500
STATE_FILE = "state.jsonl"
LEGACY_STATE_FILE = "state.json"


# Keys an article's document holds only when they have a value: a replacement
# without one must drop the stored one.
OPTIONAL_KEYS = (
    "entities", "events", "links", "source", "enriched", "mentions", "alert_reasons",
)


class ReadOnlyStore(Exception):
    """A write was attempted by an instance that does not hold the writer lock."""


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


ShardStorage = CachedStorage


@dataclass(slots=True)
class _Shard:
    path: Path
    storage: ShardStorage
    db: TinyDB
    count: int = 0
    mtime_ns: int = 0

    @property
    def table(self) -> Any:
        return self.db.table(ARTICLES_TABLE, cache_size=0)


def _stat_signature(path: Path) -> int:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return 0
    return stat.st_mtime_ns ^ (stat.st_size << 1) ^ stat.st_ino


class ArticleStore(TextEdits):
    def __init__(self, data_dir: Path, *, want_writer: bool = True) -> None:
        self.data_dir = data_dir
        self._want_writer = want_writer
        self._lock = WriterLock(data_dir)
        self._bodies = BodyStore(data_dir / "bodies")
        self._shards: list[_Shard] = []
        # Notes which ids change, so the search index catches up without a rescan.
        self._articles: dict[str, Article] = TrackedArticles()
        self._doc_ref: dict[str, tuple[int, int]] = {}  # id -> (shard index, doc_id)
        # Plain tuples, not BodyRefs: the garbage collector stops tracking an
        # exact tuple of atoms, so 100,000 refs add nothing to a full collection.
        self._body_ref: dict[str, tuple[str, int, int]] = {}
        self._full_ref: dict[str, tuple[str, int, int]] = {}  # whole article text, if fetched
        self._pruned: dict[str, str] | None = None  # id -> when pruned; loaded on first add
        self._recent = RecentItems()  # items of churning guids: see recent_items.py
        self._user: dict[str, int] = {}
        self._user_dirty = False
        self._user_signature = 0
        self._state_signature = 0
        self._state_storage: AppendLogStorage | None = None
        self._state_db: TinyDB | None = None
        self._feed_doc_ids: dict[str, int] | None = None  # feed id -> its state's row
        self._report = OpenReport(writer=False)
        self._removed_since_refresh: list[str] = []
        self._articles_loaded = False
        self.bytes_written = 0

    # -- opening -----------------------------------------------------------

    @property
    def writer(self) -> bool:
        return self._lock.held

    @property
    def report(self) -> OpenReport:
        return self._report

    def open(self, *, defer_articles: bool = False) -> OpenReport:
        """Take the writer lock if free and load what is stored.

        `defer_articles`: read the article metadata only when something first
        needs it. A poll where every feed answers 304 needs the feed states,
        never the 100,000 articles; a file found damaged then is logged.
        """
        self.data_dir.mkdir(parents=True, exist_ok=True)
        (self.data_dir / "articles").mkdir(exist_ok=True)
        writer = self._want_writer and self._lock.try_acquire()
        self._report = OpenReport(writer=writer)
        if not writer:
            self._report.holder_pid = self._lock.holder_pid()
        if not defer_articles:
            self._load_articles()
        self._load_user()
        self._load_state()
        return self._report

    def _load_articles(self) -> None:
        if self._articles_loaded:
            return
        self._articles_loaded = True
        with gc_paused():
            self._load_shards()

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

    def _open_shard(self, path: Path) -> _Shard:
        storage_holder: list[ShardStorage] = []
        kind = AppendLogStorage if path.suffix == ".jsonl" else AtomicJSONStorage

        def make_storage(*_args: Any, **_kwargs: Any) -> ShardStorage:
            storage = kind(path, read_only=not self.writer)
            storage_holder.append(storage)
            return storage

        db = TinyDB(storage=make_storage)
        return _Shard(path=path, storage=storage_holder[0], db=db)

    def _load_shards(self) -> None:
        for path in self._shard_paths():
            self._load_shard_file(path)

    def _load_shard_file(self, path: Path) -> list[Article]:
        # The signature is taken before reading: if the writer replaces the file
        # meanwhile, the next refresh sees a new signature and reads it again.
        signature = _stat_signature(path)
        shard = self._open_shard(path)
        try:
            data = shard.storage.read() or {}
            table = data.get(ARTICLES_TABLE, {})
            if not isinstance(table, dict):
                raise CorruptDataFile(path, "articles table is not an object")
            loaded = self._index_docs(len(self._shards), table)
        except CorruptDataFile as error:
            self._handle_corrupt(error)
            return []
        except (KeyError, TypeError, ValueError) as error:
            self._handle_corrupt(CorruptDataFile(path, f"unexpected content ({error!r})"))
            return []
        shard.count = len(table)
        shard.mtime_ns = signature
        self._shards.append(shard)
        self._release_if_full(shard)
        return loaded

    @staticmethod
    def _release_if_full(shard: _Shard) -> None:
        """A full shard only changes when an article is updated: its rows live on as
        Articles in the index, and TinyDB reads the file again when it needs it."""
        if shard.count >= SHARD_CAPACITY:
            shard.storage.release()

    def _index_docs(self, shard_index: int, table: Mapping[str, dict[str, Any]]) -> list[Article]:
        loaded = []
        for doc_id, doc in table.items():
            article = Article.from_doc(doc)
            self._articles[article.id] = article
            self._doc_ref[article.id] = (shard_index, int(doc_id))
            self._index_refs(article.id, doc)
            loaded.append(article)
        return loaded

    def _load_user(self) -> None:
        path = self.data_dir / "user.json"
        signature = _stat_signature(path)  # before reading: see _load_shard_file
        try:
            data = read_json_object(path) or {}
        except CorruptDataFile as error:
            self._handle_corrupt(error)
            data = {}
        self._user = {str(k): int(v) for k, v in data.items() if isinstance(v, int)}
        self._user_signature = signature

    def _load_state(self) -> None:
        self._feed_doc_ids = None
        path = self.data_dir / STATE_FILE
        legacy = self.data_dir / LEGACY_STATE_FILE
        storage_holder: list[AppendLogStorage] = []

        def make_storage(*_args: Any, **_kwargs: Any) -> AppendLogStorage:
            storage = AppendLogStorage(path, read_only=not self.writer)
            storage_holder.append(storage)
            return storage

        db = TinyDB(storage=make_storage)
        signature = _stat_signature(path)  # before reading: see _load_shard_file
        try:
            if storage_holder[0].read() is None and legacy.exists():
                # Written by an older version: carried over as is; the next
                # flush writes all of it as the log (an unmarked write).
                carried = read_json_object(legacy)
                if carried:
                    storage_holder[0].write(carried)
        except CorruptDataFile as error:
            self._handle_corrupt(error)
            storage_holder[0].reload()
        self._state_db = db
        self._state_storage = storage_holder[0]
        self._state_signature = signature

    # -- reading -------------------------------------------------------------

    def __len__(self) -> int:
        self._load_articles()
        return len(self._articles)

    def __contains__(self, article_id: object) -> bool:
        self._load_articles()
        return article_id in self._articles

    def is_stored(self, item: NewArticle, *, now: datetime | None = None) -> bool:
        """Whether add() would keep `item` out as stored already."""
        self._load_articles()
        if item.id in self._articles or item.id in self._pruned_ids():
            return True
        now = (now or datetime.now(UTC)).replace(microsecond=0)
        return self._recent.stored_as(item, self._articles, now) is not None

    def get(self, article_id: str) -> Article | None:
        self._load_articles()
        return self._articles.get(article_id)

    def articles(self) -> Iterator[Article]:
        self._load_articles()
        return iter(list(self._articles.values()))

    def body_location(self, article_id: str) -> BodyRef | None:
        self._load_articles()
        where = self._body_ref.get(article_id)
        return BodyRef(*where) if where else None

    def body(self, article_id: str) -> str:
        """The whole article when it was fetched (set_full_texts), else the feed's text."""
        self._load_articles()
        full = self._full_ref.get(article_id)
        if full is not None:
            text = self._bodies.read(article_id, BodyRef(*full))
            if text:
                return text
        return self.summary(article_id)

    def summary(self, article_id: str) -> str:
        """The text the feed itself gave."""
        where = self.body_location(article_id)
        return self._bodies.read(article_id, where) if where else ""

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
        return [article_id for article_id, (i, _) in self._doc_ref.items() if i in wanted]

    def has_full_text(self, article_id: str) -> bool:
        self._load_articles()
        return article_id in self._full_ref

    def user_state(self, article_id: str) -> UserState:
        flags = self._user.get(article_id, 0)
        return UserState(read=bool(flags & READ_FLAG), starred=bool(flags & STARRED_FLAG))

    def user_flags(self) -> dict[str, int]:
        """A copy of every non-default read/starred flag, for the app state."""
        return dict(self._user)

    def feed_states(self) -> dict[str, FeedState]:
        assert self._state_db is not None
        return {doc["feed"]: FeedState.from_doc(doc) for doc in self._state_db.table("feeds").all()}

    def meta(self, key: str, default: Any = None) -> Any:
        assert self._state_db is not None
        found = self._state_db.table("meta").get(Query().key == key)
        return found["value"] if found else default

    # -- writing -------------------------------------------------------------

    def _require_writer(self) -> None:
        if not self.writer:
            raise ReadOnlyStore("this aiwire instance is read-only: another one is writing")

    def add(self, batch: Sequence[NewArticle], *, now: datetime | None = None) -> list[Article]:
        """Store the items not stored yet; returns them. Durable on return.

        An item already stored (same feed and identity, or same feed, link and
        title under a new guid) is kept as it was: storing it twice keeps one.
        """
        self._require_writer()
        self._load_articles()
        now = (now or datetime.now(UTC)).replace(microsecond=0)
        fresh: dict[str, NewArticle] = {}
        pruned = self._pruned_ids()
        in_batch: set[tuple[str, str, str]] = set()
        for item in batch:
            if item.id in self._articles or item.id in fresh or item.id in pruned:
                continue
            if self._recent.stored_as(item, self._articles, now) is not None:
                continue
            if item.link:
                if (item.feed_id, item.link, item.title) in in_batch:
                    continue
                in_batch.add((item.feed_id, item.link, item.title))
            fresh[item.id] = item
        if not fresh:
            return []
        month = now.strftime("%Y-%m")
        refs = self._bodies.append_batch([(aid, month, item.body) for aid, item in fresh.items()])
        shards_before = len(self._shards)
        pending: dict[int, list[tuple[Article, BodyRef]]] = {}
        for (article_id, item), ref in zip(fresh.items(), refs, strict=True):
            article = Article(
                id=article_id,
                feed_id=item.feed_id,
                identity=item.identity,
                title=item.title,
                link=item.link,
                published=item.published,
                first_seen=now,
                language=item.language,
                author=item.author,
                source=item.source,
                date_precision=item.date_precision,
                links=item.links,
                entities=item.entities,
                events=item.events,
                mention_counts=item.mention_counts,
                alert_reasons=item.alert_reasons,
                enriched=item.enriched,
            )
            shard_index = self._shard_with_room()
            self._shards[shard_index].count += 1
            pending.setdefault(shard_index, []).append((article, ref))

        # The in-memory index learns of a shard's articles only once that
        # shard is on disk: if a flush fails (a full disk), the same batch
        # retried later is stored and announced as new, not taken as stored.
        added: list[Article] = []
        remaining = list(pending)
        try:
            while remaining:
                shard_index = remaining[0]
                entries = pending[shard_index]
                docs = []
                for article, ref in entries:
                    doc = article.to_doc()
                    doc["body"] = ref.to_list()
                    docs.append(doc)
                shard = self._shards[shard_index]
                doc_ids = shard.table.insert_multiple(docs)
                shard.storage.mark(ARTICLES_TABLE, doc_ids)
                self._flush_shards([shard_index])
                remaining.pop(0)
                for (article, ref), doc_id in zip(entries, doc_ids, strict=True):
                    self._articles[article.id] = article
                    self._body_ref[article.id] = tuple(ref)
                    self._doc_ref[article.id] = (shard_index, doc_id)
                    self._recent.remember(article)
                    added.append(article)
        except BaseException:
            self._discard_unflushed(remaining, shards_before)
            raise
        return added

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

    def _shard_with_room(self) -> int:
        if self._shards and self._shards[-1].count < SHARD_CAPACITY:
            return len(self._shards) - 1
        number = 1
        if self._shards:
            number = int(self._shards[-1].path.stem.split("-")[1]) + 1
        path = self.data_dir / "articles" / f"shard-{number:06d}.jsonl"
        self._shards.append(self._open_shard(path))
        return len(self._shards) - 1

    def _flush_shards(self, shard_indexes: Iterable[int]) -> None:
        for shard_index in shard_indexes:
            shard = self._shards[shard_index]
            self.bytes_written += shard.storage.flush()
            shard.mtime_ns = _stat_signature(shard.path)
            self._release_if_full(shard)

    def update_articles(self, changes: Mapping[str, Mapping[str, Any]]) -> list[Article]:
        """Apply field changes (from enrichment) to stored articles; durable on return.

        `changes` maps an article id to Article field names and new values.
        """
        self._require_writer()
        self._load_articles()
        by_shard: dict[int, dict[int, dict[str, Any]]] = {}
        updated: list[Article] = []
        for article_id, fields in changes.items():
            article = self._articles.get(article_id)
            if article is None:
                continue
            article = article.with_changes(**fields)
            self._articles[article_id] = article
            updated.append(article)
            shard_index, doc_id = self._doc_ref[article_id]
            by_shard.setdefault(shard_index, {})[doc_id] = article.to_doc()
        for shard_index, docs in by_shard.items():
            # TinyDB hands the transform the raw stored dict (no doc_id), so
            # the replacement is found through the article id it carries.
            replacements = {doc["id"]: doc for doc in docs.values()}

            def apply(
                stored: dict[str, Any], replacements: dict[str, dict[str, Any]] = replacements
            ) -> None:
                replacement = replacements[stored["id"]]
                body = stored.get("body")
                for key in OPTIONAL_KEYS:
                    stored.pop(key, None)
                stored.update(replacement)
                if body is not None:
                    stored["body"] = body

            shard = self._shards[shard_index]
            shard.table.update(apply, doc_ids=list(docs))
            shard.storage.mark(ARTICLES_TABLE, docs)
        self._flush_shards(by_shard)
        return updated

    def set_flags(
        self, article_ids: Iterable[str], *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """Change read/starred flags in memory; flush_user() makes them durable."""
        self._require_writer()
        for article_id in article_ids:
            flags = self._user.get(article_id, 0)
            if read is not None:
                flags = flags | READ_FLAG if read else flags & ~READ_FLAG
            if starred is not None:
                flags = flags | STARRED_FLAG if starred else flags & ~STARRED_FLAG
            if flags:
                self._user[article_id] = flags
            else:
                self._user.pop(article_id, None)
        self._user_dirty = True

    def flush_user(self) -> int:
        if not self._user_dirty or not self.writer:
            return 0
        path = self.data_dir / "user.json"
        payload = orjson.dumps(self._user)
        write_atomically(path, payload)
        self._user_dirty = False
        self._user_signature = _stat_signature(path)
        self.bytes_written += len(payload)
        return len(payload)

    def put_feed_state(self, state: FeedState) -> None:
        """Record a feed's polling state; flush_state() makes it durable."""
        self._require_writer()
        assert self._state_db is not None and self._state_storage is not None
        table = self._state_db.table("feeds")
        # By document id: an upsert by query tests every feed's row, and a
        # poll of 500 feeds puts 500 states (250,000 tests on the store's thread).
        if self._feed_doc_ids is None:
            self._feed_doc_ids = {doc["feed"]: doc.doc_id for doc in table.all()}
        doc_id = self._feed_doc_ids.get(state.feed_id)
        if doc_id is None:
            doc_id = self._feed_doc_ids[state.feed_id] = table.insert(state.to_doc())
        else:
            table.update(state.to_doc(), doc_ids=[doc_id])
        self._state_storage.mark("feeds", [doc_id])

    def set_meta(self, key: str, value: Any) -> None:
        self._require_writer()
        assert self._state_db is not None and self._state_storage is not None
        doc_ids = self._state_db.table("meta").upsert(
            {"key": key, "value": value}, Query().key == key
        )
        self._state_storage.mark("meta", doc_ids)

    def flush_state(self) -> int:
        if self._state_storage is None or not self.writer:
            return 0
        written = self._state_storage.flush()
        self._state_signature = _stat_signature(self.data_dir / STATE_FILE)
        self.bytes_written += written
        legacy = self.data_dir / LEGACY_STATE_FILE
        if written and legacy.exists():
            legacy.unlink()  # carried over into the log just written
        return written

    def flush(self) -> int:
        """Make everything durable (metadata is already flushed per batch)."""
        if not self.writer:
            return 0
        dirty = [i for i, shard in enumerate(self._shards) if shard.storage.dirty]
        before = self.bytes_written
        self._flush_shards(dirty)
        self.flush_user()
        self.flush_state()
        return self.bytes_written - before

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._lock.release()

    # -- texts and removal (the methods themselves are in texts.py) --------

    def _index_refs(self, article_id: str, doc: Mapping[str, Any]) -> None:
        if "body" in doc:
            self._body_ref[article_id] = tuple(BodyRef.from_list(doc["body"]))
        if "full" in doc:
            self._full_ref[article_id] = tuple(BodyRef.from_list(doc["full"]))

    def _forget(self, article_ids: Iterable[str]) -> None:
        for article_id in article_ids:
            self._articles.pop(article_id, None)
            self._doc_ref.pop(article_id, None)
            self._body_ref.pop(article_id, None)
            self._full_ref.pop(article_id, None)

    # -- following another writer -------------------------------------------

    def refresh(self) -> RefreshResult:
        """Re-read whatever the writer changed on disk (read-only instances)."""
        self._load_articles()
        self._recent.forget()
        result = RefreshResult()
        known = {shard.path: index for index, shard in enumerate(self._shards)}
        for path in self._shard_paths():
            index = known.get(path)
            if index is None:
                result.new_articles.extend(self._load_shard_file(path))
                continue
            shard = self._shards[index]
            if _stat_signature(path) == shard.mtime_ns:
                continue
            new, updated = self._reload_shard(index)
            result.new_articles.extend(new)
            result.updated_articles.extend(updated)
        result.removed_ids, self._removed_since_refresh = self._removed_since_refresh, []
        if _stat_signature(self.data_dir / "user.json") != self._user_signature:
            self._load_user()
            result.user_state_changed = True
        state_signature = _stat_signature(self.data_dir / STATE_FILE)
        if state_signature != self._state_signature:
            assert self._state_storage is not None
            self._state_storage.reload()
            self._feed_doc_ids = None
            with contextlib.suppress(CorruptDataFile):
                self._state_storage.read()
            self._state_signature = state_signature
            result.feeds_changed = True
        return result

    def _reload_shard(self, index: int) -> tuple[list[Article], list[Article]]:
        shard = self._shards[index]
        signature = _stat_signature(shard.path)  # before reading: see _load_shard_file
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
            self._doc_ref[article.id] = (index, int(doc_id))
            self._index_refs(article.id, doc)
            present.add(article.id)
            if previous is None:
                new.append(article)
            elif previous != article:
                updated.append(article)
        if shard.count + len(new) != len(table):  # rows were removed (retention)
            gone = [a for a, (i, _) in self._doc_ref.items() if i == index and a not in present]
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
