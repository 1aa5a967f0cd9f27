"""Where an undated article goes in the list: its story's date when another
telling is dated, else when first seen; seeds, whose first-seen time is not
news, after every dated article."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.state import LibraryState, ViewFilter
from storage.records import SEED_FEED_ID, Article

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def article(
    article_id: str,
    published: datetime | None,
    *,
    feed: str = "f",
    first_seen: datetime = NOW,
) -> Article:
    return Article(
        id=article_id,
        feed_id=feed,
        identity=f"guid:{article_id}",
        title=article_id,
        link=None,
        published=published,
        first_seen=first_seen,
    )


def test_undated_seeds_sort_after_dated_news() -> None:
    state = LibraryState()
    state.load(
        [
            article("seed", None, feed=SEED_FEED_ID, first_seen=NOW),
            article("old-news", NOW - timedelta(days=400)),
            article("today", NOW - timedelta(hours=1)),
        ],
        {},
    )
    assert state.view(ViewFilter()) == ["today", "old-news", "seed"]
    # Added later, a seed still goes after the dated articles...
    state.add([article("seed2", None, feed=SEED_FEED_ID, first_seen=NOW + timedelta(days=1))])
    assert state.view(ViewFilter())[-2:] == ["seed2", "seed"]
    # ...while an undated polled article is news from when it was first seen.
    state.add([article("undated", None, first_seen=NOW)])
    assert state.view(ViewFilter())[0] == "undated"


def test_an_undated_telling_takes_its_storys_date() -> None:
    state = LibraryState()
    dated = article("dated", NOW - timedelta(days=30))
    state.load(
        [
            article("newer", NOW - timedelta(days=1)),
            dated,
            article("older", NOW - timedelta(days=60)),
            article("seed", None, feed=SEED_FEED_ID),
            article("undated", None, first_seen=NOW),
        ],
        {},
    )
    assert state.view_order()[0] == "undated"
    assert state.view_order()[-1] == "seed"
    reorders = state.reorders
    state.merge_stories([("dated", "undated"), ("seed", "older")])
    assert state.reorders > reorders  # views built before must be rebuilt
    order = state.view_order()
    assert order == ["newer", "dated", "undated", "older", "seed"]
    # The seed grouped with a dated telling sorts by that date too.
    state.set_stories([("seed", "older")])
    assert state.view_order() == ["undated", "newer", "dated", "older", "seed"]
    # A story's date moving moves its undated tellings with it.
    state.set_stories([("dated", "undated")])
    state.update([dated.with_changes(published=NOW - timedelta(days=90))])
    assert state.view_order() == ["newer", "older", "dated", "undated", "seed"]


def test_reloading_keeps_undated_tellings_at_their_storys_date() -> None:
    state = LibraryState()
    items = [article("dated", NOW - timedelta(days=30)), article("undated", None)]
    items.append(article("newer", NOW - timedelta(days=1)))
    state.load(items, {})
    state.set_stories([("dated", "undated")])
    loaded = LibraryState()
    loaded.load(items, {})  # sorted without the story groups
    state.take_loaded(loaded)
    assert state.view_order() == ["newer", "dated", "undated"]
