"""The dashboard's state: what is stored, in the order and shape widgets need.

Storage is the source of truth; this is the app's in-memory view of it,
updated only from storage events (articles added or updated, flags changed,
feed state changed). Widgets read from it and never write to storage
directly. Nothing here imports Textual, so it is tested as plain Python.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import attrgetter

from core.ordering import ViewFilter, order_key
from core.state_views import StateViews
from core.story_order import StoryOrder
from storage.records import READ_FLAG, STARRED_FLAG, Article, FeedState

__all__ = ["LibraryState", "ViewFilter", "order_key"]


@functools.lru_cache(maxsize=4)
def _last_days(today: date, days: int) -> tuple[date, ...]:
    """The `days` days up to `today`, oldest first."""
    return tuple(today - timedelta(days=back) for back in range(days - 1, -1, -1))


@dataclass(slots=True)
class LibraryState(StateViews, StoryOrder):
    articles: dict[str, Article] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)
    feeds: dict[str, FeedState] = field(default_factory=dict)
    # Articles that tell the same story: id -> every id of its group (2 or more).
    stories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every article id in view order (newest first). Ids only, sorted by
    # order_key through the articles: a (timestamp, id) tuple each was
    # 8 MB more at 100,000 articles.
    _order: list[str] = field(default_factory=list)
    _unread_by_feed: dict[str, int] = field(default_factory=dict)
    # Mentions per watched entity, kept up to date so the watchlist panel
    # never rescans the archive: total, unread, and per calendar day.
    _entity_total: Counter[str] = field(default_factory=Counter)
    _entity_unread: Counter[str] = field(default_factory=Counter)
    _entity_days: dict[str, Counter[date]] = field(default_factory=dict)
    # Bumped whenever an entity's counts change: the panel's figures (a 30-day
    # trend each) are worked out again only for the entities that changed.
    _entity_versions: Counter[str] = field(default_factory=Counter)
    _entity_stats: dict[str, tuple[tuple[int, date, int], tuple[int, int, tuple[int, ...]]]] = (
        field(default_factory=dict)
    )
    _count_by_feed: dict[str, int] = field(default_factory=dict)
    # Bumped whenever an article moves in the order (its date changed): a view
    # built before then follows the moves (follow_moves) or is rebuilt.
    reorders: int = 0
    _moves: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    _story_dates: dict[int, tuple[tuple[str, ...], float | None]] | None = None
    # Holds only the archive's newest rows (storage.newest) while the archive
    # loads: its counts are of those rows, not of the archive, so none is shown.
    partial: bool = False

    # -- updates from storage ----------------------------------------------

    def load(
        self,
        articles: Iterable[Article] | dict[str, Article],
        flags: dict[str, int],
        *,
        partial: bool = False,
    ) -> None:
        """Take in the archive (`partial`: only its newest rows); a dict of
        articles by id is kept as it is, not copied."""
        self.partial = partial
        if isinstance(articles, dict):
            self.articles = articles
        else:
            self.articles = {article.id: article for article in articles}
        self.flags = dict(flags)
        self._order = self._sorted_ids()
        self._recount()

    def take_loaded(self, loaded: LibraryState) -> None:
        """Use what `loaded` holds (built by load() off the event loop); stories stay.

        Building the state of 100,000 articles takes a few tenths of a second:
        the app does it on the storage thread, then swaps it in here at once,
        in place, because widgets hold a reference to this object.
        """
        self.articles = loaded.articles
        self.flags = loaded.flags
        self.feeds = loaded.feeds
        self.partial = loaded.partial
        self._order = loaded._order
        self._unread_by_feed = loaded._unread_by_feed
        self._entity_total = loaded._entity_total
        self._entity_unread = loaded._entity_unread
        self._entity_days = loaded._entity_days
        self._entity_stats = {}
        self._count_by_feed = loaded._count_by_feed
        # `loaded` was sorted without the story groups kept here: undated
        # tellings take their story's date, so they move (one pass, then bisect).
        moved = {
            i for i in self.stories if i in self.articles and self.articles[i].published is None
        }
        if moved:
            self._order = [i for i in self._order if i not in moved]
            for article_id in moved:
                bisect.insort(self._order, article_id, key=self._key_of)

    def add(self, articles: Iterable[Article]) -> list[Article]:
        """Insert new articles in order; returns those that were really new."""
        added = []
        for article in articles:
            if article.id in self.articles:
                continue
            self.articles[article.id] = article
            bisect.insort(self._order, article.id, key=self._key_of)
            self._count_by_feed[article.feed_id] = self._count_by_feed.get(article.feed_id, 0) + 1
            if not self.is_read(article.id):
                self._unread_by_feed[article.feed_id] = (
                    self._unread_by_feed.get(article.feed_id, 0) + 1
                )
            self._count_entities(article, +1)
            added.append(article)
        return added

    def update(self, articles: Iterable[Article]) -> None:
        """Replace stored articles with newer versions (enrichment results)."""
        for article in articles:
            previous = self.articles.get(article.id)
            if previous is None:
                self.add([article])
                continue
            self._count_entities(previous, -1)
            self._count_entities(article, +1)
            if self._key(previous) != self._key(article):
                # Found while the table still holds the previous version, which
                # is what the list is sorted by; undated tellings of its story
                # take their place from its date.
                story = self.stories.get(article.id, ())

                def replace(article: Article = article) -> None:
                    self._unplace(article.id)
                    self.articles[article.id] = article
                    bisect.insort(self._order, article.id, key=self._key_of)

                self._restory([i for i in story if i != article.id], replace)
                self._note_moved([article.id])
            else:
                self.articles[article.id] = article

    def remove(self, article_ids: Iterable[str]) -> None:
        """Forget articles (pruned by retention): a whole recount, as pruning is rare."""
        gone = set(article_ids) & self.articles.keys()
        if not gone:
            return
        for article_id in gone:
            del self.articles[article_id]
            self.flags.pop(article_id, None)
            self.stories.pop(article_id, None)
        self._order = [i for i in self._order if i not in gone]
        self.stories = {
            i: tuple(m for m in group if m not in gone)
            for i, group in self.stories.items()
            if len([m for m in group if m not in gone]) > 1
        }
        self._recount()

    def replace_flags(self, flags: dict[str, int]) -> None:
        self.flags = dict(flags)
        self._recount()

    def set_flags(
        self, article_ids: Iterable[str], *, read: bool | None = None, starred: bool | None = None
    ) -> list[str]:
        """Change flags in the view; returns the ids whose flags changed."""
        changed = []
        for article_id in article_ids:
            old = self.flags.get(article_id, 0)
            new = old
            if read is not None:
                new = new | READ_FLAG if read else new & ~READ_FLAG
            if starred is not None:
                new = new | STARRED_FLAG if starred else new & ~STARRED_FLAG
            if new == old:
                continue
            if new:
                self.flags[article_id] = new
            else:
                self.flags.pop(article_id, None)
            if (old ^ new) & READ_FLAG and article_id in self.articles:
                feed_id = self.articles[article_id].feed_id
                delta = -1 if new & READ_FLAG else 1
                self._unread_by_feed[feed_id] = self._unread_by_feed.get(feed_id, 0) + delta
                for entity in self.articles[article_id].entities:
                    self._entity_unread[entity] += delta
                    self._entity_versions[entity] += 1
            changed.append(article_id)
        return changed

    def _count_entities(self, article: Article, sign: int) -> None:
        if not article.entities:
            return
        unread = not self.is_read(article.id)
        day = article.sort_time.date()
        days = self._entity_days
        versions = self._entity_versions
        for entity in article.entities:
            versions[entity] += 1
            self._entity_total[entity] += sign
            if unread:
                self._entity_unread[entity] += sign
            per_day = days.get(entity)
            if per_day is None:  # not setdefault: that builds a Counter on every call
                per_day = days[entity] = Counter()
            per_day[day] += sign

    def entity_stats(
        self, entity: str, today: date, days: int = 30
    ) -> tuple[int, int, tuple[int, ...]]:
        """(total mentions, unread mentions, mentions per day for the last `days` days)."""
        asked = (self._entity_versions[entity], today, days)
        known = self._entity_stats.get(entity)
        if known is not None and known[0] == asked:
            return known[1]
        per_day = self._entity_days.get(entity)
        # Missing days count 0 (a Counter), looked up at C speed over dates
        # worked out once: while a poll runs every entity's counts change.
        trend = tuple(map(per_day.__getitem__, _last_days(today, days))) if per_day else (0,) * days
        stats = self._entity_total[entity], self._entity_unread[entity], trend
        self._entity_stats[entity] = (asked, stats)
        return stats

    def _recount(self) -> None:
        """Counts per feed and per entity from scratch, counted at C speed where it
        can be: this runs over the whole archive each time it loads."""
        articles = self.articles
        feed_of = attrgetter("feed_id")
        counts = Counter(map(feed_of, articles.values()))
        read = Counter(
            feed_of(articles[i])
            for i, flags in self.flags.items()
            if flags & READ_FLAG and i in articles
        )
        self._count_by_feed = dict(counts)
        self._unread_by_feed = {feed: counts[feed] - read[feed] for feed in counts}
        self._entity_total = Counter()
        self._entity_unread = Counter()
        self._entity_days = {}
        self._entity_stats = {}
        for article in filter(attrgetter("entities"), articles.values()):
            self._count_entities(article, +1)

    # -- questions widgets ask ---------------------------------------------

    def is_read(self, article_id: str) -> bool:
        return bool(self.flags.get(article_id, 0) & READ_FLAG)

    def is_starred(self, article_id: str) -> bool:
        return bool(self.flags.get(article_id, 0) & STARRED_FLAG)

    def unread_count(self, feed_id: str | None = None) -> int:
        if feed_id is None:
            return sum(self._unread_by_feed.values())
        return self._unread_by_feed.get(feed_id, 0)

    def article_count(self, feed_id: str | None = None) -> int:
        if feed_id is None:
            return len(self.articles)
        return self._count_by_feed.get(feed_id, 0)

    def feed_ids_with_articles(self) -> list[str]:
        return sorted(self._count_by_feed)

    def newest_ids(self, count: int) -> list[str]:
        """The `count` newest article ids, newest first, stories not collapsed."""
        return self._order[:count]

    def view_order(self) -> list[str]:
        """Every article id, newest first, stories not collapsed."""
        return list(self._order)

    def newest_time(self) -> datetime | None:
        if not self._order:
            return None
        return self.articles[self._order[0]].sort_time
