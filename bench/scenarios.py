"""The benchmark scenarios. Each returns a Result: samples, a floor, a target.

Heavy work (the CLI, the app) runs in subprocesses started the way a user
starts them, so start-up and imports count; cheap, library-level work
(search, marking read, enrichment) runs in this process.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import FEED_ID_PREFIX, Corpus, build_archive, etag_for, write_config
from bench.server import FeedServer

REPO_ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000


@dataclass(frozen=True, slots=True)
class Sizes:
    feeds: int
    items: int
    new_items: int
    archive: int
    crash_rounds: int
    enrich_seconds: float  # per run; the rate is what is judged


FULL = Sizes(feeds=500, items=50, new_items=5, archive=100_000, crash_rounds=200, enrich_seconds=20)
QUICK = Sizes(feeds=20, items=10, new_items=5, archive=2_000, crash_rounds=10, enrich_seconds=2)


@dataclass(slots=True)
class Result:
    name: str
    unit: str  # how `values` are expressed: "s", "ms", "MB", "articles/s", "lost"
    values: list[float] = field(default_factory=list)
    floors: list[float] = field(default_factory=list)
    target: str = "-"
    passed: bool | None = None  # None: no target (reported only)
    status: str | None = None  # "SKIP" or "ERROR" override the verdict
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def floor(self) -> float | None:
        return statistics.median(self.floors) if self.floors else None

    @property
    def ratio(self) -> float | None:
        if self.median is None or not self.floor:
            return None
        return self.median / self.floor

    @property
    def verdict(self) -> str:
        if self.status:
            return self.status
        if self.passed is None:
            return "INFO"
        return "PASS" if self.passed else "FAIL"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "unit": self.unit,
            "values": self.values,
            "median": self.median,
            "min": min(self.values) if self.values else None,
            "max": max(self.values) if self.values else None,
            "floors": self.floors,
            "floor": self.floor,
            "ratio": self.ratio,
            "target": self.target,
            "verdict": self.verdict,
            "notes": self.notes,
            "details": self.details,
        }


# -- shared fixtures -------------------------------------------------------------


class Context:
    """What scenarios share: the corpus, the server, the archive, the cold data dir."""

    def __init__(self, sizes: Sizes, runs: int, workdir: Path, log: Callable[[str], None]) -> None:
        self.sizes = sizes
        self.runs = runs
        self.workdir = workdir
        self.log = log
        self.corpus = Corpus(sizes.feeds, sizes.items, new_per_generation=sizes.new_items)
        self.server = FeedServer(self.corpus).start()
        self.config = write_config(workdir / "feeds.toml", self.server.base_url, sizes.feeds)
        # No sources, the same watchlists: the app starts without polling or catching up.
        self.empty_config = write_config(workdir / "empty.toml", self.server.base_url, 0)
        self.cold_dir: Path | None = None
        self._archive: Path | None = None
        self._app_dir: Path | None = None
        self._list_probes: list[dict[str, Any]] | None = None
        self._counter = 0
        self.explicit_runs = False

    def close(self) -> None:
        self.server.stop()

    def fresh_dir(self, name: str) -> Path:
        self._counter += 1
        path = self.workdir / f"{self._counter:03d}-{name}"
        path.mkdir(parents=True)
        return path

    @property
    def expected_feed_items(self) -> int:
        return self.sizes.feeds * self.sizes.items

    def archive(self) -> Path:
        """The archive template (built once per bench run; copy before writing)."""
        if self._archive is None:
            path = self.workdir / "archive-template"
            self.log(f"  building a {self.sizes.archive:,}-article archive ...")
            report = build_archive(
                path,
                self.sizes.archive,
                self.corpus,
                base_url=self.server.base_url,
                config=self.config,
            )
            self.log(
                f"  archive: {report.articles:,} articles, {report.bytes_on_disk / MB:.0f} MB "
                f"in {report.seconds:.1f} s"
            )
            self._archive = path
        return self._archive

    def copy_archive(self, name: str) -> Path:
        target = self.fresh_dir(name) / "data"
        shutil.copytree(self.archive(), target)
        return target

    def app_dir(self) -> Path:
        """One archive copy for the read-mostly app scenarios (start-up, list, memory)."""
        if self._app_dir is None:
            self._app_dir = self.copy_archive("app")
        return self._app_dir

    def archive_count(self) -> int:
        from storage.store import ArticleStore

        store = ArticleStore(self.archive(), want_writer=False)
        store.open()
        return len(store)

    # -- subprocesses --------------------------------------------------------

    def environment(self) -> dict[str, str]:
        path = os.environ.get("PYTHONPATH")
        return {
            **os.environ,
            "PYTHONPATH": f"{REPO_ROOT}{os.pathsep}{path}" if path else str(REPO_ROOT),
        }

    def run_cli(self, data_dir: Path, *args: str, config: Path | None = None) -> CliRun:
        io_file = data_dir.parent / f"cli-io-{time.monotonic_ns()}.json"
        command = [
            sys.executable, "-m", "bench.run_cli", str(io_file), "--",
            "--config", str(config or self.config), "--data-dir", str(data_dir), *args,
        ]  # fmt: skip
        started = time.perf_counter()
        done = subprocess.run(
            command, capture_output=True, cwd=REPO_ROOT, env=self.environment(), timeout=900
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(
                f"aiwire {' '.join(args)} exited {done.returncode}: {done.stderr.decode()[-2000:]}"
            )
        measured = json.loads(io_file.read_text())
        lines = done.stdout.decode().strip().splitlines()
        summary = json.loads(lines[-1]) if lines else {}
        return CliRun(seconds, summary, measured.get("io", {}), measured)

    def floor(self, mode: str, etags: list[str] | None = None) -> float:
        spec = self.workdir / f"floor-{mode}.json"
        spec.write_text(json.dumps({"urls": self.server.urls(), "etags": etags or []}))
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bench.floor", mode, str(spec)],
            check=True, capture_output=True, cwd=REPO_ROOT, env=self.environment(), timeout=900,
        )  # fmt: skip
        return time.perf_counter() - started

    def heavy_runs(self) -> int:
        """Runs for the minute-long scenarios: the suite must finish in ~15 minutes."""
        return self.runs if self.explicit_runs else min(self.runs, 2)

    def probe(
        self, mode: str, *args: str, timeout: float = 300, partial_ok: bool = False
    ) -> dict[str, Any]:
        out = self.workdir / f"probe-{mode}-{time.monotonic_ns()}.json"
        command = [sys.executable, "-m", "bench.probe_app", mode, str(out), *args]
        command += ["--timeout", str(timeout)]
        done = subprocess.run(
            command, capture_output=True, cwd=REPO_ROOT, env=self.environment(),
            timeout=timeout + 120,
        )  # fmt: skip
        if not out.exists():
            raise RuntimeError(f"probe {mode} wrote nothing: {done.stderr.decode()[-2000:]}")
        found: dict[str, Any] = json.loads(out.read_text())
        if "error" in found and not partial_ok:
            raise RuntimeError(f"probe {mode}: {found['error']} ({found})")
        return found

    def list_probes(self) -> list[dict[str, Any]]:
        """Runs of the app with the archive, list filled, G pressed (shared by two rows)."""
        if self._list_probes is None:
            expect = self.archive_count()
            self._list_probes = [
                self.probe(
                    "list",
                    "--data-dir",
                    str(self.app_dir()),
                    "--config",
                    str(self.empty_config),
                    "--expect",
                    str(expect),
                )  # fmt: skip
                for _ in range(self.runs)
            ]
        return self._list_probes

    def ensure_cold_dir(self) -> Path:
        if self.cold_dir is None:
            self.server.switch(0)
            data_dir = self.fresh_dir("cold-setup") / "data"
            self.run_cli(data_dir, "fetch", "--json")
            self.cold_dir = data_dir
        return self.cold_dir


@dataclass(frozen=True, slots=True)
class CliRun:
    seconds: float
    summary: dict[str, Any]
    io: dict[str, int]
    measured: dict[str, Any]


def file_signatures(root: Path) -> dict[str, tuple[int, int]]:
    signatures = {}
    for path in root.rglob("*"):
        if path.is_file():
            stat = path.stat()
            signatures[str(path.relative_to(root))] = (stat.st_mtime_ns, stat.st_size)
    return signatures


def changed_files(
    before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]
) -> dict[str, int]:
    """Files created or modified, with their size growth (a rewrite counts its size)."""
    changed = {}
    for name, (mtime, size) in after.items():
        old = before.get(name)
        if old is None or old[0] != mtime:
            changed[name] = size - (old[1] if old and old[1] <= size else 0)
    return changed


def _spread(values: list[float], scale: float = 1.0) -> str:
    return ", ".join(f"{v * scale:.3g}" for v in values)


# -- scenarios -------------------------------------------------------------------


def cold_ingest(ctx: Context) -> Result:
    result = Result("cold_ingest", "s", target="<= 1.2x floor")
    expected = ctx.expected_feed_items
    problems: list[str] = []
    for run in range(ctx.heavy_runs()):
        ctx.server.switch(0)
        ctx.log(f"  run {run + 1}: floor (httpx + feedparser, 2 processes) ...")
        result.floors.append(ctx.floor("cold"))
        data_dir = ctx.fresh_dir("cold") / "data"
        ctx.log(f"  run {run + 1}: aiwire fetch into an empty data dir ...")
        cli = ctx.run_cli(data_dir, "fetch", "--json")
        result.values.append(cli.seconds)
        if cli.summary.get("new_items") != expected or cli.summary.get("errors"):
            problems.append(
                f"run {run + 1}: {cli.summary.get('new_items')} new items (expected {expected}), "
                f"{cli.summary.get('errors')} errors"
            )
        result.details.setdefault("runs", []).append(
            {"seconds": cli.seconds, "io": cli.io, "max_rss_kib": cli.measured.get("max_rss_kib")}
        )
        result.details["write_bytes"] = cli.io.get("write_bytes")
        if ctx.cold_dir is not None:
            shutil.rmtree(ctx.cold_dir.parent, ignore_errors=True)
        ctx.cold_dir = data_dir
    ratio = result.ratio
    result.passed = not problems and ratio is not None and ratio <= 1.2
    result.notes += problems
    result.notes.append(
        f"{ctx.sizes.feeds} feeds x {ctx.sizes.items} items; "
        f"{expected / (result.median or 1):,.0f} items/s; "
        f"written {result.details['write_bytes'] / MB:,.0f} MB (write_bytes, last run)"
    )
    return result


def enrichment(ctx: Context) -> Result:
    result = Result("enrichment", "articles/s", target=">= 1,000 articles/s")
    try:
        from watchlist.enrich import Enricher
        from watchlist.entities import Entity
    except ImportError as error:
        result.status = "SKIP"
        result.notes.append(f"not available: watchlist.enrich.Enricher ({error})")
        return result
    from ingest.config import load_config
    from ingest.resources import bundled_config

    config = load_config(bundled_config())
    entities = [
        Entity.make(e.kind, e.name, e.aliases, e.affiliation)
        for e in (*config.people, *config.companies)
    ]
    started = time.perf_counter()
    enricher = Enricher(entities)
    enricher.enrich("Warm-up", "Loads the language models before timing.")
    result.details["setup_seconds"] = time.perf_counter() - started
    articles = [
        (item.title, item.text)
        for feed in range(ctx.sizes.feeds)
        for item in ctx.corpus.feed_items(feed, 0)
    ]
    counts = []
    for _ in range(ctx.runs):
        done = 0
        started = time.perf_counter()
        budget = started + ctx.sizes.enrich_seconds
        for title, body in articles:
            enricher.enrich(title, body)
            done += 1
            if time.perf_counter() > budget:
                break
        result.values.append(done / (time.perf_counter() - started))
        counts.append(done)
    result.passed = (result.median or 0) >= 1_000
    if min(counts) < len(articles):
        eta = len(articles) / (result.median or 1)
        result.notes.append(
            f"timed on the first {min(counts):,} of {len(articles):,} articles per run "
            f"({ctx.sizes.enrich_seconds:g} s budget); all would take ~{eta:,.0f} s"
        )
    result.notes.append(
        f"setup (matcher + language models) {result.details['setup_seconds']:.1f} s"
    )
    return result


def warm_poll(ctx: Context) -> Result:
    result = Result("warm_poll", "s", target="<= 2x floor, 0 bytes written")
    data_dir = ctx.ensure_cold_dir()
    etags = [etag_for(i, 0) for i in range(ctx.sizes.feeds)]
    problems: list[str] = []
    written: list[int] = []
    for run in range(ctx.runs):
        ctx.server.switch(0)
        result.floors.append(ctx.floor("warm", etags))
        before = file_signatures(data_dir)
        cli = ctx.run_cli(data_dir, "fetch", "--json")
        changed = changed_files(before, file_signatures(data_dir))
        result.values.append(cli.seconds)
        written.append(cli.io.get("write_bytes", 0))
        if cli.summary.get("not_modified") != ctx.sizes.feeds:
            problems.append(f"run {run + 1}: {cli.summary.get('not_modified')} feeds answered 304")
        if changed:
            problems.append(f"run {run + 1}: files changed: {changed}")
        result.details.setdefault("runs", []).append(
            {"seconds": cli.seconds, "io": cli.io, "changed": changed}
        )
    if any(written):
        problems.append(f"write_bytes per run: {written}")
    ratio = result.ratio
    result.passed = not problems and ratio is not None and ratio <= 2.0
    result.notes += problems
    wchar = [run["io"].get("wchar", 0) for run in result.details["runs"]]
    result.notes.append(f"write_bytes {written}, wchar {wchar} (wchar includes stdout and logs)")
    return result


def churn(ctx: Context) -> Result:
    from storage.store import ArticleStore

    result = Result("churn", "MB", target="+2,500 stored exactly, <= 10 MB written")
    expected_new = ctx.sizes.feeds * ctx.sizes.new_items
    problems: list[str] = []
    seconds: list[float] = []
    for run in range(ctx.heavy_runs()):
        data_dir = ctx.copy_archive("churn")
        before = file_signatures(data_dir)
        ctx.server.switch(1)
        try:
            ctx.log(f"  run {run + 1}: aiwire fetch, {expected_new:,} new items ...")
            cli = ctx.run_cli(data_dir, "fetch", "--json")
        finally:
            ctx.server.switch(0)
        seconds.append(cli.seconds)
        write_bytes = cli.io.get("write_bytes", 0)
        # What reached the data dir: appended bytes, and whole files when rewritten.
        grown = sum(changed_files(before, file_signatures(data_dir)).values())
        # write_bytes is what the process sent to the disk, page by page (an fsync
        # of a partly filled page writes it again), and includes the log file.
        # wchar is not a disk figure: it also counts the feeds piped to the
        # parser processes (~150 KB per feed), so it is reported, not judged.
        result.values.append(max(write_bytes, grown) / MB)
        store = ArticleStore(data_dir, want_writer=False)
        store.open()
        stored = sum(1 for a in store.articles() if a.feed_id.startswith(FEED_ID_PREFIX))
        added = stored - ctx.expected_feed_items
        if added != expected_new:
            problems.append(f"run {run + 1}: stored count grew by {added:,}, not {expected_new:,}")
        result.details.setdefault("runs", []).append(
            {
                "seconds": cli.seconds,
                "io": cli.io,
                "added": added,
                "data_dir_growth": grown,
                "total": len(store),
            }
        )
        shutil.rmtree(data_dir.parent, ignore_errors=True)
    result.passed = not problems and (result.median or 0) <= 10
    result.notes += problems
    runs = result.details["runs"]
    result.notes.append(
        f"max(write_bytes, data dir growth) per run, MB: {_spread(result.values)}; "
        f"data dir growth {_spread([r['data_dir_growth'] for r in runs], 1 / MB)} MB; "
        f"wchar (includes feeds piped to the parsers) "
        f"{_spread([r['io'].get('wchar', 0) for r in runs], 1 / MB)} MB; "
        f"fetch took {_spread(seconds)} s with a {ctx.sizes.archive:,}-article archive"
    )
    return result


def startup(ctx: Context) -> Result:
    result = Result("startup", "s", target="<= 2x floor (first paint)")
    expect = ctx.archive_count()
    lists: list[float] = []
    for _ in range(ctx.runs):
        result.floors.append(ctx.probe("empty")["ready"])
        found = ctx.probe(
            "startup", "--data-dir", str(ctx.app_dir()), "--config", str(ctx.empty_config),
            "--expect", str(expect),
        )  # fmt: skip
        result.values.append(found["ready"])
        lists.append(found["list"])
    ratio = result.ratio
    result.passed = ratio is not None and ratio <= 2.0
    result.details["list_seconds"] = lists
    result.notes.append(
        f"first paint from the script's first line; all {expect:,} articles in the list "
        f"after {_spread(lists)} s (median {statistics.median(lists):.2f} s)"
    )
    return result


def ui_stall(ctx: Context) -> Result:
    result = Result("ui_stall", "ms", target="max <= 50 ms, p99 <= 20 ms")
    p99s: list[float] = []
    problems: list[str] = []
    # Three runs by default, not two: the worst lag is one spike, and a
    # median of two runs is their mean, decided by whichever run had it.
    for run in range(ctx.runs):
        ctx.server.switch(0)
        data_dir = ctx.fresh_dir("stall") / "data"
        ctx.log(f"  run {run + 1}: the app polls {ctx.sizes.feeds} feeds cold ...")
        found = ctx.probe(
            "stall", "--data-dir", str(data_dir), "--config", str(ctx.config),
            "--expect", str(ctx.sizes.feeds), timeout=30 if ctx.sizes.feeds < 100 else 600,
            partial_ok=True,
        )  # fmt: skip
        if "error" in found:
            # The lag seen until then is still a measurement; the hang is a finding.
            problems.append(f"run {run + 1}: {found['error']} ({found.get('polled')} polled)")
        result.values.append(found["lag_max"] * 1000)
        p99s.append(found["lag_p99"] * 1000)
        result.details.setdefault("runs", []).append(found)
        shutil.rmtree(data_dir.parent, ignore_errors=True)
    p99 = statistics.median(p99s)
    result.floors = []
    result.passed = (result.median or 0) <= 50 and p99 <= 20 and not problems
    result.notes += problems
    runs = result.details["runs"]
    result.notes.append(
        f"worst lag per run (ms): {_spread(result.values)}; p99 (ms): {_spread(p99s)}; "
        f"lags > 50 ms per run: {[r['lags_over_50ms'] for r in runs]}; "
        f"polling took {_spread([r.get('poll_seconds', -1) for r in runs])} s"
    )
    return result


SEARCH_QUERIES = ("Altman", "nvidia chip supply", "quantum-entangled-llama")


def search(ctx: Context) -> Result:
    from storage.search import search_articles
    from storage.store import ArticleStore

    result = Result("search", "ms", target="<= 50 ms median")
    store = ArticleStore(ctx.archive(), want_writer=False)
    store.open()
    hits: dict[str, int] = {}
    per_query: dict[str, list[float]] = {q: [] for q in SEARCH_QUERIES}
    for _ in range(ctx.runs):
        for query in SEARCH_QUERIES:
            started = time.perf_counter()
            hits[query] = len(search_articles(store, query))
            elapsed = (time.perf_counter() - started) * 1000
            per_query[query].append(elapsed)
            result.values.append(elapsed)
    result.passed = (result.median or 0) <= 50
    result.notes.append(
        f"{len(store):,} articles; "
        + "; ".join(
            f"{q!r}: {hits[q]:,} hits, median {statistics.median(t):,.0f} ms"
            for q, t in per_query.items()
        )
    )
    return result


def mark_read(ctx: Context) -> Result:
    from storage.store import ArticleStore

    result = Result("mark_read", "ms", target="<= 16 ms, no shard rewritten")
    data_dir = ctx.copy_archive("mark")
    store = ArticleStore(data_dir)
    store.open()
    shards = sorted((data_dir / "articles").glob("shard-*"))
    before = {p: p.stat().st_mtime_ns for p in shards}
    ids = random.Random(5).sample([a.id for a in store.articles()], ctx.runs * 5)
    for article_id in ids:
        started = time.perf_counter()
        store.set_flags([article_id], read=True)
        store.flush_user()
        result.values.append((time.perf_counter() - started) * 1000)
    rewritten = [p.name for p in shards if p.stat().st_mtime_ns != before[p]]
    store.close()
    rewritten += [
        p.name for p in shards if p.stat().st_mtime_ns != before[p] and p.name not in rewritten
    ]
    result.passed = (result.median or 0) <= 16 and not rewritten
    if rewritten:
        result.notes.append(f"shards rewritten: {rewritten}")
    result.notes.append(
        f"{len(ids)} key presses, each set_flags + flush_user (fsync); worst "
        f"{max(result.values):.1f} ms; {len(store):,} articles stored"
    )
    shutil.rmtree(data_dir.parent, ignore_errors=True)
    return result


def memory(ctx: Context) -> Result:
    result = Result("memory", "MB", target="<= 300 MB RSS")
    probes = ctx.list_probes()
    result.values = [p["memory_kib"]["VmRSS"] * 1024 / MB for p in probes]
    peaks = [p["memory_kib"]["VmHWM"] * 1024 / MB for p in probes]
    result.passed = (result.median or 0) <= 300
    result.notes.append(
        f"VmRSS after {probes[0]['listed']:,} articles are listed; peak (VmHWM) {_spread(peaks)} MB"
    )
    return result


def list_100k(ctx: Context) -> Result:
    result = Result("list_100k", "s", target="G to the last row <= 1 s")
    probes = ctx.list_probes()
    result.values = [p["press_end"] for p in probes]
    result.passed = (result.median or 0) <= 1.0
    result.notes.append(
        f"{probes[0]['listed']:,} rows; list filled {_spread([p['list'] for p in probes])} s "
        f"after start; cursor ends on row {probes[0]['cursor']:,}"
    )
    return result


def crash(ctx: Context) -> Result:
    rounds = ctx.sizes.crash_rounds
    result = Result("crash", "lost", target=f"0 lost over {rounds} SIGKILL rounds")
    data_dir = ctx.fresh_dir("crash") / "data"
    dirs = [data_dir]
    rng = random.Random(1234)
    acknowledged: set[str] = set()
    moved: list[str] = []
    started = time.perf_counter()
    lost = 0
    total_acknowledged = 0
    for round_number in range(rounds):
        if round_number and round_number % CRASH_ROUNDS_PER_DIR == 0:
            # A fresh data dir now and then: otherwise opening an ever larger store
            # dominates the run time, and every moment of a write is already covered.
            lost = _verify(data_dir, acknowledged, moved)
            if lost or moved:
                break
            data_dir = ctx.fresh_dir("crash") / "data"
            dirs.append(data_dir)
            acknowledged = set()
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.crash_writer", str(data_dir), str(round_number)],
            stdout=subprocess.PIPE, cwd=REPO_ROOT, env=ctx.environment(),
        )  # fmt: skip
        assert process.stdout is not None
        output = process.stdout.readline()  # the first acknowledgement, then a random moment
        time.sleep(rng.uniform(0.0, 0.25))
        process.send_signal(signal.SIGKILL)
        rest, _ = process.communicate()
        output += rest
        # Only complete lines were acknowledged; a line cut by the kill was not.
        for line in output.decode().split("\n")[:-1]:
            ids = line.split()
            acknowledged.update(ids)
            total_acknowledged += len(ids)
        if round_number % CRASH_VERIFY_EVERY == 0:
            lost = _verify(data_dir, acknowledged, moved)
            if lost or moved:
                break
    else:
        lost = _verify(data_dir, acknowledged, moved)
    corrupt = [str(p) for d in dirs for p in d.rglob("*.corrupt-*")]
    moved += [c for c in corrupt if c not in moved]
    result.values = [float(lost)]
    result.passed = lost == 0 and not moved and round_number == rounds - 1
    result.notes.append(
        f"{round_number + 1} rounds, {total_acknowledged:,} acknowledged items, "
        f"{time.perf_counter() - started:.0f} s"
    )
    if moved:
        result.notes.append(f"files moved aside: {moved}")
    for path in dirs:
        shutil.rmtree(path.parent, ignore_errors=True)
    return result


CRASH_ROUNDS_PER_DIR = 25
CRASH_VERIFY_EVERY = 5


def _verify(data_dir: Path, acknowledged: set[str], moved: list[str]) -> int:
    """Open the store as its next writer would; count acknowledged ids missing."""
    from storage.store import ArticleStore

    store = ArticleStore(data_dir)
    report = store.open()
    moved += [str(m) for m in report.moved_aside]
    lost = sum(1 for article_id in acknowledged if article_id not in store)
    store.close()
    return lost


SCENARIOS: dict[str, Callable[[Context], Result]] = {
    "cold_ingest": cold_ingest,
    "enrichment": enrichment,
    "warm_poll": warm_poll,
    "churn": churn,
    "startup": startup,
    "ui_stall": ui_stall,
    "search": search,
    "mark_read": mark_read,
    "memory": memory,
    "list_100k": list_100k,
    "crash": crash,
}
