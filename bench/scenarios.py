"""The benchmark scenarios. Each returns a Result: samples, a floor, a target.

Heavy work (the CLI, the app) runs in subprocesses started the way a user
starts them, so start-up and imports count (poll_scenarios.py,
app_scenarios.py); cheap, library-level work (marking read, enrichment) and the
crash rounds are here.
"""

from __future__ import annotations

import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.alert_scenario import alerts
from bench.app_scenarios import (
    first_item,
    list_100k,
    list_fill,
    memory,
    search,
    startup,
    ui_stall,
)
from bench.context import REPO_ROOT, Context
from bench.poll_scenarios import (
    churn,
    churn_100,
    cli_list,
    cold_100,
    cold_500,
    same_bytes,
    warm_100,
    warm_poll,
)
from bench.results import FULL, QUICK, Result, Sizes
from bench.year_archive import (
    year_first_frame,
    year_list_fill,
    year_mark_read,
    year_memory,
    year_poll,
    year_search,
)

__all__ = ["FULL", "QUICK", "SCENARIOS", "Context", "Result", "Sizes"]


def enrichment(ctx: Context) -> Result:
    result = Result("enrichment", "articles/s", target=">= 1,000 articles/s, median <= 1 ms")
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
    # Function words decide that one without lingua, whose models load lazily, per
    # n-gram size, on the first text they must judge: short titles load them all.
    for title in ("Nadella", "Sutskever di Seoul", "Amodei em Lisboa"):
        enricher.enrich(title, "")
    result.details["setup_seconds"] = time.perf_counter() - started
    articles = [
        (item.title, item.text)
        for feed in range(ctx.sizes.feeds)
        for item in ctx.corpus.feed_items(feed, 0)
    ]
    counts = []
    per_article: list[float] = []  # seconds per enrich() call, every run
    clock = time.perf_counter
    for _ in range(ctx.runs):
        done = 0
        started = clock()
        budget = started + ctx.sizes.enrich_seconds
        for title, body in articles:
            before = clock()
            enricher.enrich(title, body)
            after = clock()
            per_article.append(after - before)
            done += 1
            if after > budget:
                break
        result.values.append(done / (clock() - started))
        counts.append(done)
    median_ms = statistics.median(per_article) * 1000
    result.details["median_ms_per_article"] = median_ms
    result.passed = (result.median or 0) >= 1_000 and median_ms <= 1.0
    if min(counts) < len(articles):
        eta = len(articles) / (result.median or 1)
        result.notes.append(
            f"timed on the first {min(counts):,} of {len(articles):,} articles per run "
            f"({ctx.sizes.enrich_seconds:g} s budget); all would take ~{eta:,.0f} s"
        )
    result.notes.append(
        f"median {median_ms:.3f} ms per article (target <= 1 ms); setup (matcher, "
        f"language models) {result.details['setup_seconds']:.1f} s"
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
    "cold_100": cold_100,
    "warm_100": warm_100,
    "same_bytes": same_bytes,
    "churn_100": churn_100,
    "cli_list": cli_list,
    "cold_500": cold_500,
    "enrichment": enrichment,
    "warm_poll": warm_poll,
    "churn": churn,
    "startup": startup,
    "list_fill": list_fill,
    "ui_stall": ui_stall,
    "first_item": first_item,
    "search": search,
    "mark_read": mark_read,
    "memory": memory,
    "list_100k": list_100k,
    "year_first_frame": year_first_frame,
    "year_list_fill": year_list_fill,
    "year_memory": year_memory,
    "year_search": year_search,
    "year_mark_read": year_mark_read,
    "year_poll": year_poll,
    "crash": crash,
    "alerts": alerts,
}
# Names earlier runs and notes use.
ALIASES = {"cold_ingest": "cold_500"}
