"""Reading the archive's texts for the search index, and building a whole index.

Each article is indexed with its title, the text its feed gave and, once
fetched, the whole article from its page (storage.texts): a word found only
in the whole text finds the article too.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import BinaryIO

import orjson

from storage.records import Article
from storage.search_index import Part, TokenIndex

# (article id, title, (body file, offset, length) or None, the same for the whole text)
Where = tuple[str, int, int] | None
Entry = tuple[str, str, Where, Where]
# The CPU priority the building workers lower themselves by (ingest's workers do the same).
WORKER_NICENESS = 10
LOWEST_PRIORITY = 19  # the highest niceness there is


def entries(
    articles: Iterable[Article],
    summaries: Mapping[str, tuple[str, int, int]],
    wholes: Mapping[str, tuple[str, int, int]],
) -> list[Entry]:
    """Where each article's texts are, in file order: each file is then read front to back."""
    found: list[Entry] = [(a.id, a.title, summaries.get(a.id), wholes.get(a.id)) for a in articles]
    found.sort(key=lambda entry: entry[2] or ("", 0, 0))
    return found


class _Files:
    """Body files opened once each, a few at a time (whole texts lie in other months)."""

    KEEP_OPEN = 4

    def __init__(self, directory: Path, buffering: int) -> None:
        self.directory = directory
        self.buffering = buffering
        self.handles: dict[str, BinaryIO | None] = {}

    def read(self, article_id: str, where: Where) -> str:
        if where is None:
            return ""
        name, offset, length = where
        if name not in self.handles:
            if len(self.handles) >= self.KEEP_OPEN:
                oldest = next(iter(self.handles))
                handle = self.handles.pop(oldest)
                if handle is not None:
                    handle.close()
            handle = None
            with contextlib.suppress(OSError):
                handle = open(self.directory / name, "rb", buffering=self.buffering)  # noqa: SIM115
            self.handles[name] = handle
        handle = self.handles[name]
        if handle is None:
            return ""
        try:
            handle.seek(offset)
            raw = handle.read(length)
        except OSError:
            return ""
        return _body(raw, article_id)

    def close(self) -> None:
        for handle in self.handles.values():
            if handle is not None:
                handle.close()
        self.handles.clear()


def read(
    directory: Path, found: Iterable[Entry], *, sparse: bool = False
) -> Iterator[tuple[str, str, str, bool]]:
    """(id, title, texts, whole) of each entry, in order: the texts store.body gives.

    Opening each file once, rather than once for each of 100,000 articles,
    is what makes reading every body take one second. `sparse`: a few
    entries spread over the files, read without a buffer (a 1 MB buffer
    would be filled for each).
    """
    files = _Files(directory, 0 if sparse else 1 << 20)
    try:
        for article_id, title, summary, whole in found:
            text = files.read(article_id, summary)
            if whole is not None:
                text = f"{text}\n{files.read(article_id, whole)}"
            yield article_id, title, text, whole is not None
    finally:
        files.close()


def _body(raw: bytes, article_id: str) -> str:
    """The body in one stored line, or "" when the line is not that article's."""
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return ""
    if not isinstance(record, dict) or record.get("id") != article_id:
        return ""
    return str(record.get("body", ""))


# Below this, a build in this process takes under two seconds: not worth workers.
PARALLEL_FROM = 20_000


def build(directory: Path, found: list[Entry]) -> TokenIndex:
    """An index of the entries, built by worker processes when there are many.

    Tokenizing 200 MB of bodies is ~10 s of pure Python. In workers it runs
    on every core, leaves this process's GIL to the UI, and its temporary
    garbage never inflates this process's memory. Anything going wrong with
    the workers falls back to building here.
    """
    workers = min(os.cpu_count() or 1, 4)
    if len(found) >= PARALLEL_FROM and workers > 1:
        with contextlib.suppress(Exception):
            return build_in_workers(directory, found, workers)
    index = TokenIndex()
    index.add(read(directory, found))
    return index


def build_in_workers(directory: Path, found: list[Entry], workers: int) -> TokenIndex:
    size = -(-len(found) // workers)
    chunks = [found[start : start + size] for start in range(0, len(found), size)]
    methods = multiprocessing.get_all_start_methods()
    # Never fork: the app has threads, and a forked child could inherit a held lock.
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    index = TokenIndex()
    with ProcessPoolExecutor(
        max_workers=len(chunks),
        mp_context=context,
        initializer=_worker_init,
        initargs=(list(sys.path), worker_niceness()),
    ) as pool:
        # One bytes object each, not 50,000 tuples: pickling those would leave
        # ~20 MB of memo and buffers behind in this process's heap.
        futures = [
            pool.submit(_index_part, str(directory), orjson.dumps(chunk)) for chunk in chunks
        ]
        for chunk, future in zip(chunks, futures, strict=True):
            part = future.result()
            index.merge(
                [entry[0] for entry in chunk],
                [entry[1] for entry in chunk],
                part,
                [entry[3] is not None for entry in chunk],
            )
    return index


def worker_niceness() -> int:
    """The building workers' niceness: WORKER_NICENESS above this process's.

    Absolute: a fork server that runs behind the dashboard already must not
    hand on its own step, which would put them behind every other program.
    """
    with contextlib.suppress(OSError, AttributeError):
        return min(os.getpriority(os.PRIO_PROCESS, 0) + WORKER_NICENESS, LOWEST_PRIORITY)
    return WORKER_NICENESS


def _worker_init(sys_path: list[str], niceness: int) -> None:
    # forkserver children do not inherit sys.path; the parent's Ctrl+C is not theirs.
    sys.path[:] = sys_path
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Behind the dashboard's event loop, which keeps drawing while they build.
    with contextlib.suppress(OSError, AttributeError):
        if os.getpriority(os.PRIO_PROCESS, 0) < niceness:
            os.setpriority(os.PRIO_PROCESS, 0, niceness)


def _index_part(directory: str, chunk: bytes) -> Part:
    """In a worker: the postings of the entries, documents numbered in their order."""
    index = TokenIndex()
    found = [
        (i, title, tuple(summary) if summary else None, tuple(whole) if whole else None)
        for i, title, summary, whole in orjson.loads(chunk)
    ]
    index.add(read(Path(directory), found))  # type: ignore[arg-type]
    return index.export()
