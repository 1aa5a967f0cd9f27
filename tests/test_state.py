"""LibraryState, the app's in-memory view of the store: order, views, swapping in a load."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.state import LibraryState, ViewFilter
from storage.records import Article, NewArticle
from storage.store import ArticleStore

BASE = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def article(article_id: str, minutes: int, feed: str = "f1", **fields: object) -> Article:
    return Article(
        id=article_id,
        feed_id=feed,
        identity=f"guid:{article_id}",
        title=f"title {article_id}",
        link=None,
        published=BASE + timedelta(minutes=minutes),
        first_seen=BASE,
        **fields,  # type: ignore[arg-type]
    )


def loaded(*articles: Article, flags: dict[str, int] | None = None) -> LibraryState:
    state = LibraryState()
    state.load(articles, flags or {})
    return state


def test_views_are_newest_first_with_ties_broken_by_id() -> None:
    state = loaded(article("b", 5), article("a", 5), article("c", 9), article("d", 1))
    assert state.view(ViewFilter()) == ["c", "a", "b", "d"]
    assert state.view_order() == ["c", "a", "b", "d"]
    assert state.newest_time() == BASE + timedelta(minutes=9)


def test_added_and_redated_articles_take_their_place_in_the_order() -> None:
    state = loaded(article("a", 1), article("b", 3))
    added = state.add([article("c", 2), article("a", 1), article("d", 4)])
    assert [a.id for a in added] == ["c", "d"]  # "a" was there already
    assert state.view(ViewFilter()) == ["d", "b", "c", "a"]
    state.update([article("b", 0), article("e", 10)])  # b moves back; e is new
    assert state.view(ViewFilter()) == ["e", "d", "c", "a", "b"]
    assert len(state.view_order()) == len(state.articles) == 5


def test_the_unfiltered_view_and_a_filtered_one_collapse_stories_alike() -> None:
    state = loaded(*(article(str(n), n, feed="f1") for n in range(6)))
    state.set_stories([("1", "4"), ("2", "3")])
    everything = state.view(ViewFilter())
    # A filter that every article passes takes the general path.
    same = state.view(ViewFilter(feed_id="f1"))
    assert everything == same == ["5", "4", "3", "0"]


def test_filters_still_apply() -> None:
    state = loaded(
        article("a", 1, feed="f1", entities=("person:x",)),
        article("b", 2, feed="f2"),
        article("c", 3, feed="f1"),
        flags={"c": 1 | 2},
    )
    assert state.view(ViewFilter(feed_id="f1")) == ["c", "a"]
    assert state.view(ViewFilter(entity_id="person:x")) == ["a"]
    assert state.view(ViewFilter(unread_only=True)) == ["b", "a"]
    assert state.view(ViewFilter(starred_only=True)) == ["c"]
    assert state.view(ViewFilter(article_ids=frozenset({"a", "b"}))) == ["b", "a"]


def test_a_state_built_elsewhere_is_taken_in_place_and_stories_stay() -> None:
    state = loaded(article("a", 1))
    state.set_stories([("a", "x")])
    holder = state  # what a widget keeps
    fresh = loaded(
        article("x", 2, entities=("person:x",)), article("a", 1), article("y", 3), flags={"y": 1}
    )
    state.take_loaded(fresh)
    assert holder is state
    assert set(state.articles) == {"a", "x", "y"}
    assert state.stories["a"] == ("a", "x")
    assert state.view(ViewFilter()) == ["y", "x"]  # a and x are one story
    assert state.unread_count() == 2
    assert state.article_count("f1") == 3
    assert state.entity_stats("person:x", BASE.date())[:2] == (1, 1)


def test_new_articles_slot_into_a_shown_view() -> None:
    state = loaded(article("a", 1), article("c", 3))
    shown = state.view(ViewFilter())
    added = state.add([article("b", 2), article("d", 4)])
    assert state.insert_into_view(shown, added, ViewFilter()) == ["d", "c", "b", "a"]


def test_a_load_orders_every_article_as_one_by_one_insertion_would() -> None:
    """Ties, undated articles, seeds and undated tellings of dated stories mixed."""
    import random
    from dataclasses import replace

    from storage.records import SEED_FEED_ID

    rng = random.Random(3)
    pool = []
    for n in range(400):
        kind = rng.random()
        if kind < 0.2:
            made = replace(
                article(f"u{n:03d}", 0), published=None, first_seen=BASE - timedelta(hours=n % 7)
            )
        elif kind < 0.3:
            made = replace(article(f"s{n:03d}", 0, SEED_FEED_ID), published=None)
        else:
            made = article(f"d{n:03d}", rng.randrange(12))  # many equal times
        pool.append(made)
    rng.shuffle(pool)
    state = loaded(*pool)
    one_by_one = LibraryState()
    one_by_one.add(pool)
    assert state.view_order() == one_by_one.view_order()
    assert state.view_order()[:3] == sorted(state.view_order()[:3])  # ties by id
    assert state.view_order()[-1].startswith("s")  # undated seeds last


def test_a_shown_view_follows_articles_a_story_moved_without_a_rebuild() -> None:
    from dataclasses import replace

    undated = [replace(article(f"u{n}", 0), published=None) for n in range(3)]
    dated = [article(f"d{n}", n * 10, feed="f2" if n % 2 else "f1") for n in range(8)]
    state = loaded(*undated, *dated)
    for view_filter in (ViewFilter(), ViewFilter(feed_id="f1"), ViewFilter(unread_only=True)):
        shown = state.view(view_filter)
        seen = state.reorders
        # Undated tellings take their story's date: they move, and each story shows once.
        state.merge_stories([("u0", "d5"), ("u1", "d2", "d6")])
        state.update([replace(state.articles["d3"], published=BASE - timedelta(days=1))])
        assert state.reorders > seen
        followed, rebuilt = state.follow_moves(shown, seen, view_filter)
        assert not rebuilt
        assert followed == state.view(view_filter)
        state.set_stories([])
    # A view older than the moves remembered is rebuilt.
    shown, seen = state.view(ViewFilter()), state.reorders
    for n in range(70):
        state.merge_stories([("u2", f"d{n % 8}")])
        state.set_stories([])
    assert state.follow_moves(shown, seen, ViewFilter()) == (state.view(ViewFilter()), True)


def test_patching_a_view_of_large_stories_shows_each_once() -> None:
    state = loaded(*(article(f"a{n:03d}", n, feed="f1" if n % 3 else "f2") for n in range(300)))
    for view_filter in (ViewFilter(), ViewFilter(feed_id="f2")):
        shown = state.view(view_filter)
        # Two large stories, then they are joined: each shows as its newest matching telling.
        state.merge_stories([[f"a{n:03d}" for n in range(0, 150)]])
        state.merge_stories([[f"a{n:03d}" for n in range(150, 280)]])
        touched = [state.articles[i] for i in state.stories]
        shown = state.patch_view(shown, touched, view_filter)
        assert shown == state.view(view_filter)
        state.merge_stories([("a000", "a299")])
        shown = state.patch_view(shown, [state.articles["a000"]], view_filter)
        assert shown == state.view(view_filter)
        state.set_stories([])


def test_a_followed_view_shows_the_telling_the_rebuilt_view_shows() -> None:
    """An undated telling takes its story's date; ties go by id, so it can come first."""
    from dataclasses import replace

    state = loaded(replace(article("a-undated", 0), published=None), article("z-dated", 5))
    shown, seen = state.view(ViewFilter()), state.reorders
    state.merge_stories([("z-dated", "a-undated")])
    followed, rebuilt = state.follow_moves(shown, seen, ViewFilter())
    assert not rebuilt
    assert followed == state.view(ViewFilter()) == ["a-undated"]


def test_a_state_loaded_from_the_store_table_matches_one_loaded_article_by_article(
    tmp_path: Path,
) -> None:
    store = ArticleStore(tmp_path / "data")
    store.open()
    store.add(
        [
            NewArticle(
                feed_id=f"f{n % 2}",
                guid=f"g{n}",
                title=f"title {n}",
                link=None,
                published=BASE + timedelta(minutes=n % 5) if n % 4 else None,
                body="",
            )
            for n in range(30)
        ]
    )
    table = store.article_table()
    by_table = LibraryState()
    by_table.load(table, store.user_flags())
    one_by_one = loaded(*store.articles())
    assert by_table.view_order() == one_by_one.view_order()
    assert len(by_table.view_order()) == 30
    # The table is the state's own: what the state adds is not in the store.
    by_table.add([article("new", 99)])
    assert "new" in by_table.articles and store.get("new") is None
    store.close()


def test_a_batch_slotted_into_a_view_equals_the_view_built_afresh() -> None:
    import random

    rng = random.Random(7)
    first = [article(f"a{n:03d}", rng.randrange(60), feed=f"f{n % 2}") for n in range(150)]
    state = loaded(*first)
    for prefix, view_filter in (("b", ViewFilter()), ("c", ViewFilter(feed_id="f1"))):
        shown = state.view(view_filter)
        batch = [
            article(f"{prefix}{n:03d}", rng.randrange(-5, 70), feed=f"f{n % 2}")
            for n in range(len(shown))
        ]
        state.add(batch)
        # Duplicates and articles shown already, as overlapping reports bring them.
        again = [*batch, *batch[:10], state.articles[shown[0]], state.articles[shown[-1]]]
        rng.shuffle(again)
        assert state.insert_into_view(shown, again, view_filter) == state.view(view_filter)
