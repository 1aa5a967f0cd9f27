"""A one-shot command leaves no process behind: the parser pool's workers, the
fork server and the resource tracker are all gone when it returns.

Run in a process of its own, so that this test's stopping of the helpers
leaves the test session's own alone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import asyncio, json, os, time
from datetime import UTC, datetime
from multiprocessing import forkserver, resource_tracker
from ingest.parse import ParserPool
from ingest.processes import shutdown_process_helpers

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>' \\
    b'<item><guid>1</guid><title>One</title></item></channel></rss>'

async def main():
    async with ParserPool(workers=2) as pool:
        now = datetime.now(UTC)
        parsed = await pool.parse("f", FEED, headers={}, url="https://a.example/", now=now)
    return [a.title for a in parsed.items]

titles = asyncio.run(main())
helpers = [forkserver._forkserver._forkserver_pid, resource_tracker._resource_tracker._pid]
stopped = shutdown_process_helpers()
alive = []
for pid in helpers:
    try:
        os.kill(pid, 0)
        alive.append(pid)
    except ProcessLookupError:
        pass
print(json.dumps({"titles": titles, "helpers": helpers, "stopped": stopped, "alive": alive}))
"""


def test_the_helpers_are_stopped_and_reaped_once_the_pool_is_closed() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True, cwd=REPO_ROOT, timeout=120, check=True,
    )  # fmt: skip
    result = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert result["titles"] == ["One"]
    assert all(isinstance(pid, int) for pid in result["helpers"])  # both had started
    assert result["stopped"] is True
    assert result["alive"] == []  # exited and reaped: not even a zombie is left
    assert b"did not stop" not in done.stderr


OTHERS_SCRIPT = """
import gc, json, os, sys
import multiprocessing
from multiprocessing import resource_tracker
from tui.cli import main

raised = []
sys.unraisablehook = lambda info: raised.append(repr(info.exc_value))
lock = multiprocessing.get_context("forkserver").Lock()  # a named semaphore, tracked
tracker = resource_tracker._resource_tracker._pid
code = main(["--config", sys.argv[1], "tag", "Sam Altman joins OpenAI"])
after = resource_tracker._resource_tracker._pid
del lock
gc.collect()
try:
    os.kill(tracker, 0)
    alive = True
except ProcessLookupError:
    alive = False
print(json.dumps({"code": code, "alive": alive, "after": after, "raised": raised}))
"""


def test_a_command_leaves_the_helpers_it_did_not_start(tmp_path: Path) -> None:
    """main() inside a process that runs pools of its own (a test session)
    must not stop their tracker: it would unlink the semaphores they hold."""
    config = tmp_path / "feeds.toml"
    config.write_text('[[people]]\nname = "Sam Altman"\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", OTHERS_SCRIPT, str(config)],
        capture_output=True, cwd=REPO_ROOT, timeout=120, check=True,
    )  # fmt: skip
    result = json.loads(done.stdout.decode().strip().splitlines()[-1])
    assert result["code"] == 0
    assert result["alive"] is True and result["after"] is not None
    assert result["raised"] == []  # no semaphore unlinked under its owner
