"""Recognising an item whose feed gave it a new guid.

Some feeds make up a new guid on every request (a session id or a timestamp
baked into it). By guid each poll brings every item again as new. So an item
whose link and title are those of an item of the same feed first seen within
DUPLICATE_WINDOW is that item: a feed keeps an entry for days or weeks, and
past that a genuine re-post with the same link and title is rarer than a
feed that churns its guids.

The index holds the recent articles only, keyed by a hash of (feed, link,
title) and checked against the article itself, so at 100,000 stored articles
it costs a dictionary of the last month's, built once, when the writer first
adds something.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from storage.records import Article, NewArticle

__all__ = ["DUPLICATE_WINDOW", "RecentItems"]

DUPLICATE_WINDOW = timedelta(days=30)


def _key(feed_id: str, link: str | None, title: str) -> int | None:
    return hash((feed_id, link, title)) if link else None


class RecentItems:
    def __init__(self, window: timedelta = DUPLICATE_WINDOW) -> None:
        self.window = window
        self._ids: dict[int, str] | None = None

    def forget(self) -> None:
        """Articles were loaded from elsewhere: rebuild on next use."""
        self._ids = None

    def _index(self, articles: Iterable[Article], now: datetime) -> dict[int, str]:
        if self._ids is None:
            since = now - self.window
            ids: dict[int, str] = {}
            for article in articles:
                if article.link and article.first_seen >= since:
                    key = _key(article.feed_id, article.link, article.title)
                    assert key is not None
                    ids[key] = article.id
            self._ids = ids
        return self._ids

    def stored_as(
        self, item: NewArticle, articles: Mapping[str, Article], now: datetime
    ) -> str | None:
        """The id of the stored article `item` is a re-guided copy of, if any."""
        key = _key(item.feed_id, item.link, item.title)
        if key is None:
            return None
        found = self._index(articles.values(), now).get(key)
        article = articles.get(found) if found is not None else None
        if (
            article is None
            or article.feed_id != item.feed_id
            or article.link != item.link
            or article.title != item.title
            or article.first_seen < now - self.window
        ):
            return None
        return article.id

    def remember(self, article: Article) -> None:
        if self._ids is not None and (key := _key(article.feed_id, article.link, article.title)):
            self._ids[key] = article.id
