"""The article list's views: which articles a filter shows, one row per story.

A base of LibraryState (core.state), which holds the fields named here; the
views are built from its order and patched as articles arrive or change, so
a 100,000-article view is never rebuilt for a handful of changes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from core.ordering import OrderKey, ViewFilter
from storage.records import Article

# Articles a patch looks up in the view one by one; past this it makes a set of it.
PATCH_BY_SEARCH = 64


class StateViews:
    __slots__ = ()
    articles: dict[str, Article]
    stories: dict[str, tuple[str, ...]]
    _order: list[str]

    if TYPE_CHECKING:

        def is_read(self, article_id: str) -> bool: ...
        def is_starred(self, article_id: str) -> bool: ...
        def _key(self, article: Article) -> OrderKey: ...
        def _key_of(self, article_id: str) -> OrderKey: ...

    def matches(self, article_id: str, view_filter: ViewFilter) -> bool:
        """Whether one article belongs in a view (stories aside)."""
        article = self.articles.get(article_id)
        if article is None:
            return False
        if view_filter.article_ids is not None and article_id not in view_filter.article_ids:
            return False
        if view_filter.feed_id is not None and article.feed_id != view_filter.feed_id:
            return False
        if view_filter.entity_id is not None and view_filter.entity_id not in article.entities:
            return False
        if view_filter.unread_only and self.is_read(article_id):
            return False
        if not view_filter.refines_in(article):
            return False
        return not (view_filter.starred_only and not self.is_starred(article_id))

    def insert_into_view(
        self, ids: list[str], added: Iterable[Article], view_filter: ViewFilter
    ) -> list[str]:
        """`ids` (a view, newest first) with the added articles that match slotted in.

        O(log n) per article to find its place, then one pass to build the
        result: inserting one by one moves the tail of a 100,000-row list
        for each article.
        """
        new = {
            article.id: article
            for article in added
            if article.id not in self.stories and self.matches(article.id, view_filter)
        }
        if not new:
            return list(ids)
        key = self._key
        result: list[str] = []
        start = 0
        for article in sorted(new.values(), key=key):
            position = bisect.bisect_left(ids, key(article), lo=start, key=self._key_of)
            if position < len(ids) and ids[position] == article.id:  # shown already
                continue
            result += ids[start:position]
            result.append(article.id)
            start = position
        result += ids[start:]
        return result

    def patch_view(
        self, ids: list[str], updated: Iterable[Article], view_filter: ViewFilter
    ) -> list[str]:
        """`ids` (a view, newest first) with updated articles added, removed or
        collapsed into their story as the filter and the story groups now say.

        O(log n) per article and its story's tellings: re-tagging 100,000
        articles never rebuilds the view. Valid while no article moved in the
        order since `ids` was built (see `reorders`).
        """
        result = list(ids)
        articles = self.articles
        affected: set[str] = set()
        stories_seen: set[int] = set()
        for article in updated:
            affected.add(article.id)
            story = self.stories.get(article.id)
            if story and id(story) not in stories_seen:  # a group's members once, not per member
                stories_seen.add(id(story))
                affected.update(story)
        # A story of hundreds of tellings has one row at most: with many
        # affected, those not in the view and not wanted need no search.
        shown = set(result) if len(affected) > PATCH_BY_SEARCH else None
        firsts: dict[int, str | None] = {}
        for article_id in affected:
            article = articles.get(article_id)
            if article is None:
                continue
            wanted = self._is_row(article_id, view_filter, firsts)
            if not wanted and shown is not None and article_id not in shown:
                continue
            position = bisect.bisect_left(result, self._key(article), key=self._key_of)
            present = position < len(result) and result[position] == article_id
            if wanted and not present:
                result.insert(position, article_id)
            elif present and not wanted:
                del result[position]
        return result

    def _is_row(
        self, article_id: str, view_filter: ViewFilter, firsts: dict[int, str | None] | None = None
    ) -> bool:
        """Whether an article is a row of the view: it matches, and no newer
        telling of its story matches before it. `firsts` keeps each story's
        first matching telling for the caller's other tellings of it (by the
        group's identity: the groups do not change during one call)."""
        story = self.stories.get(article_id)
        if story and firsts is not None and id(story) in firsts:
            # The story's first matching telling is known: only it is a row,
            # and the others of a story of thousands need no match each.
            return firsts[id(story)] == article_id
        if not self.matches(article_id, view_filter):
            return False
        if not story:
            return True
        # The first by the order as it is now, as view() shows it: the group's
        # tuple is in the order of when it was made, before undated tellings moved.
        matching = [i for i in story if self.matches(i, view_filter)]
        first = min(matching, key=self._key_of) if matching else None
        if firsts is not None:
            firsts[id(story)] = first
        return first == article_id

    def view(self, view_filter: ViewFilter) -> list[str]:
        """Article ids matching the filter, newest first, one row per story.

        A story told by several outlets shows once, as its newest telling
        that matches the filter; the others are reached from the reader.
        """
        if view_filter == ViewFilter():
            # The view every start shows, of the whole archive: a copy of the
            # order when no story groups several articles.
            return self._one_row_per_story(self._order) if self.stories else list(self._order)
        articles = self.articles
        wanted = view_filter.article_ids
        refined = view_filter.refined()

        def matching() -> Iterator[str]:
            for article_id in self._order:
                if wanted is not None and article_id not in wanted:
                    continue
                article = articles[article_id]
                if view_filter.feed_id is not None and article.feed_id != view_filter.feed_id:
                    continue
                entity_id = view_filter.entity_id
                if entity_id is not None and entity_id not in article.entities:
                    continue
                if view_filter.unread_only and self.is_read(article_id):
                    continue
                if view_filter.starred_only and not self.is_starred(article_id):
                    continue
                if refined and not view_filter.refines_in(article):
                    continue
                yield article_id

        return self._one_row_per_story(matching())

    def _one_row_per_story(self, article_ids: Iterable[str]) -> list[str]:
        """`article_ids` in order, keeping only the first telling of each story."""
        stories = self.stories
        shown_stories: set[tuple[str, ...]] = set()
        result = []
        for article_id in article_ids:
            story = stories.get(article_id)
            if story is not None:
                if story in shown_stories:
                    continue
                shown_stories.add(story)
            result.append(article_id)
        return result
