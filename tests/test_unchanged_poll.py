"""`aiwire fetch` asks the feeds before starting the library, and hands over what changed."""

from __future__ import annotations

import asyncio
import io
import json
import shutil
from pathlib import Path

import pytest

from core.headless import fetch_once
from core.unchanged_poll import _read_states
from tests.support.fault_server import FaultServer, Response, status

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT / "seeds"


def rss(index: int, items: int = 2) -> bytes:
    entries = "".join(
        f"<item><guid>f{index}-{n}</guid><title>Story {n} of wire {index}</title>"
        f"<link>https://example.org/{index}/{n}</link></item>"
        for n in range(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire {index}</title>'
        f"{entries}</channel></rss>"
    ).encode()


def write_config(path: Path, urls: list[str]) -> Path:
    sources = "".join(
        f'\n[[sources]]\nname = "Wire {i}"\nurl = "{u}"\n' for i, u in enumerate(urls)
    )
    path.write_text('[settings]\ndefault_interval = "30m"\n' + sources)
    return path


def fetch(config: Path, data_dir: Path) -> dict:  # type: ignore[type-arg]
    out = io.StringIO()
    assert asyncio.run(fetch_once(config, data_dir, SEEDS, out, as_json=True)) == 0
    return json.loads(out.getvalue())


def statuses(summary: dict) -> list[str]:  # type: ignore[type-arg]
    return [result["status"] for result in summary["results"]]


def files_under(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in root.rglob("*")
        if p.is_file()
    }


def test_a_changed_feed_is_polled_by_the_library_with_the_answers_already_in(
    tmp_path: Path, data_dir: Path
) -> None:
    with FaultServer() as server:
        urls = [server.route(f"/{i}.xml", Response(body=rss(i), etag=f'"v{i}"')) for i in range(3)]
        config = write_config(tmp_path / "feeds.toml", urls)
        assert fetch(config, data_dir)["new_items"] == 6
        server.route("/1.xml", Response(body=rss(1, items=3), etag='"v1b"'))
        asked = len(server.requests)

        summary = fetch(config, data_dir)

        assert statuses(summary) == ["not_modified", "new", "not_modified"]
        assert summary["new_items"] == 1
        assert len(server.requests) - asked == 3, "each feed asked once, not again"
        assert fetch(config, data_dir)["not_modified"] == 3, "the new validator was stored"


def test_a_server_that_ignores_validators_sends_the_same_bytes_and_nothing_is_written(
    tmp_path: Path, data_dir: Path
) -> None:
    with FaultServer() as server:
        urls = [server.route(f"/{i}.xml", Response(body=rss(i))) for i in range(2)]
        config = write_config(tmp_path / "feeds.toml", urls)
        fetch(config, data_dir)
        before = files_under(data_dir)

        summary = fetch(config, data_dir)

    assert statuses(summary) == ["unchanged", "unchanged"]
    assert files_under(data_dir) == before


def test_a_feed_that_was_failing_has_its_recovery_recorded(tmp_path: Path, data_dir: Path) -> None:
    with FaultServer() as server:
        good = server.route("/0.xml", Response(body=rss(0), etag='"v0"'))
        bad = server.route("/1.xml", status(500))
        config = write_config(tmp_path / "feeds.toml", [good, bad])
        assert statuses(fetch(config, data_dir)) == ["new", "error"]
        states = _read_states(data_dir, SEEDS)
        assert states is not None
        assert {s.url.rsplit("/", 1)[1]: s.clean for s in states.values()} == {
            "0.xml": True,
            "1.xml": False,
        }
        server.route("/1.xml", Response(body=rss(1), etag='"v1"'))

        assert statuses(fetch(config, data_dir)) == ["not_modified", "new"]
        states = _read_states(data_dir, SEEDS)
        assert states is not None
        assert [state.clean for state in states.values()] == [True, True]
        assert statuses(fetch(config, data_dir)) == ["not_modified", "not_modified"]


def test_a_seed_not_loaded_yet_leaves_the_pass_to_the_library(
    tmp_path: Path, data_dir: Path
) -> None:
    with FaultServer() as server:
        url = server.route("/0.xml", Response(body=rss(0), etag='"v0"'))
        config = write_config(tmp_path / "feeds.toml", [url])
        fetch(config, data_dir)
    assert _read_states(data_dir, SEEDS) is not None
    more = tmp_path / "seeds"
    shutil.copytree(SEEDS, more)
    (more / "zz_new_seed.txt").write_text("A new seed\n\nIts text.\n")
    assert _read_states(data_dir, more) is None


def test_a_damaged_state_file_leaves_the_pass_to_the_library(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FaultServer() as server:
        url = server.route("/0.xml", Response(body=rss(0), etag='"v0"'))
        config = write_config(tmp_path / "feeds.toml", [url])
        fetch(config, data_dir)
        state = data_dir / "state.jsonl"
        state.write_bytes(state.read_bytes() + b"not json\n")
        assert _read_states(data_dir, SEEDS) is None
        capsys.readouterr()
        fetch(config, data_dir)
    assert "state.jsonl could not be read" in capsys.readouterr().err  # the store's report


def test_every_source_kind_fetches_with_the_fetcher_s_one_get() -> None:
    """The first look asks feeds without the kinds: one that fetched a URL its own
    way would have to be asked there (core.unchanged_poll) before this could pass."""
    from ingest.kinds.base import SourceKind
    from ingest.kinds.registry import KINDS

    assert all(type(kind).fetches is SourceKind.fetches for kind in KINDS)
