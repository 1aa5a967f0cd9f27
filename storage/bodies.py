"""Article bodies, kept out of the metadata tables.

Bodies are the bulk of the data and never change once stored, so they go to
append-only JSON-lines files, one per month of first sight. The metadata row
records (file, offset, length), so reading a body is one seek and one read,
and storing a batch never rewrites anything that was already there.

A crash mid-append can leave a torn last line. It is never referenced (the
metadata that would point at it is written after the fsync), and the next
append starts on a fresh line, so the tear is harmless.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

import orjson


class BodyRef(NamedTuple):
    """Where a body is stored: (file, offset, length)."""

    file: str
    offset: int
    length: int

    def to_list(self) -> list[str | int]:
        return [self.file, self.offset, self.length]

    @classmethod
    def from_list(cls, value: list[str | int]) -> BodyRef:
        file, offset, length = value
        return cls(str(file), int(offset), int(length))


class BodyStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.bytes_written = 0

    def append_batch(self, bodies: list[tuple[str, str, str]]) -> list[BodyRef]:
        """Append (article_id, month, text) triples; fsync once per file touched."""
        refs: list[BodyRef] = []
        by_file: dict[str, list[tuple[int, bytes]]] = {}
        for index, (article_id, month, text) in enumerate(bodies):
            line = orjson.dumps({"id": article_id, "body": text}) + b"\n"
            by_file.setdefault(f"{month}.jsonl", []).append((index, line))
        placed: dict[int, BodyRef] = {}
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, lines in by_file.items():
            path = self.directory / name
            with open(path, "ab") as handle:
                offset = handle.seek(0, os.SEEK_END)
                if offset and not _ends_with_newline(path, offset):
                    handle.write(b"\n")
                    offset += 1
                for index, line in lines:
                    handle.write(line)
                    placed[index] = BodyRef(name, offset, len(line))
                    offset += len(line)
                    self.bytes_written += len(line)
                handle.flush()
                os.fsync(handle.fileno())
        refs = [placed[index] for index in range(len(bodies))]
        return refs

    def read(self, article_id: str, ref: BodyRef) -> str:
        try:
            with open(self.directory / ref.file, "rb") as handle:
                handle.seek(ref.offset)
                raw = handle.read(ref.length)
            record = orjson.loads(raw)
        except (OSError, orjson.JSONDecodeError):
            return ""
        if record.get("id") != article_id:
            return ""
        return str(record.get("body", ""))

    def iter_files(self) -> list[Path]:
        if not self.directory.exists():
            return []
        return sorted(self.directory.glob("*.jsonl"))


def _ends_with_newline(path: Path, size: int) -> bool:
    with open(path, "rb") as handle:
        handle.seek(size - 1)
        return handle.read(1) == b"\n"
