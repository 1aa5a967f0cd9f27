"""Article metadata is an append-only log: a batch appends its rows, nothing is rewritten."""

from __future__ import annotations

import gc
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import orjson
from tinydb import TinyDB

from storage.log_storage import COMPACT_RATIO, AppendLogStorage
from storage.records import FeedState, NewArticle
from storage.store import ARTICLES_TABLE, SHARD_CAPACITY, ArticleStore


def item(n: int) -> NewArticle:
    return NewArticle(
        feed_id="feed-a",
        guid=f"guid-{n}",
        title=f"Title {n}",
        link=f"https://example.org/{n}",
        published=datetime(2025, 1, 1, tzinfo=UTC),
        body=f"Body of item {n}.",
    )


def open_store(data_dir: Path, *, want_writer: bool = True) -> ArticleStore:
    store = ArticleStore(data_dir, want_writer=want_writer)
    store.open()
    return store


def only_shard(data_dir: Path) -> Path:
    [shard] = sorted((data_dir / "articles").glob("shard-*"))
    return shard


def test_a_new_batch_appends_its_rows_and_leaves_earlier_bytes_alone(data_dir: Path) -> None:
    store = open_store(data_dir)
    store.add([item(n) for n in range(20)])
    shard = only_shard(data_dir)
    before = shard.read_bytes()
    store.bytes_written = 0

    store.add([item(n) for n in range(20, 25)])

    after = shard.read_bytes()
    assert after.startswith(before)
    appended = after[len(before) :].splitlines()
    assert [json.loads(line)[2]["identity"] for line in appended] == [
        f"guid:guid-{n}" for n in range(20, 25)
    ]
    # What was written for the batch: its five rows and five bodies, not the shard.
    assert store.bytes_written < len(before)


def test_a_torn_last_row_from_a_crash_is_ignored_and_cleaned_by_the_next_writer(
    data_dir: Path,
) -> None:
    store = open_store(data_dir)
    stored = store.add([item(n) for n in range(3)])
    store.close()
    shard = only_shard(data_dir)
    with shard.open("ab") as handle:  # what a kill in the middle of an append leaves
        handle.write(b'["articles", 4, {"id": "half-writ')

    reader = open_store(data_dir, want_writer=False)
    assert {a.id for a in reader.articles()} == {a.id for a in stored}
    assert not reader.report.unreadable

    writer = open_store(data_dir)
    assert not writer.report.moved_aside
    writer.add([item(9)])
    writer.close()
    raw = shard.read_bytes()
    assert raw.endswith(b"\n") and b"half-writ" not in raw
    assert len(open_store(data_dir, want_writer=False)) == 4


def test_repeated_updates_are_compacted_and_the_latest_row_wins(data_dir: Path) -> None:
    store = open_store(data_dir)
    [article] = store.add([item(1)])
    others = store.add([item(n) for n in range(2, 30)])
    for round_number in range(200):
        store.update_articles({article.id: {"language": f"l{round_number}"}})
    store.close()

    lines = only_shard(data_dir).read_bytes().splitlines()
    live = 1 + len(others)
    assert len(lines) <= max(64, COMPACT_RATIO * live) + 1
    reopened = open_store(data_dir, want_writer=False)
    assert reopened.get(article.id).language == "l199"  # type: ignore[union-attr]
    assert len(reopened) == live


def test_a_follower_sees_appended_rows(data_dir: Path) -> None:
    writer = open_store(data_dir)
    writer.add([item(1)])
    follower = open_store(data_dir, want_writer=False)
    [second] = writer.add([item(2)])
    writer.update_articles({second.id: {"language": "pt"}})

    changes = follower.refresh()

    assert [a.id for a in changes.new_articles] == [second.id]
    assert follower.get(second.id).language == "pt"  # type: ignore[union-attr]


def test_shards_written_by_an_older_version_as_json_still_load_and_take_updates(
    data_dir: Path,
) -> None:
    # Build a data dir the way earlier versions did: one TinyDB JSON file per shard.
    store = open_store(data_dir)
    [article] = store.add([item(1)])
    store.close()
    log_path = only_shard(data_dir)
    docs = {
        str(doc_id): doc for _, doc_id, doc in map(orjson.loads, log_path.read_bytes().splitlines())
    }
    legacy_path = log_path.with_suffix(".json")
    legacy_path.write_bytes(orjson.dumps({ARTICLES_TABLE: docs}))
    log_path.unlink()

    store = open_store(data_dir)
    assert store.get(article.id) == article
    store.update_articles({article.id: {"language": "id"}})
    [newer] = store.add([item(2)])
    store.close()

    reopened = open_store(data_dir, want_writer=False)
    assert reopened.get(article.id).language == "id"  # type: ignore[union-attr]
    assert reopened.get(newer.id) is not None
    assert reopened.body(article.id) == "Body of item 1."


def test_a_write_the_owner_did_not_mark_rewrites_the_whole_log(tmp_path: Path) -> None:
    path = tmp_path / "db.jsonl"
    db = TinyDB(storage=lambda: AppendLogStorage(path))  # type: ignore[arg-type,return-value]
    storage = db.storage
    assert isinstance(storage, AppendLogStorage)
    table = db.table("t")
    ids = table.insert_multiple([{"n": 1}, {"n": 2}])
    storage.mark("t", ids)
    storage.flush()
    table.remove(doc_ids=[ids[0]])  # not marked: the storage cannot know which row went
    storage.flush()

    reread = AppendLogStorage(path).read()
    assert reread == {"t": {str(ids[1]): {"n": 2}}}
    assert len(path.read_bytes().splitlines()) == 1


def test_polling_one_feed_appends_its_state_instead_of_rewriting_all_feeds(
    data_dir: Path,
) -> None:
    store = open_store(data_dir)
    for n in range(50):
        store.put_feed_state(FeedState(f"feed-{n}", f"https://example.org/{n}.xml"))
    store.flush_state()
    state_file = data_dir / "state.jsonl"
    before = state_file.read_bytes()

    store.put_feed_state(FeedState("feed-7", "https://example.org/7.xml", etag='"v2"'))
    written = store.flush_state()

    assert state_file.read_bytes().startswith(before)
    assert written < len(before) / 20  # one feed's row, not fifty
    store.close()
    assert open_store(data_dir, want_writer=False).feed_states()["feed-7"].etag == '"v2"'


def test_a_feed_keeps_one_state_row_however_often_it_is_polled(data_dir: Path) -> None:
    store = open_store(data_dir)
    for n in range(3):
        store.put_feed_state(FeedState("feed-a", "https://example.org/a.xml", etag=f'"v{n}"'))
        store.put_feed_state(FeedState("feed-b", "https://example.org/b.xml"))
        store.flush_state()
    store.close()
    reopened = open_store(data_dir)  # the writer again: it goes on from the stored rows
    reopened.put_feed_state(FeedState("feed-a", "https://example.org/a.xml", etag='"v9"'))
    reopened.close()

    rows = AppendLogStorage(data_dir / "state.jsonl").read()["feeds"]
    assert sorted(row["feed"] for row in rows.values()) == ["feed-a", "feed-b"]
    assert open_store(data_dir, want_writer=False).feed_states()["feed-a"].etag == '"v9"'


def test_a_state_json_of_an_older_version_is_carried_over(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    legacy = {
        "feeds": {"1": FeedState("old-feed", "https://example.org/a.xml", etag='"e"').to_doc()},
        "meta": {"1": {"key": "seeds_loaded", "value": ["000.txt"]}},
    }
    (data_dir / "state.json").write_bytes(orjson.dumps(legacy))

    follower = open_store(data_dir, want_writer=False)
    assert follower.feed_states()["old-feed"].etag == '"e"'

    writer = open_store(data_dir)
    assert writer.meta("seeds_loaded") == ["000.txt"]
    writer.put_feed_state(FeedState("new-feed", "https://example.org/b.xml"))
    writer.close()

    assert not (data_dir / "state.json").exists()
    reopened = open_store(data_dir, want_writer=False)
    assert set(reopened.feed_states()) == {"old-feed", "new-feed"}
    assert reopened.meta("seeds_loaded") == ["000.txt"]


def test_an_opened_archive_holds_few_collectable_objects_per_article(data_dir: Path) -> None:
    # Every object the garbage collector tracks is scanned on a full collection,
    # which stops every thread: the UI's pauses grow with this number.
    writer = open_store(data_dir)
    entities = tuple(f"person:p{n}" for n in range(8))
    enriched = [
        replace(
            item(n),
            entities=entities,
            mention_counts=tuple((e, 1) for e in entities),
            links=("https://example.org/a", "https://example.org/b"),
        )
        for n in range(2 * SHARD_CAPACITY)
    ]
    writer.add(enriched)
    writer.close()

    gc.collect()
    before = len(gc.get_objects())
    store = open_store(data_dir, want_writer=False)
    gc.collect()
    per_article = (len(gc.get_objects()) - before) / len(store)

    assert per_article < 3, per_article  # the Article itself, little else


def test_an_article_in_a_full_shard_can_still_be_updated(data_dir: Path) -> None:
    writer = open_store(data_dir)
    first, *_ = writer.add([item(n) for n in range(SHARD_CAPACITY + 5)])
    writer.close()

    writer = open_store(data_dir)
    writer.update_articles({first.id: {"language": "pt"}})
    writer.close()

    reopened = open_store(data_dir, want_writer=False)
    assert reopened.get(first.id).language == "pt"  # type: ignore[union-attr]
    assert len(reopened) == SHARD_CAPACITY + 5


def test_a_store_opened_with_deferred_articles_reads_them_when_first_needed(
    data_dir: Path,
) -> None:
    writer = open_store(data_dir)
    stored = writer.add([item(n) for n in range(5)])
    writer.put_feed_state(FeedState("feed-a", "https://example.org/a.xml", etag='"e"'))
    writer.close()

    store = ArticleStore(data_dir)
    store.open(defer_articles=True)
    # What a poll of unchanged feeds needs is there without the articles...
    assert store.feed_states()["feed-a"].etag == '"e"'
    # ...and storing still knows every stored item: nothing is stored twice.
    added = store.add([item(n) for n in range(7)])
    assert [a.identity for a in added] == ["guid:guid-5", "guid:guid-6"]
    assert len(store) == 7
    assert {a.id for a in stored} <= {a.id for a in store.articles()}
    store.close()
    assert len(open_store(data_dir, want_writer=False)) == 7


def test_reading_a_data_file_leaves_its_access_time_alone(tmp_path: Path) -> None:
    # With relatime the first read after a write updates the atime, which the
    # filesystem journals: a poll of unchanged feeds would write 4 KB.
    import os

    import pytest

    from storage.atomic import read_file

    def stale(path: Path) -> int:
        path.write_bytes(b"[]\n")
        old = path.stat().st_mtime_ns - 10**12  # atime before mtime: relatime updates it
        os.utime(path, ns=(old, path.stat().st_mtime_ns))
        return old

    plain = tmp_path / "plain.jsonl"
    old = stale(plain)
    plain.read_bytes()
    if plain.stat().st_atime_ns == old:
        pytest.skip("this filesystem does not update access times")

    ours = tmp_path / "ours.jsonl"
    old = stale(ours)
    assert read_file(ours) == b"[]\n"
    assert ours.stat().st_atime_ns == old
