"""The store's article table, noting which ids change, so the search index can follow."""

from __future__ import annotations

from typing import Any


class TrackedArticles(dict[str, Any]):
    """The store's id -> Article table, noting which ids were assigned since asked.

    Why a table that remembers rather than a call in each store method:
    articles arrive through open, add, update_articles and refresh, and every
    one of those paths assigns into this table, so the search index learns of
    each new or changed article, including on paths added later, and catching
    up costs nothing until someone searches.

    Until someone follows, it is a plain dict at C speed: a Python __setitem__
    that noted nothing cost ~0.1 s of every start with 100,000 articles.
    follow() turns the instance into a _FollowedArticles, which notes changes.
    """

    __slots__ = ("_touched",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._touched: set[str] | None = None  # None: nobody is following

    def follow(self) -> None:
        """Start noting changes (again, from an empty set)."""
        self._touched = set()
        self.__class__ = _FollowedArticles

    def pending(self) -> bool:
        """Whether anything changed since changed() was last called."""
        return bool(self._touched)

    def changed(self) -> set[str]:
        """The ids assigned or removed since follow() or the last call."""
        touched, self._touched = self._touched, set()
        return touched if touched is not None else set()


class _FollowedArticles(TrackedArticles):
    """A TrackedArticles someone follows: every change is noted."""

    __slots__ = ()
    _touched: set[str]

    def __setitem__(self, key: str, value: Any) -> None:
        dict.__setitem__(self, key, value)
        self._touched.add(key)

    def __delitem__(self, key: str) -> None:
        dict.__delitem__(self, key)
        self._touched.add(key)

    def pop(self, key: str, *default: Any) -> Any:
        self._touched.add(key)
        return dict.pop(self, key, *default)

    def popitem(self) -> tuple[str, Any]:
        key, value = dict.popitem(self)
        self._touched.add(key)
        return key, value

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return dict.__getitem__(self, key)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def clear(self) -> None:
        self._touched.update(self)
        dict.clear(self)
