"""Where each article's text lies, (body file, offset, length), held as one int.

A year of archive holds 300,000 of these: a tuple and its two ints cost 128
bytes an article, one int of all three 48 (24 MB less). The file names are
few (one a month) and numbered; a location too large to pack stays a tuple.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping

Ref = tuple[str, int, int]

_LENGTH_BITS = 32
_NAME_BITS = 16
_LENGTH_MASK = (1 << _LENGTH_BITS) - 1
_NAME_MASK = (1 << _NAME_BITS) - 1
_OFFSET_SHIFT = _LENGTH_BITS + _NAME_BITS


class TextRefs(Mapping[str, Ref]):
    """article id -> (file, offset, length); reads and writes give plain tuples."""

    __slots__ = ("_names", "_numbers", "_packed")

    def __init__(self) -> None:
        self._packed: dict[str, int | Ref] = {}
        self._names: list[str] = []
        self._numbers: dict[str, int] = {}

    def _pack(self, ref: Ref) -> int | Ref:
        name, offset, length = ref
        number = self._numbers.get(name)
        if number is None and len(self._names) <= _NAME_MASK:
            name = sys.intern(name)
            number = self._numbers[name] = len(self._names)
            self._names.append(name)
        if number is None or offset < 0 or not 0 <= length <= _LENGTH_MASK:
            return (sys.intern(name), offset, length)
        return (offset << _OFFSET_SHIFT) | (length << _NAME_BITS) | number

    def _unpack(self, packed: int | Ref) -> Ref:
        if isinstance(packed, tuple):
            return packed
        return (
            self._names[packed & _NAME_MASK],
            packed >> _OFFSET_SHIFT,
            (packed >> _NAME_BITS) & _LENGTH_MASK,
        )

    def update(self, pairs: Iterable[tuple[str, Ref]]) -> None:
        """Add many (a whole shard when the archive opens): packed inline, as
        a call per location would add a tenth of a second at 300,000."""
        numbers, pack = self._numbers, self._pack

        def packed() -> Iterator[tuple[str, int | Ref]]:
            for article_id, ref in pairs:
                number = numbers.get(ref[0])
                offset, length = ref[1], ref[2]
                if number is not None and offset >= 0 and 0 <= length <= _LENGTH_MASK:
                    yield article_id, (offset << _OFFSET_SHIFT) | (length << _NAME_BITS) | number
                else:
                    yield article_id, pack(ref)

        self._packed.update(packed())

    def __setitem__(self, article_id: str, ref: Ref) -> None:
        self._packed[article_id] = self._pack(ref)

    def __getitem__(self, article_id: str) -> Ref:
        return self._unpack(self._packed[article_id])

    def get(self, article_id: str) -> Ref | None:
        packed = self._packed.get(article_id)
        return None if packed is None else self._unpack(packed)

    def pop(self, article_id: str, default: Ref | None = None) -> Ref | None:
        packed = self._packed.pop(article_id, None)
        return default if packed is None else self._unpack(packed)

    def items(self) -> Iterator[tuple[str, Ref]]:  # type: ignore[override]
        unpack = self._unpack
        return ((article_id, unpack(packed)) for article_id, packed in self._packed.items())

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)
