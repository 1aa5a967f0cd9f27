"""The dashboard scenarios: the app headless in its own process, as a user starts it."""

from __future__ import annotations

import shutil
import statistics
from typing import Any

from bench.context import Context
from bench.results import MB, Result, spread

STARTUP_TARGET = 2.0  # x an empty Textual app's first paint
LIST_FILL_TARGET = 1.0  # seconds from first paint to the whole archive listed
SEARCH_FIRST_TARGET = 100.0  # ms, the first query right after start
SEARCH_LATER_TARGET = 50.0  # ms, every later query
STALL_MAX_TARGET = 35.0  # ms: so that 50 ms holds on a machine half as fast
STALL_P99_TARGET = 12.0  # ms
# The dashboard's usual terminal, where the feeds and watchlist panels show
# beside the list and are redrawn as the poll goes (at 80x24 they are hidden).
STALL_SIZE = "120x40"
FIRST_ITEM_TARGET = 1.0  # seconds from the first feed's answer to its first article listed
SEARCH_QUERIES = ("Altman", "nvidia chip supply", "quantum-entangled-llama")


def _startup_runs(ctx: Context) -> list[tuple[float, dict[str, Any]]]:
    """(empty app's first paint, the app's startup probe) per run; shared by two rows."""
    cached = ctx.shared.get("startup")
    if cached is None:
        expect = ctx.archive_count()
        cached = []
        for _ in range(ctx.runs):
            floor = ctx.probe("empty")["ready"]
            found = ctx.probe(
                "startup", "--data-dir", str(ctx.app_dir()), "--config", str(ctx.empty_config),
                "--expect", str(expect),
            )  # fmt: skip
            cached.append((floor, found))
        ctx.shared["startup"] = cached
    return cached


def startup(ctx: Context) -> Result:
    """Graded on the frame whose list holds the archive's newest rows, not on "Loading…"."""
    result = Result("startup", "s", target=f"<= {STARTUP_TARGET:g}x floor (newest rows shown)")
    runs = _startup_runs(ctx)
    result.floors = [floor for floor, _ in runs]
    # No snapshot of the top rows (an archive shorter than them): the filled list is it.
    result.values = [found.get("newest_rows") or found["list"] for _, found in runs]
    first_paint = [found["ready"] for _, found in runs]
    ratio = result.ratio
    result.passed = ratio is not None and ratio <= STARTUP_TARGET
    result.details["first_paint"] = first_paint
    paint_ratio = statistics.median(first_paint) / (result.floor or 1)
    result.notes.append(
        f"from the script's first line: first paint {spread(first_paint)} s "
        f"({paint_ratio:.2f}x the empty app), the newest rows on top {spread(result.values)} s, "
        f"all {runs[0][1]['listed']:,} listed {spread([f['list'] for _, f in runs])} s"
    )
    return result


def list_fill(ctx: Context) -> Result:
    """The whole archive in the list, counted from the first paint."""
    result = Result("list_fill", "s", target=f"<= {LIST_FILL_TARGET:g} s after first paint")
    runs = _startup_runs(ctx)
    result.values = [found["list"] - found["ready"] for _, found in runs]
    result.passed = (result.median or 0) <= LIST_FILL_TARGET
    result.notes.append(f"{runs[0][1]['listed']:,} articles listed")
    return result


def search(ctx: Context) -> Result:
    """Searches through the app, the first one as soon as the whole archive is listed."""
    target = f"first <= {SEARCH_FIRST_TARGET:g} ms, later <= {SEARCH_LATER_TARGET:g} ms"
    result = Result("search", "ms", target=target)
    expect = ctx.archive_count()
    later: list[float] = []
    hits: dict[str, int] = {}
    for _ in range(ctx.runs):
        found = ctx.probe(
            "startup", "--data-dir", str(ctx.app_dir()), "--config", str(ctx.empty_config),
            "--expect", str(expect), "--queries", "|".join(SEARCH_QUERIES),
        )  # fmt: skip
        timings = found["searches"]
        result.values.append(timings[0][1])
        later += [ms for _, ms, _ in timings[1:]]
        hits.update({query: count for query, _, count in timings})
    worst = max(later, default=0.0)
    median = statistics.median(later) if later else 0.0
    result.details.update(later=later, later_median=median, later_worst=worst)
    result.passed = (result.median or 0) <= SEARCH_FIRST_TARGET and worst <= SEARCH_LATER_TARGET
    result.notes.append(
        f"{expect:,} articles; first query {spread(result.values)} ms; later ones median "
        f"{median:.1f} ms, worst {worst:.1f} ms; "
        + "; ".join(f"{q!r}: {hits.get(q, 0):,} hits" for q in SEARCH_QUERIES)
    )
    return result


def _stall_runs(ctx: Context) -> list[dict[str, Any]]:
    """The app polling every feed cold, once per run; shared by ui_stall and first_item."""
    cached = ctx.shared.get("stall")
    if cached is None:
        cached = []
        # Three runs by default, not two: the worst lag is one spike, and a
        # median of two runs is their mean, decided by whichever run had it.
        for run in range(ctx.runs):
            ctx.server.switch(0)
            ctx.server.first_answer = None
            data_dir = ctx.fresh_dir("stall") / "data"
            ctx.log(f"  run {run + 1}: the app polls {ctx.sizes.feeds} feeds cold ...")
            found = ctx.probe(
                "stall", "--data-dir", str(data_dir), "--config", str(ctx.config),
                "--expect", str(ctx.sizes.feeds), "--size", STALL_SIZE,
                timeout=30 if ctx.sizes.feeds < 100 else 600, partial_ok=True,
            )  # fmt: skip
            found["server_first_answer"] = ctx.server.first_answer
            cached.append(found)
            shutil.rmtree(data_dir.parent, ignore_errors=True)
        ctx.shared["stall"] = cached
    return cached


def _stall_problems(runs: list[dict[str, Any]]) -> list[str]:
    # The lag seen until a hang is still a measurement; the hang is a finding.
    problems = [
        f"run {number}: {found['error']} ({found.get('polled')} polled)"
        for number, found in enumerate(runs, 1)
        if "error" in found
    ]
    return problems + [
        f"run {number}: the event loop's lag was never sampled"
        for number, found in enumerate(runs, 1)
        if "error" not in found and not found.get("samples")
    ]


def ui_stall(ctx: Context) -> Result:
    target = f"max <= {STALL_MAX_TARGET:g} ms, p99 <= {STALL_P99_TARGET:g} ms"
    result = Result("ui_stall", "ms", target=target)
    runs = _stall_runs(ctx)
    problems = _stall_problems(runs)
    result.values = [found["lag_max"] * 1000 for found in runs]
    p99s = [found["lag_p99"] * 1000 for found in runs]
    p99 = statistics.median(p99s)
    result.details["runs"] = runs
    result.passed = (
        (result.median or 0) <= STALL_MAX_TARGET and p99 <= STALL_P99_TARGET and not problems
    )
    result.notes += problems
    result.notes.append(
        f"worst lag per run (ms): {spread(result.values)}; p99 (ms): {spread(p99s)}; "
        f"lags > 50 ms per run: {[r['lags_over_50ms'] for r in runs]}; "
        f"polling took {spread([r.get('poll_seconds', -1) for r in runs])} s; "
        f"the terminal {STALL_SIZE}"
    )
    return result


def first_item(ctx: Context) -> Result:
    """In the dashboard's cold poll: the first polled article on screen after the first answer."""
    result = Result("first_item", "s", target=f"<= {FIRST_ITEM_TARGET:g} s after the first answer")
    runs = _stall_runs(ctx)
    problems = _stall_problems(runs)
    for number, found in enumerate(runs, 1):
        shown = found.get("first_item_painted") or found.get("first_item")
        answered = found.get("server_first_answer")
        if shown is None or answered is None:
            problems.append(f"run {number}: no polled article was listed")
            continue
        result.values.append(shown - answered)
    result.passed = bool(result.values) and (result.median or 0) <= FIRST_ITEM_TARGET
    result.notes += problems
    result.notes.append(
        f"from the server's first 200 to the frame listing a polled article, "
        f"{ctx.sizes.feeds} feeds polled cold"
    )
    return result


def memory(ctx: Context) -> Result:
    result = Result("memory", "MB", target="<= 300 MB RSS")
    probes = ctx.list_probes()
    result.values = [p["memory_kib"]["VmRSS"] * 1024 / MB for p in probes]
    peaks = [p["memory_kib"]["VmHWM"] * 1024 / MB for p in probes]
    result.passed = (result.median or 0) <= 300
    result.notes.append(
        f"VmRSS after {probes[0]['listed']:,} articles are listed; peak (VmHWM) {spread(peaks)} MB"
    )
    return result


def list_100k(ctx: Context) -> Result:
    result = Result("list_100k", "s", target="G to the last row <= 1 s")
    probes = ctx.list_probes()
    result.values = [p["press_end"] for p in probes]
    result.passed = (result.median or 0) <= 1.0
    result.notes.append(
        f"{probes[0]['listed']:,} rows; list filled {spread([p['list'] for p in probes])} s "
        f"after start; cursor ends on row {probes[0]['cursor']:,}"
    )
    return result
