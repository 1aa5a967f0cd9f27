"""What a server said holds for every command: Retry-After, and 410 Gone.

`aiwire fetch` requested a feed that had answered 429 with Retry-After: 3600
again minutes later, and the daemon kept polling a feed that answered 410.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.records import FeedState
from tests.support.fault_server import FaultServer, Response, retry_after, status
from tests.support.python import run_python
from tui.widgets.feed_list import FeedRow, feed_prompt

FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Fine</title>'
    b"<item><guid>1</guid><title>One</title><link>https://example.org/1</link></item>"
    b"</channel></rss>"
)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


def write_config(path: Path, *urls: str) -> Path:
    sources = "".join(f'\n[[sources]]\nname = "{url}"\nurl = "{url}"\n' for url in urls)
    path.write_text('[settings]\ndefault_interval = "30m"\n' + sources)
    return path


def fetch(config: Path, data: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    done = run_python(
        "-m", "tui.cli", "--config", str(config), "--data-dir", str(data), "fetch", "--json",
        timeout=180,
    )  # fmt: skip
    return done.returncode, json.loads(done.stdout)


def hits(server: FaultServer, path: str) -> int:
    return sum(1 for request in server.requests if request.path == path)


def test_a_stored_retry_after_and_a_410_hold_for_the_next_fetch(
    server: FaultServer, tmp_path: Path
) -> None:
    throttled = server.route("/429", retry_after("3600"))
    removed = server.route("/410", status(410))
    config = write_config(tmp_path / "feeds.toml", throttled, removed)
    data = tmp_path / "data"

    code, first = fetch(config, data)
    assert code == 1  # nothing could be fetched
    assert (first["fetched"], first["errors"], first["ok"]) == (0, 1, False)
    by_status = {result["status"] for result in first["results"]}
    assert by_status == {"error", "gone"}
    assert (hits(server, "/429"), hits(server, "/410")) == (1, 1)

    code, second = fetch(config, data)
    assert code == 1 and second["ok"] is False
    results = {result["name"]: result for result in second["results"]}
    assert results[throttled]["status"] == "deferred"
    assert "not to be polled before" in results[throttled]["error"]
    assert results[removed]["status"] == "gone"
    assert "410" in results[removed]["error"]
    # Neither was asked again.
    assert (hits(server, "/429"), hits(server, "/410")) == (1, 1)

    # The message says how to stop listing the gone source, and that works.
    offered = re.search(r"`aiwire (disable [^`]+)`", results[removed]["error"])
    assert offered is not None, results[removed]["error"]
    done = run_python("-m", "tui.cli", "--config", str(config), *shlex.split(offered.group(1)))
    assert done.returncode == 0, done.stderr
    _code, third = fetch(config, data)
    assert [result["name"] for result in third["results"]] == [throttled]


def test_fetch_succeeds_when_any_source_could_be_fetched(
    server: FaultServer, tmp_path: Path
) -> None:
    fine = server.route("/feed", Response(body=FEED))
    removed = server.route("/410", status(410))
    config = write_config(tmp_path / "feeds.toml", fine, removed)

    code, summary = fetch(config, tmp_path / "data")

    assert code == 0
    assert (summary["fetched"], summary["new_items"], summary["ok"]) == (1, 1, True)


def test_a_fetch_with_no_sources_is_no_failure(tmp_path: Path) -> None:
    code, summary = fetch(write_config(tmp_path / "feeds.toml"), tmp_path / "data")
    assert code == 0 and summary["ok"] is True and summary["feeds"] == 0


def test_gone_survives_a_restart_and_shows_in_the_feeds_panel() -> None:
    state = FeedState(feed_id="f", url="https://example.org/feed", gone=True)
    restored = FeedState.from_doc(state.to_doc())
    assert restored.gone and restored.health == "gone"
    assert FeedState.from_doc({"feed": "f", "url": "u"}).gone is False  # older state files

    text = feed_prompt(FeedRow("f", "Some blog", 3, restored.health), 40).plain
    assert "gone (410)" in text and "Some blog" in text
