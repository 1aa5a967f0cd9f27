"""Alerts: new articles that are news about a watched, unmuted person or company.

Which mentions count is the entity's `alert` setting (watchlist.alerts: by
default the title, the lead, or a tagged event). A feed's first poll and
items dated before the feed was first fetched are its back catalogue, never
alerts; a story told by several outlets alerts once, and so does an event
told again in words grouping did not join (core.alert_repeats). Arrivals are announced
once per burst: 500 feeds polled at once must mean one notice, not hundreds.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING

from storage.records import Article, FeedState

if TYPE_CHECKING:
    from core.alert_repeats import RepeatFilter
    from core.watch import Watchlist

MAX_ALERTS = 500
ANNOUNCE_DELAY = 2.0  # seconds: alerts arriving together are announced together
# Clocks and feeds differ a little: an item dated just before the first fetch is new.
BACK_CATALOGUE_SLACK = timedelta(hours=1)
# The reasons each setting lets through.
REASONS_BY_MODE = {
    "any": frozenset({"event", "title", "lead", "body"}),
    "headline": frozenset({"event", "title", "lead"}),
    "events": frozenset({"event"}),
    "off": frozenset(),
}
REASON_WORDS = {"title": "in the title", "lead": "in the lead", "body": "mentioned"}

Why = tuple[str, str, str]  # (entity, reason, the event or the word as written)
Burst = list[tuple[Article, tuple[Why, ...]]]


def reasons_to_alert(article: Article, watchlist: Watchlist) -> tuple[Why, ...]:
    """The entities this article alerts for under their settings, with why: per
    entity its strongest reason, an event unless the text dates it well before
    the article (then the name's place, if that alerts)."""
    found: dict[str, Why] = {}
    for entity, reason, why in article.alert_reasons:
        if entity in found or watchlist.is_muted(entity) or not watchlist.is_watched(entity):
            continue
        if reason not in REASONS_BY_MODE.get(watchlist.alert_mode(entity), ()):
            continue
        if reason == "event" and _background_only(article, entity):
            continue
        found[entity] = (entity, reason, why)
    return tuple(found.values())


def _background_only(article: Article, entity: str) -> bool:
    """Every event of the entity in the article is dated well before it."""
    dates = [e.get("date") for e in article.events if e.get("entity_id") == entity]
    when = article.published or article.first_seen
    from watchlist.alerts import is_background

    return bool(dates) and all(is_background(d, when) for d in dates)


def is_back_catalogue(article: Article, feed: FeedState | None) -> bool:
    """Dated before its feed was first fetched: old news to this archive."""
    if feed is None or feed.first_success is None or article.published is None:
        return False
    return article.published < feed.first_success - BACK_CATALOGUE_SLACK


class Alerts:
    def __init__(
        self,
        announce: Callable[[Burst], None],
        story_of: Callable[[str], tuple[str, ...]] = lambda _id: (),
        article_of: Callable[[str], Article | None] = lambda _id: None,
    ) -> None:
        self.ids: list[str] = []  # newest first
        self._announce = announce
        self._story_of = story_of
        self._article_of = article_of
        # Made at the first load or poll: what it imports waits until after the first frame.
        self._repeat_filter: RepeatFilter | None = None
        self._unannounced: Burst = []
        self._timer: asyncio.TimerHandle | None = None

    def load(self, ids: Iterable[str]) -> None:
        """The alerts of earlier sessions; the events of those still in the
        archive are remembered, so a retelling after a restart stays quiet."""
        from core.alert_repeats import RepeatFilter

        self.ids = list(ids)[:MAX_ALERTS]
        self._repeat_filter = RepeatFilter()
        for article_id in reversed(self.ids):
            article = self._article_of(article_id)
            if article is not None:
                self._repeats.remember(article, (e for e, _, _ in article.alert_reasons))

    @property
    def _repeats(self) -> RepeatFilter:
        if self._repeat_filter is None:
            from core.alert_repeats import RepeatFilter

            self._repeat_filter = RepeatFilter()
        return self._repeat_filter

    def raise_for(
        self,
        articles: Iterable[Article],
        watchlist: Watchlist,
        feeds: Mapping[str, FeedState],
        *,
        first_poll: bool,
    ) -> Burst:
        """Record the articles that alert; returns them with why."""
        if first_poll:
            return []
        alerted = set(self.ids)
        fresh: Burst = []
        for article in articles:
            if article.id in alerted or is_back_catalogue(article, feeds.get(article.feed_id)):
                continue
            reasons = reasons_to_alert(article, watchlist)
            if not reasons:
                continue
            entities = [entity for entity, _, _ in reasons]
            repeated = self._repeats.repeated(article, entities)
            self._repeats.remember(article, entities)
            reasons = tuple(why for why in reasons if why[0] not in repeated)
            if reasons:
                fresh.append((article, reasons))
                alerted.add(article.id)
        if not fresh:
            return fresh
        self.ids[:0] = [article.id for article, _ in fresh]
        del self.ids[MAX_ALERTS:]
        self._unannounced.extend(fresh)
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(ANNOUNCE_DELAY, self._flush)
        return fresh

    def _flush(self) -> None:
        """Announce the burst, one alert per story: grouping has had time to run."""
        self._timer = None
        burst, self._unannounced = self._unannounced, []
        pending = {article.id for article, _ in burst}
        told = {i for i in self.ids if i not in pending}
        kept: Burst = []
        for article, reasons in burst:
            others = set(self._story_of(article.id)) - {article.id}
            if others & told:
                self.ids.remove(article.id)  # the story alerted already
                continue
            told.add(article.id)
            kept.append((article, reasons))
        if kept:
            self._announce(kept)

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


def describe_why(why: Why, name_of: Callable[[str], str]) -> str:
    entity, reason, text = why
    if reason == "event":
        return f"{name_of(entity)}: {text}"
    return f"{name_of(entity)} ({REASON_WORDS.get(reason, reason)})"


def describe_burst(burst: Burst, name_of: Callable[[str], str]) -> str:
    """One line for a burst: the title and why for one alert, a count and names for many."""
    if len(burst) == 1:
        [(article, reasons)] = burst
        why = "; ".join(describe_why(r, name_of) for r in reasons[:2])
        return f"{article.title} — {why}"
    mentioned = Counter(entity for _, reasons in burst for entity, _, _ in reasons)
    who = ", ".join(name_of(e) for e, _ in mentioned.most_common(3))
    return f"{len(burst)} new articles about {who}. See ⚑ Alerts."
