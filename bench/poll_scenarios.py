"""The poll scenarios: `aiwire fetch` as a user runs it, against its floors and newsboat.

Each run alternates aiwire, its floor (the least work the same poll could
take, measured in the same run) and newsboat (when installed) on the same
feeds from the same loopback server, so a busy moment of the machine falls on
all of them alike.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from bench.context import Context
from bench.corpus import FEED_ID_PREFIX, etag_for
from bench.results import MB, Result, spread

COLD_TARGET = 1.15  # x the bare-feedparser floor
CHURN_TARGET = 1.15  # x the floor of parsing the churned feeds
SAME_BYTES_TARGET = 1.5  # x an all-304 poll of the same feeds
WARM_100_TARGET = 0.3  # seconds of wall time
# A poll that brings nothing new needs neither the UI, the language model nor
# a parser (the parsers live in the worker processes a 304 never starts).
NOT_FOR_A_FETCH = ("textual", "lingua", "feedparser", "selectolax")


def _peer_target(ctx: Context, target: str) -> str:
    return f"{target}, <= newsboat" if ctx.newsboat is not None and ctx.grade_peer else target


def _peer_ok(ctx: Context, result: Result) -> bool:
    """Graded in full runs only: the CI's small sizes say nothing about the peer."""
    ratio = result.peer_ratio
    return not ctx.grade_peer or ratio is None or ratio <= 1.0


def _peer_note(
    ctx: Context, result: Result, unread: int | None = None, expected: int | None = None
) -> None:
    if ctx.newsboat is None:
        result.notes.append("newsboat not installed: no peer column")
        return
    text = f"newsboat -x reload (reload-threads 8): {spread(result.peer)} s"
    if unread is not None:
        text += f"; it then holds {unread:,} unread"
        if unread != expected:
            text += f", NOT the {expected:,} items served: its figure is not comparable"
    result.notes.append(text)


def _cold(ctx: Context, name: str, feeds: int, config: Path) -> Result:
    result = Result(name, "s", target=_peer_target(ctx, f"<= {COLD_TARGET}x floor"))
    expected = feeds * ctx.sizes.items
    problems: list[str] = []
    unread: int | None = None
    for run in range(ctx.heavy_runs()):
        ctx.server.switch(0)
        ctx.log(f"  run {run + 1}: floor (httpx + feedparser, 2 processes), {feeds} feeds ...")
        result.floors.append(ctx.floor("cold", feeds=feeds))
        data_dir = ctx.fresh_dir(name) / "data"
        ctx.log(f"  run {run + 1}: aiwire fetch into an empty data dir ...")
        cli = ctx.run_cli(data_dir, "fetch", "--json", config=config)
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
        if ctx.newsboat is not None:
            ctx.log(f"  run {run + 1}: newsboat -x reload into an empty cache ...")
            profile = ctx.newsboat.profile(name, ctx.server.urls(feeds))
            result.peer.append(ctx.newsboat.reload(profile))
            unread = ctx.newsboat.print_unread(profile)[1]
            if feeds == ctx.sizes.poll_feeds:
                ctx.newsboat.settle(profile)
                _replace(ctx.peer_profiles, "cold", profile.directory)
                ctx.peer_profiles["cold"] = profile
            else:
                ctx.newsboat.remove(profile)
        # The warm, same-bytes and churn polls start from the last cold data dir.
        if feeds == ctx.sizes.feeds:
            if ctx.cold_dir is not None:
                shutil.rmtree(ctx.cold_dir.parent, ignore_errors=True)
            ctx.cold_dir = data_dir
        elif feeds == ctx.sizes.poll_feeds:
            _replace(ctx.poll_dirs, "cold", data_dir.parent)
            ctx.poll_dirs["cold"] = data_dir
        else:
            shutil.rmtree(data_dir.parent, ignore_errors=True)
    ratio = result.ratio
    result.passed = (
        not problems and ratio is not None and ratio <= COLD_TARGET and _peer_ok(ctx, result)
    )
    result.notes += problems
    result.notes.append(
        f"{feeds} feeds x {ctx.sizes.items} items; "
        f"{expected / (result.median or 1):,.0f} items/s; "
        f"written {result.details['write_bytes'] / MB:,.1f} MB (write_bytes, last run)"
    )
    _peer_note(ctx, result, unread, expected)
    return result


def _replace(kept: dict[str, Any], key: str, keep: Path) -> None:
    """Remove the directory of what `kept[key]` held, unless it is `keep`."""
    old = kept.get(key)
    if old is None:
        return
    directory = getattr(old, "directory", None) or old.parent
    if directory != keep:
        shutil.rmtree(directory, ignore_errors=True)


def cold_100(ctx: Context) -> Result:
    return _cold(ctx, "cold_100", ctx.sizes.poll_feeds, ctx.poll_config)


def cold_500(ctx: Context) -> Result:
    return _cold(ctx, "cold_500", ctx.sizes.feeds, ctx.config)


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


def warm_100(ctx: Context) -> Result:
    """All 304 on the 100-feed poll: the wall time a user waits, start-up included."""
    feeds = ctx.sizes.poll_feeds
    target = f"<= {WARM_100_TARGET} s, 0 bytes written, no UI, language model or parser imported"
    result = Result("warm_100", "s", target=_peer_target(ctx, target))
    data_dir = ctx.poll_dir()
    profile = ctx.peer_profile()
    problems = _unchanged_polls(ctx, result, data_dir, result.values, "not_modified")
    peer_304 = ctx.server.not_modified
    if ctx.newsboat is not None and profile is not None:
        for _ in range(ctx.runs):
            result.peer.append(ctx.newsboat.reload(profile))
    peer_304 = ctx.server.not_modified - peer_304
    result.passed = (
        not problems and (result.median or 0) <= WARM_100_TARGET and _peer_ok(ctx, result)
    )
    result.notes += problems
    result.notes.append(f"{feeds} feeds answer 304")
    if ctx.newsboat is not None:
        result.notes.append(f"newsboat got {peer_304} answers 304 of {feeds * ctx.runs} requests")
    _peer_note(ctx, result)
    return result


def same_bytes(ctx: Context) -> Result:
    """Servers that ignore validators: every feed answers 200 with the bytes of last time."""
    feeds = ctx.sizes.poll_feeds
    result = Result("same_bytes", "s", target=f"<= {SAME_BYTES_TARGET}x all-304 poll, 0 written")
    data_dir = ctx.poll_dir()
    problems: list[str] = []
    for _ in range(ctx.runs):
        # The floor is the all-304 poll of the same data dir, in the same run.
        problems += _unchanged_polls(ctx, result, data_dir, result.floors, "not_modified", runs=1)
        ctx.server.ignore_validators = True
        try:
            problems += _unchanged_polls(ctx, result, data_dir, result.values, "unchanged", runs=1)
        finally:
            ctx.server.ignore_validators = False
    ratio = result.ratio
    result.passed = not problems and ratio is not None and ratio <= SAME_BYTES_TARGET
    result.notes += problems
    result.notes.append(
        f"{feeds} feeds answer 200 with identical bytes; floor: the same data dir's all-304 poll"
    )
    return result


def _unchanged_polls(
    ctx: Context,
    result: Result,
    data_dir: Path,
    into: list[float],
    status: str,
    runs: int | None = None,
) -> list[str]:
    """Polls that must find nothing new and write nothing; returns what went wrong."""
    feeds = ctx.sizes.poll_feeds
    problems: list[str] = []
    for run in range(runs or ctx.runs):
        ctx.server.switch(0)
        before = file_signatures(data_dir)
        cli = ctx.run_cli(data_dir, "fetch", "--json", config=ctx.poll_config)
        changed = changed_files(before, file_signatures(data_dir))
        into.append(cli.seconds)
        statuses = [r.get("status") for r in cli.summary.get("results", [])]
        if statuses.count(status) != feeds:
            problems.append(f"{status} run {run + 1}: {statuses.count(status)} of {feeds} feeds")
        heavy = [m for m in cli.measured.get("heavy_modules", []) if m in NOT_FOR_A_FETCH]
        if heavy:
            problems.append(f"{status} run {run + 1}: a fetch with nothing new imported {heavy}")
        if changed or cli.io.get("write_bytes"):
            problems.append(
                f"{status} run {run + 1}: files changed {changed}, "
                f"write_bytes {cli.io.get('write_bytes')}"
            )
        result.details.setdefault(status, []).append(
            {"seconds": cli.seconds, "io": cli.io, "modules": cli.measured.get("heavy_modules")}
        )
    return problems


def churn_100(ctx: Context) -> Result:
    """5 new items in each of 100 feeds on a 5,000-item archive, against parsing those feeds."""
    feeds = ctx.sizes.poll_feeds
    expected = feeds * ctx.sizes.new_items
    result = Result("churn_100", "s", target=_peer_target(ctx, f"<= {CHURN_TARGET}x floor"))
    problems: list[str] = []
    base = ctx.peer_profile()
    for run in range(ctx.heavy_runs()):
        data_dir = ctx.copy_poll_dir("churn-100")
        ctx.server.switch(1)
        try:
            result.floors.append(ctx.floor("cold", feeds=feeds))
            cli = ctx.run_cli(data_dir, "fetch", "--json", config=ctx.poll_config)
            if ctx.newsboat is not None and base is not None:
                profile = ctx.newsboat.copy(base, "churn")
                result.peer.append(ctx.newsboat.reload(profile))
                ctx.newsboat.remove(profile)
        finally:
            ctx.server.switch(0)
        result.values.append(cli.seconds)
        if cli.summary.get("new_items") != expected or cli.summary.get("errors"):
            problems.append(
                f"run {run + 1}: {cli.summary.get('new_items')} new items (expected {expected}), "
                f"{cli.summary.get('errors')} errors"
            )
        shutil.rmtree(data_dir.parent, ignore_errors=True)
    ratio = result.ratio
    result.passed = (
        not problems and ratio is not None and ratio <= CHURN_TARGET and _peer_ok(ctx, result)
    )
    result.notes += problems
    result.notes.append(
        f"{feeds} feeds, {ctx.sizes.new_items} new items each on "
        f"{feeds * ctx.sizes.items:,} stored; floor: httpx + feedparser of the churned feeds"
    )
    _peer_note(ctx, result)
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
        # parser processes, so it is reported, not judged.
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
        f"max(write_bytes, data dir growth) per run, MB: {spread(result.values)}; "
        f"data dir growth {spread([r['data_dir_growth'] for r in runs], 1 / MB)} MB; "
        f"wchar (includes feeds piped to the parsers) "
        f"{spread([r['io'].get('wchar', 0) for r in runs], 1 / MB)} MB; "
        f"fetch took {spread(seconds)} s with a {ctx.sizes.archive:,}-article archive"
    )
    return result


def cli_list(ctx: Context) -> Result:
    """`aiwire list` beside `newsboat -x print-unread`, both on the 100-feed poll's store."""
    result = Result("cli_list", "s")
    data_dir = ctx.poll_dir()
    profile = ctx.peer_profile()
    for _ in range(ctx.runs):
        cli = ctx.run_cli(data_dir, "list", config=ctx.poll_config)
        result.values.append(cli.seconds)
        if ctx.newsboat is not None and profile is not None:
            result.peer.append(ctx.newsboat.print_unread(profile)[0])
    lines = len(cli.stdout.splitlines())
    result.notes.append(f"aiwire list printed {lines:,} lines")
    if ctx.newsboat is None:
        result.notes.append("newsboat not installed: no peer column")
    return result


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
