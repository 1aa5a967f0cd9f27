"""`aiwire fetch` when nothing changed: the feeds asked before the library starts.

Most passes find every feed unchanged (304, or the bytes of last time), and
then the library, its store, watchlist and parser pool, whose imports are
most of such a pass's time, have nothing to do. So a pass first reads only
what the conditional requests need (feeds.toml, the feeds' validators),
holding the writer lock, and asks every feed. When each answer leaves its
feed's state as it was, the pass is over, with nothing written. Otherwise, or
when anything is out of the ordinary (a feed failing, deferred, new or gone,
a seed to load, feeds.toml with a mistake, the store unreadable, another
writer), the library does the pass as ever, handed the answers already in.

The test of "unchanged" is the poller's own (ingest.poller): a 304 or the
same body hash, no permanent redirect, and a state with nothing to clear.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.poll_outcome import PollOutcome

if TYPE_CHECKING:
    from ingest.config import Config, SourceConfig
    from ingest.fetch import Fetcher, FetchResult

Key = tuple[str, str | None, str | None]  # url, etag, last_modified


class UnchangedPoll:
    """The outcome of asking every feed first: a finished pass, or answers to reuse."""

    def __init__(self) -> None:
        self.outcomes: list[PollOutcome] | None = None  # set when nothing changed
        self.answers: dict[Key, FetchResult] = {}  # for the library's pass otherwise
        # Whether the library's pass has bodies to parse: a feed answered with
        # bytes other than last time's, or the data dir was never polled.
        self.parses = False


class _Stored:
    """What the first look needs of a feed's stored state (storage.records.FeedState)."""

    __slots__ = ("body_hash", "clean", "effective_url", "etag", "last_modified", "url")

    def __init__(self, doc: dict[str, Any]) -> None:
        self.url = doc["url"]
        self.effective_url: str | None = doc.get("effective_url")
        self.etag: str | None = doc.get("etag")
        self.last_modified: str | None = doc.get("last_modified")
        self.body_hash: str | None = doc.get("body_hash")
        # A poll that finds the feed unchanged leaves such a state as it is
        # (ingest.poller's _succeeded): nothing failing, deferred or gone, a success.
        self.clean = bool(
            not doc.get("gone")
            and not doc.get("retry_after")
            and doc.get("last_error") is None
            and not doc.get("consecutive_failures", 0)
            and doc.get("last_success")
        )


def _rows(path: Path) -> dict[str, dict[str, Any]] | None:
    """The tables of an append log (storage.log_storage), read as the store reads it:
    complete lines, a later line for a row superseding it, a null deleting it."""
    raw = path.read_bytes()
    tables: dict[str, dict[str, Any]] = {}
    for line in raw[: raw.rfind(b"\n") + 1].split(b"\n"):
        if not line.strip():
            continue
        row = json.loads(line)
        if not isinstance(row, list) or len(row) != 3:
            return None
        table, doc_id, doc = row
        if not isinstance(table, str) or not isinstance(doc_id, int):
            return None
        rows = tables.setdefault(table, {})
        if doc is None:
            rows.pop(str(doc_id), None)
        elif isinstance(doc, dict):
            rows[str(doc_id)] = doc
        else:
            return None
    return tables


def _read_states(data_dir: Path, seeds_dir: Path) -> dict[str, _Stored] | None:
    """The stored feed states, or None when the library must open the store itself
    (the file damaged or missing, a seed not loaded yet)."""
    from ingest.seed_files import SEEDS_LOADED_KEY, pending_seeds

    try:
        tables = _rows(data_dir / "state.jsonl")
        if not tables:
            return None
        loaded = [row.get("value") for row in tables.get("meta", {}).values()
                  if row.get("key") == SEEDS_LOADED_KEY]  # fmt: skip
        done = loaded[0] if loaded and isinstance(loaded[0], list) else []
        if pending_seeds(seeds_dir, done):
            return None
        return {doc["feed"]: _Stored(doc) for doc in tables.get("feeds", {}).values()}
    except Exception:  # noqa: BLE001 - unreadable or damaged: the store says so
        return None


def _unchanged(result: FetchResult, state: _Stored) -> str | None:
    """The outcome's status when `result` changes nothing, else None."""
    if result.permanent_url and result.permanent_url != state.effective_url:
        return None
    if result.status == "not_modified":
        return "not_modified"
    if result.status == "ok" and result.body is not None:
        return "unchanged" if result.digest() == state.body_hash else None
    return None


async def _ask(
    fetcher: Fetcher,
    sources: Sequence[SourceConfig],
    states: dict[str, _Stored],
    concurrency: int,
) -> UnchangedPoll:
    poll = UnchangedPoll()
    outcomes: dict[str, PollOutcome] = {}
    changed = asyncio.Event()
    # Feeds not asked yet when one has changed are left to the library's pass,
    # which parses each as it arrives.
    gate = asyncio.Semaphore(concurrency)

    async def ask(source: SourceConfig) -> None:
        async with gate:
            if changed.is_set():
                return
            state = states[source.id]
            url = state.effective_url or source.url
            result = await fetcher.fetch(url, etag=state.etag, last_modified=state.last_modified)
        poll.answers[(url, state.etag, state.last_modified)] = result
        status = _unchanged(result, state)
        if status is None:
            changed.set()
            poll.parses = poll.parses or result.status == "ok"
        else:
            outcomes[source.id] = PollOutcome(
                source.id, source.name, status, seconds=result.elapsed
            )

    await asyncio.gather(*(ask(source) for source in sources))
    if not changed.is_set():
        poll.outcomes = [outcomes[source.id] for source in sources]
    return poll


async def poll_unchanged(config_path: Path, data_dir: Path, seeds_dir: Path) -> UnchangedPoll:
    """Ask every enabled feed; `outcomes` is set when none changed (nothing written)."""
    from ingest.config import ConfigError, load_config
    from storage.lock import WriterLock

    if not (data_dir / "state.jsonl").is_file():
        never = UnchangedPoll()  # never polled: everything is new
        never.parses = True
        return never
    try:
        config: Config = load_config(config_path)
    except ConfigError:
        return UnchangedPoll()  # the library reports it, in its words
    sources = [source for source in config.sources if source.enabled]
    if not sources:
        return UnchangedPoll()
    # Every source kind fetches with the fetcher's one GET (none overrides
    # SourceKind.fetches; tests/test_unchanged_poll.py holds them to it), so
    # the first look need not import the kinds and their parsers to ask.
    lock = WriterLock(data_dir)
    try:
        if not lock.try_acquire():
            return UnchangedPoll()  # the library says who holds it
    except OSError:
        return UnchangedPoll()  # a data dir it cannot lock: the library reports it
    try:
        states = _read_states(data_dir, seeds_dir)
        if states is None:
            return UnchangedPoll()
        for source in sources:
            state = states.get(source.id)
            if state is None or state.url != source.url or not state.clean:
                return UnchangedPoll()  # new, moved, failing, deferred or gone
        from ingest.fetch import Fetcher

        settings = config.settings
        # As ingest.polling makes it, so that every answer is the one it would get.
        fetcher = Fetcher(
            deadline=float(settings.timeout),
            max_bytes=settings.max_feed_size,
            concurrency=settings.concurrency,
            per_host=settings.per_host,
        )
        try:
            return await _ask(fetcher, sources, states, settings.concurrency)
        finally:
            await fetcher.aclose()
    finally:
        lock.release()


class AnsweredFetcher:
    """A fetcher that first hands out the answers the first look got, once each."""

    def __init__(self, fetcher: object, answers: dict[Key, FetchResult]) -> None:
        self._fetcher = fetcher
        self._answers = answers

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        answer = self._answers.pop((url, etag, last_modified), None)
        if answer is not None:
            return answer
        return await self._fetcher.fetch(  # type: ignore[attr-defined, no-any-return]
            url, etag=etag, last_modified=last_modified
        )

    async def aclose(self) -> None:
        await self._fetcher.aclose()  # type: ignore[attr-defined]
