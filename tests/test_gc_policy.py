"""Articles that arrive while the app runs are frozen out of full collections, in batches."""

from __future__ import annotations

import gc
import weakref

from core.gc_policy import LongLivedFreezer


class Kept:
    """Stands in for an Article: a tracked, long-lived object."""


def test_kept_objects_are_frozen_once_enough_have_arrived() -> None:
    freezer = LongLivedFreezer(every=100)
    try:
        frozen_before = gc.get_freeze_count()
        first = [Kept() for _ in range(60)]
        assert not freezer.kept(len(first))
        assert gc.get_freeze_count() == frozen_before, "too few to be worth a freeze"

        second = [Kept() for _ in range(60)]
        assert freezer.kept(len(second))
        assert gc.get_freeze_count() >= frozen_before + len(first) + len(second)
        assert not freezer.kept(1), "the count starts again after a freeze"
    finally:
        gc.unfreeze()


def test_garbage_cycles_from_before_a_freeze_are_collected_not_kept() -> None:
    freezer = LongLivedFreezer(every=1)
    try:
        cycle = Kept()
        cycle.itself = cycle  # type: ignore[attr-defined]
        alive = weakref.ref(cycle)
        del cycle
        freezer.kept(1)
        assert alive() is None, "the garbage cycle was frozen instead of collected"
    finally:
        gc.unfreeze()


def test_full_collections_are_the_freezers_alone_while_a_poll_runs() -> None:
    before = gc.get_threshold()
    freezer = LongLivedFreezer(every=10)
    try:
        freezer.polling(True)
        young, middle, full = gc.get_threshold()
        assert (young, middle) == before[:2] and full > 10_000
        freezer.polling(True)  # progress reported again: what is restored stays the same
        freezer.polling(False)
        assert gc.get_threshold() == before
        freezer.polling(False)
        assert gc.get_threshold() == before
    finally:
        gc.set_threshold(*before)


def test_a_freeze_is_preceded_by_a_young_collection_never_a_full_one() -> None:
    collected: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collected.append(info["generation"])

    freezer = LongLivedFreezer(every=1)
    gc.callbacks.append(note)
    try:
        assert freezer.kept(1)
    finally:
        gc.callbacks.remove(note)
        gc.unfreeze()
    assert collected, "no collection before the freeze"
    assert max(collected) < 2, f"a full collection paused the loop: {collected}"


async def test_the_dashboard_freezes_what_start_up_made_and_gives_it_back_at_exit(
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    from tests.app_support import make_app

    gc.unfreeze()
    app = make_app(tmp_path)
    assert gc.get_freeze_count() > 0, "the first frame's full collection would walk it all"
    async with app.run_test() as pilot:
        await pilot.pause()
    assert gc.get_freeze_count() == 0, "garbage frozen with one app would outlive it"
