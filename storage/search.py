"""Search titles and texts of the whole archive.

A word matches an article when, folded (storage.fold: case and accents
ignored), it occurs in the folded title, the feed's text or the whole
article fetched from its page (as a substring: "open" finds "OpenAI"); a
query combines words, phrases, OR, -word and field prefixes
(storage.search_query). The words are looked up in a token index
(search_index.py) kept on disk (search_disk.py): at start it is mapped, not
rebuilt, compared with the archive, and whatever was stored, retitled,
fetched whole or removed since it was saved is caught up. Only an archive
without a usable index file is indexed from scratch (search_build.py).

Like the store itself, everything here runs on the store's one thread,
except preload(), which reads the file on a thread of its own while the
store loads.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
import weakref
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path

from storage import search_disk
from storage.fold import fold, fold_words
from storage.records import Article
from storage.search_build import Entry, build, entries, read
from storage.search_index import SLICE, Loaded, TokenIndex, TrackedArticles
from storage.search_query import Term, parse_query
from storage.store import ArticleStore

_INDEXES: weakref.WeakKeyDictionary[ArticleStore, _StoreIndex] = weakref.WeakKeyDictionary()
_PRELOADS: dict[Path, _Preload] = {}
_MADE = threading.Condition()  # notified when an index joins _INDEXES

# The index is saved when this many documents changed since it was loaded or
# saved (or this fraction of the archive, if more): what a crash can cost is
# then indexing that many articles again at the next start.
SAVE_EVERY = 2_000
SAVE_FRACTION = 50
# Retired document numbers (pruned or retitled articles) still take room in
# bitsets; past this fraction an index is rebuilt rather than loaded.
MAX_RETIRED = 0.5
# Articles to index in this process beyond which a saved index is built again instead.
REBUILD_FROM = 20_000

FieldIds = Mapping[Term, Collection[str]]


class _Preload(threading.Thread):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(name="aiwire-search-load", daemon=True)
        self.data_dir = data_dir
        self.loaded: Loaded | None = None

    def run(self) -> None:
        self.loaded = search_disk.read(self.data_dir)


def preload(data_dir: Path) -> None:
    """Start reading the saved index now, so it is ready when the store has loaded."""
    if data_dir not in _PRELOADS:
        _PRELOADS[data_dir] = loading = _Preload(data_dir)
        loading.start()


def _saved_index(data_dir: Path) -> Loaded | None:
    loading = _PRELOADS.pop(data_dir, None)
    if loading is None:
        return search_disk.read(data_dir)
    loading.join()
    return loading.loaded


def _share_ids(index: _StoreIndex, table: Mapping[str, Article]) -> None:
    """Give a loaded index the store's own id strings in place of its copies
    (24 MB at 300,000 articles). In slices, each under the index's lock, so a
    query that is waiting runs between two slices rather than after them all."""
    ids = index.tokens.raw_ids()
    for start in range(0, len(ids), SLICE):
        part = ids[start : start + SLICE]
        # table.get(i, i).id at C speed: getattr's default is the id itself.
        own = list(map(getattr, map(table.get, part, part), itertools.repeat("id"), part))
        with index.lock:
            index.tokens.share_ids(start, own)
        time.sleep(0)  # let a query woken by the release take the lock first


def search_articles(store: ArticleStore, query: str, fields: FieldIds | None = None) -> list[str]:
    """Ids of the articles the query matches (see storage.search_query).

    Field terms other than title: (source:, lang:, tag:, person:...) are
    answered by the caller, who knows names and tags: `fields` maps each such
    term to the ids it matches; a field term missing there matches nothing.
    Call it from the store's one thread.
    """
    index = _store_index(store)
    with index.lock:
        return _evaluate(store, index.tokens, query, fields or {})


def search_caught_up(
    store: ArticleStore, query: str, fields: FieldIds | None = None, wait: float = 60.0
) -> list[str] | None:
    """search_articles from a thread of its own, when nothing changed since the
    index last caught up: a search then never queues behind the store's work.

    Waits up to `wait` seconds for the index to be made (prepare_search, on
    the store's thread). None if it was not, or if the archive changed since:
    then search_articles, on the store's thread, catches up first.
    """
    with _MADE:
        if not _MADE.wait_for(lambda: store in _INDEXES, timeout=wait):
            return None
        index = _INDEXES[store]
    with index.lock:
        if index.pending():
            return None
        return _evaluate(store, index.tokens, query, fields or {})


def _evaluate(store: ArticleStore, tokens: TokenIndex, query: str, fields: FieldIds) -> list[str]:
    parsed = parse_query(query)
    # Bitsets of document numbers throughout: ids only for the final answer.
    result: int | None = None
    for group in parsed.groups:
        matched: int | None = None
        for term in group:
            bits = _term_bits(store, tokens, term, fields)
            if bits is None:
                continue
            matched = bits if matched is None else matched | bits
        if matched is None:
            continue  # nothing to look for in this group (e.g. blank quotes)
        result = matched if result is None else result & matched
        if not result:
            return []
    return tokens.ids_of(result) if result is not None else []


def _term_bits(store: ArticleStore, tokens: TokenIndex, term: Term, fields: FieldIds) -> int | None:
    """What one term matches (its complement when negated); None: it asks nothing."""
    if term.field not in (None, "title"):
        found = tokens.bits_of(fields.get(term, ()))
    else:
        words = fold_words(term.text)
        if not words:
            return None
        found = tokens.match(words)
        if term.field == "title" or (term.phrase and len(words) > 1):
            # The index knows words, not where they are: check the candidates.
            found = _verified(store, tokens, found, words, term)
    if term.negated:
        return tokens.every() & ~found
    return found


def _verified(
    store: ArticleStore, tokens: TokenIndex, found: int, words: list[str], term: Term
) -> int:
    """The candidates whose title (or title and texts) hold the phrase, or the words."""
    phrase = " ".join(words)
    kept: list[str] = []
    unsure: list[Article] = []
    for article in filter(None, map(store.get, tokens.ids_of(found))):
        title = " ".join(fold_words(article.title))
        if phrase in title if term.phrase else all(word in title for word in words):
            kept.append(article.id)
        elif term.field != "title":
            unsure.append(article)
    # Texts read in file order, each file opened once: thousands of candidates
    # cost tens of milliseconds, not one open() each.
    directory = store._bodies.directory
    for article_id, title, text, _ in read(directory, _entries(store, unsure), sparse=True):
        # Folded whole, then split: the words fold_words gives, at C speed.
        if phrase in " ".join(fold(f"{title}\n{text}").split()):
            kept.append(article_id)
    return tokens.bits_of(kept)


def _entries(store: ArticleStore, articles: Iterable[Article]) -> list[Entry]:
    return entries(articles, store._body_ref, store._full_ref)


def prepare_search(store: ArticleStore) -> None:
    """Load (or build) the store's index and catch it up, ahead of the first query;
    saved when enough changed."""
    index = _store_index(store)
    if store.writer and index.tokens.changes >= max(SAVE_EVERY, len(store) // SAVE_FRACTION):
        index.save()


def save_search_index(store: ArticleStore) -> None:
    """Save the index if anything changed since it was loaded or saved (at exit)."""
    index = _INDEXES.get(store)
    if index is not None and store.writer and index.tokens.changes:
        index.catch_up()
        index.save()


def _store_index(store: ArticleStore) -> _StoreIndex:
    index = _INDEXES.get(store)
    if index is None:
        made = _StoreIndex(store)
        with _MADE:
            index = _INDEXES[store] = made
            _MADE.notify_all()
        if made.copied_ids:  # published first: a search need not wait for this
            _share_ids(made, store._articles)
    else:
        index.catch_up()
    return index


class _StoreIndex:
    """A TokenIndex kept in step with one ArticleStore."""

    def __init__(self, store: ArticleStore) -> None:
        self.store = store
        # Held while the index changes (the store's thread) or answers a query.
        self.lock = threading.Lock()
        store._load_articles()  # first: loading is not a change to catch up on
        table = store._articles
        self._table = table if isinstance(table, TrackedArticles) else None
        if self._table is not None:
            # Before the first read: whatever changes from here on is noted.
            self._table.follow()
        loaded = _saved_index(store.data_dir)
        saved = None if loaded is None else TokenIndex.from_loaded(loaded)
        self.copied_ids = False  # whether its ids are the loaded copies, not the store's own
        if saved is not None and saved.documents - len(saved) > saved.documents * MAX_RETIRED:
            saved = None
        self._wholes = len(store._full_ref)
        if saved is not None:
            self.tokens = saved
            if self._compare_saved():
                self.copied_ids = True
                return
        self.tokens = build(store._bodies.directory, _entries(self.store, store.articles()))
        self.tokens.shards = store.shard_signatures()
        if store.writer:
            self.save()

    def save(self) -> None:
        with self.lock:
            self.tokens.shards = self.store.shard_signatures()
            # A full disk: searching still works from memory; the next start catches up.
            with contextlib.suppress(OSError):
                search_disk.save(self.tokens, self.store.data_dir)

    def pending(self) -> bool:
        """Whether the archive changed since the last catch-up (safe from any thread)."""
        if self._table is None:
            return True  # nobody tells us: only the store's thread can tell
        return self._table.pending() or len(self.store._full_ref) != self._wholes

    def _index(self, articles: list[Article]) -> None:
        if articles:
            self.tokens.add(read(self.store._bodies.directory, _entries(self.store, articles)))

    def _compare_saved(self) -> bool:
        """Catch up a loaded index with the archive: only the shard files that
        changed since it was saved can hold new, retitled or removed articles.
        False, with nothing done, when so much changed that building the index
        again (in worker processes) is quicker."""
        store, tokens = self.store, self.tokens
        live = store._articles
        now = store.shard_signatures()
        changed = [name for name, signature in now.items() if tokens.shards.get(name) != signature]
        if changed or len(now) != len(tokens.shards):
            tokens.changes += 1  # saved at exit, with these shards, even if nothing else changed
        stale = [
            live[i] for i in store.ids_in_shards(changed) if not tokens.has_title(i, live[i].title)
        ]
        wanted = set(store._full_ref) - tokens.whole_ids()
        stale += [live[i] for i in wanted if i in live and tokens.has_title(i, live[i].title)]
        if len(stale) >= max(REBUILD_FROM, len(live) // 4):
            return False
        self._index(stale)
        if len(tokens) != len(live):  # removed since (a changed or deleted shard)
            for article_id in [i for i in tokens.ids() if i not in live]:
                tokens.discard(article_id)
        return True

    def catch_up(self) -> None:
        with self.lock:
            self._catch_up()

    def _catch_up(self) -> None:
        store = self.store
        if self._table is not None:
            changed: Iterable[str] = self._table.changed()
        else:
            # Nobody tells us what changed: compare every title.
            changed = [a.id for a in store.articles() if self._stale(a)]
            changed += [i for i in self.tokens.ids() if i not in store]
        stale: list[Article] = []
        for article_id in changed:
            article = store.get(article_id)
            if article is None:
                self.tokens.discard(article_id)
            elif self._stale(article):
                stale.append(article)
        if len(store._full_ref) != self._wholes:
            # Whole texts arrive without touching the article: found by their count.
            self._wholes = len(store._full_ref)
            wanted = set(store._full_ref) - self.tokens.whole_ids()
            stale += [a for i in wanted if (a := store.get(i)) is not None and a not in stale]
        self._index(stale)

    def _stale(self, article: Article) -> bool:
        # Bodies never change once stored (bodies.py): only a new title needs indexing.
        return not self.tokens.has_title(article.id, article.title)
