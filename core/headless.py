"""The library without a screen: one pass (`aiwire fetch`) and the daemon.

Both run the same Library as the dashboard; what differs is the options
(no in-memory view, no HTTP thread) and who listens to its events (the log).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from core.unchanged_poll import AnsweredFetcher, poll_unchanged
from storage.gc_pause import gc_paused

if TYPE_CHECKING:
    from core.events import LibraryEvent
    from core.library import Library
    from ingest.poll_outcome import PollOutcome

log = logging.getLogger(__name__)

# Nobody watches `aiwire fetch` fill a list: batches are gathered for a second,
# so a pass over 500 feeds costs a few dozen appends rather than hundreds.
FETCH_LINGER = 1.0


def log_event(event: LibraryEvent) -> None:
    """The daemon's and fetch's listener: what a screen would show goes to the log."""
    from core.events import AlertsRaised, ConfigRejected, Notice, TaskFailed

    if isinstance(event, ConfigRejected):
        log.error(
            "feeds.toml not applied, the last good configuration stays: %s",
            "; ".join(event.problems),
        )
    elif isinstance(event, Notice) and event.severity != "information":
        log.warning("%s", event.text)
    elif isinstance(event, AlertsRaised):
        log.info("%d new articles alert", len(event.burst))
    elif isinstance(event, TaskFailed):
        log.error("background task %s failed: %s", event.name, event.error)


class _Listener:
    """log_event, noting what made feeds.toml unusable at start."""

    def __init__(self) -> None:
        self.rejected: tuple[str, ...] = ()

    def __call__(self, event: LibraryEvent) -> None:
        from core.events import ConfigRejected

        if isinstance(event, ConfigRejected) and event.at_start:
            self.rejected = event.problems
        log_event(event)


async def _start(library: Library, listener: _Listener, data_dir: Path, refusal: str) -> int | None:
    """Read feeds.toml, then take the writer's role; the exit status when either fails.

    The configuration is read once, here: a mistake in it is printed and stops the
    command before the archive is opened.
    """
    await library.load_config()
    rejected = listener.rejected
    if rejected:
        for problem in rejected:
            print(f"aiwire: {problem}", file=sys.stderr)
        return 1
    report = await library.open()
    for moved in report.moved_aside:
        print(f"aiwire: {moved}", file=sys.stderr)
    if report.writer:
        return None
    who = f" (pid {report.holder_pid})" if report.holder_pid else ""
    print(f"aiwire: another aiwire{who} is writing to {data_dir}; {refusal}", file=sys.stderr)
    return 2


async def fetch_once(
    config_path: Path,
    data_dir: Path,
    seeds_dir: Path,
    out: TextIO,
    as_json: bool,
    *,
    enrich: bool = False,
) -> int:
    """Poll every enabled source once, print a summary; the exit status.

    Feeds are asked first without the library (core.unchanged_poll): when none
    changed, that is the whole pass; otherwise the library polls, given the
    answers already in.
    """
    answers = {}
    if not enrich:  # enriching is the library's: it may have articles to catch up on
        first = await poll_unchanged(config_path, data_dir, seeds_dir)
        if first.outcomes is not None:
            return _report(first.outcomes, out, as_json)
        answers = first.answers
        if first.parses:
            # The parser workers' fork server imports what they need while
            # the library starts, rather than after, when the first feed is in.
            from ingest.processes import start_fork_server

            start_fork_server()
    from core.library import Library, LibraryOptions

    options = LibraryOptions(
        config_path=config_path,
        data_dir=data_dir,
        seeds_dir=seeds_dir,
        schedule=False,
        enrich=enrich,
        keep_state=False,
        linger=FETCH_LINGER,
    )
    listener = _Listener()
    library = Library(options, listener)
    try:
        refusal = "it polls already, so fetch has nothing to do"
        # Start-up (the HTTP and polling modules, imported meanwhile on a thread,
        # the configuration, the store) allocates what lives until the command
        # exits: the collector would walk it again and again for nothing.
        with gc_paused():
            failed = await _start(library, listener, data_dir, refusal)
        if failed is not None:
            return failed
        assert library.writing is not None and library.writing.polling is not None
        polling = library.writing.polling
        if answers:
            polling.poller.fetcher = AnsweredFetcher(polling.poller.fetcher, answers)
        outcomes = await polling.refresh()
    finally:
        await library.aclose()
    return _report(outcomes, out, as_json)


def _report(outcomes: list[PollOutcome], out: TextIO, as_json: bool) -> int:
    """Print the summary; the exit status."""
    fetched = write_summary(outcomes, out, as_json)
    if outcomes and not fetched:
        print("aiwire: no source could be fetched", file=sys.stderr)
        return 1
    return 0


def write_summary(outcomes: list[PollOutcome], out: TextIO, as_json: bool) -> int:
    """Print the pass's summary; returns how many sources were fetched."""
    new = sum(len(o.new_articles) for o in outcomes)
    errors = [o for o in outcomes if o.status == "error"]
    not_modified = sum(1 for o in outcomes if o.status == "not_modified")
    # Failed, deferred (Retry-After) or gone (410) sources were not fetched.
    fetched = sum(1 for o in outcomes if o.status in ("new", "unchanged", "not_modified"))
    if as_json:
        summary = {
            "feeds": len(outcomes),
            "fetched": fetched,
            "new_items": new,
            "not_modified": not_modified,
            "errors": len(errors),
            "ok": fetched > 0 or not outcomes,
            "results": [o.to_dict() for o in outcomes],
        }
        out.write(json.dumps(summary, ensure_ascii=False) + "\n")
        return fetched
    for outcome in outcomes:
        detail = outcome.error or (
            f"{len(outcome.new_articles)} new"
            if outcome.new_articles
            else outcome.status.replace("_", " ")
        )
        out.write(f"{outcome.status:<13} {outcome.name[:40]:<40} {detail}\n")
    out.write(
        f"{len(outcomes)} feeds: {new} new items, {not_modified} not modified, "
        f"{len(errors)} errors\n"
    )
    return fetched


async def run_daemon(
    config_path: Path, data_dir: Path, seeds_dir: Path, out: TextIO, log_path: Path
) -> int:
    """Poll on schedule without a screen until SIGTERM, SIGHUP or Ctrl+C."""
    from core.library import Library, LibraryOptions

    options = LibraryOptions(
        config_path=config_path, data_dir=data_dir, seeds_dir=seeds_dir, keep_state=False
    )
    listener = _Listener()
    library = Library(options, listener)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        refusal = "only one aiwire polls a data directory"
        if (failed := await _start(library, listener, data_dir, refusal)) is not None:
            return failed
        assert library.writing is not None and library.writing.polling is not None
        sources = len(library.writing.polling.enabled_sources())
        out.write(f"aiwire daemon: polling {sources} sources into {data_dir} (log: {log_path})\n")
        out.flush()
        with contextlib.suppress(asyncio.CancelledError):
            await stop.wait()
    finally:
        await library.aclose()
    return 0
