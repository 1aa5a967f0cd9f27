"""`python -m bench`: run the benchmark scenarios and print one table.

    python -m bench                      every scenario, full size, 3 runs each
    python -m bench --quick --no-targets the CI smoke run (small sizes, 1 run)
    python -m bench --only search --runs 5 --json results.json
    python -m bench --feeds 100 --items 50 --only cold_500 --only warm_poll

Exits 1 when a target is missed (unless --no-targets) and 2 when a scenario
could not run at all: a broken benchmark must never look like a pass.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

from bench.scenarios import ALIASES, FULL, QUICK, SCENARIOS, Context, Result


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, 1 run each")
    parser.add_argument("--runs", type=int, help="runs per scenario (default 3, --quick 1)")
    parser.add_argument(
        "--only", action="append", metavar="NAME", choices=sorted([*SCENARIOS, *ALIASES]),
        help="run only this scenario (repeatable)",
    )  # fmt: skip
    parser.add_argument("--no-targets", action="store_true", help="report, never fail on targets")
    parser.add_argument(
        "--no-peer", action="store_true", help="do not run newsboat even when it is installed"
    )
    parser.add_argument("--json", metavar="FILE", help="also save the results as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    parser.add_argument("--feeds", type=int, metavar="N", help="feeds in the corpus (default 500)")
    parser.add_argument("--items", type=int, metavar="M", help="items per feed (default 50)")
    parser.add_argument(
        "--archive", type=int, metavar="N", help="articles in the archive (default 100,000)"
    )
    return parser


def _format(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:,.1f} MB"
    if unit == "articles/s":
        return f"{value:,.0f}/s"
    return f"{value:g} {unit}"


def _peer(r: Result) -> str:
    """newsboat's median and aiwire's time over it (below 1x: aiwire is faster)."""
    if r.peer_ratio is None:
        return "-"
    return f"{_format(r.peer_median, r.unit)} ({r.peer_ratio:.2f}x)"


def table(results: Sequence[Result]) -> str:
    header = ("scenario", "median", "min-max", "floor", "ratio", "newsboat", "target", "result")
    rows = [header]
    for r in results:
        spread = (
            f"{_format(min(r.values), r.unit)} - {_format(max(r.values), r.unit)}"
            if r.values
            else "-"
        )
        rows.append(
            (
                r.name,
                _format(r.median, r.unit),
                spread,
                _format(r.floor, r.unit),
                f"{r.ratio:.2f}x" if r.ratio is not None else "-",
                _peer(r),
                r.target,
                r.verdict,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for number, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines.append("")
    for r in results:
        for note in r.notes:
            lines.append(f"{r.name}: {note}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sizes = QUICK if args.quick else FULL
    if args.feeds or args.items:
        feeds = args.feeds or sizes.feeds
        sizes = replace(
            sizes,
            feeds=feeds,
            poll_feeds=min(sizes.poll_feeds, feeds),
            items=args.items or sizes.items,
        )
    if args.archive:
        sizes = replace(sizes, archive=args.archive)
    runs = args.runs or (1 if args.quick else 3)
    names = [ALIASES.get(name, name) for name in args.only] if args.only else list(SCENARIOS)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="aiwire-bench-"))
    log(f"aiwire bench: {'quick' if args.quick else 'full'} sizes, {runs} run(s), in {workdir}")
    started = time.perf_counter()
    results: list[Result] = []
    ctx = Context(sizes, runs, workdir, log, peer=not args.no_peer)
    ctx.explicit_runs = args.runs is not None
    ctx.grade_peer = not args.quick
    peer = ctx.newsboat.version() if ctx.newsboat else None
    log(f"peer: {peer or 'newsboat not installed'}")
    try:
        for name in names:
            log(f"{name} ...")
            scenario_started = time.perf_counter()
            try:
                result = SCENARIOS[name](ctx)
            except Exception as error:  # noqa: BLE001 - one broken scenario, a row saying so
                traceback.print_exc()
                result = Result(
                    name, "-", status="ERROR", notes=[f"{type(error).__name__}: {error}"]
                )
            result.details["scenario_seconds"] = time.perf_counter() - scenario_started
            results.append(result)
            log(f"{name}: {result.verdict} ({result.details['scenario_seconds']:.0f} s)")
    finally:
        ctx.close()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    total = time.perf_counter() - started
    print(table(results))
    print(
        f"\n{len(results)} scenarios in {total:.0f} s ({'quick' if args.quick else 'full'} sizes)"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "argv": list(argv if argv is not None else sys.argv[1:]),
                    "sizes": asdict(sizes),
                    "runs": runs,
                    "seconds": total,
                    "python": sys.version,
                    "machine": platform.platform(),
                    "peer": peer,
                    "results": [r.to_dict() for r in results],
                },
                indent=2,
            )
        )
    if any(r.status == "ERROR" for r in results):
        return 2
    if not args.no_targets and any(r.verdict == "FAIL" for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
