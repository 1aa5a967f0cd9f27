"""Notifications outside the app: each [[notify]] block of feeds.toml gets the
alert bursts it asks for, as one message per batch.

The library hands every announced burst to Notifier.submit(). Each block keeps
what it accepted (its entities, event kinds and alert rule) in a queue and
sends the queue as one message once the batching window has passed, outside
its quiet hours and within its rate limit; what cannot go yet waits (at most
MAX_PENDING alerts, the rest are counted). Deliveries run as tasks on the
library's loop, each bounded (core.notify_send) and retried with backoff, so
polling never waits for them. A delivery that fails for good is logged and
reported through `report` (the library makes it a Notice); its words never
hold a secret.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from core.alerts import REASONS_BY_MODE, Burst, describe_why
from core.notify_send import AlertItem, DeliveryError, Message, deliver
from ingest.config.model import NotifyConfig
from ingest.sanitize import clean_text, safe_link
from storage.records import Article

log = logging.getLogger(__name__)

MAX_PENDING = 200  # alerts a block holds while it may not send
MAX_ITEMS_IN_TEXT = 20  # a message lists this many, then "and N more"
RETRY_DELAYS = (2.0, 10.0, 30.0)  # seconds before the 2nd, 3rd and 4th attempt
DAY_MINUTES = 24 * 60


def accepted(block: NotifyConfig, article: Article, whys: Sequence[tuple[str, str, str]]) -> bool:
    """Whether an alert is one the block asks for."""
    reasons = REASONS_BY_MODE.get(block.alert, frozenset())
    for entity, reason, _text in whys:
        if block.entities and entity not in block.entities:
            continue
        if reason not in reasons:
            continue
        if block.events:
            kinds = {e.get("kind") for e in article.events if e.get("entity_id") == entity}
            if reason != "event" or not kinds & set(block.events):
                continue
        return True
    return False


def alert_item(
    article: Article,
    whys: Sequence[tuple[str, str, str]],
    name_of: Callable[[str], str],
    source_of: Callable[[Article], str],
) -> AlertItem:
    entities = tuple(dict.fromkeys(entity for entity, _, _ in whys))
    kinds = tuple(
        dict.fromkeys(str(e.get("kind")) for e in article.events if e.get("entity_id") in entities)
    )
    return AlertItem(
        clean_text(article.title, single_line=True) or "(untitled)",
        safe_link(article.link),
        clean_text(source_of(article), single_line=True),
        tuple(clean_text(describe_why(w, name_of), single_line=True) for w in whys),
        tuple(clean_text(name_of(e), single_line=True) for e in entities),
        kinds,
    )


def compose(items: Sequence[AlertItem], dropped: int = 0) -> Message:
    """One message for a batch: a summary line and a line or three per alert."""
    total = len(items) + dropped
    if total == 1:
        summary = f"aiwire: {items[0].title}"
    else:
        names = dict.fromkeys(name for item in items for name in item.entities)
        summary = f"aiwire: {total} alerts ({', '.join(list(names)[:3])})"
    lines: list[str] = []
    for item in items[:MAX_ITEMS_IN_TEXT]:
        lines.append(f"• {item.title}")
        lines.append(f"  {'; '.join(item.why[:2])} ({item.source})")
        if item.link:
            lines.append(f"  {item.link}")
    more = total - min(len(items), MAX_ITEMS_IN_TEXT)
    if more > 0:
        lines.append(f"… and {more} more")
    return Message(summary[:300], "\n".join(lines), tuple(items))


def quiet_wait(quiet: tuple[int, int] | None, now: datetime) -> float:
    """Seconds until the quiet hours end (0 outside them); `now` is local time."""
    if quiet is None:
        return 0.0
    start, end = quiet
    minute = now.hour * 60 + now.minute
    inside = start <= minute < end if start < end else (minute >= start or minute < end)
    if not inside:
        return 0.0
    return ((end - minute) % DAY_MINUTES) * 60.0 - now.second - now.microsecond / 1e6


class Channel:
    """One block's queue, timer and deliveries."""

    def __init__(self, block: NotifyConfig, notifier: Notifier) -> None:
        self.block = block
        self._notifier = notifier
        self.pending: list[AlertItem] = []
        self.dropped = 0
        self._first_pending: float | None = None
        self._sent: deque[float] = deque()
        self._timer: asyncio.TimerHandle | None = None
        self._sending: asyncio.Task[None] | None = None

    def add(self, items: Iterable[AlertItem]) -> None:
        for item in items:
            if len(self.pending) < MAX_PENDING:
                self.pending.append(item)
            else:
                self.dropped += 1
        if self._first_pending is None:
            self._first_pending = self._notifier.clock()
        self._schedule()

    def wait(self) -> float:
        """Seconds until the queue may go: batching, quiet hours, rate limit."""
        now = self._notifier.clock()
        waits = [quiet_wait(self.block.quiet_hours, self._notifier.local_now())]
        if self._first_pending is not None:
            waits.append(self._first_pending + self.block.batch - now)
        while self._sent and self._sent[0] <= now - self.block.rate_period:
            self._sent.popleft()
        if len(self._sent) >= self.block.rate_count:
            waits.append(self._sent[0] + self.block.rate_period - now)
        return max(0.0, *waits)

    def _schedule(self) -> None:
        if self._timer is not None or self._sending is not None or not self.pending:
            return
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(self.wait(), self._fire)

    def _fire(self) -> None:
        self._timer = None
        if not self.pending or self._sending is not None:
            return
        if self.wait() > 0:
            self._schedule()
            return
        message = compose(self.pending, self.dropped)
        self.pending, self.dropped, self._first_pending = [], 0, None
        self._sent.append(self._notifier.clock())
        self._sending = asyncio.ensure_future(self._deliver(message))

    async def _deliver(self, message: Message) -> None:
        block = self.block
        failure = DeliveryError("not attempted")
        try:
            for attempt, delay in enumerate((0.0, *self._notifier.retry_delays)):
                if delay:
                    await asyncio.sleep(delay)
                try:
                    await deliver(block, message)
                except DeliveryError as error:
                    failure = error
                    log.info("notification %s, attempt %d: %s", block.name, attempt + 1, error)
                    if not error.retry:
                        break
                else:
                    self._notifier.delivered += 1
                    return
            self._notifier.failed(block, failure, len(message.items))
        finally:
            self._sending = None
            self._schedule()

    def close(self) -> list[asyncio.Task[None]]:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self.pending:
            log.warning("notification %s: %d alerts not sent", self.block.name, len(self.pending))
        sending, self._sending = self._sending, None
        if sending is not None:
            sending.cancel()
            return [sending]
        return []


class Notifier:
    def __init__(
        self,
        report: Callable[[str], None],
        *,
        retry_delays: Sequence[float] = RETRY_DELAYS,
        clock: Callable[[], float] = time.monotonic,
        local_now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self._report = report
        self.retry_delays = tuple(retry_delays)
        self.clock = clock
        self.local_now = local_now
        self.channels: list[Channel] = []
        self._name_of: Callable[[str], str] = lambda entity: entity
        self._source_of: Callable[[Article], str] = lambda article: article.feed_id
        self.delivered = 0
        self.failures: list[str] = []

    def configure(
        self,
        blocks: Sequence[NotifyConfig],
        name_of: Callable[[str], str],
        source_of: Callable[[Article], str],
    ) -> None:
        """Use these blocks; a block unchanged keeps its queue and rate count."""
        self._name_of, self._source_of = name_of, source_of
        kept = {channel.block: channel for channel in self.channels}
        for channel in self.channels:
            if channel.block not in blocks:
                channel.close()
        self.channels = [kept.get(block) or Channel(block, self) for block in blocks]

    def submit(self, burst: Burst) -> None:
        """An announced burst of alerts; returns at once, delivery happens later."""
        for channel in self.channels:
            items = [
                alert_item(article, whys, self._name_of, self._source_of)
                for article, whys in burst
                if accepted(channel.block, article, whys)
            ]
            if items:
                channel.add(items)

    def failed(self, block: NotifyConfig, error: DeliveryError, count: int) -> None:
        alerts = f"{count} alert{'s' if count != 1 else ''}"
        text = f"Notification {block.name} ({block.kind}) failed: {error}; {alerts} not delivered."
        log.warning("%s", text)
        self.failures.append(text)
        self._report(text)

    async def aclose(self) -> None:
        tasks = [task for channel in self.channels for task in channel.close()]
        self.channels = []
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
