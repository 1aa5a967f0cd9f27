"""Sealed shards load from snapshots, which never outrank the shard itself;
prunes delete the shard files they empty."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.records import NewArticle, Source
from storage.retention import Pruner, RetentionPolicy, Rule
from storage.snapshots import snapshot_path
from storage.store import SHARD_CAPACITY, ArticleStore

START = datetime(2025, 1, 1, tzinfo=UTC)


def item(n: int, **changes: object) -> NewArticle:
    fields: dict[str, object] = dict(
        feed_id=f"feed-{n % 3}",
        guid=f"guid-{n}",
        title=f"Title {n} – ünïcode",
        link=f"https://example.org/{n}",
        published=START + timedelta(minutes=n) if n % 7 else None,
        date_precision="second" if n % 7 else "none",
        body=f"Body of item {n}.",
        language="en",
        author="Ann" if n % 2 else None,
        source=Source("Outlet", "https://outlet.example") if n % 5 == 0 else None,
        entities=("person:sam-altman",) if n % 4 == 0 else (),
        events=({"kind": "hire", "entity_id": "person:sam-altman"},) if n % 8 == 0 else (),
        mention_counts=(("person:sam-altman", 2),) if n % 4 == 0 else (),
        alert_reasons=(("person:sam-altman", "title", "Sam"),) if n % 4 == 0 else (),
        enriched="sig-1",
    )
    fields.update(changes)
    return NewArticle(**fields)  # type: ignore[arg-type]


def shard_files(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "articles").glob("shard-*"))


def open_store(data_dir: Path, *, want_writer: bool = True) -> ArticleStore:
    store = ArticleStore(data_dir, want_writer=want_writer)
    store.open()
    return store


def loaded(store: ArticleStore) -> dict[str, tuple[object, ...]]:
    """Everything a load builds per article: the Article, its row and its texts."""
    return {
        article.id: (article, store.body_location(article.id), store.summary(article.id))
        for article in store.articles()
    }


def filled(data_dir: Path, count: int = SHARD_CAPACITY + 20) -> ArticleStore:
    """A store that filled a shard and started the next, then was opened again
    by a writer, which is when sealed shards get their snapshots."""
    store = open_store(data_dir)
    for start in range(0, count, 100):
        store.add([item(n) for n in range(start, min(start + 100, count))], now=START)
    store.close()
    return open_store(data_dir)


def test_adding_writes_no_snapshot_the_next_writer_writes_them(data_dir: Path) -> None:
    store = open_store(data_dir)
    for start in range(0, SHARD_CAPACITY + 20, 100):
        store.add([item(n) for n in range(start, start + 100)], now=START)
    store.close()
    assert not list((data_dir / "articles").glob("*.snap"))
    open_store(data_dir, want_writer=False).close()  # a reader never writes
    assert not list((data_dir / "articles").glob("*.snap"))
    open_store(data_dir).close()
    assert shard_files(data_dir) == [
        "shard-000001.jsonl",
        "shard-000001.snap",
        "shard-000002.jsonl",
    ]


def test_a_sealed_shard_loads_from_its_snapshot_as_it_would_from_the_shard(
    data_dir: Path,
) -> None:
    store = filled(data_dir)
    store.set_full_texts({store.articles().__next__().id: "The whole article."})
    store.close()
    # The full shard has a snapshot; the newest, still taking rows, has none.
    assert shard_files(data_dir) == [
        "shard-000001.jsonl",
        "shard-000001.snap",
        "shard-000002.jsonl",
    ]
    from_snapshot = loaded(open_store(data_dir, want_writer=False))
    snapshot_path(data_dir / "articles" / "shard-000001.jsonl").unlink()
    from_shards = loaded(open_store(data_dir, want_writer=False))
    assert len(from_snapshot) == SHARD_CAPACITY + 20
    assert from_snapshot == from_shards
    assert any(a.published is None for a, _, _ in from_snapshot.values())


def test_a_copy_that_keeps_modification_times_keeps_its_snapshots(
    data_dir: Path, tmp_path: Path
) -> None:
    filled(data_dir).close()
    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)
    snap = snapshot_path(copy / "articles" / "shard-000001.jsonl")
    made = snap.stat().st_mtime_ns
    store = open_store(copy)  # a writer rewrites a snapshot it finds stale
    assert len(store) == SHARD_CAPACITY + 20
    store.close()
    assert snap.stat().st_mtime_ns == made


def test_a_snapshot_older_than_its_shard_is_not_used(data_dir: Path) -> None:
    store = filled(data_dir)
    first = sorted(store.articles(), key=lambda a: a.identity)[0]
    store.close()
    shard = data_dir / "articles" / "shard-000001.jsonl"
    stale = snapshot_path(shard).read_bytes()
    store = open_store(data_dir)
    store.update_articles({first.id: {"title": "Corrected title"}})
    store.close()
    assert snapshot_path(shard).read_bytes() == stale  # until a writer opens it again
    reopened = open_store(data_dir, want_writer=False)
    assert reopened.get(first.id) is not None
    assert reopened.get(first.id).title == "Corrected title"  # type: ignore[union-attr]


def test_a_damaged_snapshot_is_ignored(data_dir: Path) -> None:
    store = filled(data_dir)
    expected = loaded(store)
    store.close()
    snap = snapshot_path(data_dir / "articles" / "shard-000001.jsonl")
    for damage in (b"", b"\x00" * 64, snap.read_bytes()[: snap.stat().st_size // 2]):
        snap.write_bytes(damage)
        reopened = open_store(data_dir, want_writer=False)
        assert loaded(reopened) == expected
        assert reopened.report.moved_aside == [] and reopened.report.unreadable == []
    # The writer makes it again when it opens the archive.
    open_store(data_dir).close()
    assert snap.stat().st_size > 1000
    assert loaded(open_store(data_dir, want_writer=False)) == expected


def test_a_prune_deletes_the_shard_files_it_empties(data_dir: Path) -> None:
    store = open_store(data_dir)
    old = START - timedelta(days=400)
    for start in range(0, 2 * SHARD_CAPACITY, 250):
        store.add([item(n, published=old, events=()) for n in range(start, start + 250)], now=old)
    store.add([item(n) for n in range(5000, 5010)], now=START)
    store.close()
    store = open_store(data_dir)  # which writes the sealed shards' snapshots
    store.set_flags([item(3).id], starred=True)  # kept regardless
    follower = open_store(data_dir, want_writer=False)
    assert len(follower) == 2 * SHARD_CAPACITY + 10
    assert shard_files(data_dir)[:4] == [
        "shard-000001.jsonl", "shard-000001.snap", "shard-000002.jsonl", "shard-000002.snap",
    ]  # fmt: skip

    policy = RetentionPolicy(archive=Rule(keep=365 * 86400))
    report = Pruner(store, policy, now=lambda: START + timedelta(days=1)).run()

    assert report.removed == 2 * SHARD_CAPACITY - 1
    assert report.shards_deleted == 1
    # The shard holding the starred article stays; the other is gone, snapshot and all.
    assert "shard-000002.jsonl" not in shard_files(data_dir)
    assert "shard-000002.snap" not in shard_files(data_dir)
    assert len(store) == 11
    [added] = store.add([item(9000)], now=START)
    store.close()
    reopened = open_store(data_dir, want_writer=False)
    assert len(reopened) == 12 and reopened.get(added.id) == added
    # A follower that loaded the archive before sees the rows of the deleted shard go.
    result = follower.refresh()
    assert len(result.removed_ids) == 2 * SHARD_CAPACITY - 1
    assert len(follower) == 12
