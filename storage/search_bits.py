"""Sets of document numbers as int bitsets and one-byte-per-document flags.

Every loop over documents runs in C (bytes.translate, extended-slice
assignment, map over a bound method, int bit operations).
"""

from __future__ import annotations

import itertools
import operator
from collections import deque
from collections.abc import Iterable, Sequence

# _BIT[j][b] is bit j of byte b; _SHIFT[j][b] is (1 << j) when b is non-zero.
_BIT = [bytes((b >> j) & 1 for b in range(256)) for j in range(8)]
_SHIFT = [bytes((1 << j) if b else 0 for b in range(256)) for j in range(8)]


def _expand(bits: int, size: int) -> bytearray:
    """One byte (0 or 1) per document from a bitset (bit d = document d)."""
    packed = bits.to_bytes((size + 7) // 8, "little")
    flags = bytearray(len(packed) * 8)
    for j in range(8):
        flags[j::8] = packed.translate(_BIT[j])
    del flags[size:]
    return flags


def _pack(flags: bytes | bytearray) -> int:
    """The bitset of a one-byte-per-document flag string (inverse of _expand)."""
    bits = 0
    for j in range(8):
        bits |= int.from_bytes(flags[j::8].translate(_SHIFT[j]), "little")
    return bits


def _scatter(flags: bytearray, docs: Iterable[int], value: int = 1) -> None:
    """flags[d] = value for every d in docs, looping in C rather than bytecode."""
    deque(map(flags.__setitem__, docs, itertools.repeat(value)), maxlen=0)


def _bitset(docs: Sequence[int]) -> int:
    """The bitset of an ascending array of document numbers."""
    if not docs:
        return 0
    low = docs[0] & ~7  # a whole byte lower, so the shift below stays byte-aligned
    flags = bytearray(docs[-1] - low + 1)
    _scatter(flags, map(operator.sub, docs, itertools.repeat(low)))
    return _pack(flags) << low
