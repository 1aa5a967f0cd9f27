"""Story groups and the list's order, which they affect: an undated telling
sorts by its story's date (core.ordering), so changing the groups moves it.
A base of LibraryState (core.state), which holds the fields named here."""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterable
from itertools import compress, count, islice
from typing import TYPE_CHECKING

from core.ordering import OrderKey, ViewFilter, order_key
from storage.records import Article

# Larger than any timestamp's span: a tier-1 article sorts after every tier-0 one.
_TIER_SPAN = 1e12
# Reorders remembered with the ids they moved: a view older than these is rebuilt.
MOVES_KEPT = 64
# Moved articles a view follows one by one; past this it is rebuilt.
FOLLOW_LIMIT = 2_000


class StoryOrder:
    __slots__ = ()
    articles: dict[str, Article]
    stories: dict[str, tuple[str, ...]]
    _order: list[str]
    reorders: int
    _moves: list[tuple[int, tuple[str, ...]]]
    # While stories merge: a story's newest date by the group's identity (the
    # group kept with it, so its id is not reused); None the rest of the time.
    _story_dates: dict[int, tuple[tuple[str, ...], float | None]] | None

    if TYPE_CHECKING:

        def view(self, view_filter: ViewFilter) -> list[str]: ...
        def patch_view(
            self, ids: list[str], updated: Iterable[Article], view_filter: ViewFilter
        ) -> list[str]: ...

    def _key(self, article: Article) -> OrderKey:
        # Dated articles, nearly all of them, inline: this runs for every
        # article when the archive loads and log n times for each insert.
        published = article.published
        if published is not None:
            return (0, -published.timestamp(), article.id)
        return order_key(article, self.stories, self.articles)

    def _key_of(self, article_id: str) -> OrderKey:
        article = self.articles[article_id]
        published = article.published
        if published is not None:
            return (0, -published.timestamp(), article_id)
        memo = self._story_dates
        story = self.stories.get(article_id) if memo is not None else None
        if story and memo is not None:
            # An undated telling's key scans its whole story, and merging asks
            # for it at every comparison: once per story is what order_key does.
            known = memo.get(id(story))
            if known is None:
                articles = self.articles
                dated = [articles[i].published for i in story if i in articles]
                newest = max((d.timestamp() for d in dated if d), default=None)
                known = memo[id(story)] = (story, None if newest is None else -newest)
            if known[1] is not None:
                return (0, known[1], article_id)
        return order_key(article, self.stories, self.articles)

    def _sorted_ids(self) -> list[str]:
        """Every article id in order: what sorted(key=_key) gives, faster.

        Sorting 100,000 (tier, time, id) tuples spends most of its time
        comparing tuples; a float per article (the tier folded in) sorts
        several times faster, and only runs of equal times need their ids
        compared. Ran once per archive load.
        """
        articles = list(self.articles.values())
        stories = self.stories
        primary: list[float] = []
        for article in articles:
            published = article.published
            if published is not None:
                primary.append(-published.timestamp())
            else:
                tier, negated, _ = order_key(article, stories, self.articles)
                primary.append(tier * _TIER_SPAN + negated)
        positions = sorted(range(len(articles)), key=primary.__getitem__)
        ids = [articles[i].id for i in positions]
        keys = [primary[i] for i in positions]
        # Runs of equal times, found at C speed: i where keys[i] == keys[i + 1].
        ties = compress(count(), map(operator.eq, keys, islice(keys, 1, None)))
        start = end = -2
        for i in ties:
            if i != end:
                if end > start:
                    ids[start : end + 1] = sorted(ids[start : end + 1])
                start = i
            end = i + 1
        if end > start:
            ids[start : end + 1] = sorted(ids[start : end + 1])
        return ids

    def follow_moves(
        self, ids: list[str], reorders: int, view_filter: ViewFilter
    ) -> tuple[list[str], bool]:
        """`ids` (a view built when the reorder count was `reorders`) with the
        articles moved since taken out and put back where they belong now;
        True with it when the view had to be rebuilt instead.

        A story gaining an undated telling moves that telling, and while a
        poll pours articles in that happens every few batches: rebuilding a
        view of the whole archive each time would be the longest work on the loop.
        """
        moved = self.moved_since(reorders)
        if moved is None or len(moved) > FOLLOW_LIMIT:
            return self.view(view_filter), True
        if not moved:
            return ids, False
        kept = [i for i in ids if i not in moved]
        articles = self.articles
        return self.patch_view(
            kept, [articles[i] for i in moved if i in articles], view_filter
        ), False

    def _unplace(self, article_id: str) -> None:
        """Take an article out of the order, found by its key as it is now."""
        index = bisect.bisect_left(self._order, self._key_of(article_id), key=self._key_of)
        if index < len(self._order) and self._order[index] == article_id:
            del self._order[index]
        else:  # not where its key says: never expected, but the order must stay whole
            self._order.remove(article_id)

    def _restory(self, ids: Iterable[str], change: Callable[[], None]) -> None:
        """Apply `change` to the story groups, moving the undated articles among
        `ids` whose place depends on their story's date."""
        undated = [
            i
            for i in dict.fromkeys(ids)
            if i in self.articles and self.articles[i].published is None
        ]
        for article_id in undated:
            self._unplace(article_id)
        change()
        for article_id in undated:
            bisect.insort(self._order, article_id, key=self._key_of)
        if undated:
            self._note_moved(undated)

    def _note_moved(self, article_ids: Iterable[str]) -> None:
        """Count a reorder, and which articles it moved, so a view built before
        can follow them (moved_since) instead of being rebuilt."""
        self.reorders += 1
        self._moves.append((self.reorders, tuple(article_ids)))
        if len(self._moves) > MOVES_KEPT:
            del self._moves[: len(self._moves) - MOVES_KEPT]

    def moved_since(self, reorders: int) -> set[str] | None:
        """The ids moved in the order since the count was `reorders`; None when
        that is further back than the moves kept."""
        if reorders == self.reorders:
            return set()
        if not self._moves or self._moves[0][0] > reorders + 1:
            return None
        moved: set[str] = set()
        for number, article_ids in self._moves:
            if number > reorders:
                moved.update(article_ids)
        return moved

    def set_stories(self, groups: Iterable[Iterable[str]]) -> None:
        stories: dict[str, tuple[str, ...]] = {}
        for group in groups:
            members = tuple(group)
            for article_id in members:
                stories[article_id] = members

        def change() -> None:
            self.stories = stories

        self._restory([*self.stories, *stories], change)

    def merge_stories(self, groups: Iterable[Iterable[str]]) -> set[str]:
        """Add story groups (joining any they overlap); returns the ids whose group changed."""
        self._story_dates = {}
        try:
            return self._merge_stories(groups)
        finally:
            self._story_dates = None

    def _merge_stories(self, groups: Iterable[Iterable[str]]) -> set[str]:
        touched: set[str] = set()
        for group in groups:
            members = set(group)
            # Each group a member is in once, not once per member.
            joined = {id(s): s for s in map(self.stories.get, list(members)) if s}
            for story in joined.values():
                members.update(story)
            members &= self.articles.keys()
            ordered = tuple(sorted(members, key=self._key_of))
            if len(ordered) < 2:
                continue

            def change(members: set[str] = members, ordered: tuple[str, ...] = ordered) -> None:
                for article_id in members:
                    # Lengths first: comparing a grown story's tuples element by
                    # element, once per member, is quadratic in its size.
                    current = self.stories.get(article_id, ())
                    if len(current) != len(ordered) or current != ordered:
                        self.stories[article_id] = ordered
                        touched.add(article_id)

            self._restory(members, change)
        return touched

    def also_in(self, article_id: str) -> tuple[str, ...]:
        """The other articles telling the same story."""
        return tuple(other for other in self.stories.get(article_id, ()) if other != article_id)
