"""newsboat beside aiwire in the bench: used when installed, never required."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import Corpus
from bench.peer import Newsboat
from bench.server import FeedServer

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("newsboat") is None, reason="newsboat is not installed")
def test_newsboat_polls_the_bench_feeds_and_then_asks_conditionally(tmp_path: Path) -> None:
    newsboat = Newsboat.find(tmp_path)
    assert newsboat is not None
    with FeedServer(Corpus(3, 10)) as server:
        profile = newsboat.profile("cold", server.urls())
        newsboat.reload(profile)
        assert newsboat.print_unread(profile)[1] == 30
        newsboat.settle(profile)
        before = server.not_modified
        newsboat.reload(profile)
        assert server.not_modified - before == 3
        server.switch(1)  # five new items a feed
        newsboat.reload(profile)
        assert newsboat.print_unread(profile)[1] == 30 + 3 * 5
    # Its own profile only: nothing in the user's home.
    assert profile.cache.is_file() and profile.directory.parent == tmp_path


@pytest.mark.slow
@pytest.mark.timeout(150)
def test_the_bench_runs_without_newsboat(tmp_path: Path) -> None:
    empty_path = tmp_path / "bin"  # no newsboat on this PATH
    empty_path.mkdir()
    results = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable, "-m", "bench", "--quick", "--no-targets",
            "--only", "warm_100", "--only", "cli_list", "--json", str(results),
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "PATH": str(empty_path)},
        capture_output=True,
        text=True,
        timeout=140,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    saved = json.loads(results.read_text())
    assert saved["peer"] is None
    for row in saved["results"]:
        assert row["verdict"] != "ERROR", row
        assert row["peer"] == [] and row["peer_ratio"] is None
        assert "newsboat not installed: no peer column" in row["notes"]
