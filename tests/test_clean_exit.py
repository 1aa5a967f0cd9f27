"""One-shot commands end with nothing of theirs left running.

Each command runs in a process group of its own, against a local feed with
enough items that the parser workers really start. Once the command has
returned, the group must be empty: no worker, fork server or resource tracker
still alive (or waiting to be reaped by someone else).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.support.python import REPO_ROOT

ITEMS = 8


def rss() -> str:
    items = "".join(
        f"<item><guid>story-{n}</guid><title>OpenAI ships model {n}</title>"
        f"<link>https://example.org/story/{n}</link>"
        f"<pubDate>Mon, 0{1 + n % 9} Jun 2026 10:00:00 GMT</pubDate>"
        f"<description>Sam Altman said model {n} is out today.</description></item>"
        for n in range(ITEMS)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local wire</title>'
        f"<link>https://example.org/</link>{items}</channel></rss>"
    )


@pytest.fixture
def config(tmp_path: Path, httpserver: HTTPServer) -> Path:
    httpserver.expect_request("/feed.xml").respond_with_data(
        rss(), content_type="application/rss+xml"
    )
    path = tmp_path / "feeds.toml"
    path.write_text(
        f'[[sources]]\nname = "Local wire"\nurl = "{httpserver.url_for("/feed.xml")}"\n'
        '\n[[people]]\nname = "Sam Altman"\n\n[[companies]]\nname = "OpenAI"\n'
    )
    return path


def group_members(pgid: int) -> list[str]:
    """Every process in group `pgid` (zombies too), as "pid state command"."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue  # it exited while we looked
        # The command name may hold spaces or parentheses: split after the last ")".
        state, _ppid, group = stat.rsplit(")", 1)[1].split()[:3]
        if int(group) == pgid:
            members.append(f"{entry.name} {state} {command.strip()[:120]}")
    return members


def run_alone(tmp_path: Path, *args: str) -> list[str]:
    """Run `aiwire *args` in its own process group; what is left in the group after it."""
    log = tmp_path / f"run-{len(list(tmp_path.glob('run-*.log')))}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", *args],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "AIWIRE_LOG_DIR": str(tmp_path)},
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own session, so its own process group
        )
        try:
            code = process.wait(timeout=240)
        finally:
            left = group_members(process.pid)
            if left:
                os.killpg(process.pid, signal.SIGKILL)  # leave nothing behind for other tests
    assert code == 0, log.read_text()
    return left


def test_check_and_paths_leave_nothing(tmp_path: Path, config: Path) -> None:
    for command in ("check", "paths"):
        assert run_alone(tmp_path, "--config", str(config), command) == []


def test_a_first_fetch_that_extracts_the_seeds_leaves_nothing_and_so_does_the_next(
    tmp_path: Path, config: Path, data_dir: Path
) -> None:
    # The first run extracts the seeds in a spawned process while the parser
    # workers (from the fork server) parse the feed.
    first = ("--config", str(config), "--data-dir", str(data_dir), "fetch")
    assert run_alone(tmp_path, *first) == []
    assert run_alone(tmp_path, *first, "--json") == []


def test_fetch_with_enrichment_leaves_nothing(tmp_path: Path, config: Path, data_dir: Path) -> None:
    args = ("--config", str(config), "--data-dir", str(data_dir), "fetch", "--enrich")
    assert run_alone(tmp_path, *args) == []


def test_list_on_a_new_data_directory_leaves_nothing(
    tmp_path: Path, config: Path, data_dir: Path
) -> None:
    args = ("--config", str(config), "--data-dir", str(data_dir), "list")
    assert run_alone(tmp_path, *args) == []
