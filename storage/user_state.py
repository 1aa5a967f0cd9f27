"""The store's small files: read/starred flags (user.json) and feed state (state.jsonl).

A mixin of ArticleStore (store.py). Kept apart from the article shards on
purpose: a key press that marks an article read must not touch article
metadata at all, and a poll of one feed appends that feed's state, not the
state of all 500.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb import Query, TinyDB

from storage.atomic import CorruptDataFile, read_json_object, write_atomically
from storage.log_storage import AppendLogStorage
from storage.records import READ_FLAG, STARRED_FLAG, FeedState, UserState
from storage.snapshots import stat_signature

STATE_FILE = "state.jsonl"
LEGACY_STATE_FILE = "state.json"
USER_FILE = "user.json"


class UserAndFeedState:
    """Needs the ArticleStore attributes it names below."""

    data_dir: Path
    bytes_written: int
    _user: dict[str, int]
    _user_dirty: bool
    _user_signature: int
    _state_signature: int
    _state_storage: AppendLogStorage | None
    _state_db: TinyDB | None
    _feed_doc_ids: dict[str, int] | None  # feed id -> its state's row

    if TYPE_CHECKING:

        @property
        def writer(self) -> bool: ...
        def _require_writer(self) -> None: ...
        def _handle_corrupt(self, error: CorruptDataFile) -> None: ...

    # -- loading ---------------------------------------------------------------

    def _load_user(self) -> None:
        path = self.data_dir / USER_FILE
        signature = stat_signature(path)  # before reading: see ShardFiles._load_shard_file
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
        signature = stat_signature(path)  # before reading: see ShardFiles._load_shard_file
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

    # -- reading ---------------------------------------------------------------

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

    # -- writing ---------------------------------------------------------------

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
        path = self.data_dir / USER_FILE
        payload = orjson.dumps(self._user)
        write_atomically(path, payload)
        self._user_dirty = False
        self._user_signature = stat_signature(path)
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
        self._state_signature = stat_signature(self.data_dir / STATE_FILE)
        self.bytes_written += written
        legacy = self.data_dir / LEGACY_STATE_FILE
        if written and legacy.exists():
            legacy.unlink()  # carried over into the log just written
        return written
