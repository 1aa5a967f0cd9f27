"""The store's writes beyond adding: whole-article texts, moved texts, removal.

A mixin of ArticleStore (store.py), kept apart so that file stays about
loading and adding. Retention (retention.py) decides what to remove and
when; these methods only carry it out, each durable on return.

Texts are kept per article under two keys of its row: "body", the text the
feed gave, and "full", the whole article fetched from its page, each a
(file, offset, length) location in the body store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import orjson

from storage.atomic import CorruptDataFile, read_json_object, write_atomically
from storage.bodies import BodyRef
from storage.row_refs import doc_of, shard_of
from storage.text_refs import TextRefs

if TYPE_CHECKING:
    from pathlib import Path

    from storage.bodies import BodyStore

# Ids of pruned articles that may still be in their feed: add() refuses them,
# or the next poll would bring back what retention just removed.
PRUNED_FILE = "pruned.json"
ARTICLES_TABLE = "articles"


class TextEdits:
    """Needs the ArticleStore attributes it names below."""

    data_dir: Path
    _bodies: BodyStore
    _shards: list[Any]
    _doc_ref: dict[str, int]  # id -> row_refs.row_ref(shard index, doc id)
    _body_ref: TextRefs
    _full_ref: TextRefs
    _pruned: dict[str, str] | None
    _user: dict[str, int]
    _user_dirty: bool

    if TYPE_CHECKING:

        def _require_writer(self) -> None: ...
        def _load_articles(self) -> None: ...
        def _forget(self, article_ids: Iterable[str]) -> None: ...
        def _flush_shards(self, shard_indexes: Iterable[int]) -> None: ...
        def flush_user(self) -> int: ...

    def texts_by_file(self) -> dict[str, list[tuple[str, str, int, int]]]:
        """Body file name -> (article id, "body" or "full", offset, length) stored in it."""
        self._load_articles()
        by_file: dict[str, list[tuple[str, str, int, int]]] = {}
        for kind, refs in (("body", self._body_ref), ("full", self._full_ref)):
            for article_id, (name, offset, length) in refs.items():
                entries = by_file.get(name)
                if entries is None:
                    entries = by_file[name] = []
                entries.append((article_id, kind, offset, length))
        return by_file

    def body_refs(self) -> Iterator[tuple[str, str, BodyRef]]:
        """(article id, "body" or "full", where) for every stored text."""
        self._load_articles()
        for kind, refs in (("body", self._body_ref), ("full", self._full_ref)):
            for article_id, where in list(refs.items()):
                yield article_id, kind, BodyRef(*where)

    def _pruned_ids(self) -> dict[str, str]:
        if self._pruned is None:
            try:
                data = read_json_object(self.data_dir / PRUNED_FILE) or {}
            except CorruptDataFile:
                data = {}  # only costs re-adding an item pruned while in its feed
            self._pruned = {str(k): str(v) for k, v in data.items()}
        return self._pruned

    def set_pruned_ids(self, pruned: Mapping[str, str]) -> None:
        """Replace the ids add() refuses (id -> ISO date of pruning); durable on return."""
        self._require_writer()
        self._pruned = dict(pruned)
        write_atomically(self.data_dir / PRUNED_FILE, orjson.dumps(self._pruned))

    def pruned_ids(self) -> dict[str, str]:
        return dict(self._pruned_ids())

    def remove_articles(self, article_ids: Iterable[str]) -> int:
        """Delete articles' rows and read/starred flags; durable on return.

        Their texts stay in the body files until retention compacts them.
        """
        self._require_writer()
        self._load_articles()
        by_shard: dict[int, list[tuple[str, int]]] = {}
        for article_id in dict.fromkeys(article_ids):
            if article_id in self._doc_ref:
                ref = self._doc_ref[article_id]
                shard_index, doc_id = shard_of(ref), doc_of(ref)
                by_shard.setdefault(shard_index, []).append((article_id, doc_id))
        removed = 0
        for shard_index, entries in by_shard.items():
            shard = self._shards[shard_index]
            doc_ids = [doc_id for _, doc_id in entries]
            try:
                shard.table.remove(doc_ids=doc_ids)
                shard.storage.mark(ARTICLES_TABLE, doc_ids)
                self._flush_shards([shard_index])
            except BaseException:
                shard.storage.reload()  # memory goes back to what the file holds
                raise
            shard.count -= len(entries)
            gone = [article_id for article_id, _ in entries]
            self._forget(gone)
            removed += len(gone)
            if any(article_id in self._user for article_id in gone):
                for article_id in gone:
                    self._user.pop(article_id, None)
                self._user_dirty = True
        self.flush_user()
        return removed

    def set_full_texts(self, texts: Mapping[str, str], *, now: datetime | None = None) -> list[str]:
        """Store whole-article texts beside the feeds' summaries; durable on return.

        Returns the ids stored (an id no longer in the archive is skipped).
        """
        self._require_writer()
        self._load_articles()
        wanted = {aid: text for aid, text in texts.items() if aid in self._doc_ref}
        if not wanted:
            return []
        month = (now or datetime.now(UTC)).strftime("%Y-%m")
        refs = self._bodies.append_batch([(aid, month, text) for aid, text in wanted.items()])
        self._write_refs({aid: {"full": ref} for aid, ref in zip(wanted, refs, strict=True)})
        return list(wanted)

    def relocate_texts(self, moves: Mapping[tuple[str, str], tuple[BodyRef, BodyRef]]) -> int:
        """Point texts at their copies: (id, kind) -> (old, new); durable on return.

        A text whose stored location is no longer `old` (changed meanwhile) is
        left alone. Returns how many were moved.
        """
        self._require_writer()
        self._load_articles()
        maps = {"body": self._body_ref, "full": self._full_ref}
        by_id: dict[str, dict[str, BodyRef]] = {}
        for (article_id, kind), (old, new) in moves.items():
            if article_id in self._doc_ref and maps[kind].get(article_id) == tuple(old):
                by_id.setdefault(article_id, {})[kind] = new
        self._write_refs(by_id)
        return sum(len(refs) for refs in by_id.values())

    def _write_refs(self, by_id: Mapping[str, Mapping[str, BodyRef]]) -> None:
        """Set rows' text locations ("body", "full"), one flush per shard."""
        maps = {"body": self._body_ref, "full": self._full_ref}
        by_shard: dict[int, dict[str, Mapping[str, BodyRef]]] = {}
        for article_id, refs in by_id.items():
            by_shard.setdefault(shard_of(self._doc_ref[article_id]), {})[article_id] = refs
        for shard_index, entries in by_shard.items():

            def apply(
                stored: dict[str, Any], entries: dict[str, Mapping[str, BodyRef]] = entries
            ) -> None:
                for kind, ref in entries[stored["id"]].items():
                    stored[kind] = ref.to_list()

            shard = self._shards[shard_index]
            doc_ids = [doc_of(self._doc_ref[article_id]) for article_id in entries]
            try:
                shard.table.update(apply, doc_ids=doc_ids)
                shard.storage.mark(ARTICLES_TABLE, doc_ids)
                self._flush_shards([shard_index])
            except BaseException:
                shard.storage.reload()  # memory goes back to what the file holds
                raise
            for article_id, refs in entries.items():
                for kind, ref in refs.items():
                    maps[kind][article_id] = tuple(ref)
