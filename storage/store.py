"""The article store: TinyDB metadata shards, a body store, and user state.

Layout of a data directory:

    writer.lock              flock()ed by the one process allowed to write
    articles/shard-000001.jsonl ...  TinyDB databases, at most SHARD_CAPACITY rows each,
                             kept as append-only logs (see log_storage.py);
                             shard-*.json files of older versions still load
    articles/shard-000001.snap ...  a sealed shard's rows, quick to load (snapshots.py)
    articles/newest.rows     the newest rows, shown before the rest loads (newest.py)
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

The jobs are split: shard files (shard_files.py), flags and feed state
(user_state.py), following another writer (following.py), texts and removal
(texts.py); this module opens, reads, adds and updates.

Thread-safety: none, like TinyDB. The owner calls it from one thread at a
time (the app uses a single dedicated storage thread).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from tinydb import TinyDB

from storage.article_updates import ArticleUpdates
from storage.bodies import BodyRef, BodyStore
from storage.deferred_refs import DeferredRefs
from storage.following import Following, RefreshResult
from storage.gc_pause import gc_paused
from storage.lock import WriterLock
from storage.log_storage import AppendLogStorage
from storage.newest import NewestRows
from storage.recent_items import RecentItems
from storage.records import Article, NewArticle
from storage.row_refs import row_ref
from storage.search_index import TrackedArticles
from storage.shard_files import (
    SHARD_CAPACITY,
    MovedAside,
    OpenReport,
    Shard,
    ShardFiles,
    ShardStorage,
)
from storage.text_refs import TextRefs
from storage.texts import ARTICLES_TABLE, TextEdits
from storage.user_state import LEGACY_STATE_FILE, STATE_FILE, UserAndFeedState

__all__ = [
    "ARTICLES_TABLE",
    "LEGACY_STATE_FILE",
    "SHARD_CAPACITY",
    "STATE_FILE",
    "ArticleStore",
    "MovedAside",
    "OpenReport",
    "ReadOnlyStore",
    "RefreshResult",
    "Shard",
    "ShardStorage",
]

log = logging.getLogger(__name__)


class ReadOnlyStore(Exception):
    """A write was attempted by an instance that does not hold the writer lock."""


class ArticleStore(
    DeferredRefs, ShardFiles, UserAndFeedState, Following, TextEdits, ArticleUpdates, NewestRows
):
    def __init__(self, data_dir: Path, *, want_writer: bool = True) -> None:
        self.data_dir = data_dir
        self._want_writer = want_writer
        self._lock = WriterLock(data_dir)
        self._bodies = BodyStore(data_dir / "bodies")
        self._shards: list[Shard] = []
        self._highest_shard = 0  # the largest shard number seen, so none is reused
        # Notes which ids change, so the search index catches up without a rescan.
        self._articles: dict[str, Article] = TrackedArticles()
        self._doc_ref: dict[str, int] = {}  # id -> row_refs.row_ref(shard index, doc_id)
        # Packed ints, not BodyRefs: the garbage collector never tracks them.
        self._body_ref = TextRefs()
        self._full_ref = TextRefs()  # whole article text, if fetched
        self._pruned: dict[str, str] | None = None  # id -> when pruned; loaded on first add
        self._recent = RecentItems()  # items of churning guids: see recent_items.py
        self._by_feed: dict[str, list[str]] | None = None  # feed id -> ids; built on first use
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
        self._opened = False
        self._newest = None  # the newest rows, kept by the writer (newest.py)
        self._newest_all = False
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
        Opening again only loads what is still deferred.
        """
        if self._opened:
            if not defer_articles:
                self._load_articles()
            return self._report
        self._opened = True
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
        if not self._opened:  # asked first (a search as the app starts): as a writer if it can
            self.open(defer_articles=True)
        self._articles_loaded = True
        with gc_paused():
            self._load_shards()
        self._adopt_newest()

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

    def feed_article_ids(self, feed_id: str, limit: int) -> list[str]:
        """Ids of the last `limit` articles of `feed_id` stored (add() keeps them out)."""
        self._load_articles()
        if self._by_feed is None:
            self._by_feed = {}
            for article in self._articles.values():
                self._by_feed.setdefault(article.feed_id, []).append(article.id)
        articles = self._articles
        return [i for i in self._by_feed.get(feed_id, ())[-limit:] if i in articles]

    def missing_ids(self, article_ids: Iterable[str]) -> list[str]:
        """Those of `article_ids` not stored (any more)."""
        self._load_articles()
        return [i for i in article_ids if i not in self._articles]

    def get(self, article_id: str) -> Article | None:
        self._load_articles()
        return self._articles.get(article_id)

    def articles(self) -> Iterator[Article]:
        self._load_articles()
        return iter(list(self._articles.values()))

    def article_table(self) -> dict[str, Article]:
        """Every article by id, in a dict of the caller's own: a copy of the
        table, which keeps each key's hash, so nothing is hashed again."""
        self._load_articles()
        return dict(self._articles)

    def body_location(self, article_id: str) -> BodyRef | None:
        self._load_articles()
        where = self.body_ref_of(article_id)
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

    def has_full_text(self, article_id: str) -> bool:
        self._load_articles()
        return article_id in self._full_ref

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
                    self._doc_ref[article.id] = row_ref(shard_index, doc_id)
                    self._recent.remember(article)
                    if self._by_feed is not None:
                        self._by_feed.setdefault(article.feed_id, []).append(article.id)
                    added.append(article)
        except BaseException:
            self._discard_unflushed(remaining, shards_before)
            self._drop_newest()  # what reached the files is no longer known
            raise
        self._newest_added(added)
        return added

    def flush(self) -> int:
        """Make everything durable (metadata is already flushed per batch)."""
        if not self.writer:
            return 0
        dirty = [i for i, shard in enumerate(self._shards) if shard.storage.dirty]
        before = self.bytes_written
        self._flush_shards(dirty)
        if dirty:
            self._save_newest()
        self.flush_user()
        self.flush_state()
        return self.bytes_written - before

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._lock.release()

    # -- texts and removal (the methods themselves are in texts.py) --------

    def _forget(self, article_ids: Iterable[str]) -> None:
        self._by_feed = None
        article_ids = list(article_ids)
        for article_id in article_ids:
            self._articles.pop(article_id, None)
            self._doc_ref.pop(article_id, None)
            self._body_ref.pop(article_id, None)
            self._full_ref.pop(article_id, None)
        self._newest_removed(article_ids)
