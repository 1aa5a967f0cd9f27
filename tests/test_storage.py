"""The store keeps every acknowledged item, whatever happens to the process."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from storage.atomic import write_atomically
from storage.records import NewArticle
from storage.store import SHARD_CAPACITY, ArticleStore, ReadOnlyStore

REPO_ROOT = Path(__file__).resolve().parents[1]


def item(n: int, feed: str = "feed-a", **changes: object) -> NewArticle:
    fields: dict[str, object] = dict(
        feed_id=feed,
        guid=f"guid-{n}",
        title=f"Title {n}",
        link=f"https://example.org/{n}",
        published=datetime(2025, 1, 1, tzinfo=UTC),
        body=f"Body of item {n}.",
    )
    fields.update(changes)
    return NewArticle(**fields)  # type: ignore[arg-type]


def open_store(data_dir: Path, *, want_writer: bool = True) -> ArticleStore:
    store = ArticleStore(data_dir, want_writer=want_writer)
    store.open()
    return store


class TestIdentity:
    def test_storing_the_same_item_twice_keeps_one(self, data_dir: Path) -> None:
        store = open_store(data_dir)
        assert len(store.add([item(1), item(2)])) == 2
        assert store.add([item(1), item(1)]) == []
        assert len(store) == 2

    def test_identity_falls_back_to_link_then_title_and_date(self, data_dir: Path) -> None:
        store = open_store(data_dir)
        by_link = item(1, guid=None)
        by_title = item(2, guid=None, link=None)
        same_title_other_date = item(
            2, guid=None, link=None, published=datetime(2025, 2, 1, tzinfo=UTC)
        )
        assert by_link.identity == "link:https://example.org/1"
        assert by_title.identity.startswith("title:Title 2")
        assert len(store.add([by_link, by_title, same_title_other_date])) == 3
        assert store.add([item(1, guid=None, title="Retitled")]) == []

    def test_the_same_guid_in_two_feeds_is_two_articles(self, data_dir: Path) -> None:
        store = open_store(data_dir)
        assert len(store.add([item(1, feed="a"), item(1, feed="b")])) == 2


class TestDurability:
    def test_items_bodies_and_flags_survive_a_restart(self, data_dir: Path) -> None:
        store = open_store(data_dir)
        [article] = store.add([item(7, body="Seven paragraphs.\n\nOf text.")])
        store.set_flags([article.id], read=True, starred=True)
        store.close()

        reopened = open_store(data_dir)
        assert reopened.get(article.id) == article
        assert reopened.body(article.id) == "Seven paragraphs.\n\nOf text."
        state = reopened.user_state(article.id)
        assert state.read and state.starred

    def test_marking_read_does_not_rewrite_article_metadata(self, data_dir: Path) -> None:
        store = open_store(data_dir)
        [article] = store.add([item(1)])
        shard = next((data_dir / "articles").glob("shard-*.jsonl"))
        before = shard.stat().st_mtime_ns
        store.set_flags([article.id], read=True)
        store.flush_user()
        store.flush()
        assert shard.stat().st_mtime_ns == before
        assert orjson.loads((data_dir / "user.json").read_bytes()) == {article.id: 1}

    def test_new_items_go_to_a_new_shard_when_the_last_one_is_full(self, data_dir: Path) -> None:
        store = open_store(data_dir)
        store.add([item(n) for n in range(SHARD_CAPACITY + 10)])
        shards = sorted((data_dir / "articles").glob("shard-*.jsonl"))
        assert len(shards) == 2
        first = shards[0].stat().st_mtime_ns
        store.add([item(n) for n in range(SHARD_CAPACITY + 10, SHARD_CAPACITY + 20)])
        assert shards[0].stat().st_mtime_ns == first  # the full shard is not rewritten

    def test_enrichment_updates_survive_a_restart(self, data_dir: Path) -> None:
        store = open_store(data_dir)
        [article] = store.add([item(1)])
        store.update_articles({article.id: {"entities": ("company:openai",), "language": "en"}})
        store.close()
        reopened = open_store(data_dir)
        updated = reopened.get(article.id)
        assert updated is not None
        assert updated.entities == ("company:openai",)
        assert reopened.body(article.id) == "Body of item 1."


WRITER_SCRIPT = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from pathlib import Path
    from storage.records import NewArticle
    from storage.store import ArticleStore

    store = ArticleStore(Path(sys.argv[1]))
    store.open()
    batch_number = int(sys.argv[2]) * 100_000
    while True:
        batch = [
            NewArticle(feed_id="f", guid=f"g{batch_number + i}", title=f"t{i}", link=None,
                       published=datetime(2025, 1, 1, tzinfo=UTC), body="x" * 3000)
            for i in range(50)
        ]
        added = store.add(batch)
        store.set_flags([added[0].id], read=True)
        store.flush_user()
        # Acknowledged: add() returned, so these must survive anything now.
        sys.stdout.write(" ".join(a.id for a in added) + "\\n")
        sys.stdout.flush()
        batch_number += 50
    """
)


@pytest.mark.slow
def test_a_writer_killed_at_random_moments_loses_no_acknowledged_item(data_dir: Path) -> None:
    rounds = int(os.environ.get("AIWIRE_KILL_ROUNDS", "20"))
    rng = random.Random(1234)
    acknowledged: set[str] = set()
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    for round_number in range(rounds):
        process = subprocess.Popen(
            [sys.executable, "-c", WRITER_SCRIPT, str(data_dir), str(round_number)],
            stdout=subprocess.PIPE,
            env=environment,
        )
        assert process.stdout is not None
        # Wait for the first acknowledgement, then kill at a random moment.
        output = process.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.25))
        process.send_signal(signal.SIGKILL)
        rest, _ = process.communicate()
        output += rest
        # Only complete lines were acknowledged; a line cut by the kill was not.
        for line in output.decode().split("\n")[:-1]:
            acknowledged.update(line.split())
        store = open_store(data_dir)
        assert not store.report.moved_aside, f"round {round_number}: a file did not load"
        missing = [article_id for article_id in acknowledged if article_id not in store]
        assert not missing, f"round {round_number}: {len(missing)} acknowledged items lost"
        store.close()
    assert len(acknowledged) >= rounds * 50


class TestOneWriter:
    def test_a_second_instance_is_read_only_and_follows_the_writer(self, data_dir: Path) -> None:
        writer = open_store(data_dir)
        reader = open_store(data_dir)
        assert writer.writer and not reader.writer
        with pytest.raises(ReadOnlyStore):
            reader.add([item(1)])

        [article] = writer.add([item(1)])
        writer.set_flags([article.id], read=True)
        writer.flush_user()
        changes = reader.refresh()
        assert [a.id for a in changes.new_articles] == [article.id]
        assert changes.user_state_changed and reader.user_state(article.id).read

    def test_the_next_start_becomes_the_writer_when_the_writer_exits(self, data_dir: Path) -> None:
        writer = open_store(data_dir)
        reader = open_store(data_dir)
        writer.add([item(1)])
        assert not reader.try_become_writer()
        writer.close()
        assert reader.try_become_writer()
        assert len(reader.add([item(2)])) == 1
        assert len(reader) == 2

    def test_a_writer_in_another_process_holds_the_lock(self, data_dir: Path) -> None:
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys,time; from pathlib import Path; from storage.store import ArticleStore;"
                "s=ArticleStore(Path(sys.argv[1])); s.open(); print('ready', flush=True);"
                "time.sleep(30)",
                str(data_dir),
            ],
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == b"ready"
            store = ArticleStore(data_dir)
            report = store.open()
            assert not report.writer and report.holder_pid == holder.pid
        finally:
            holder.kill()
            holder.wait()
        assert store.try_become_writer()


class TestDamagedFiles:
    def test_a_corrupt_shard_is_moved_aside_and_the_rest_loads(self, data_dir: Path) -> None:
        store = open_store(data_dir)
        store.add([item(n) for n in range(SHARD_CAPACITY + 1)])
        store.close()
        first_shard = sorted((data_dir / "articles").glob("shard-*.jsonl"))[0]
        damaged = b'["articles", 1, {"id": "trunc\n' + first_shard.read_bytes()
        first_shard.write_bytes(damaged)

        reopened = ArticleStore(data_dir)
        report = reopened.open()
        [moved] = report.moved_aside
        assert moved.original == first_shard
        assert moved.moved_to.name.startswith("shard-000001.jsonl.corrupt-")
        assert moved.moved_to.read_bytes() == damaged
        assert "moved to" in str(moved)
        assert len(reopened) == 1  # the intact second shard
        assert len(reopened.add([item(99_999)])) == 1

    def test_a_corrupt_user_file_is_moved_aside_not_overwritten(self, data_dir: Path) -> None:
        (data_dir / "user.json").write_text("[not, json")
        store = ArticleStore(data_dir)
        report = store.open()
        assert [m.original.name for m in report.moved_aside] == ["user.json"]
        assert report.moved_aside[0].moved_to.read_text() == "[not, json"

    def test_a_read_only_instance_never_moves_files(self, data_dir: Path) -> None:
        writer = open_store(data_dir)
        (data_dir / "state.jsonl").write_text("{broken\n")
        reader = ArticleStore(data_dir)
        report = reader.open()
        assert report.moved_aside == [] and report.unreadable
        assert (data_dir / "state.jsonl").read_text() == "{broken\n"
        writer.close()

    def test_a_failed_write_leaves_the_previous_file_intact(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        target = tmp_path / "file.json"
        write_atomically(target, b'{"version": 1}')

        def disk_full(fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", disk_full)
        with pytest.raises(OSError, match="No space left"):
            write_atomically(target, b'{"version": 2}' + b" " * 1_000_000)
        monkeypatch.undo()
        assert target.read_bytes() == b'{"version": 1}'
        assert [p.name for p in tmp_path.iterdir()] == ["file.json"]  # no temp file left
