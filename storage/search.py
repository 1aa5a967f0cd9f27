"""Search titles and bodies of the whole archive.

A word matches an article when, folded (storage.fold: case and accents
ignored), it occurs in the folded title or body (as a substring: "open"
finds "OpenAI"); a query combines words, phrases, OR, -word and field
prefixes (storage.search_query). Reading
every body from disk for each query took seconds at 100,000 articles, so the
words are looked up in an in-memory token index instead (search_index.py),
built the first time a store is searched and kept up to date from then on.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import weakref
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import BinaryIO

import orjson

from storage.fold import fold_words
from storage.records import Article
from storage.search_index import Part, TokenIndex, TrackedArticles
from storage.search_query import Term, parse_query
from storage.store import ArticleStore

_INDEXES: weakref.WeakKeyDictionary[ArticleStore, _StoreIndex] = weakref.WeakKeyDictionary()


FieldIds = Mapping[Term, Collection[str]]


def search_articles(store: ArticleStore, query: str, fields: FieldIds | None = None) -> list[str]:
    """Ids of the articles the query matches (see storage.search_query).

    Field terms other than title: (source:, lang:, tag:, person:...) are
    answered by the caller, who knows names and tags: `fields` maps each such
    term to the ids it matches; a field term missing there matches nothing.
    The first call on a store builds its index (seconds at 100,000 articles)
    unless prepare_search did; later calls only index what changed since
    and take milliseconds. Like the store itself, call it from the store's
    one thread.
    """
    parsed = parse_query(query)
    index = _INDEXES.get(store)
    if index is None:
        index = _INDEXES[store] = _StoreIndex(store)
    index.catch_up()
    result: set[str] | None = None
    for group in parsed.groups:
        matched: set[str] | None = None
        for term in group:
            ids = _term_ids(store, index.tokens, term, fields or {})
            if ids is None:
                continue
            matched = ids if matched is None else matched | ids
        if matched is None:
            continue  # nothing to look for in this group (e.g. blank quotes)
        result = matched if result is None else result & matched
        if not result:
            return []
    return list(result) if result is not None else []


def _term_ids(
    store: ArticleStore, tokens: TokenIndex, term: Term, fields: FieldIds
) -> set[str] | None:
    """What one term matches (its complement when negated); None: it asks nothing."""
    if term.field not in (None, "title"):
        found: set[str] = set(fields.get(term, ()))
    else:
        words = fold_words(term.text)
        if not words:
            return None
        found = set(tokens.search(words))
        if term.field == "title":
            found = {i for i in found if _has(store.get(i), None, words, term.phrase)}
        elif term.phrase and len(words) > 1:
            found = {i for i in found if _has(store.get(i), store, words, phrase=True)}
    if term.negated:
        return set(tokens.ids()) - found
    return found


def _has(
    article: Article | None, store: ArticleStore | None, words: list[str], phrase: bool
) -> bool:
    """Whether the title (and the body, given the store) holds the words, or the phrase."""
    if article is None:
        return False
    title = " ".join(fold_words(article.title))
    if store is None or (phrase and " ".join(words) in title):
        text = title  # a phrase in the title needs no body read from disk
    else:
        text = f"{title} {' '.join(fold_words(store.body(article.id)))}"
    folded = text
    if phrase:
        return " ".join(words) in folded
    return all(word in folded for word in words)


def prepare_search(store: ArticleStore) -> None:
    """Build (or catch up) the store's index ahead of the first query."""
    index = _INDEXES.get(store)
    if index is None:
        index = _INDEXES[store] = _StoreIndex(store)
    index.catch_up()


class _StoreIndex:
    """A TokenIndex kept in step with one ArticleStore."""

    def __init__(self, store: ArticleStore) -> None:
        self.store = store
        table = store._articles
        self._table = table if isinstance(table, TrackedArticles) else None
        if self._table is not None:
            # Before the first read: whatever changes during the build is noted.
            self._table.follow()
        self.tokens = _build(store, list(store.articles()))

    def catch_up(self) -> None:
        if self._table is not None:
            changed: Iterable[str] = self._table.changed()
        else:
            # Nobody tells us what changed: compare every title (~10 ms at 100k).
            changed = [a.id for a in self.store.articles() if self._stale(a)]
            changed += [i for i in self.tokens.ids() if i not in self.store]
        stale: list[Article] = []
        for article_id in changed:
            article = self.store.get(article_id)
            if article is None:
                self.tokens.discard(article_id)
            elif self._stale(article):
                stale.append(article)
        if stale:
            self.tokens.add(_read(self.store._bodies.directory, _entries(self.store, stale)))

    def _stale(self, article: Article) -> bool:
        # Bodies never change once stored (bodies.py): only a new title needs indexing.
        return self.tokens.indexed_title(article.id) != article.title


# (article id, title, body file or None, offset, length)
_Entry = tuple[str, str, str | None, int, int]


def _entries(store: ArticleStore, articles: Iterable[Article]) -> list[_Entry]:
    """Where each article's body is, in file order: each file is then read front to back."""
    entries: list[_Entry] = []
    for article in articles:
        ref = store.body_location(article.id)
        if ref is None:
            entries.append((article.id, article.title, None, 0, 0))
        else:
            entries.append((article.id, article.title, ref.file, ref.offset, ref.length))
    entries.sort(key=lambda entry: (entry[2] or "", entry[3]))
    return entries


def _read(directory: Path, entries: Iterable[_Entry]) -> Iterator[tuple[str, str, str]]:
    """(id, title, body) of each entry, in order; the body store.body(id) gives.

    Opening each file once, rather than once for each of 100,000 articles,
    is what makes reading every body take one second.
    """
    handle: BinaryIO | None = None
    opened: str | None = None
    try:
        for article_id, title, name, offset, length in entries:
            if name is None:
                yield article_id, title, ""
                continue
            if name != opened:
                if handle is not None:
                    handle.close()
                opened, handle = name, None
                with contextlib.suppress(OSError):
                    handle = open(directory / name, "rb", buffering=1 << 20)  # noqa: SIM115
            raw = b""
            if handle is not None:
                try:
                    handle.seek(offset)
                    raw = handle.read(length)
                except OSError:
                    raw = b""
            yield article_id, title, _body(raw, article_id)
    finally:
        if handle is not None:
            handle.close()


def _body(raw: bytes, article_id: str) -> str:
    """The body in one stored line, or "" when the line is not that article's."""
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return ""
    if not isinstance(record, dict) or record.get("id") != article_id:
        return ""
    return str(record.get("body", ""))


# -- building the first index -------------------------------------------------------

# Below this, a build in this process takes under two seconds: not worth workers.
PARALLEL_FROM = 20_000


def _build(store: ArticleStore, articles: list[Article]) -> TokenIndex:
    """An index of the articles, built by worker processes when there are many.

    Tokenizing 200 MB of bodies is ~10 s of pure Python. In workers it runs
    on every core, leaves this process's GIL to the UI, and its temporary
    garbage never inflates this process's memory. Anything going wrong with
    the workers falls back to building here.
    """
    directory = store._bodies.directory
    entries = _entries(store, articles)
    workers = min(os.cpu_count() or 1, 4)
    if len(entries) >= PARALLEL_FROM and workers > 1:
        with contextlib.suppress(Exception):
            return _build_in_workers(directory, entries, workers)
    index = TokenIndex()
    index.add(_read(directory, entries))
    return index


def _build_in_workers(directory: Path, entries: list[_Entry], workers: int) -> TokenIndex:
    size = -(-len(entries) // workers)
    chunks = [entries[start : start + size] for start in range(0, len(entries), size)]
    methods = multiprocessing.get_all_start_methods()
    # Never fork: the app has threads, and a forked child could inherit a held lock.
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    index = TokenIndex()
    with ProcessPoolExecutor(
        max_workers=len(chunks),
        mp_context=context,
        initializer=_worker_init,
        initargs=(list(sys.path),),
    ) as pool:
        # One bytes object each, not 50,000 tuples: pickling those would leave
        # ~20 MB of memo and buffers behind in this process's heap.
        futures = [
            pool.submit(_index_part, str(directory), orjson.dumps(chunk)) for chunk in chunks
        ]
        for chunk, future in zip(chunks, futures, strict=True):
            part = future.result()
            index.merge([entry[0] for entry in chunk], [entry[1] for entry in chunk], part)
    return index


def _worker_init(sys_path: list[str]) -> None:
    # forkserver children do not inherit sys.path; the parent's Ctrl+C is not theirs.
    sys.path[:] = sys_path
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _index_part(directory: str, entries: bytes) -> Part:
    """In a worker: the postings of the entries, documents numbered in their order."""
    index = TokenIndex()
    index.add(_read(Path(directory), map(tuple, orjson.loads(entries))))  # type: ignore[arg-type]
    return index.export()
