"""The UI-stall row fails when a run measured nothing: a probe whose app
stopped early must not pass as a run without lag."""

from __future__ import annotations

from bench.app_scenarios import _stall_problems


def test_a_run_that_never_sampled_the_loop_is_a_problem() -> None:
    measured = {"samples": 12_000, "lag_max": 0.02, "polled": 500}
    silent = {"samples": 0, "lag_max": 0.0, "articles": 0}
    stopped = {"samples": 40, "error": "the app stopped with status 1", "polled": 3}

    problems = _stall_problems([measured, silent, stopped])

    assert problems == [
        "run 3: the app stopped with status 1 (3 polled)",
        "run 2: the event loop's lag was never sampled",
    ]
    assert _stall_problems([measured]) == []
