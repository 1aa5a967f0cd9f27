"""What an index is made of when it travels: a worker's postings, a file's contents."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(slots=True)
class Part:
    """An index's postings without its ids: what a worker process sends back."""

    tokens: list[str]  # in token-number order
    dense: dict[int, int]
    rare: dict[int, array]


@dataclass(slots=True)
class Loaded:
    """What search_disk reads back: an index's state, postings left in their buffer."""

    ids: list[str]
    title_codes: array
    whole: bytearray
    blob: str
    starts: array
    dense: dict[int, int | memoryview]
    base: Sequence[int]
    base_offsets: Sequence[int]
    shards: dict[str, str]
