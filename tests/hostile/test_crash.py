"""Crashes, two instances and full disks: nothing acknowledged is ever lost.

"Acknowledged" means ArticleStore.add returned: the store promises the batch is
durable then. A writer process prints an ACK line only after add() returns, so
whatever this test has read from its stdout must be on disk, whatever happens to
the writer afterwards (clean exit or SIGKILL).
"""

from __future__ import annotations

import asyncio
import errno
import json
import os
import signal
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

import storage.atomic
import storage.log_storage
from ingest.config import SourceConfig
from ingest.fetch import Fetcher
from ingest.parse import ParserPool
from ingest.poller import Poller
from storage.records import NewArticle
from storage.service import StoreService
from storage.store import ArticleStore
from tests.hostile import corpus
from tests.support.fault_server import FaultServer, Response

REPO = Path(__file__).resolve().parents[2]

_WRITER = r"""
import sys, time
from pathlib import Path
from storage.records import NewArticle
from storage.store import ArticleStore
store = ArticleStore(Path(sys.argv[1]))
report = store.open()
assert report.writer, "the writer did not get the lock"
batches = int(sys.argv[2])
for b in range(batches):
    items = [NewArticle(feed_id="w", guid=f"w-{b}-{i}", title=f"W {b} {i}", link=None,
                        published=None, body=f"body {b} {i} " * 20) for i in range(25)]
    added = store.add(items)
    print("ACK", " ".join(a.identity for a in added), flush=True)
    time.sleep(0.02)
print("DONE", flush=True)
if sys.argv[3] == "hang":
    time.sleep(60)  # waits to be killed, the lock held
store.close()
"""


def _start_writer(data_dir: Path, batches: int, end: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(data_dir), str(batches), end],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _acks(process: subprocess.Popen[str], *, until: str | None = None) -> Iterator[set[str]]:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("ACK"):
            yield set(line.split()[1:])
        if until is not None and line.startswith(until):
            return


def _all_identities(data_dir: Path) -> set[str]:
    store = ArticleStore(data_dir, want_writer=False)
    report = store.open()
    assert not report.unreadable and not report.moved_aside, report
    return {a.identity for a in store.articles()}


def _new(prefix: str, count: int) -> list[NewArticle]:
    return [
        NewArticle(
            feed_id="r",
            guid=f"{prefix}-{i}",
            title=f"{prefix} {i}",
            link=None,
            published=None,
            body="text",
        )  # fmt: skip
        for i in range(count)
    ]


def test_a_reader_follows_a_writer_then_takes_over_and_nothing_is_lost(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    writer = _start_writer(data_dir, 30, "exit")
    acked: set[str] = set()
    follower: ArticleStore | None = None
    seen_while_following: set[str] = set()
    try:
        for batch in _acks(writer, until="DONE"):
            acked |= batch
            if follower is None:
                follower = ArticleStore(data_dir)  # wants to write, but may not
                assert not follower.open().writer
                assert follower.try_become_writer() is False
            result = follower.refresh()
            seen_while_following |= {a.identity for a in result.new_articles}
            # Following never shows something half-written or foreign: everything it
            # sees is a whole writer item (acknowledged, or flushed and about to be).
            for article in follower.articles():
                assert article.identity.startswith("guid:w-") and article.title.startswith("W ")
        assert writer.wait(20) == 0, writer.stderr.read() if writer.stderr else ""
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(5)
    assert follower is not None
    assert len(acked) == 30 * 25
    assert seen_while_following, "the follower never saw the writer's batches"
    # The writer has exited: the follower becomes the writer and adds its own.
    assert follower.try_become_writer() is True
    assert {a.identity for a in follower.articles()} >= acked
    mine = follower.add(_new("after", 40))
    assert len(mine) == 40
    follower.close()
    assert _all_identities(data_dir) >= acked | {a.identity for a in mine}


def test_a_writer_killed_mid_stream_loses_no_acknowledged_item(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    writer = _start_writer(data_dir, 10_000, "hang")
    acked: set[str] = set()
    try:
        for count, batch in enumerate(_acks(writer), start=1):
            acked |= batch
            if count == 15:
                writer.send_signal(signal.SIGKILL)  # mid-stream, no close(), no flush
                break
        writer.wait(10)
        # Drain what it acknowledged before the kill landed.
        for batch in _acks(writer):
            acked |= batch
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait(5)
    assert writer.returncode == -signal.SIGKILL
    survivor = ArticleStore(data_dir)
    report = survivor.open()
    assert report.writer, "a killed writer's flock must die with it"
    assert not report.moved_aside and not report.unreadable
    assert {a.identity for a in survivor.articles()} >= acked
    for article in list(survivor.articles())[:50]:
        assert survivor.body(article.id).startswith("body ")
    assert len(survivor.add(_new("later", 10))) == 10
    survivor.close()
    assert _all_identities(data_dir) >= acked
    leftovers = [p for p in data_dir.rglob("*.tmp")]
    assert len(leftovers) <= 1  # at most the temp file the kill interrupted


# -- a full disk -----------------------------------------------------------------------


def _articles_files(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (data_dir / "articles").glob("shard-*")}


@pytest.fixture
def full_fsync(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """os.fsync raising ENOSPC for metadata writes only (bodies still write)."""
    calls = {"n": 0}

    def no_space(fd: int) -> None:
        calls["n"] += 1
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    fake_os = types.SimpleNamespace(
        **{name: getattr(os, name) for name in dir(os) if not name.startswith("__")}
    )
    fake_os.fsync = no_space

    def install() -> None:
        monkeypatch.setattr(storage.atomic, "os", fake_os)
        monkeypatch.setattr(storage.log_storage, "os", fake_os)

    def remove() -> None:
        monkeypatch.setattr(storage.atomic, "os", os)
        monkeypatch.setattr(storage.log_storage, "os", os)

    return types.SimpleNamespace(install=install, remove=remove, calls=calls)


def test_a_full_disk_during_a_flush_keeps_the_previous_file(tmp_path: Path, full_fsync) -> None:  # type: ignore[no-untyped-def]
    data_dir = tmp_path / "data"
    store = ArticleStore(data_dir)
    store.open()
    first = store.add(_new("first", 30))
    before = _articles_files(data_dir)
    full_fsync.install()
    with pytest.raises(OSError) as raised:
        store.add(_new("second", 30))
    assert raised.value.errno == errno.ENOSPC
    assert full_fsync.calls["n"] >= 1
    assert _articles_files(data_dir) == before  # byte for byte
    assert not list(data_dir.rglob("*.tmp")), "a temp file was left behind"
    # Another process opening now sees exactly the acknowledged batch.
    assert _all_identities(data_dir) == {a.identity for a in first}
    full_fsync.remove()
    store.close()
    assert _all_identities(data_dir) >= {a.identity for a in first}


def test_a_batch_that_failed_to_flush_is_stored_when_retried(tmp_path: Path, full_fsync) -> None:  # type: ignore[no-untyped-def]
    store = ArticleStore(tmp_path / "data")
    store.open()
    store.add(_new("first", 5))
    batch = _new("second", 5)
    full_fsync.install()
    with pytest.raises(OSError):
        store.add(batch)
    full_fsync.remove()
    assert len(store.add(batch)) == 5  # durable now, and announced as new


def _poll_with_full_disk(tmp_path: Path, full_fsync) -> tuple[object, dict[str, str | None]]:  # type: ignore[no-untyped-def]
    async def run() -> tuple[object, dict[str, str | None]]:
        with FaultServer() as server:
            urls = {
                name: server.route(
                    f"/{name}",
                    Response(body=corpus.rss([corpus.item(name, guid=name)]).encode()),
                )
                for name in ("a", "b")
            }
            service = StoreService(ArticleStore(tmp_path / "data"))
            await service.open()
            sources = [SourceConfig(n, n, u, 600, (), True, 1) for n, u in urls.items()]
            async with Fetcher(deadline=2) as fetcher, ParserPool(workers=0) as parser:
                poller = Poller(service, fetcher, parser)
                await poller.poll_many(sources[:1])  # files exist before the disk fills
                full_fsync.install()
                try:
                    outcome: object = await poller.poll_many(sources, force=True)
                except Exception as error:  # noqa: BLE001 - what is being observed
                    outcome = error
                finally:
                    full_fsync.remove()
                errors = {s.id: poller.states[s.id].last_error for s in sources}
            service.close()
            return outcome, errors

    return asyncio.run(run())


def test_a_full_disk_fails_the_poll_of_a_feed_not_the_whole_poll(
    tmp_path: Path, full_fsync
) -> None:  # type: ignore[no-untyped-def]
    outcome, errors = _poll_with_full_disk(tmp_path, full_fsync)
    assert isinstance(outcome, list), outcome
    assert errors["b"] is not None and "space" in errors["b"].lower()
    assert "internal error" not in errors["b"]


def test_what_a_full_disk_does_to_a_poll_today(tmp_path: Path, full_fsync) -> None:  # type: ignore[no-untyped-def]
    """Nothing on disk is damaged by a poll on a full disk."""
    outcome, errors = _poll_with_full_disk(tmp_path, full_fsync)
    assert isinstance(outcome, list)
    assert _all_identities(tmp_path / "data") >= {"guid:a"}


# -- a real full disk: a tiny tmpfs ------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)],
        capture_output=True,
        timeout=10,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')[:200]}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=10)


def test_a_really_full_disk_keeps_every_acknowledged_item(tiny_disk: Path) -> None:
    data_dir = tiny_disk / "data"
    store = ArticleStore(data_dir)
    store.open()
    acked: set[str] = set()
    error: OSError | None = None
    for b in range(1000):
        batch = [
            NewArticle(
                feed_id="t",
                guid=f"t-{b}-{i}",
                title=f"T {b} {i}",
                link=None,
                published=None,
                body="x" * 300,
            )  # fmt: skip
            for i in range(10)
        ]
        try:
            acked |= {a.identity for a in store.add(batch)}
        except OSError as caught:
            error = caught
            break
    assert error is not None, "the disk never filled"
    assert error.errno == errno.ENOSPC, error
    assert acked, "nothing fitted at all"
    # What is on disk loads, whole, and holds every acknowledged item.
    assert _all_identities(data_dir) >= acked
    for path in (data_dir / "articles").glob("shard-*.jsonl"):
        raw = path.read_bytes()
        assert not raw or raw.endswith(b"\n"), f"{path.name} ends in a half-written row"
        for line in raw.splitlines():
            json.loads(line)
    assert not list(data_dir.rglob("*.tmp")), "a temp file was left on the full disk"
    # Closing on the still-full disk: a clear OSError at worst, and nothing damaged.
    try:
        store.close()
    except OSError as caught:
        assert caught.errno == errno.ENOSPC
    assert _all_identities(data_dir) >= acked
