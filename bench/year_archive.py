"""A year of archive: the dashboard and a poll on 300,000 stored articles.

What the bundled sources (arXiv included) bring in a year. The archive is
built like the 100k one (bench/archive.py, through ArticleStore.add, bodies
of the corpus's realistic sizes, dated over 365 days) and cached between
bench runs, since building it takes minutes: in $AIWIRE_BENCH_CACHE, else
~/.cache/aiwire-bench, under a name that changes with its size and with
YEAR_FORMAT. Each bench run works on a copy.

Its newest part is the generation 0 of ten polled feeds, so a poll of their
generation 1 brings exactly 5 new items each: the "50 new items" row.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench.archive import build_archive
from bench.config_file import write_config
from bench.context import Context
from bench.corpus import FEED_ID_PREFIX, Corpus
from bench.poll_scenarios import changed_files, file_signatures
from bench.results import MB, Result, spread
from bench.server import FeedServer

# Bump when what build_archive writes changes, so a stale cache is rebuilt.
YEAR_FORMAT = 2
YEAR_SPAN = timedelta(days=365)
POLL_FEEDS = 10
POLL_NEW = 5  # per feed: 50 new items
FIRST_FRAME_TARGET = 2.0  # x the empty Textual app's first paint
LIST_FILL_TARGET = 2.0  # seconds after the first paint
MEMORY_TARGET = 450.0  # MB RSS
SEARCH_TARGET = 100.0  # ms, median
MARK_READ_TARGET = 16.0  # ms, median
POLL_WRITE_TARGET = 10.0  # MB written by a poll of 50 new items
SEARCH_QUERIES = ("Altman", "nvidia chip supply", "quantum-entangled-llama")


def year_size(ctx: Context) -> int:
    """300,000 at full size: three times the 60-day archive (100,000)."""
    return ctx.sizes.archive * 3


def cache_root() -> Path:
    found = os.environ.get("AIWIRE_BENCH_CACHE")
    return Path(found) if found else Path.home() / ".cache" / "aiwire-bench"


def _poll_corpus(anchor: datetime) -> Corpus:
    return Corpus(POLL_FEEDS, 50, new_per_generation=POLL_NEW, anchor=anchor)


def cached_year(ctx: Context) -> tuple[Path, datetime]:
    """The cached archive (never written to) and the anchor its feeds were made at."""
    total = year_size(ctx)
    # Small (--quick) archives take seconds: built in the run's own directory.
    base = cache_root() if total >= 100_000 else ctx.workdir
    root = base / f"year-{total}-v{YEAR_FORMAT}"
    manifest = root / "manifest.json"
    if not manifest.exists():
        ctx.log(f"  building a {total:,}-article year archive (cached in {root}) ...")
        building = root.with_name(f".{root.name}.building-{os.getpid()}")
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        corpus = _poll_corpus(Corpus(1, 1).anchor)
        with FeedServer(corpus) as server:
            config = write_config(building / "feeds.toml", server.base_url, POLL_FEEDS)
            report = build_archive(
                building / "data", total, corpus, base_url=server.base_url, config=config,
                span=YEAR_SPAN,
            )  # fmt: skip
        (building / "manifest.json").write_text(
            json.dumps(
                {
                    "articles": report.articles,
                    "anchor": corpus.anchor.isoformat(),
                    "build_seconds": report.seconds,
                    "bytes_on_disk": report.bytes_on_disk,
                }
            )
        )
        shutil.rmtree(root, ignore_errors=True)
        os.replace(building, root)
        ctx.log(
            f"  year archive: {report.articles:,} articles, {report.bytes_on_disk / MB:,.0f} MB "
            f"in {report.seconds:.0f} s"
        )
    found = json.loads(manifest.read_text())
    return root / "data", datetime.fromisoformat(found["anchor"])


def _year_dir(ctx: Context) -> Path:
    """This run's copy of the year archive (the app and the poll write to it)."""
    cached = ctx.shared.get("year_dir")
    if cached is None:
        source, anchor = cached_year(ctx)
        cached = ctx.fresh_dir("year") / "data"
        started = time.perf_counter()
        shutil.copytree(source, cached)
        ctx.log(f"  copied the year archive in {time.perf_counter() - started:.0f} s")
        ctx.shared["year_dir"] = cached
        ctx.shared["year_anchor"] = anchor
    return cached


def _year_count(ctx: Context) -> int:
    from storage.store import ArticleStore

    store = ArticleStore(_year_dir(ctx), want_writer=False)
    store.open()
    return len(store)


def _app_runs(ctx: Context) -> list[tuple[float, dict[str, Any]]]:
    """(empty app's first paint, the app on the year archive) per run; shared by four rows."""
    cached = ctx.shared.get("year_app")
    if cached is None:
        data_dir = _year_dir(ctx)
        expect = _year_count(ctx)
        cached = []
        for run in range(ctx.runs):
            ctx.log(f"  run {run + 1}: the app on {expect:,} articles ...")
            floor = ctx.probe("empty")["ready"]
            found = ctx.probe(
                "startup", "--data-dir", str(data_dir), "--config", str(ctx.empty_config),
                "--expect", str(expect), "--queries", "|".join(SEARCH_QUERIES),
            )  # fmt: skip
            cached.append((floor, found))
        ctx.shared["year_app"] = cached
    return cached


def year_first_frame(ctx: Context) -> Result:
    target = f"<= {FIRST_FRAME_TARGET:g}x floor"
    result = Result("year_first_frame", "s", target=target)
    runs = _app_runs(ctx)
    result.floors = [floor for floor, _ in runs]
    result.values = [found["ready"] for _, found in runs]
    ratio = result.ratio
    result.passed = ratio is not None and ratio <= FIRST_FRAME_TARGET
    result.notes.append(
        f"{runs[0][1]['listed']:,} articles; the empty Textual app's first paint "
        f"{spread(result.floors)} s"
    )
    return result


def year_list_fill(ctx: Context) -> Result:
    result = Result("year_list_fill", "s", target=f"<= {LIST_FILL_TARGET:g} s after first paint")
    runs = _app_runs(ctx)
    result.values = [found["list"] - found["ready"] for _, found in runs]
    result.passed = (result.median or 0) <= LIST_FILL_TARGET
    result.notes.append(
        f"{runs[0][1]['listed']:,} articles listed {spread([f['list'] for _, f in runs])} s "
        "from the script's first line"
    )
    return result


def year_memory(ctx: Context) -> Result:
    result = Result("year_memory", "MB", target=f"<= {MEMORY_TARGET:g} MB RSS")
    runs = _app_runs(ctx)
    result.values = [found["memory_kib"]["VmRSS"] * 1024 / MB for _, found in runs]
    peaks = [found["memory_kib"]["VmHWM"] * 1024 / MB for _, found in runs]
    result.passed = (result.median or 0) <= MEMORY_TARGET
    result.notes.append(
        f"VmRSS once the list is filled and the searches ran; peak (VmHWM) {spread(peaks)} MB"
    )
    return result


def year_search(ctx: Context) -> Result:
    """library.search, as the app's search box calls it, from the first query on."""
    result = Result("year_search", "ms", target=f"median <= {SEARCH_TARGET:g} ms")
    runs = _app_runs(ctx)
    timings = [ms for _, found in runs for _, ms, _ in found.get("searches", [])]
    if not timings:
        result.status = "ERROR"
        result.notes.append("no search ran")
        return result
    result.values = timings
    result.passed = statistics.median(timings) <= SEARCH_TARGET
    hits = {query: count for _, found in runs for query, _, count in found["searches"]}
    result.notes.append(
        f"{len(SEARCH_QUERIES)} queries x 3 per run, the first right after the archive is "
        f"listed; worst {max(timings):.0f} ms; "
        + "; ".join(f"{q!r}: {hits.get(q, 0):,} hits" for q in SEARCH_QUERIES)
    )
    return result


def year_mark_read(ctx: Context) -> Result:
    import random

    from storage.store import ArticleStore

    result = Result("year_mark_read", "ms", target=f"<= {MARK_READ_TARGET:g} ms")
    store = ArticleStore(_year_dir(ctx))
    store.open()
    ids = random.Random(5).sample([a.id for a in store.articles()], ctx.runs * 5)
    for article_id in ids:
        started = time.perf_counter()
        store.set_flags([article_id], read=True)
        store.flush_user()
        result.values.append((time.perf_counter() - started) * 1000)
    total = len(store)
    store.close()
    result.passed = (result.median or 0) <= MARK_READ_TARGET
    result.notes.append(
        f"{len(ids)} key presses, each set_flags + flush_user (fsync); worst "
        f"{max(result.values):.1f} ms; {total:,} articles stored"
    )
    return result


def year_poll(ctx: Context) -> Result:
    """`aiwire fetch` of ten feeds bringing 5 new items each, on the year archive."""
    from storage.store import ArticleStore

    expected = POLL_FEEDS * POLL_NEW
    result = Result("year_poll", "MB", target=f"+{expected} stored, <= {POLL_WRITE_TARGET:g} MB")
    source = _year_dir(ctx)
    anchor = ctx.shared["year_anchor"]
    problems: list[str] = []
    seconds: list[float] = []
    with FeedServer(_poll_corpus(anchor)) as server:
        config = write_config(ctx.workdir / "year-poll.toml", server.base_url, POLL_FEEDS)
        for run in range(ctx.heavy_runs()):
            data_dir = ctx.fresh_dir("year-poll") / "data"
            shutil.copytree(source, data_dir)
            store = ArticleStore(data_dir)
            store.open(defer_articles=True)
            for state in store.feed_states().values():
                # As polled before from this server (its port changes per run).
                url = f"{server.base_url}/feeds/{state.feed_id.removeprefix(FEED_ID_PREFIX)}.xml"
                store.put_feed_state(replace(state, url=url))
            store.close()
            before = file_signatures(data_dir)
            server.switch(1)
            cli = ctx.run_cli(data_dir, "fetch", "--json", config=config)
            server.switch(0)
            seconds.append(cli.seconds)
            grown = sum(changed_files(before, file_signatures(data_dir)).values())
            written = max(cli.io.get("write_bytes", 0), grown)
            result.values.append(written / MB)
            added = cli.summary.get("new_items")
            if added != expected:
                problems.append(f"run {run + 1}: {added} new items, not {expected}")
            shutil.rmtree(data_dir.parent, ignore_errors=True)
    result.passed = not problems and (result.median or 0) <= POLL_WRITE_TARGET
    result.notes += problems
    result.notes.append(
        f"max(write_bytes, data dir growth) per run; fetch took {spread(seconds)} s "
        f"with {year_size(ctx):,} articles stored"
    )
    return result
