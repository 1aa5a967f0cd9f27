"""Run the app (or an empty Textual app) headless in its own process and report timings.

    python -m bench.probe_app MODE OUT.json [--data-dir D --config C --expect N]

MODE: empty | startup | list | stall. Times count from the top of this
script, before any import, so imports are part of "time to first paint".
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402 - timing starts before the imports on purpose
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from bench.stall_watch import StallWatch  # noqa: E402


def since_start() -> float:
    return time.perf_counter() - T0


def process_age_at_t0() -> float:
    """How long the interpreter ran before this script's first line (10 ms ticks)."""
    try:
        start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return max(uptime - start_ticks / os.sysconf("SC_CLK_TCK") - since_start(), 0.0)
    except (OSError, ValueError, IndexError):
        return 0.0


def memory() -> dict[str, int]:
    """VmRSS and VmHWM in KiB (psutil is not a dependency)."""
    found: dict[str, int] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0])
    return found


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(int(fraction * len(ordered)), len(ordered) - 1)]


def run_empty(out: dict[str, Any]) -> None:
    from textual.app import App
    from textual.widgets import Static

    class Empty(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Static("empty")

        def on_ready(self) -> None:
            out["ready"] = since_start()
            self.exit()

    Empty().run(headless=True)


def _options(args: argparse.Namespace, *, poll: bool):  # type: ignore[no-untyped-def]
    from core.library import LibraryOptions
    from ingest.resources import bundled_seeds_dir

    return LibraryOptions(
        config_path=Path(args.config),
        data_dir=Path(args.data_dir),
        seeds_dir=bundled_seeds_dir(),
        poll=poll,
        fetch_off_loop=True,
    )


def _library(app: Any) -> Any:
    """The app's core.library.Library: the store, polling and search live there."""
    return app.library


def _list_length(app: Any) -> int:
    from tui.widgets.article_list import ArticleList

    try:
        return len(app.screen.query_one("#articles", ArticleList).article_ids)
    except Exception:  # noqa: BLE001 - the screen may not be there yet
        return 0


NEWEST_ROWS = 20  # the top rows a user sees first; the startup row waits for these


def _list_ids(app: Any) -> list[str]:
    from tui.widgets.article_list import ArticleList

    try:
        return app.screen.query_one("#articles", ArticleList).article_ids
    except Exception:  # noqa: BLE001 - the screen may not be there yet
        return []


def _top_rows(app: Any) -> tuple[str, ...]:
    return tuple(_list_ids(app)[:NEWEST_ROWS])


def _newest_rows_frame(
    frames: list[tuple[tuple[str, ...], float]], final: tuple[str, ...]
) -> float | None:
    """When a frame first showed the rows the list ends with on top, and later frames kept them."""
    found = None
    for rows, painted in reversed(frames):
        if rows != final:
            break
        found = painted
    return found


def run_startup(args: argparse.Namespace, out: dict[str, Any]) -> None:
    """First paint, the frame holding the newest rows, the whole list; searches if asked.

    The list's top rows are noted with each frame the app renders, whenever
    they changed; once all `expect` rows are listed, the newest-rows frame is
    the first after which the top rows stayed those of the filled list.
    """
    from textual.screen import Screen

    from tui.app import AiwireApp

    frames: list[tuple[tuple[str, ...], float]] = []  # (top rows, rendered at)
    queries = [q for q in args.queries.split("|") if q] if args.queries else []

    class Probe(AiwireApp):
        def _display(self, screen: Screen[Any], renderable: Any) -> None:
            # Every frame passes here once rendered (headless, only the write
            # to the terminal is skipped): what it shows, not when a timer looked.
            super()._display(screen, renderable)
            if renderable is not None and not self._batch_count:
                rows = _top_rows(self)
                if rows and (not frames or frames[-1][0] != rows):
                    frames.append((rows, since_start()))

        def on_ready(self) -> None:
            out["ready"] = since_start()
            self._searching = False
            self.set_interval(0.005, self._check_list)
            self.set_timer(args.timeout, self._give_up)

        def _check_list(self) -> None:
            if queries and _list_length(self) >= args.expect and not self._searching:
                self._searching = True
                self.run_worker(self._search(queries), exit_on_error=False)
            if _list_length(self) >= args.expect and "list" not in out:
                out["list"] = since_start()
                out["listed"] = _list_length(self)
                out["newest_rows"] = _newest_rows_frame(frames, _top_rows(self))
            if "list" in out and (not queries or "searches" in out):
                self.exit()

        async def _search(self, texts: list[str]) -> None:
            # The first query goes out as soon as the whole archive is listed, as
            # a user who opens the app to search does (the newest rows show
            # before it loads, and a query then waits for it); then each query
            # again, twice.
            timings: list[list[Any]] = []
            for query in [*texts, *texts, *texts]:
                started = time.perf_counter()
                hits = await _library(self).search(query)
                timings.append([query, (time.perf_counter() - started) * 1000, len(hits)])
            out["searches"] = timings

        def _give_up(self) -> None:
            out["listed"] = _list_length(self)
            out["error"] = f"list not filled (or searches not done) after {args.timeout:g} s"
            self.exit()

    Probe(_options(args, poll=False)).run(headless=True)
    out["snapshots"] = len(frames)


async def run_list(args: argparse.Namespace, out: dict[str, Any]) -> None:
    """List open, RSS after load, then G (last row) and the frame after it."""
    from tui.app import AiwireApp
    from tui.widgets.article_list import ArticleList

    app = AiwireApp(_options(args, poll=False))
    async with app.run_test(size=(120, 40)) as pilot:
        deadline = time.perf_counter() + args.timeout
        while _list_length(app) < args.expect:
            if time.perf_counter() > deadline:
                out["error"] = f"list not filled after {args.timeout:g} s"
                out["listed"] = _list_length(app)
                return
            await pilot.pause(0.01)
        out["list"] = since_start()
        out["listed"] = _list_length(app)
        await pilot.pause(0.5)  # let the first burst of work settle before measuring memory
        out["memory_kib"] = memory()
        articles = app.screen.query_one("#articles", ArticleList)
        articles.focus()
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("G")
        while articles.cursor != len(articles.article_ids) - 1:
            if time.perf_counter() > deadline + 30:
                out["error"] = "G did not reach the last row"
                return
            await pilot.pause(0.001)
        await pilot.pause()  # the frame that shows it
        out["press_end"] = time.perf_counter() - started
        out["cursor"] = articles.cursor
        out["scroll_y"] = articles.scroll_y
        await pilot.press("q")


def run_stall(args: argparse.Namespace, out: dict[str, Any]) -> None:
    """Event-loop lag, sampled every 5 ms, while the app polls every feed once.

    Also when the first polled item is listed (CLOCK_MONOTONIC, comparable with
    the bench server's time of its first answer).
    """
    from bench.corpus import FEED_ID_PREFIX
    from tui.app import AiwireApp

    lags: list[float] = []
    spikes: list[tuple[float, float]] = []
    interval = 0.005
    watch = StallWatch(since_start)

    class Probe(AiwireApp):
        def on_ready(self) -> None:
            out["ready"] = since_start()
            self._listed_before = 0
            self._probe_started = time.perf_counter()
            self._probe = asyncio.get_running_loop().create_task(self._lag_probe())
            self.set_timer(args.timeout, self._give_up)
            watch.start()

        async def _lag_probe(self) -> None:
            while True:
                before = time.perf_counter()
                await asyncio.sleep(interval)
                watch.tick()
                lag = time.perf_counter() - before - interval
                lags.append(lag)
                if "first_item" not in out and self._polled_item_listed():
                    out["first_item"] = time.monotonic()
                    self.call_after_refresh(
                        lambda: out.setdefault("first_item_painted", time.monotonic())
                    )
                if lag > 0.050:  # when each long stall happened, to match with a profile
                    spikes.append((round(since_start(), 3), round(lag * 1000, 1)))
                # Every 20th sample (100 ms): counting 500 feed states every
                # 5 ms would be a load of its own on the loop it measures.
                if len(lags) % 20 == 0 and self._all_polled():
                    out["poll_seconds"] = time.perf_counter() - self._probe_started
                    self.exit()
                    return

        def _polled_item_listed(self) -> bool:
            # Scanned only when the list changed length, and only until the first
            # polled item is found: by then it holds the seeds and a feed or two.
            ids = _list_ids(self)
            if len(ids) == self._listed_before:
                return False
            self._listed_before = len(ids)
            articles = _library(self).state.articles
            return any(
                article_id in articles and articles[article_id].feed_id.startswith(FEED_ID_PREFIX)
                for article_id in ids
            )

        def _all_polled(self) -> bool:
            writing = getattr(_library(self), "writing", None)
            polling = getattr(writing, "polling", None)
            if polling is None:
                return False
            poller = polling.poller
            done = sum(
                1
                for state in poller.states.values()
                if state.last_success is not None or state.consecutive_failures
            )
            out["polled"] = done
            return done >= args.expect and not poller.progress.busy

        def _give_up(self) -> None:
            out["error"] = f"not every feed polled after {args.timeout:g} s"
            self.exit()

    app = Probe(_options(args, poll=True))
    app.run(headless=True, size=args.size)
    watch.stop()
    if app.return_code:  # the app caught an exception and stopped: no lag was measured after it
        out.setdefault("error", f"the app stopped with status {app.return_code}")
    out["stalls"] = watch.found  # what each thread was doing in the first long stalls
    out["articles"] = len(_library(app).state.articles)
    out["samples"] = len(lags)
    out["lag_max"] = max(lags, default=0.0)
    out["lag_p99"] = percentile(lags, 0.99)
    out["lag_p50"] = percentile(lags, 0.50)
    out["lags_over_50ms"] = sum(1 for lag in lags if lag > 0.050)
    out["spikes"] = spikes  # (seconds since the script's first line, lag in ms)


def _size(text: str) -> tuple[int, int]:
    columns, rows = text.lower().split("x")
    return int(columns), int(rows)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("empty", "startup", "list", "stall"))
    parser.add_argument("out")
    parser.add_argument("--data-dir")
    parser.add_argument("--config")
    parser.add_argument("--expect", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--queries", help="startup: searches to run, separated by |")
    parser.add_argument(
        "--size", type=_size, default=(80, 24), help="stall: the terminal, COLUMNSxROWS"
    )
    args = parser.parse_args()
    out: dict[str, Any] = {"mode": args.mode, "interpreter_before_script": process_age_at_t0()}
    try:
        if args.mode == "empty":
            run_empty(out)
        elif args.mode == "startup":
            run_startup(args, out)
        elif args.mode == "list":
            asyncio.run(run_list(args, out))
        else:
            run_stall(args, out)
    except Exception as error:  # noqa: BLE001 - reported to the parent, not lost
        out["error"] = f"{type(error).__name__}: {error}"
    out.setdefault("memory_kib", memory())
    Path(args.out).write_text(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
