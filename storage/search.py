"""Search titles and bodies of the whole archive.

A query matches an article when every word of it, casefolded, occurs in the
casefolded title or body (as a substring: "open" finds "OpenAI"). Reading
every body from disk for each query took seconds at 100,000 articles, so the
words are looked up in an in-memory token index instead (search_index.py),
built the first time a store is searched and kept up to date from then on.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Iterator
from operator import itemgetter

import orjson

from storage.records import Article
from storage.search_index import TokenIndex, TrackedArticles
from storage.store import ArticleStore

_INDEXES: weakref.WeakKeyDictionary[ArticleStore, _StoreIndex] = weakref.WeakKeyDictionary()


def search_articles(store: ArticleStore, query: str) -> list[str]:
    """Ids of articles whose title or body contains every word of the query.

    The first call on a store builds its index (seconds at 100,000 articles);
    later calls only index what changed since and take milliseconds. Like the
    store itself, call it from the store's one thread.
    """
    words = [word.casefold() for word in query.split()]
    if not words:
        return []
    index = _INDEXES.get(store)
    if index is None:
        index = _INDEXES[store] = _StoreIndex(store)
    index.catch_up()
    return index.tokens.search(words)


class _StoreIndex:
    """A TokenIndex kept in step with one ArticleStore."""

    def __init__(self, store: ArticleStore) -> None:
        self.store = store
        self.tokens = TokenIndex()
        table = store._articles
        self._table = table if isinstance(table, TrackedArticles) else None
        if self._table is not None:
            # Before the first read: whatever changes during the build is noted.
            self._table.follow()
        self.tokens.add(_documents(store, store.articles()))

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
            self.tokens.add(_documents(self.store, stale))

    def _stale(self, article: Article) -> bool:
        # Bodies never change once stored (bodies.py): only a new title needs indexing.
        return self.tokens.indexed_title(article.id) != article.title


def _documents(store: ArticleStore, articles: Iterable[Article]) -> Iterator[tuple[str, str, str]]:
    """(id, title, body) of each article, reading each body file once, front to back.

    Gives the same body as store.body(id), without opening the file again
    for each of 100,000 articles.
    """
    refs = store._body_ref
    by_file: dict[str, list[tuple[int, int, Article]]] = {}
    for article in articles:
        ref = refs.get(article.id)
        if ref is None:
            yield article.id, article.title, ""
        else:
            by_file.setdefault(ref.file, []).append((ref.offset, ref.length, article))
    directory = store._bodies.directory
    for name, entries in by_file.items():
        entries.sort(key=itemgetter(0))
        try:
            handle = open(directory / name, "rb", buffering=1 << 20)  # noqa: SIM115
        except OSError:
            for _offset, _length, article in entries:
                yield article.id, article.title, ""
            continue
        with handle:
            for offset, length, article in entries:
                try:
                    handle.seek(offset)
                    raw = handle.read(length)
                except OSError:
                    raw = b""
                yield article.id, article.title, _body(raw, article.id)


def _body(raw: bytes, article_id: str) -> str:
    """The body in one stored line, or "" when the line is not that article's."""
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return ""
    if not isinstance(record, dict) or record.get("id") != article_id:
        return ""
    return str(record.get("body", ""))
