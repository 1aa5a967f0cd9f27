"""A second `aiwire fetch` over unchanged feeds: every feed answers 304 and nothing is written.

The warm_poll benchmark holds the same promise at 500 feeds; here three local
feeds show it on every test run.
"""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.library import Library, LibraryOptions
from storage.records import SEED_FEED_ID
from storage.store import ArticleStore
from tests.support.fault_server import FaultServer, Response
from tests.support.python import run_python

REPO_ROOT = Path(__file__).resolve().parents[1]
FEEDS = 3


def rss(index: int) -> bytes:
    items = "".join(
        f"<item><guid>f{index}-{n}</guid><title>Story {n} of wire {index}</title>"
        f"<link>https://example.org/{index}/{n}</link>"
        f"<description>Body of story {n}.</description></item>"
        for n in range(3)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire {index}</title>'
        f"<link>https://example.org/</link>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def feeds(tmp_path: Path) -> Iterator[Path]:
    """A feeds.toml of local feeds that answer 304 to their ETag."""
    with FaultServer() as server:
        urls = [
            server.route(f"/{i}.xml", Response(body=rss(i), etag=f'"v{i}"')) for i in range(FEEDS)
        ]
        sources = "".join(
            f'\n[[sources]]\nname = "Wire {i}"\nurl = "{url}"\n' for i, url in enumerate(urls)
        )
        config = tmp_path / "feeds.toml"
        config.write_text('[settings]\ndefault_interval = "30m"\n' + sources)
        yield config


def fetch(config: Path, data_dir: Path, *options: str) -> dict:  # type: ignore[type-arg]
    done = run_python(
        "-m", "tui.cli", "--config", str(config), "--data-dir", str(data_dir),
        "fetch", "--json", *options, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def files_under(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(path.relative_to(root)): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in root.rglob("*")
        if path.is_file()
    }


def test_a_warm_fetch_changes_no_file_and_logs_nothing(
    feeds: Path, data_dir: Path, tmp_path: Path
) -> None:
    cold = fetch(feeds, data_dir)
    assert (cold["new_items"], cold["errors"]) == (FEEDS * 3, 0)
    log = data_dir.with_name(data_dir.name + ".log")  # beside the data named by --data-dir
    assert data_dir not in log.parents
    before, log_size = files_under(data_dir), log.stat().st_size

    warm = fetch(feeds, data_dir)

    assert (warm["not_modified"], warm["new_items"], warm["errors"]) == (FEEDS, 0, 0)
    assert files_under(data_dir) == before, "the lock, state and shards are left as they were"
    assert log.stat().st_size == log_size, "nothing to report, so nothing logged"


def headless_options(feeds: Path, data_dir: Path, *, enrich: bool) -> LibraryOptions:
    """What `aiwire fetch` runs the library with."""
    return LibraryOptions(
        config_path=feeds,
        data_dir=data_dir,
        seeds_dir=REPO_ROOT / "seeds",
        schedule=False,
        enrich=enrich,
        keep_state=False,
    )


def test_a_warm_fetch_starts_no_worker_process(feeds: Path, data_dir: Path) -> None:
    fetch(feeds, data_dir)

    async def warm_pass(*, enrich: bool) -> tuple[list[str], bool, bool]:
        library = Library(headless_options(feeds, data_dir, enrich=enrich))
        try:
            assert (await library.start()).writer
            assert library.writing is not None and library.writing.polling is not None
            polling, enrichment = library.writing.polling, library.writing.enrichment
            outcomes = await polling.refresh()
            enricher_started = enrichment is not None and enrichment.started
            return [o.status for o in outcomes], polling.parser.started, enricher_started
        finally:
            await library.aclose()

    # As `aiwire fetch` does it: the pass stores, the dashboard or daemon enriches.
    statuses, parser_started, enricher_started = asyncio.run(warm_pass(enrich=False))
    assert statuses == ["not_modified"] * FEEDS
    assert not parser_started, "nothing to parse: no parser process"
    assert not enricher_started

    # With enrichment (the daemon, `fetch --enrich`): the first pass tags what the
    # cold fetch stored; once every article is tagged, a warm pass starts nothing.
    asyncio.run(warm_pass(enrich=True))
    statuses, parser_started, enricher_started = asyncio.run(warm_pass(enrich=True))
    assert statuses == ["not_modified"] * FEEDS
    assert not parser_started, "nothing to parse: no parser process"
    assert not enricher_started, "nothing new or unenriched: no enrichment process"


def test_the_refusal_names_the_writer_s_pid_when_it_is_known(
    feeds: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from storage.lock import WriterLock;"
            "assert WriterLock(Path(sys.argv[1])).try_acquire(); print('ready', flush=True);"
            "time.sleep(60)",
            str(data_dir),
        ],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"ready"
        from core.headless import fetch_once

        status = asyncio.run(
            fetch_once(feeds, data_dir, REPO_ROOT / "seeds", io.StringIO(), as_json=True)
        )
    finally:
        holder.kill()
        holder.wait()
    assert status == 2
    message = capsys.readouterr().err
    assert "fetch has nothing to do" in message
    if Path("/proc/locks").exists():
        assert f"another aiwire (pid {holder.pid}) is writing" in message
    assert "pid None" not in message


def test_the_json_summary_is_unchanged_by_the_fast_path(feeds: Path, data_dir: Path) -> None:
    fetch(feeds, data_dir)
    out = io.StringIO()
    from core.headless import fetch_once

    assert asyncio.run(fetch_once(feeds, data_dir, REPO_ROOT / "seeds", out, as_json=True)) == 0
    summary = json.loads(out.getvalue())
    assert summary["feeds"] == FEEDS and summary["not_modified"] == FEEDS
    assert {r["status"] for r in summary["results"]} == {"not_modified"}


def test_fetch_stores_items_and_leaves_watchlist_tagging_to_the_dashboard_unless_asked(
    tmp_path: Path,
) -> None:
    with FaultServer() as server:
        body = (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            b"<item><guid>a</guid><title>OpenAI ships a new model</title>"
            b"<description>OpenAI said the model ships today.</description></item>"
            b"</channel></rss>"
        )
        url = server.route("/a.xml", Response(body=body))
        config = tmp_path / "feeds.toml"
        config.write_text(
            f'[[sources]]\nname = "Wire"\nurl = "{url}"\n\n'
            '[[companies]]\nname = "OpenAI"\naliases = ["OpenAI"]\n'
        )

        def stored_entities(data_dir: Path) -> list[tuple[str, ...]]:
            store = ArticleStore(data_dir, want_writer=False)
            store.open()
            return [a.entities for a in store.articles() if a.feed_id != SEED_FEED_ID]

        plain = tmp_path / "plain"
        assert fetch(config, plain)["new_items"] == 1
        assert stored_entities(plain) == [()]

        tagged = tmp_path / "tagged"
        assert fetch(config, tagged, "--enrich")["new_items"] == 1
        [entities] = stored_entities(tagged)
        assert any(e.startswith("company:openai") for e in entities), entities


WARM_IMPORTS = """
import io, os, sys
# A proxy in the environment is httpx's to reach: this run has none.
for name in [n for n in os.environ if n.lower().endswith("_proxy")]:
    del os.environ[name]
from tui.cli import main
sys.stdout = io.StringIO()
code = main(sys.argv[1:])
sys.stdout = sys.__stdout__
# logging.handlers: nothing to report, so the log file's handler is never set up.
# httpx (and urllib.request, http.client with it), httpcore/anyio: feeds are
# fetched over the fetcher's own HTTP/1.1 transport, with no proxy configured.
# apscheduler: nothing is scheduled; tomlkit: feeds.toml is read, never edited;
# platformdirs: --config and --data-dir name every path.
# multiprocessing and the enricher: no process starts, so none is imported.
# The library, its store and polling: every feed is unchanged (core.unchanged_poll).
heavy = (
    "textual", "lingua", "dateparser", "feedparser", "selectolax", "ingest.htmltext",
    "ingest.parse", "ingest.feedparser_parse", "watchlist.enrich", "watchlist.language",
    "trafilatura", "rapidfuzz", "ahocorasick", "logging.handlers", "httpcore", "anyio",
    "apscheduler", "tomlkit", "platformdirs", "multiprocessing", "concurrent.futures.process",
    "ingest.parser_pool", "ingest.processes", "ingest.enrichment", "httpx", "urllib.request",
    "http.client", "http.cookiejar", "core.library", "storage.store", "ingest.polling",
)
print(code, ",".join(name for name in heavy if name in sys.modules) or "none")
"""


def test_a_warm_fetch_imports_no_ui_language_model_or_parser(feeds: Path, data_dir: Path) -> None:
    """Nothing arrived: a fetch imports only what a fetch needs.

    Neither the UI, the language model, parsing or extraction code, the log's
    rotation, a second HTTP stack, a scheduler, a TOML editor, nor what starts
    worker processes.
    """
    fetch(feeds, data_dir)
    args = ["--config", str(feeds), "--data-dir", str(data_dir), "fetch", "--json"]
    done = run_python("-c", WARM_IMPORTS, *args, timeout=180)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["0", "none"]


def test_fetch_parses_at_the_command_s_priority_scheduled_polls_in_the_background(
    feeds: Path, data_dir: Path
) -> None:
    async def background(schedule: bool) -> bool:
        options = headless_options(feeds, data_dir, enrich=False)
        options = dataclasses.replace(options, schedule=schedule)
        library = Library(options)
        try:
            await library.start()
            assert library.writing is not None and library.writing.polling is not None
            return library.writing.polling.parser._background
        finally:
            await library.aclose()

    assert asyncio.run(background(schedule=False)) is False  # `aiwire fetch`
    assert asyncio.run(background(schedule=True)) is True  # the dashboard, the daemon
