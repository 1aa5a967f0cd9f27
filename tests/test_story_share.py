"""The story groups a writer leaves for read-only instances: each group once."""

from __future__ import annotations

from core.story_share import MAX_SHARED, distinct_groups


def test_each_group_is_shared_once_in_the_order_first_seen() -> None:
    first = ("a", "b", "c")
    second = ("d", "e")
    # An equal group held as another tuple (merged apart) is still the same group.
    stories = {"a": first, "d": second, "b": first, "e": second, "c": tuple(first)}
    assert distinct_groups(stories) == [["a", "b", "c"], ["d", "e"]]


def test_only_the_newest_groups_are_kept() -> None:
    stories = {}
    for number in range(MAX_SHARED + 10):
        group = (f"x{number}", f"y{number}")
        stories[group[0]] = stories[group[1]] = group
    shared = distinct_groups(stories)
    assert len(shared) == MAX_SHARED
    newest = MAX_SHARED + 9
    assert shared[0] == ["x10", "y10"] and shared[-1] == [f"x{newest}", f"y{newest}"]
