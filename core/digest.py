"""`aiwire digest`: what happened in a period, for cron and e-mail.

A digest holds the period's top stories (each retelling folded into "also
in"), the events ledger of the articles that arrived in the period, the
watched names mentioned far more in the last day than on an average day of
the month before, and the sources that are failing. It is built from the
stored archive alone; the renderers (core.digest_render, core.digest_html)
turn it into text, Markdown, HTML or JSON.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from core.ledger import LedgerRow, build_ledger, group_stories
from ingest.sanitize import clean_text, safe_link
from storage.records import Article, FeedState, to_iso

TOP_STORIES = 10
SPIKE_DAYS = 30  # the average day is taken over this many days before the last one
SPIKE_MIN_MENTIONS = 3  # fewer articles in a day is never a spike
SPIKE_RATIO = 3.0  # "well above": this many times the average day
STORY_LIMIT = 3000  # articles grouped at most (the newest of the period)

_SINCE = re.compile(r"^\s*(\d+)\s*(m|min|h|d|w)\s*$", re.IGNORECASE)
_UNITS = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400}


def parse_since(text: str, now: datetime) -> datetime:
    """ "24h", "7d", "2w", "90m", or a date ("2025-07-01", local midnight in UTC)
    or an ISO date and time. Raises ValueError with a sentence to show."""
    found = _SINCE.match(text)
    if found:
        return now - timedelta(seconds=int(found.group(1)) * _UNITS[found.group(2).lower()])
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(
            f"--since {text!r}: give a span such as 24h, 7d or 2w, or a date such as 2025-07-01"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Telling:
    """One outlet's article of a story; every string cleaned, the link http(s) or None."""

    article_id: str
    title: str
    outlet: str
    link: str | None
    published: datetime | None


@dataclass(frozen=True, slots=True)
class DigestStory:
    lead: Telling
    also_in: tuple[Telling, ...]
    entities: tuple[str, ...]  # watched names, as shown


@dataclass(frozen=True, slots=True)
class Spike:
    entity: str
    name: str
    today: int
    average: float  # per day over SPIKE_DAYS


@dataclass(frozen=True, slots=True)
class FailingSource:
    name: str
    url: str | None
    error: str
    failures: int
    last_success: datetime | None


@dataclass(frozen=True, slots=True)
class Digest:
    since: datetime
    until: datetime
    articles: int  # that arrived in the period
    stories: tuple[DigestStory, ...]
    ledger: tuple[LedgerRow, ...]
    spikes: tuple[Spike, ...]
    failing: tuple[FailingSource, ...]
    names: Mapping[str, str] = field(default_factory=dict)  # entity id -> name
    titles: Mapping[str, Telling] = field(default_factory=dict)  # the ledger's articles

    def name(self, entity: str) -> str:
        return self.names.get(entity) or entity.split(":", 1)[-1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": to_iso(self.since),
            "until": to_iso(self.until),
            "articles": self.articles,
            "stories": [
                {
                    **_telling_dict(story.lead),
                    "entities": list(story.entities),
                    "also_in": [_telling_dict(t) for t in story.also_in],
                }
                for story in self.stories
            ],
            "ledger": [
                {
                    **row.to_dict(),
                    "who_name": self.name(row.who),
                    "title": self.titles[row.article_id].title,
                    "link": self.titles[row.article_id].link,
                }
                for row in self.ledger
            ],
            "spikes": [
                {"entity": s.entity, "name": s.name, "today": s.today, "average": s.average}
                for s in self.spikes
            ],
            "failing_sources": [
                {
                    "name": f.name,
                    "url": f.url,
                    "error": f.error,
                    "failures": f.failures,
                    "last_success": to_iso(f.last_success),
                }
                for f in self.failing
            ],
        }


def _telling_dict(telling: Telling) -> dict[str, Any]:
    return {
        "id": telling.article_id,
        "title": telling.title,
        "outlet": telling.outlet,
        "link": telling.link,
        "published": to_iso(telling.published),
    }


def arrived_in(article: Article, since: datetime, until: datetime) -> bool:
    """New to the archive in the period: what a digest reader has not seen."""
    return since <= article.first_seen <= until


def make_digest(
    archive: Sequence[Article],
    body_of: Callable[[str], str],
    *,
    since: datetime,
    until: datetime,
    names: Mapping[str, str],
    outlet_of: Callable[[Article], str],
    feeds: Mapping[str, FeedState] | None = None,
    feed_names: Mapping[str, str] | None = None,
    top: int = TOP_STORIES,
) -> Digest:
    """The digest of the articles that arrived in [since, until]."""
    period = sorted(
        (a for a in archive if arrived_in(a, since, until)),
        key=lambda a: (a.sort_time, a.id),
        reverse=True,
    )[:STORY_LIMIT]
    stories = group_stories(reversed(period), body_of)
    by_id = {a.id: a for a in period}

    def telling(article: Article) -> Telling:
        return Telling(
            article.id,
            clean_text(article.title, single_line=True) or "(untitled)",
            clean_text(outlet_of(article), single_line=True),
            safe_link(article.link),
            article.published,
        )

    ledger = build_ledger(period, stories, outlet_of)
    return Digest(
        since,
        until,
        len(period),
        tuple(_top_stories(period, stories, by_id, names, telling, top)),
        tuple(ledger),
        tuple(entity_spikes(archive, until, names)),
        tuple(failing_sources(feeds or {}, feed_names or {})),
        dict(names),
        {row.article_id: telling(by_id[row.article_id]) for row in ledger},
    )


def _top_stories(
    period: Sequence[Article],
    stories: Mapping[str, tuple[str, ...]],
    by_id: Mapping[str, Article],
    names: Mapping[str, str],
    telling: Callable[[Article], Telling],
    top: int,
) -> list[DigestStory]:
    """Stories told most often first, then those naming more watched entities, then newest."""
    seen: set[str] = set()
    groups: list[list[Article]] = []
    for article in period:  # newest first: a story's lead is its newest telling
        if article.id in seen:
            continue
        members = [by_id[i] for i in stories.get(article.id, (article.id,)) if i in by_id]
        members.sort(key=lambda a: (a.sort_time, a.id), reverse=True)
        seen.update(a.id for a in members)
        groups.append(members)
    ranked = sorted(
        enumerate(groups),
        key=lambda item: (
            -len(item[1]),
            -len({e for a in item[1] for e in a.entities if e in names}),
            item[0],
        ),
    )
    result = []
    for _, members in ranked[:top]:
        watched = dict.fromkeys(e for a in members for e in a.entities if e in names)
        result.append(
            DigestStory(
                telling(members[0]),
                tuple(telling(a) for a in members[1:]),
                tuple(names[e] for e in watched),
            )
        )
    return result


def entity_spikes(
    archive: Iterable[Article], until: datetime, names: Mapping[str, str]
) -> list[Spike]:
    """Watched entities in at least SPIKE_MIN_MENTIONS articles of the last day,
    and SPIKE_RATIO times their average day of the SPIKE_DAYS before it."""
    day_start = until - timedelta(days=1)
    month_start = day_start - timedelta(days=SPIKE_DAYS)
    today: Counter[str] = Counter()
    before: Counter[str] = Counter()
    for article in archive:
        moment = article.sort_time
        if day_start < moment <= until:
            today.update(e for e in article.entities if e in names)
        elif month_start < moment <= day_start:
            before.update(e for e in article.entities if e in names)
    spikes = []
    for entity, count in today.items():
        average = before[entity] / SPIKE_DAYS
        if count >= SPIKE_MIN_MENTIONS and count >= SPIKE_RATIO * average:
            spikes.append(Spike(entity, names[entity], count, round(average, 2)))
    spikes.sort(key=lambda s: (-s.today / max(s.average, 1 / SPIKE_DAYS), s.name))
    return spikes


def failing_sources(
    feeds: Mapping[str, FeedState], feed_names: Mapping[str, str]
) -> list[FailingSource]:
    """The configured sources whose last polls failed, most failures first."""
    found = [
        FailingSource(
            clean_text(feed_names[state.feed_id], single_line=True),
            safe_link(state.url),
            clean_text(state.last_error, single_line=True) or ("gone (410)" if state.gone else ""),
            state.consecutive_failures,
            state.last_success,
        )
        for state in feeds.values()
        if state.feed_id in feed_names and state.health in ("failing", "gone")
    ]
    found.sort(key=lambda f: (-f.failures, f.name))
    return found
