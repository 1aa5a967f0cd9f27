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
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.poll_outcome import PollOutcome

if TYPE_CHECKING:
    from ingest.config import Config, SourceConfig
    from ingest.fetch import Fetcher, FetchResult
    from storage.records import FeedState

Key = tuple[str, str | None, str | None]  # url, etag, last_modified


class UnchangedPoll:
    """The outcome of asking every feed first: a finished pass, or answers to reuse."""

    def __init__(self) -> None:
        self.outcomes: list[PollOutcome] | None = None  # set when nothing changed
        self.answers: dict[Key, FetchResult] = {}  # for the library's pass otherwise


def _clean(state: FeedState | None, source: SourceConfig) -> bool:
    """Whether a poll that finds the feed unchanged leaves `state` as it is."""
    return (
        state is not None
        and state.url == source.url
        and not state.gone
        and state.retry_after is None
        and state.last_error is None
        and not state.consecutive_failures
        and state.last_success is not None
    )


def _read_states(data_dir: Path, seeds_dir: Path) -> dict[str, FeedState] | None:
    """The stored feed states, or None when the library must open the store itself."""
    from ingest.seed_files import SEEDS_LOADED_KEY, pending_seeds
    from storage.log_storage import AppendLogStorage
    from storage.records import FeedState

    path = data_dir / "state.jsonl"
    try:
        tables = AppendLogStorage(path, read_only=True).read()
    except Exception:  # noqa: BLE001 - damaged or unreadable: the store reports it
        return None
    if not tables:
        return None
    loaded = [row.get("value") for row in tables.get("meta", {}).values()
              if row.get("key") == SEEDS_LOADED_KEY]  # fmt: skip
    if pending_seeds(seeds_dir, loaded[0] if loaded and isinstance(loaded[0], list) else []):
        return None
    try:
        states = [FeedState.from_doc(doc) for doc in tables.get("feeds", {}).values()]
    except (KeyError, TypeError, ValueError):
        return None
    return {state.feed_id: state for state in states}


def _unchanged(result: FetchResult, state: FeedState) -> str | None:
    """The outcome's status when `result` changes nothing, else None."""
    if result.permanent_url and result.permanent_url != state.effective_url:
        return None
    if result.status == "not_modified":
        return "not_modified"
    if result.status == "ok" and result.body is not None:
        digest = hashlib.blake2b(result.body, digest_size=16).hexdigest()
        return "unchanged" if digest == state.body_hash else None
    return None


async def _ask(
    fetcher: Fetcher,
    sources: Sequence[SourceConfig],
    states: dict[str, FeedState],
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
    from ingest.kinds.registry import fetching_kind
    from storage.lock import WriterLock

    try:
        config: Config = load_config(config_path)
    except ConfigError:
        return UnchangedPoll()  # the library reports it, in its words
    sources = [source for source in config.sources if source.enabled]
    if not sources or not (data_dir / "state.jsonl").is_file():
        return UnchangedPoll()
    if any(fetching_kind(source.url) for source in sources):
        return UnchangedPoll()  # a kind with requests of its own: the poller's business
    lock = WriterLock(data_dir)
    if not lock.try_acquire():
        return UnchangedPoll()  # the library says who holds it
    try:
        states = _read_states(data_dir, seeds_dir)
        if states is None or not all(_clean(states.get(s.id), s) for s in sources):
            return UnchangedPoll()
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
