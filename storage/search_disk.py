"""The search index on disk: one file, replaced whole, that opens without work.

    search-index.bin: MAGIC, the header's length (8 bytes), the header (JSON:
    counts, and where each section lies with its CRC-32), then the sections

Sections: article ids (UTF-8, one a line), a checksum of each indexed title, the
whole-text flags, the vocabulary (tokens joined by newlines) and where each
token starts, the bitsets of frequent tokens, and the postings of the others
one token after another with each token's offset (a compressed sparse row).

Why a file of our own rather than a database: queries match any substring of
a token, in every script, with the folding of storage.fold; no full-text
engine in the standard library does that (SQLite's trigram tokenizer ignores
words under three characters and cannot drop accents before SQLite 3.45).

Loading maps the file, checks every section's CRC (10 MB at 100,000
articles: milliseconds) and reads only the ids, title checksums and
vocabulary; postings and bitsets stay in the mapping until a query needs them. The
file is written beside itself, synced, then renamed over the old one
(storage.atomic), so a crash leaves the old index or the new one. Anything
that does not check out (the magic, a section's CRC, a size) makes load()
return None and the caller rebuilds: a lost index costs time, never data.
"""

from __future__ import annotations

import contextlib
import itertools
import mmap
import os
import sys
import tempfile
import zlib
from array import array
from collections.abc import Sequence
from pathlib import Path

import orjson

from storage.atomic import fsync_directory
from storage.search_bits import _bitset
from storage.search_index import Loaded, TokenIndex

INDEX_FILE = "search-index.bin"
MAGIC = b"aiwire search index\n"
VERSION = 1


def _sections(index: TokenIndex) -> dict[str, bytes] | None:
    ids = index.raw_ids()
    joined = "\n".join(ids)
    if joined.count("\n") != max(len(ids) - 1, 0):
        return None  # an id with a newline (never made by aiwire): kept in memory only
    sections: dict[str, bytes] = {}
    sections["ids"] = joined.encode("utf-8", "surrogatepass")
    sections["titles"] = index.title_codes().tobytes()
    sections["whole"] = bytes(index.whole_flags())
    tokens = index.tokens()
    starts = array("I", itertools.accumulate((len(t) + 1 for t in tokens[:-1]), initial=0))
    sections["blob"] = "\n".join(tokens).encode("utf-8", "surrogatepass")
    sections["starts"] = starts.tobytes() if tokens else b""
    dense_tokens = array("I")
    dense_offsets = array("Q", [0])
    dense_parts: list[bytes] = []
    base_offsets = array("I", [0])
    base = array("I")
    for token in range(len(tokens)):
        bits, loaded, docs = index.postings(token)
        if bits:
            # A token with a bitset keeps everything in it (load relies on that).
            bits |= _bitset_of(loaded) | _bitset_of(docs)
            packed = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
            dense_tokens.append(token)
            dense_parts.append(packed)
            dense_offsets.append(dense_offsets[-1] + len(packed))
        else:
            base.extend(loaded)
            base.extend(docs)
        base_offsets.append(len(base))
    sections["dense_tokens"] = dense_tokens.tobytes()
    sections["dense_offsets"] = dense_offsets.tobytes()
    sections["dense"] = b"".join(dense_parts)
    sections["base_offsets"] = base_offsets.tobytes()
    sections["base"] = base.tobytes()
    return sections


def _bitset_of(docs: Sequence[int]) -> int:
    return _bitset(docs) if len(docs) else 0  # type: ignore[arg-type]


def save(index: TokenIndex, data_dir: Path) -> int:
    """Write the index as data_dir/INDEX_FILE, replacing it whole; returns bytes written."""
    sections = _sections(index)
    if sections is None:
        return 0
    layout: dict[str, list[int]] = {}
    position = 0
    for name, payload in sections.items():
        position += -position % 8  # aligned, so postings can be viewed as integers in place
        layout[name] = [position, len(payload), zlib.crc32(payload)]
        position += len(payload)
    header = orjson.dumps(
        {
            "version": VERSION,
            "byteorder": sys.byteorder,
            "documents": index.documents,
            "shards": index.shards,
            "sections": layout,
        }
    )
    path = data_dir / INDEX_FILE
    fd, temp = tempfile.mkstemp(prefix=f".{INDEX_FILE}.", suffix=".tmp", dir=data_dir)
    written = 0
    try:
        with os.fdopen(fd, "wb") as handle:
            start = len(MAGIC) + 8 + len(header)
            handle.write(MAGIC + len(header).to_bytes(8, "little") + header)
            written = start
            for name, payload in sections.items():
                offset = layout[name][0] + start
                handle.write(b"\0" * (offset - written))
                handle.write(payload)
                written = offset + len(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    fsync_directory(data_dir)
    index.changes = 0
    return written


def load(data_dir: Path) -> TokenIndex | None:
    """The index saved in data_dir, or None when there is none or it does not check out."""
    loaded = read(data_dir)
    return None if loaded is None else TokenIndex.from_loaded(loaded)


def read(data_dir: Path) -> Loaded | None:
    """What load() makes its index of; TokenIndex.from_loaded can then share the ids."""
    try:
        with open(data_dir / INDEX_FILE, "rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty (mmap refuses 0 bytes)
        return None
    try:
        loaded = _parse(memoryview(mapped))
    except (ValueError, KeyError, TypeError, IndexError, OverflowError, orjson.JSONDecodeError):
        return None
    with contextlib.suppress(AttributeError, OSError, ValueError):
        # Checking the CRCs read every page; they stay in the page cache, but out
        # of this process's memory until a query reads them again.
        mapped.madvise(mmap.MADV_DONTNEED)
    return loaded


def _parse(view: memoryview) -> Loaded:
    if bytes(view[: len(MAGIC)]) != MAGIC:
        raise ValueError("not a search index")
    size = int.from_bytes(view[len(MAGIC) : len(MAGIC) + 8], "little")
    start = len(MAGIC) + 8 + size
    header = orjson.loads(bytes(view[len(MAGIC) + 8 : start]))
    if header["version"] != VERSION or header["byteorder"] != sys.byteorder:
        raise ValueError("another version")
    sections: dict[str, memoryview] = {}
    for name, (offset, length, check) in header["sections"].items():
        section = view[start + offset : start + offset + length]
        if len(section) != length or zlib.crc32(section) != check:
            raise ValueError(f"section {name} damaged")
        sections[name] = section
    documents = int(header["documents"])

    def integers(name: str, code: str = "I") -> array:
        values = array(code)
        values.frombytes(sections[name])
        return values

    joined = bytes(sections["ids"]).decode("utf-8", "surrogatepass")
    ids = joined.split("\n") if documents else []
    titles = integers("titles")
    whole = bytearray(sections["whole"])
    if not len(ids) == len(titles) == len(whole) == documents:
        raise ValueError("document counts differ")
    blob = bytes(sections["blob"]).decode("utf-8", "surrogatepass")
    starts = integers("starts")
    base_offsets = sections["base_offsets"].cast("I")
    if len(base_offsets) != len(starts) + 1 or base_offsets[-1] * 4 != len(sections["base"]):
        raise ValueError("postings do not add up")
    dense_offsets = integers("dense_offsets", "Q")
    bitsets = sections["dense"]
    limit = (documents + 7) // 8
    dense: dict[int, int | memoryview] = {}
    dense_tokens = integers("dense_tokens")
    if len(dense_offsets) != len(dense_tokens) + 1:
        raise ValueError("bitsets do not add up")
    for token, low, high in zip(dense_tokens, dense_offsets[:-1], dense_offsets[1:], strict=True):
        if high - low > limit or token >= len(starts):
            raise ValueError("a bitset is out of range")
        dense[token] = bitsets[low:high]
    return Loaded(
        ids,
        titles,
        whole,
        blob,
        starts,
        dense,
        sections["base"].cast("I"),
        base_offsets,
        {str(name): str(signature) for name, signature in header["shards"].items()},
    )


def remove(data_dir: Path) -> None:
    with contextlib.suppress(OSError):
        (data_dir / INDEX_FILE).unlink()
