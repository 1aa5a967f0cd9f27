"""A TinyDB storage kept as an append-only JSON-lines log.

Each line is `[table, doc_id, document]`, the row as it is now; a later line
for the same row supersedes an earlier one, and a `null` document deletes it.
Storing a batch therefore appends the batch's rows and fsyncs once: nothing
already on disk is rewritten, which is what keeps a poll of 2,500 new items
with a 100,000-article archive to a few megabytes written (the JSON storage it
replaces rewrote the newest shard on every batch).

TinyDB's storage interface is read-the-whole-database / write-the-whole-database,
so the owner says which rows a change touched with `mark()`. A write that was
not marked (some TinyDB operation the owner did not anticipate) is still safe:
the next flush rewrites the whole file atomically, which is also how the log
is compacted once superseded lines outnumber live rows.

Crash safety: an append interrupted by a crash leaves at most a torn last line
(no newline). It was never acknowledged (acknowledgement follows the fsync), so
loading ignores it, and the next flush rewrites the file without it. A flush
that fails (a full disk) cuts the file back to its previous length, so what is
on disk stays exactly the acknowledged rows.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from typing import Any

import orjson

from storage.atomic import (
    CachedStorage,
    CorruptDataFile,
    fsync_directory,
    read_file,
    write_atomically,
)

# Compact when the file holds this many times more lines than live rows: an
# enrichment pass that restates every row doubles a shard's lines once.
COMPACT_RATIO = 3
COMPACT_MIN_LINES = 64


class AppendLogStorage(CachedStorage):
    """TinyDB storage: the database in memory, changed rows appended on flush()."""

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        super().__init__(path, read_only)
        self._marked: set[tuple[str, str]] = set()
        self._last_write_unmarked = False  # mark() has not followed the last write yet
        self._rewrite_pending = False  # a write was never marked: append cannot do
        self._size = 0  # bytes of complete lines on disk
        self._lines = 0
        self._torn = False

    def write(self, data: dict[str, Any]) -> None:
        super().write(data)
        # Until mark() says which rows this write changed, assume any could have.
        if self._last_write_unmarked:
            self._rewrite_pending = True
        self._last_write_unmarked = True

    def mark(self, table: str, doc_ids: Iterable[int]) -> None:
        """Say which rows the last write changed, so flush() appends only them."""
        self._marked.update((table, str(doc_id)) for doc_id in doc_ids)
        self._last_write_unmarked = False

    def flush(self) -> int:
        """Make the changes durable; returns the number of bytes written."""
        if not self._dirty or self.read_only or self._data is None:
            return 0
        live = sum(len(rows) for rows in self._data.values())
        needs_rewrite = (
            self._rewrite_pending
            or self._last_write_unmarked
            or self._torn
            or self._lines + len(self._marked) > max(COMPACT_MIN_LINES, COMPACT_RATIO * live)
        )
        written = self._rewrite() if needs_rewrite else self._append()
        self._dirty = False
        self._marked.clear()
        self._last_write_unmarked = self._rewrite_pending = False
        self.bytes_written += written
        return written

    def reload(self) -> None:
        super().reload()
        self._marked.clear()
        self._last_write_unmarked = self._rewrite_pending = False

    # -- internals ---------------------------------------------------------------

    def _load(self) -> dict[str, Any] | None:
        try:
            raw = read_file(self.path)
        except FileNotFoundError:
            self._size = self._lines = 0
            self._torn = False
            return None
        end = raw.rfind(b"\n") + 1  # complete lines only: a torn tail was never acknowledged
        complete = raw[:end]
        try:
            # One decoder call for the whole file, a JSON array of its lines, is
            # about twice as fast as one call per line; a line that does not
            # decode is then found (and named) the slow way.
            rows_read = orjson.loads(b"[" + complete.rstrip(b"\n").replace(b"\n", b",") + b"]")
        except orjson.JSONDecodeError:
            rows_read = [
                self._decode_line(n, line)
                for n, line in enumerate(complete.split(b"\n"), 1)
                if line.strip()
            ]
        data: dict[str, dict[str, Any]] = {}
        for number, row in enumerate(rows_read, start=1):
            if not isinstance(row, list) or len(row) != 3:
                raise CorruptDataFile(self.path, f"line {number} is not a row")
            table, doc_id, doc = row
            if not isinstance(table, str) or not isinstance(doc_id, int):
                raise CorruptDataFile(self.path, f"line {number} is not a row")
            rows = data.setdefault(table, {})
            if doc is None:
                rows.pop(str(doc_id), None)
            elif isinstance(doc, dict):
                rows[str(doc_id)] = doc
            else:
                raise CorruptDataFile(self.path, f"line {number} holds no document")
        self._size = end
        self._lines = len(rows_read)
        self._torn = end != len(raw)
        return data

    def _decode_line(self, number: int, line: bytes) -> Any:
        try:
            return orjson.loads(line)
        except orjson.JSONDecodeError as error:
            raise CorruptDataFile(self.path, f"line {number} is not a row ({error})") from error

    def _line(self, table: str, doc_id: str) -> bytes:
        assert self._data is not None
        doc = self._data.get(table, {}).get(doc_id)
        return orjson.dumps([table, int(doc_id), doc]) + b"\n"

    def _append(self) -> int:
        payload = b"".join(self._line(table, doc_id) for table, doc_id in sorted(self._marked))
        if not payload:
            return 0
        created = not self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        except BaseException:
            # Back to the acknowledged rows: a half-written batch must not load.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, self._size)
            raise
        finally:
            os.close(fd)
        if created:
            fsync_directory(self.path.parent)
        self._size += len(payload)
        self._lines += len(self._marked)
        return len(payload)

    def _rewrite(self) -> int:
        assert self._data is not None
        payload = b"".join(
            self._line(table, doc_id) for table, rows in self._data.items() for doc_id in rows
        )
        write_atomically(self.path, payload)
        self._size = len(payload)
        self._lines = sum(len(rows) for rows in self._data.values())
        self._torn = False
        return len(payload)
