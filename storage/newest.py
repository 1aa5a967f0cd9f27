"""The newest rows: the archive's newest articles in a small file, shown first.

Opening 100,000 articles takes most of a second, and what a user looks at
first is the top of the list. The writer keeps the newest KEEP articles (in
the order the list shows them, before any story is grouped) in
articles/newest.rows, with the size and modification time of every shard
file they were taken from, so a dashboard draws them with its first frame
and the whole archive fills in behind them.

Like a shard snapshot it is a cache, never the record. It is read only
while the shard files are exactly those it names, with the stamps it names
(none added, none gone, none changed); anything else about it that is off
makes the reader wait for the whole archive. It is written after the shard
files it describes, so a crash between the two leaves stamps that no longer
match. Flags are never in it: they are read from user.json, as the whole
load reads them.
"""

from __future__ import annotations

import bisect
import contextlib
import marshal
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from storage.records import SEED_FEED_ID, Article, article_from_values, stored_values

if TYPE_CHECKING:
    from storage.shard_files import Shard

NEWEST_FILE = "newest.rows"
FORMAT = "aiwire-newest-1"
KEEP = 120  # a tall terminal's screen of rows, twice over
# Deletions shrink the kept rows; below this many they are dropped (and the
# file removed) until the next start keeps them again from the whole archive.
LEAST = 40
_MARSHAL_VERSION = 4
_USER_FILE = "user.json"

Key = tuple[int, float, str]


def newest_key(article: Article) -> Key:
    """The list's order with no story known (core.ordering.order_key): newest
    first by date, else by when first seen, seeds after every dated article."""
    if article.published is not None:
        return (0, -article.published.timestamp(), article.id)
    tier = 1 if article.feed_id == SEED_FEED_ID else 0
    return (tier, -article.first_seen.timestamp(), article.id)


def _shard_names(articles_dir: Path) -> list[str]:
    """The shard files a store would load (ShardFiles._shard_paths)."""
    return [
        entry.name
        for entry in os.scandir(articles_dir)
        if entry.name.startswith("shard-") and entry.name.endswith((".json", ".jsonl"))
    ]


def _stamps(articles_dir: Path, names: Iterable[str]) -> dict[str, tuple[int, int]] | None:
    found = {}
    for name in names:
        try:
            stat = os.stat(articles_dir / name)
        except OSError:
            return None
        found[name] = (stat.st_size, stat.st_mtime_ns)
    return found


def read_newest(data_dir: Path) -> tuple[list[Article], dict[str, int]] | None:
    """The newest articles and their flags, if the file is current; else None.

    Cheap enough for before a first frame: one small file, a stat per shard,
    and user.json.
    """
    articles_dir = data_dir / "articles"
    try:
        tag, stamps, rows = marshal.loads((articles_dir / NEWEST_FILE).read_bytes())
        if tag != FORMAT or not isinstance(stamps, dict):
            return None
        names = _shard_names(articles_dir)
        if len(names) != len(stamps) or _stamps(articles_dir, names) != stamps:
            return None
        articles = [article_from_values(values) for values in rows]
        flags = _read_flags(data_dir / _USER_FILE, {article.id for article in articles})
    except (OSError, EOFError, ValueError, TypeError, IndexError, KeyError):
        return None
    if flags is None:
        return None
    return articles, flags


def _read_flags(path: Path, ids: set[str]) -> dict[str, int] | None:
    """The flags of `ids` as UserAndFeedState._load_user reads them; None if
    user.json does not load (the store then moves it aside: no flags at all)."""
    import orjson

    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    return {k: v for k, v in data.items() if k in ids and isinstance(v, int)}


def write_newest(articles_dir: Path, shards: Sequence[Shard], rows: list[Article]) -> int:
    """Replace the file; returns the bytes written (0 when it could not be).

    Not fsynced, like a snapshot: at worst it is missing or stale after a crash.
    """
    names = [shard.path.name for shard in shards if shard.path.exists()]
    stamps = _stamps(articles_dir, names)
    path = articles_dir / NEWEST_FILE
    if stamps is None:
        remove_newest(articles_dir)
        return 0
    values = [stored_values(article.to_doc()) for article in rows]
    payload = marshal.dumps((FORMAT, stamps, values), _MARSHAL_VERSION)
    temp = path.with_name(f".{path.name}.tmp")
    try:
        temp.write_bytes(payload)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        remove_newest(articles_dir)
        return 0
    return len(payload)


def remove_newest(articles_dir: Path) -> None:
    with contextlib.suppress(OSError):
        (articles_dir / NEWEST_FILE).unlink(missing_ok=True)


class NewestRows:
    """A mixin of ArticleStore: the writer's list of the newest rows, kept as
    articles are added, changed and removed, and written after each change.

    `_newest` holds (key, id) in order, a prefix of the whole archive's order:
    every article not in it comes after its last row. None: not kept (a
    reader, or after a failed write) until the library keeps it again.
    """

    data_dir: Path
    bytes_written: int
    _shards: list[Shard]
    _articles: dict[str, Article]
    _newest: list[tuple[Key, str]] | None
    _newest_all: bool  # the kept rows are every stored article

    if TYPE_CHECKING:

        @property
        def writer(self) -> bool: ...

    @property
    def newest_kept(self) -> bool:
        return self._newest is not None

    def newest(self, count: int = KEEP) -> list[Article]:
        """The kept newest articles, in order (empty when none are kept)."""
        return [self._articles[i] for _, i in (self._newest or ())[:count]]

    def _adopt_newest(self) -> None:
        """At open, the writer takes over a current file (an empty store needs none)."""
        self._newest = None
        if not self.writer:
            return
        if not self._articles and not _shard_names(self.data_dir / "articles"):
            self._newest, self._newest_all = [], True
            return
        found = read_newest(self.data_dir)
        if found is not None and all(a.id in self._articles for a in found[0]):
            self._newest = sorted((newest_key(self._articles[a.id]), a.id) for a in found[0])
            self._newest_all = len(self._newest) == len(self._articles)

    def keep_newest(self, newest_ids: Callable[[int], Iterable[str]]) -> None:
        """Unless kept already: keep the newest rows, as `newest_ids(count)` gives
        them in the list's order with no story known (a freshly loaded
        LibraryState's newest_ids), and write them."""
        if not self.writer or self._newest is not None:
            return
        ids = newest_ids(KEEP)
        kept = sorted((newest_key(self._articles[i]), i) for i in ids if i in self._articles)
        self._newest = kept[:KEEP]
        self._newest_all = len(self._newest) == len(self._articles)
        self._save_newest()

    def _newest_added(self, articles: Iterable[Article]) -> None:
        kept = self._newest
        if kept is None:
            return
        for article in articles:
            entry = (newest_key(article), article.id)
            if self._newest_all or (kept and entry < kept[-1]):
                bisect.insort(kept, entry)
        if len(kept) > KEEP:
            del kept[KEEP:]
            self._newest_all = False
        self._save_newest()

    def _newest_updated(self, articles: Iterable[Article]) -> None:
        """A change that moves an article into, out of or within the kept rows
        (a new date) drops them; enrichment changes no date, and the rows are
        written from the articles as they are now."""
        kept = self._newest
        if kept is None:
            return
        keys = {i: key for key, i in kept}
        for article in articles:
            key = newest_key(article)
            if article.id in keys:
                moved = key != keys[article.id]
            else:
                moved = self._newest_all or bool(kept) and (key, article.id) < kept[-1]
            if moved:
                self._drop_newest()
                return
        self._save_newest()

    def _newest_removed(self, article_ids: Sequence[str]) -> None:
        kept = self._newest
        if kept is None:
            return
        gone = set(article_ids)
        kept[:] = [entry for entry in kept if entry[1] not in gone]
        if len(kept) < LEAST and not self._newest_all:
            self._drop_newest()
            return
        self._save_newest()

    def _save_newest(self) -> None:
        if self._newest is None or not self.writer:
            return
        rows = [self._articles[i] for _, i in self._newest]
        self.bytes_written += write_newest(self.data_dir / "articles", self._shards, rows)

    def _drop_newest(self) -> None:
        self._newest = None
        remove_newest(self.data_dir / "articles")


__all__ = [
    "KEEP",
    "NEWEST_FILE",
    "NewestRows",
    "newest_key",
    "read_newest",
    "remove_newest",
    "write_newest",
]
