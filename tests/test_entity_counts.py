"""The watchlist panel's figures, kept up to date as articles arrive, change and
are read, equal the ones counted from scratch over the same articles."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from core.state import LibraryState
from storage.records import READ_FLAG, Article

BASE = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TODAY = (BASE + timedelta(days=1)).date()
ENTITIES = ("person:ada", "person:bo", "org:acme", "org:zeta")


def article(number: int, *entities: str) -> Article:
    return Article(
        id=f"a{number:04d}",
        feed_id=f"f{number % 3}",
        identity=f"guid:{number}",
        title=f"title {number}",
        link=None,
        published=BASE - timedelta(hours=number * 5),
        first_seen=BASE,
        entities=entities,
    )


def figures(state: LibraryState) -> dict[str, tuple[int, int, tuple[int, ...]]]:
    return {entity: state.entity_stats(entity, TODAY) for entity in ENTITIES}


def recounted(state: LibraryState) -> dict[str, tuple[int, int, tuple[int, ...]]]:
    fresh = LibraryState()
    fresh.load(dict(state.articles), dict(state.flags))
    return figures(fresh)


def test_figures_after_each_change_equal_a_count_from_scratch() -> None:
    state = LibraryState()
    state.load([article(n, ENTITIES[n % 4]) for n in range(40)], {"a0001": READ_FLAG})
    assert figures(state) == recounted(state)  # asked once: what later asks may reuse

    state.add([article(n, ENTITIES[n % 4], ENTITIES[(n + 1) % 4]) for n in range(40, 60)])
    assert figures(state) == recounted(state)

    state.set_flags(["a0004", "a0044", "a0045"], read=True)
    assert figures(state) == recounted(state)

    # Enrichment found other entities in an article (and moved it a day).
    changed = state.articles["a0008"]
    state.update(
        [replace(changed, entities=("org:zeta",), published=changed.published - timedelta(days=1))]
    )
    assert figures(state) == recounted(state)

    state.set_flags(["a0044"], read=False)
    state.remove(["a0002", "a0050"])
    assert figures(state) == recounted(state)
    assert figures(state)["org:zeta"][0] > 0


def test_a_new_day_moves_the_trend_though_no_count_changed() -> None:
    state = LibraryState()
    state.load([article(0, "person:ada")], {})
    today = BASE.date()
    *_, trend_today = state.entity_stats("person:ada", today)
    *_, trend_tomorrow = state.entity_stats("person:ada", today + timedelta(days=1))
    assert trend_today[-1] == 1 and trend_tomorrow[-1] == 0 and trend_tomorrow[-2] == 1
