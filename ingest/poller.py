"""Polling one feed: fetch, parse in a worker process, store, record state.

The poller never raises for a feed's failure: a broken feed gets an error on
its FeedState, a capped exponential backoff, and the other feeds carry on.
It writes nothing on a 304: the warm poll of 500 unchanged feeds must not
touch the disk.
"""

from __future__ import annotations

import logging
import shlex
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from ingest.config import SourceConfig
from ingest.kinds.base import FeedFetcher, SourceKind
from ingest.kinds.registry import KINDS, fetch_source
from ingest.parsed import ParsedFeed
from ingest.poll_outcome import PollOutcome
from storage.records import Article, FeedState, NewArticle
from storage.service import StoreService

if TYPE_CHECKING:
    from ingest.parser_on_demand import ParserOnDemand
    from ingest.parser_pool import ParserPool

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=6)
# The stored articles of a feed the parser is told of, the last stored first:
# a feed lists its latest entries, so older ones would only cost the pickling.
KNOWN_IDS = 2_000
GONE = "gone (HTTP 410): the feed was removed; `aiwire disable {}` stops it"


def _gone(source: SourceConfig) -> str:
    # The source's URL names it for `aiwire disable` whatever its name holds.
    return GONE.format(shlex.quote(source.url))


class PollProgress:
    """ "polling 12/40": counts of polls started and finished in this burst."""

    __slots__ = ("finished", "last_completed", "started")

    def __init__(
        self, started: int = 0, finished: int = 0, last_completed: datetime | None = None
    ) -> None:
        self.started = started
        self.finished = finished
        self.last_completed = last_completed

    def __repr__(self) -> str:
        return (
            f"PollProgress(started={self.started}, finished={self.finished}, "
            f"last_completed={self.last_completed!r})"
        )

    @property
    def busy(self) -> bool:
        return self.finished < self.started


def _os_error(error: OSError) -> str:
    """ "no space left on device" rather than "[Errno 28] No space left on device"."""
    return (error.strerror or str(error)).lower()


def backoff_delay(interval: int, failures: int) -> timedelta:
    """How long a failing feed waits: doubling per failure, capped."""
    if failures <= 0:
        return timedelta(seconds=interval)
    return min(
        timedelta(seconds=interval * 2 ** (failures - 1)),
        max(MAX_BACKOFF, timedelta(seconds=interval)),
    )


class Poller:
    def __init__(
        self,
        service: StoreService,
        fetcher: FeedFetcher,
        parser: ParserPool | ParserOnDemand,
        *,
        feed_states: dict[str, FeedState] | None = None,
        # Called with a poll's new articles and whether it was the feed's first poll.
        on_new_articles: Callable[[list[Article], bool], Awaitable[None] | None] | None = None,
        on_feed_state: Callable[[FeedState], None] | None = None,
        on_progress: Callable[[PollProgress], None] | None = None,
        prepare: Callable[[list[NewArticle]], Awaitable[list[NewArticle]]] | None = None,
        # Called before a body is parsed: what `prepare` needs can start meanwhile.
        parsing: Callable[[], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        kinds: Sequence[SourceKind] = KINDS,
    ) -> None:
        self.service = service
        self.fetcher = fetcher
        self.parser = parser
        self.states: dict[str, FeedState] = dict(feed_states or {})
        self.progress = PollProgress()
        self._on_new_articles = on_new_articles
        self._on_feed_state = on_feed_state
        self._on_progress = on_progress
        self._prepare = prepare
        self._parsing = parsing
        self._clock = clock
        self._kinds = kinds
        self._state_dirty = False
        self._storing = 0  # polls waiting for their items to be stored

    def state_for(self, source: SourceConfig) -> FeedState:
        state = self.states.get(source.id)
        if state is None or state.url != source.url:
            # A new source, or the user pointed it at another URL: start over.
            state = FeedState(feed_id=source.id, url=source.url)
            self.states[source.id] = state
        return state

    def _progress(self, started: int = 0, finished: int = 0) -> None:
        self.progress.started += started
        self.progress.finished += finished
        if not self.progress.busy:
            self.progress.last_completed = self._clock()
        if self._on_progress is not None:
            self._on_progress(self.progress)
        if not self.progress.busy:
            self.progress.started = self.progress.finished = 0

    async def poll_many(
        self, sources: Sequence[SourceConfig], *, force: bool = False
    ) -> list[PollOutcome]:
        import asyncio

        return list(await asyncio.gather(*(self.poll(s, force=force) for s in sources)))

    async def poll(self, source: SourceConfig, *, force: bool = False) -> PollOutcome:
        state = self.state_for(source)
        now = self._clock()
        # What a server said holds for every command, forced or not: a 410 is
        # final, and a Retry-After is a request not to come back before then.
        if state.gone:
            return PollOutcome(source.id, source.name, "gone", error=_gone(source))
        if state.retry_after is not None and now < state.retry_after:
            when = state.retry_after.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
            waiting = f"the server asked not to be polled before {when}"
            return PollOutcome(source.id, source.name, "deferred", error=waiting)
        # Only a failing feed waits out its backoff; a healthy one polls on schedule.
        backing_off = state.consecutive_failures > 0
        if not force and backing_off and state.next_poll is not None and now < state.next_poll:
            return PollOutcome(source.id, source.name, "deferred")
        self._progress(started=1)
        try:
            outcome = await self._poll(source, state, now)
        except OSError as error:
            # Storage failed (a full disk, most often): this feed's poll failed,
            # nothing stored was damaged, and the other feeds go on.
            log.error("storing items of %s failed: %s", source.url, error)
            outcome = self._failed(source, state, now, f"could not store: {_os_error(error)}", None)
        except Exception as error:  # noqa: BLE001 - one feed never takes the others down
            log.exception("polling %s failed unexpectedly", source.url)
            outcome = self._failed(source, state, now, f"internal error: {error!r}", None)
        finally:
            self._progress(finished=1)
        if self._state_dirty:
            try:
                await self.service.put_feed_state(state)
                # One state write per burst of polls, not one per feed.
                self.service.flush_state_soon()
                self._state_dirty = False
            except OSError as error:
                # Kept dirty: the state is written with the next poll that can.
                log.error("saving the state of %s failed: %s", source.url, error)
        if self._on_feed_state is not None:
            self._on_feed_state(state)
        return outcome

    async def _poll(self, source: SourceConfig, state: FeedState, now: datetime) -> PollOutcome:
        url = state.effective_url or source.url
        state.last_attempt = now
        # A feed never read answers with a whole document: the parser workers
        # (and what `parsing` starts) start while it is fetched.
        unread = state.first_success is None and not state.consecutive_failures
        if unread:
            self.parser.warm_up()
            if self._parsing is not None:
                self._parsing()
        # A source kind may fetch its URL in its own way; most use the fetcher's GET.
        result = await fetch_source(
            self.fetcher, url, etag=state.etag, last_modified=state.last_modified, kinds=self._kinds
        )
        if result.status == "error" and result.http_status == 410:
            state.gone = True
            log.warning("%s (%s) is gone (HTTP 410); it is not polled again", source.name, url)
            gone = _gone(source)
            self._failed(source, state, now, gone, None, seconds=result.elapsed)
            return PollOutcome(source.id, source.name, "gone", error=gone, seconds=result.elapsed)
        if result.status == "error":
            return self._failed(
                source,
                state,
                now,
                result.error or "failed",
                result.retry_after,
                seconds=result.elapsed,
            )
        if result.permanent_url and result.permanent_url != state.effective_url:
            log.info("%s moved permanently to %s", url, result.permanent_url)
            state.effective_url = result.permanent_url
            self._state_dirty = True
        if result.status == "not_modified":
            self._succeeded(source, state, now)
            return PollOutcome(source.id, source.name, "not_modified", seconds=result.elapsed)

        assert result.body is not None
        body_hash = result.digest()
        if body_hash == state.body_hash:
            # The bytes parsed last time, sent again by a server that ignores
            # validators: nothing to parse, nothing to store, nothing to write.
            self._succeeded(source, state, now)
            return PollOutcome(source.id, source.name, "unchanged", seconds=result.elapsed)
        if self._parsing is not None and not unread:
            self._parsing()
        parsed = await self._parse(
            source, state, result.body, result.headers, result.final_url, now
        )
        if parsed.error:
            return self._failed(source, state, now, parsed.error, None, seconds=result.elapsed)
        added = await self._store(parsed.items) if parsed.items else []
        if result.etag != state.etag or result.last_modified != state.last_modified:
            state.etag, state.last_modified = result.etag, result.last_modified
            self._state_dirty = True
        if body_hash != state.body_hash:
            state.body_hash = body_hash
            self._state_dirty = True
        if parsed.feed_title and parsed.feed_title != state.title:
            state.title = parsed.feed_title
            self._state_dirty = True
        first_poll = state.first_success is None
        self._succeeded(source, state, now)
        if added and self._on_new_articles is not None:
            maybe = self._on_new_articles(added, first_poll)
            if maybe is not None:
                await maybe
        return PollOutcome(
            source.id,
            source.name,
            "new" if added else "unchanged",
            new_articles=added,
            warnings=tuple(parsed.warnings),
            seconds=result.elapsed,
        )

    async def _parse(
        self,
        source: SourceConfig,
        state: FeedState,
        body: bytes,
        headers: dict[str, str],
        url: str,
        now: datetime,
    ) -> ParsedFeed:
        """The fetched feed parsed, without the entries stored already.

        The parser skips converting the HTML of entries whose ids it is told
        are stored: a poll of a feed with five new entries converts five.
        """
        store = self.service.store
        known: frozenset[str] = frozenset()
        if state.first_success is not None:  # a feed never read has nothing stored
            self.parser.warm_up()  # the store may first read its articles
            known = frozenset(await self.service.call(store.feed_article_ids, source.id, KNOWN_IDS))
        parsed = await self.parser.parse(
            source.id, body, headers=headers, url=url, now=now, known=known
        )
        if parsed.skipped and await self.service.call(store.missing_ids, parsed.skipped):
            # Removed meanwhile (retention): what add() decides for them needs them whole.
            parsed = await self.parser.parse(source.id, body, headers=headers, url=url, now=now)
        return parsed

    async def _store(self, items: list[NewArticle]) -> list[Article]:
        """Store the items not stored yet, enriched first when there is an enricher."""
        if self._prepare is not None:
            store = self.service.store
            fresh = await self.service.call(lambda: [i for i in items if not store.is_stored(i)])
            if not fresh:
                return []
            items = await self._prepare(fresh)
        # The store gathers batches of feeds polled together into one write;
        # once every poll under way waits for it, nothing more is coming.
        self._storing += 1
        try:
            waiting_for_others = self._storing < self.progress.started - self.progress.finished
            return await self.service.add(items, gather=waiting_for_others)
        finally:
            self._storing -= 1

    def _succeeded(self, source: SourceConfig, state: FeedState, now: datetime) -> None:
        if state.last_error is not None or state.consecutive_failures or state.retry_after:
            self._state_dirty = True
        if state.last_success is None:
            self._state_dirty = True
        if state.first_success is None:
            state.first_success = now
        state.last_success = now
        state.last_error = None
        state.consecutive_failures = 0
        state.retry_after = None
        state.next_poll = now + timedelta(seconds=source.interval)

    def _failed(
        self,
        source: SourceConfig,
        state: FeedState,
        now: datetime,
        error: str,
        retry_after: datetime | None,
        *,
        seconds: float = 0.0,
    ) -> PollOutcome:
        state.last_error = error
        state.consecutive_failures += 1
        state.retry_after = retry_after
        next_poll = now + backoff_delay(source.interval, state.consecutive_failures)
        if retry_after is not None:
            next_poll = max(next_poll, retry_after)
        state.next_poll = next_poll
        self._state_dirty = True
        log.warning("%s (%s): %s", source.name, source.url, error)
        return PollOutcome(source.id, source.name, "error", error=error, seconds=seconds)
