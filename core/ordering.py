"""The order of the article list, and what a view of it shows (ViewFilter)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from storage.records import SEED_FEED_ID, Article

OrderKey = tuple[int, float, str]


def order_key(
    article: Article, stories: dict[str, tuple[str, ...]], articles: dict[str, Article]
) -> OrderKey:
    """Newest first: ascending on (tier, negated timestamp), ties by id.

    An undated article takes its story's date when another telling is dated
    (it is that news), else when it was first seen; except a seed, whose
    first-seen time is not news: it goes after every dated article (tier 1).
    """
    if article.published is not None:
        return (0, -article.published.timestamp(), article.id)
    story = stories.get(article.id)
    if story:
        dated = [articles[i].published for i in story if i in articles and articles[i].published]
        if dated:
            return (0, -max(d.timestamp() for d in dated if d), article.id)
    tier = 1 if article.feed_id == SEED_FEED_ID else 0
    return (tier, -article.first_seen.timestamp(), article.id)


@dataclass(frozen=True, slots=True)
class ViewFilter:
    """What the article list shows. None means "no restriction"."""

    feed_id: str | None = None
    entity_id: str | None = None
    article_ids: frozenset[str] | None = None  # search results
    query: str | None = None
    unread_only: bool = False
    starred_only: bool = False
    label: str | None = None  # names a view that ids alone describe (e.g. "Alerts")
    # Refinements, kept when another feed or entity is chosen:
    since: datetime | None = None  # articles dated (or first seen) from then on
    period: str | None = None  # what `since` is called: "today", "7 days", "30 days"
    tag: str | None = None
    tag_feeds: frozenset[str] | None = None  # the feeds with `tag`
    language: str | None = None

    def choosing(self, **source: Any) -> ViewFilter:
        """This filter's refinements with another feed, entity or set of ids."""
        base = {
            "feed_id": None,
            "entity_id": None,
            "article_ids": None,
            "query": None,
            "label": None,
        }
        return replace(self, **{**base, **source})

    def refines_in(self, article: Article) -> bool:
        """The date, tag and language refinements (flags are checked by the caller)."""
        if self.since is not None:
            # A seed's first-seen time is not news: undated, it is in no date range.
            if article.published is None and article.feed_id == SEED_FEED_ID:
                return False
            if article.sort_time < self.since:
                return False
        if self.tag_feeds is not None and article.feed_id not in self.tag_feeds:
            return False
        return self.language is None or article.language == self.language

    def refined(self) -> bool:
        return bool(
            self.unread_only or self.starred_only or self.since or self.tag or self.language
        )

    def describe(self, feed_names: dict[str, str], entity_names: dict[str, str]) -> str:
        parts = [self.label] if self.label else []
        if self.feed_id:
            parts.append(feed_names.get(self.feed_id, self.feed_id))
        if self.entity_id:
            parts.append(entity_names.get(self.entity_id, self.entity_id))
        if self.query is not None:
            parts.append(f"search “{self.query}”")
        if self.starred_only:
            parts.append("starred")
        if self.unread_only:
            parts.append("unread")
        if self.period:
            parts.append(self.period)
        if self.tag:
            parts.append(f"tag {self.tag}")
        if self.language:
            parts.append(f"language {self.language}")
        return " · ".join(parts) or "All articles"
