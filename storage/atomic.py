"""Crash-safe file writes and a TinyDB storage built on them.

TinyDB's own JSONStorage rewrites its file in place, so a crash or a full disk
mid-write leaves a truncated file. Here every write goes to a temporary file in
the same folder, is fsynced, atomically renamed over the old file, and the
folder is fsynced so the rename itself survives a power cut. A reader therefore
always sees either the previous complete file or the new complete file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage


class CorruptDataFile(Exception):
    """A data file exists but does not hold valid JSON of the expected shape."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that no crash can leave it half written."""
    directory = path.parent
    import tempfile  # here: reading, all a warm poll does, needs none of it

    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    fsync_directory(directory)


_NOATIME = getattr(os, "O_NOATIME", 0)


def read_file(path: Path) -> bytes:
    """The file's bytes, read without updating its access time where allowed.

    With relatime, the first read of a file since it was written updates its
    atime, which the filesystem journals: a poll where every feed answers 304
    would write to disk although aiwire writes nothing. O_NOATIME needs the file's
    owner (or CAP_FOWNER); anyone else reads it the plain way.
    """
    try:
        fd = os.open(path, os.O_RDONLY | _NOATIME)
    except PermissionError:
        fd = os.open(path, os.O_RDONLY)
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def read_json_object(path: Path) -> dict[str, Any] | None:
    """The JSON object stored at `path`, None when there is no file yet."""
    try:
        raw = read_file(path)
    except FileNotFoundError:
        return None
    if not raw.strip():
        # An empty file is what a crash before the first rename could never
        # leave behind, but an older tool or a user might: treat it as empty.
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise CorruptDataFile(path, f"not valid JSON ({error})") from error
    if not isinstance(data, dict):
        raise CorruptDataFile(path, f"expected a JSON object, found {type(data).__name__}")
    return data


class CachedStorage(Storage):
    """A TinyDB storage that holds the database in memory and writes on flush().

    TinyDB calls write() after every change; rewriting the whole file each time
    is what makes plain TinyDB unusable at 100k articles. Writes here only mark
    the data dirty; the owner calls flush() after each batch and on exit, which
    is the moment the batch counts as stored. Subclasses decide the file
    format: _load() reads it, flush() writes it.
    """

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._data: dict[str, Any] | None = None
        self._dirty = False
        self.bytes_written = 0

    def _load(self) -> dict[str, Any] | None:
        raise NotImplementedError

    def flush(self) -> int:
        """Make the changes durable; returns the number of bytes written."""
        raise NotImplementedError

    def read(self) -> dict[str, Any] | None:
        if self._data is None:
            self._data = self._load()
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        self._dirty = True

    def mark(self, table: str, doc_ids: Iterable[int]) -> None:
        """Say which rows the last write changed (a storage that appends uses it)."""

    @property
    def dirty(self) -> bool:
        return self._dirty

    def release(self) -> None:
        """Drop the cached data if nothing is pending; the next read() loads it again.

        The store indexes every row as an Article; keeping TinyDB's copy of the
        full shards as well would double the memory and give the garbage
        collector many more lists per article to scan on every full collection.
        """
        if not self._dirty:
            self._data = None

    def reload(self) -> None:
        """Forget the cached data (and any unflushed change) so the next read is from disk."""
        self._data = None
        self._dirty = False

    def close(self) -> None:
        self.flush()


class AtomicJSONStorage(CachedStorage):
    """The whole database as one JSON object, replaced atomically on each flush."""

    def _load(self) -> dict[str, Any] | None:
        return read_json_object(self.path)

    def flush(self) -> int:
        if not self._dirty or self.read_only or self._data is None:
            return 0
        payload = orjson.dumps(self._data)
        write_atomically(self.path, payload)
        self._dirty = False
        self.bytes_written += len(payload)
        return len(payload)
