"""Shard snapshots: a shard's rows, ready to load, beside its JSON-lines log.

Opening an archive from the shards alone decodes every row of every shard
and builds an Article from each: at 100,000 articles that is most of the time
between the first frame and a filled list. A snapshot holds the same rows already reduced to
the values an Article is built from (storage.records.stored_values), in
marshal's format, which loads several times faster than the JSON and never
runs code from the file, unlike pickle.

A snapshot is a cache, never the record: it names the size and modification
time (file_stamp) of the shard file it was made from, and is used only while
the shard still has them; anything else about it that is off (torn, stale,
another format) makes the store read the shard itself. Every write to a shard
appends or replaces it, so either changes; the inode is left out so that a
copy that keeps modification times (cp -a, shutil.copytree) keeps the
snapshots valid. Only sealed
shards get one (full, or no longer the one new rows are appended to), and
only when the writer opens the archive and finds a sealed shard without a
current one: a poll writes none, and the next start writes those of the
shards it filled or changed.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.atomic import read_file
from storage.records import Article, article_from_values, stored_values

SUFFIX = ".snap"
FORMAT = "aiwire-shard-snapshot-1"
_MARSHAL_VERSION = 4


def snapshot_path(shard_path: Path) -> Path:
    """shard-000001.jsonl -> shard-000001.snap (not matched by the shards' glob)."""
    return shard_path.with_name(shard_path.stem + SUFFIX)


def stat_signature(path: Path) -> int:
    """Changes whenever the file is appended to or replaced (0: no file)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return 0
    return stat.st_mtime_ns ^ (stat.st_size << 1) ^ stat.st_ino


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(size, modification time in ns), what a snapshot is checked against."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


@dataclass(slots=True)
class Loaded:
    """A shard's rows, in parallel lists: doc ids, Articles, text locations."""

    doc_ids: list[int]
    articles: list[Article]
    bodies: list[tuple[str, int, int] | None]
    fulls: list[tuple[str, int, int] | None]


def _ref(value: Any) -> tuple[str, int, int] | None:
    """A text's (file, offset, length); the file name, shared by a month of
    articles, is interned so that it is held once."""
    if not value:
        return None
    file, offset, length = value
    return (sys.intern(str(file)), int(offset), int(length))


def rows_of(table: Mapping[str, dict[str, Any]]) -> tuple[Any, ...]:
    """A shard's articles table as a snapshot's rows (doc ids, values, texts)."""
    doc_ids = []
    values = []
    bodies = []
    fulls = []
    for doc_id, doc in table.items():
        doc_ids.append(int(doc_id))
        values.append(stored_values(doc))
        bodies.append(_ref(doc.get("body")))
        fulls.append(_ref(doc.get("full")))
    return (doc_ids, values, bodies, fulls)


def write_snapshot(
    shard_path: Path, stamp: tuple[int, int] | None, table: Mapping[str, dict[str, Any]]
) -> int:
    """Replace the shard's snapshot; returns the bytes written.

    Not fsynced: after a crash a snapshot is at worst missing or unreadable,
    and the shard is then read instead. The temporary name is one retention
    removes when a kill leaves it behind.
    """
    if stamp is None:
        return 0
    path = snapshot_path(shard_path)
    payload = marshal.dumps((FORMAT, stamp, rows_of(table)), _MARSHAL_VERSION)
    temp = path.with_name(f".{path.name}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(payload)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            temp.unlink()
        return 0
    return len(payload)


def read_snapshot(shard_path: Path, stamp: tuple[int, int] | None) -> Loaded | None:
    """The shard's rows from its snapshot, or None if it has no usable one."""
    try:
        raw = read_file(snapshot_path(shard_path))
        found = marshal.loads(raw)
        tag, made_from, (doc_ids, values, bodies, fulls) = found
        if tag != FORMAT or stamp is None or made_from != stamp:
            return None
        if not len(doc_ids) == len(values) == len(bodies) == len(fulls):
            return None
        articles = list(map(article_from_values, values))
    except (OSError, EOFError, ValueError, TypeError, IndexError, KeyError):
        return None
    return Loaded(doc_ids, articles, bodies, fulls)


def remove_snapshot(shard_path: Path) -> None:
    snapshot_path(shard_path).unlink(missing_ok=True)
