"""Where each loaded row and text lies, indexed when first asked, not at load.

A mixin of ArticleStore. Opening an archive fills tables keyed by article
id: the row of each article (`_doc_ref`) and where its body and whole text
lie (`_body_ref`, `_full_ref`). On a year of archive each of the rows' and
the bodies' tables is 300,000 insertions, a tenth of the time the store
takes to open, and only an update, a prune or a follower's reload needs
them whole. Each loaded shard waits here until a table is first used. The
reader asks for one body as soon as the list fills: body_ref_of() takes in
only the shard that holds it.

The tables are reached only through the properties below, which index what
waits first, under a lock: a search thread may ask while the store's thread
is indexing.
"""

from __future__ import annotations

import threading
from array import array
from itertools import compress
from typing import TYPE_CHECKING, Any

from storage.row_refs import first_of_shard

if TYPE_CHECKING:
    from storage.snapshots import Loaded


class DeferredRefs:
    __slots__ = ()
    _doc_refs: Any
    _full_refs: Any
    _body_refs: Any
    # Per table (rows, whole texts, bodies): the loaded shards it has yet to
    # take, each as (first row ref of its shard, ids, what the table maps them to).
    _waiting_refs: tuple[list[tuple[int, list[str], list[Any]]], ...]
    _refs_lock: threading.Lock

    def _defer_refs(self, shard_index: int, ids: list[str], loaded: Loaded) -> None:
        """Note a loaded shard's rows and texts, to index at the first use of a table."""
        lock = self.__dict__.get("_refs_lock")
        if lock is None:
            lock = self._refs_lock = threading.Lock()
            self._waiting_refs = ([], [], [])
        rows, fulls, bodies = self._waiting_refs
        with lock:
            rows.append((first_of_shard(shard_index), ids, loaded.doc_ids))
            fulls.append((0, ids, loaded.fulls))
            bodies.append(_waiting_bodies(ids, loaded.bodies))

    def _table(self, which: int, table: Any) -> Any:
        """`table` with every waiting shard in it. Each table catches up on its
        own: the few whole texts are asked for at start, the rows much later."""
        waiting = self.__dict__.get("_waiting_refs")
        if not waiting or not waiting[which]:
            return table
        with self._refs_lock:
            for base, ids, found in waiting[which]:
                self._take(which, table, ids, base, found)
            waiting[which].clear()
        return table

    @staticmethod
    def _take(which: int, table: Any, ids: list[str], base: int, found: list[Any]) -> None:
        if which == 0:
            table.update(zip(ids, map(base.__add__, found), strict=True))
        elif which == 2:
            table.update(zip(ids, zip(*found, strict=True), strict=True))
        else:
            # Few articles have a whole text: the pairs picked at C speed.
            table.update(zip(compress(ids, found), filter(None, found), strict=True))

    def body_ref_of(self, article_id: str) -> Any:
        """Where one article's body lies, or None: of the shards still waiting,
        only the one that holds it is indexed (the newest first, as the list
        shows those)."""
        waiting = self.__dict__.get("_waiting_refs")
        if waiting and waiting[2]:
            with self._refs_lock:
                shards = waiting[2]
                for position in range(len(shards) - 1, -1, -1):
                    base, ids, found = shards[position]
                    if article_id in ids:
                        self._take(2, self._body_refs, ids, base, found)
                        del shards[position]
                        break
        return self._body_refs.get(article_id)

    @property
    def _doc_ref(self) -> Any:
        """id -> row_refs.row_ref(shard index, doc id)."""
        return self._table(0, self._doc_refs)

    @_doc_ref.setter
    def _doc_ref(self, table: Any) -> None:
        self._doc_refs = table

    @property
    def _full_ref(self) -> Any:
        """id -> (file, offset, length) of the whole article text, if fetched."""
        return self._table(1, self._full_refs)

    @_full_ref.setter
    def _full_ref(self, table: Any) -> None:
        self._full_refs = table

    @property
    def _body_ref(self) -> Any:
        """id -> (file, offset, length) of the feed's text (see body_ref_of)."""
        return self._table(2, self._body_refs)

    @_body_ref.setter
    def _body_ref(self, table: Any) -> None:
        self._body_refs = table


def _waiting_bodies(ids: list[str], refs: list[Any]) -> tuple[int, list[str], tuple[Any, ...]]:
    """A shard's body locations as they wait: in columns, the offsets and
    lengths in arrays, about 24 bytes an article rather than the loaded tuple
    and its two ints (about 120). Made at C speed."""
    if None in refs:  # articles stored without a text
        ids = list(compress(ids, refs))
        refs = list(filter(None, refs))
    if not refs:
        return (0, ids, ((), (), ()))
    names, offsets, lengths = zip(*refs, strict=True)
    return (0, ids, (names, array("q", offsets), array("q", lengths)))
