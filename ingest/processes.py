"""Worker processes started from inside a Textual app, and stopped before we exit.

The pools (feed parsing, enrichment) start their workers on first use: a
poll where every feed answers 304 parses and enriches nothing, and starts no
process at all. Whatever starts a worker does it inside `real_stderr()`.

A pool that closes joins its workers (retire_pool, join_retired); a one-shot
command then stops multiprocessing's fork server and resource tracker
(shutdown_process_helpers), so it ends with no process of its own running.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, fields
from multiprocessing import forkserver, resource_tracker, util
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from operator import attrgetter
from typing import Any, TypeVar

from ingest.import_path import PACKAGES_ROOT, without_working_directory
from storage.records import NewArticle

T = TypeVar("T")
log = logging.getLogger(__name__)


def worker_context() -> multiprocessing.context.BaseContext:
    """Never fork: the parent runs threads, and a forked child can inherit a
    lock another thread held at that instant."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


@contextlib.contextmanager
def real_stderr() -> Iterator[None]:
    """Put the process's real stderr back for a moment.

    Textual replaces sys.stderr with an object whose fileno() is not a real
    descriptor; multiprocessing hands sys.stderr.fileno() to the helper
    processes it starts, which then fails with "bad value(s) in fds_to_keep".
    """
    saved = sys.stderr
    if sys.__stderr__ is not None:
        sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = saved


# What the fork server imports before it forks any worker, so that each worker
# starts with it loaded: the parsing modules, the source kinds the app's parse
# target dispatches to and feedparser (with the XML reader it picks on its first
# parse). Only these: no worker forks before the fork server has imported them
# all, and a poll's first feed waits for a parser. Not ingest.parse, which
# brings the parser pool and asyncio, which workers never use.
_PRELOAD = ("ingest.feedparser_parse", "ingest.kinds.registry", "feedparser", "xml.sax.expatreader")


def fork_server_context() -> multiprocessing.context.BaseContext:
    """The fork server's context, told what to preload (see worker_context)."""
    context = worker_context()
    if context.get_start_method() == "forkserver":
        context.set_forkserver_preload(list(_PRELOAD))
    return context


def start_process_helpers() -> None:
    """Start multiprocessing's tracker and fork server now, under Textual only.

    Inside the app they start here, with the real stderr put back, before the
    first worker is wanted: the fork server imports what workers need while
    the app starts, and a worker then starts at once. Where sys.stderr is the
    real one (`aiwire fetch`, the daemon) nothing starts: the first worker
    starts them, or `aiwire fetch` does once it knows it has bodies to parse
    (start_fork_server), and a pass that finds every feed unchanged starts no
    process.

    The tracker runs at the background workers' priority from its first
    instruction: its interpreter starts as the dashboard draws its first
    frames, and nothing waits for it. The fork server keeps the app's: the
    first feed's parse waits for its imports, which on a busy machine a
    lowered server finishes late.
    """
    if sys.stderr is sys.__stderr__:
        return
    start_fork_server()


def start_fork_server() -> None:
    """Start the tracker and the fork server now, for parser workers wanted soon.

    The fork server imports the parsing modules in a process of its own while
    this one goes on with its own start-up, so that on two cores the imports
    run side by side rather than one after the other.
    """
    context = fork_server_context()
    niceness = background_niceness()
    with real_stderr():
        resource_tracker.ensure_running()
        lower_priority(niceness, resource_tracker._resource_tracker._pid)
        if context.get_start_method() == "forkserver":
            forkserver.ensure_running()


# Background workers yield the CPU to the process a person is looking at: on
# a 2-core machine, two parsers and the enricher otherwise take turns with the
# dashboard's event loop, and every turn they take is felt as a stalled key.
WORKER_NICENESS = 10
LOWEST_PRIORITY = 19  # the highest niceness there is


def background_niceness() -> int:
    """The niceness our background processes run at: WORKER_NICENESS above ours.

    Absolute, worked out here and handed to the worker: a worker forked from a
    fork server that runs at it already must not add its own step on top and
    end at the lowest priority, behind every other program on the machine.
    """
    try:
        own = os.getpriority(os.PRIO_PROCESS, 0)
    except (OSError, AttributeError):
        own = 0
    return min(own + WORKER_NICENESS, LOWEST_PRIORITY)


def lower_priority(niceness: int, pid: int | None = 0) -> None:
    """Run process `pid` (0: this one) at `niceness`, unless it runs lower already.

    Only ever lowered: raising a priority back takes privileges we lack.
    """
    if pid is None:
        return
    with contextlib.suppress(OSError, AttributeError):
        if os.getpriority(os.PRIO_PROCESS, pid) < niceness:
            os.setpriority(os.PRIO_PROCESS, pid, niceness)


class WorkerLauncher:
    """Starts a process pool's workers on a thread, once per pool.

    ProcessPoolExecutor starts a worker inside submit(), in the caller's
    thread, and with the fork server each start waits for the server to
    answer: on the dashboard's event loop that wait freezes the screen as a
    poll begins. Submitting a no-op per worker from a thread
    starts them all there; later submits find them running.
    """

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._launch: asyncio.Future[None] | None = None

    def launch(self, pool: ProcessPoolExecutor, workers: int) -> asyncio.Future[None]:
        """Start `pool`'s workers on a thread, unless that began already (no waiting)."""
        if pool is not self._pool or self._launch is None:
            self._pool = pool
            self._launch = asyncio.ensure_future(asyncio.to_thread(_start_workers, pool, workers))
        return self._launch

    async def ensure_started(self, pool: ProcessPoolExecutor, workers: int) -> None:
        # Shielded: a caller cancelled meanwhile must not cancel the others' wait.
        await asyncio.shield(self.launch(pool, workers))


def _start_workers(pool: ProcessPoolExecutor, workers: int) -> None:
    try:
        with real_stderr():
            for _ in range(workers):
                pool.submit(int)
    except Exception:  # noqa: BLE001 - the caller's own submit then starts them, or says why
        log.warning("starting worker processes ahead failed", exc_info=True)


def worker_init(sys_path: list[str], niceness: int | None = None) -> None:
    """Runs first in a worker process (pass list(sys.path) as its argument).

    niceness: the worker's CPU priority (background_niceness() of the parent);
    None keeps the one it started with.
    """
    # Python 3.11's forkserver ignores the parent's sys.path; without it a
    # target defined outside the installed packages cannot be unpickled. The
    # working directory stays out (see ingest/import_path.py).
    keep = PACKAGES_ROOT if PACKAGES_ROOT in sys_path else None
    sys.path[:] = without_working_directory(sys_path, cwd=os.getcwd(), keep=keep)
    # Ctrl+C reaches the whole process group; the parent decides when we stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if niceness is not None:
        lower_priority(niceness)  # the dashboard's event loop comes first
    _send_items_compact()


def _send_items_compact() -> None:
    """Have this worker send parsed items back as NewArticle(*values).

    A frozen dataclass with slots is pickled as its class and a state that
    unpickling sets field by field; the field values in order cost the worker
    half as much to write (5,000 items a cold 100-feed poll) and the parent
    no more to read.
    """
    values = attrgetter(*(field.name for field in fields(NewArticle)))
    ForkingPickler.register(NewArticle, lambda item: (NewArticle, values(item)))


async def run_in_worker_process(function: Callable[..., T], *args: Any) -> T:
    """Run `function(*args)` in a process of its own and await its result.

    For one-off work that would hold the GIL for long stretches (a C
    extension building tables, a large import) while the UI must keep drawing.
    """
    with real_stderr():
        executor = ProcessPoolExecutor(
            max_workers=1,
            # Spawned, not from the fork server: the parser pool has the fork
            # server preload feedparser, which it can only ask before it starts.
            mp_context=multiprocessing.get_context("spawn"),
            initializer=worker_init,
            initargs=(list(sys.path), background_niceness()),
        )
    finished = False
    try:
        # The submit starts the process: on a thread, as WorkerLauncher does.
        future = await asyncio.to_thread(executor.submit, function, *args)
        result = await asyncio.wrap_future(future)
        finished = True
        return result
    finally:
        # Joined before returning, so the process never outlives the call; one
        # whose result nobody awaits any more is killed rather than waited for.
        retired = retire_pool(executor, kill=not finished)
        await asyncio.shield(asyncio.to_thread(join_retired, [retired], 5.0))


# -- Stopping -------------------------------------------------------------------


@dataclass(slots=True)
class RetiredPool:
    """What remains of a shut-down executor until its workers are joined."""

    processes: list[BaseProcess]
    manager: threading.Thread | None


def retire_pool(executor: ProcessPoolExecutor, *, kill: bool) -> RetiredPool:
    """Shut `executor` down without waiting; join_retired() then waits for it.

    `kill` stops busy workers at once (a parse past its deadline, a result
    nobody wants): the executor has no public way to stop a busy worker.
    """
    # Private attributes, read before shutdown() drops them.
    processes = list((executor._processes or {}).values())
    manager = executor._executor_manager_thread
    if kill:
        for process in processes:
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
    return RetiredPool(processes, manager)


def join_retired(retired: Iterable[RetiredPool], grace: float) -> None:
    """Wait for retired pools' workers to exit, killing any still running after
    `grace` seconds. Blocks for at most about grace + 1 s."""
    retired = list(retired)
    deadline = time.monotonic() + grace
    for pool in retired:
        for process in pool.processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.exitcode is None:
                process.kill()
                process.join(1.0)
    for pool in retired:
        # The manager thread closes the pool's queues once its workers are gone.
        if pool.manager is not None:
            pool.manager.join(max(0.1, deadline - time.monotonic()))


def helpers_running() -> bool:
    """Whether multiprocessing's resource tracker or fork server runs already.

    A command run inside a process that had them before (a test session, an
    embedding program) leaves them running: stopping the tracker unlinks the
    named semaphores it tracks, under the feet of the pools that own them.
    """
    if "multiprocessing.resource_tracker" not in sys.modules:
        return False
    server = forkserver._forkserver
    return resource_tracker._resource_tracker._pid is not None or (
        server._forkserver_pid is not None
    )


def shutdown_process_helpers(grace: float = 5.0) -> bool:
    """Stop multiprocessing's fork server and resource tracker; True when both stopped.

    For a process about to exit, once its pools are closed and joined. Each
    helper stops when the pipe it was started with closes; left alone, it sees
    that only after we exit and outlives us until someone else reaps it.
    Workers hold those pipes too, so this first waits (up to `grace` s) for
    every child process and gives up, stopping nothing, if one still runs.
    """
    deadline = time.monotonic() + grace
    for child in multiprocessing.active_children():
        child.join(max(0.0, deadline - time.monotonic()))
    running = multiprocessing.active_children()
    if running:
        log.warning("%d worker processes still run; helpers left running", len(running))
        return False
    tracker = resource_tracker._resource_tracker
    if tracker._pid is not None:
        # A closed pool's queues hold named semaphores whose finalizers tell the
        # tracker they are gone; run after it stopped, they would start a new one.
        gc.collect()
    server = forkserver._forkserver
    with server._lock, tracker._lock:
        address = server._forkserver_address
        # Both are asked first and waited for together. The fork server is
        # then stopped outright: it holds nothing that needs a clean exit, and
        # its own exit tears down an interpreter with the parsers loaded (tens
        # of ms, hundreds on a busy machine), all of it time `aiwire fetch` waits.
        server_pid = _ask_to_stop(server, "_forkserver_alive_fd", "_forkserver_pid")
        if server_pid is not None:
            with contextlib.suppress(OSError):
                os.kill(server_pid, signal.SIGTERM)
        tracker_pid = _ask_to_stop(tracker, "_fd", "_pid")
        stopped = _reaped(server_pid, deadline)
        if stopped and address and not util.is_abstract_socket_namespace(address):
            with contextlib.suppress(OSError):
                os.unlink(address)
        server._forkserver_address = None
        stopped = _reaped(tracker_pid, deadline) and stopped
    return stopped


def _ask_to_stop(helper: Any, fd_name: str, pid_name: str) -> int | None:
    """Close a helper's pipe, which asks it to exit; its pid (None: not running).

    What CPython 3.11's ForkServer._stop() and ResourceTracker._stop() do (the
    attributes are theirs), without their wait, which has no limit: a helper
    a stray worker keeps alive must not keep us from exiting (see _reaped).
    """
    fd, pid = getattr(helper, fd_name), getattr(helper, pid_name)
    if pid is None:
        return None
    if fd is not None:
        os.close(fd)
    # Cleared either way: a pool started later starts a fresh helper.
    setattr(helper, fd_name, None)
    setattr(helper, pid_name, None)
    return int(pid)


def _reaped(pid: int | None, deadline: float) -> bool:
    """Wait for a helper to exit and reap it (until `deadline`); True once it has."""
    if pid is None:
        return True
    while True:
        try:
            if os.waitpid(pid, os.WNOHANG)[0]:
                return True
        except ChildProcessError:
            return True  # reaped already
        if time.monotonic() >= deadline:
            log.warning("multiprocessing helper %d did not stop; left running", pid)
            return False
        time.sleep(0.005)
