"""Where rows and whole texts lie is indexed at first use, whichever thread asks first."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.records import NewArticle
from storage.store import SHARD_CAPACITY, ArticleStore

START = datetime(2025, 1, 1, tzinfo=UTC)
COUNT = SHARD_CAPACITY * 2 + 30


def item(n: int) -> NewArticle:
    return NewArticle(
        feed_id=f"feed-{n % 3}",
        guid=f"guid-{n}",
        title=f"Title {n}",
        link=f"https://example.org/{n}",
        published=START + timedelta(minutes=n),
        body=f"Body of item {n}.",
    )


def archive(data_dir: Path) -> dict[str, str]:
    """Three shards (two sealed, with snapshots once reopened); id -> its text."""
    store = ArticleStore(data_dir)
    store.open()
    bodies = {}
    for start in range(0, COUNT, 100):
        for article in store.add([item(n) for n in range(start, min(start + 100, COUNT))]):
            bodies[article.id] = f"Body of item {article.title.split()[-1]}."
    first = next(iter(bodies))
    store.set_full_texts({first: "The whole article."})
    bodies[first] = "The whole article."  # what body() gives once the whole text is fetched
    store.close()
    writer = ArticleStore(data_dir)  # writes the sealed shards' snapshots
    writer.open()
    writer.close()
    return bodies


def test_texts_read_back_after_an_open_that_left_them_for_later(tmp_path: Path) -> None:
    bodies = archive(tmp_path / "data")
    store = ArticleStore(tmp_path / "data", want_writer=False)
    store.open()
    assert len(store) == COUNT
    assert {article_id: store.body(article_id) for article_id in bodies} == bodies
    first = next(iter(bodies))
    assert store.has_full_text(first)
    assert not store.has_full_text(list(bodies)[1])
    store.close()


def test_two_threads_asking_at_once_both_see_every_location(tmp_path: Path) -> None:
    archive(tmp_path / "data")
    for _ in range(5):
        store = ArticleStore(tmp_path / "data", want_writer=False)
        store.open()
        seen: list[int] = []
        barrier = threading.Barrier(2)

        def ask(
            store: ArticleStore = store,
            barrier: threading.Barrier = barrier,
            seen: list[int] = seen,
        ) -> None:
            barrier.wait()
            seen.append(len(store._doc_ref))

        threads = [threading.Thread(target=ask) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert seen == [COUNT, COUNT]
        store.close()


def test_one_body_asked_for_takes_in_only_the_shard_that_holds_it(tmp_path: Path) -> None:
    # The reader shows the newest article's text as soon as the list fills:
    # that must not wait for every shard's text locations to be indexed.
    bodies = archive(tmp_path / "data")
    store = ArticleStore(tmp_path / "data", want_writer=False)
    store.open()
    newest = list(bodies)[-1]
    assert store.body(newest) == bodies[newest]
    assert len(store._body_refs) == COUNT - 2 * SHARD_CAPACITY  # the last shard's only
    oldest = list(bodies)[1]
    assert store.body(oldest) == bodies[oldest]
    assert len(store._body_refs) == COUNT - SHARD_CAPACITY
    assert len(store._body_ref) == COUNT  # a use of the whole table takes in the rest
    assert {article_id: store.body(article_id) for article_id in bodies} == bodies
    store.close()


def test_texts_stored_or_removed_after_one_lookup_stay_as_written(tmp_path: Path) -> None:
    bodies = archive(tmp_path / "data")
    store = ArticleStore(tmp_path / "data")
    store.open()
    ids = list(bodies)
    assert store.body(ids[-1]) == bodies[ids[-1]]  # one shard taken in, two waiting
    [added] = store.add([item(COUNT)])
    store.remove_articles([ids[5]])
    assert store.body(added.id) == f"Body of item {COUNT}."
    assert store.body_location(ids[5]) is None  # not brought back by the shards that waited
    assert store.body(ids[6]) == bodies[ids[6]]
    assert sorted(i for i, kind, _ in store.body_refs() if kind == "body") == sorted(
        [*(i for i in ids if i != ids[5]), added.id]
    )
    store.close()


def test_rows_without_a_body_location_wait_beside_those_with_one() -> None:
    # Rows written before every article had a text file carry no location.
    from storage.deferred_refs import DeferredRefs, _waiting_bodies
    from storage.text_refs import TextRefs

    refs = [("bodies-1", 0, 10), None, ("bodies-1", 10, 5), None, ("bodies-2", 0, 7)]
    _, ids, found = _waiting_bodies(["a", "b", "c", "d", "e"], refs)
    table = TextRefs()
    DeferredRefs._take(2, table, ids, 0, found)
    assert {i: table.get(i) for i in "abcde"} == {
        "a": ("bodies-1", 0, 10),
        "b": None,
        "c": ("bodies-1", 10, 5),
        "d": None,
        "e": ("bodies-2", 0, 7),
    }
    _, ids, found = _waiting_bodies(["x"], [None])
    DeferredRefs._take(2, table, ids, 0, found)
    assert table.get("x") is None


def test_articles_with_an_empty_text_read_back_beside_the_others(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    store = ArticleStore(data_dir)
    store.open()
    texts = ["" if n % 3 == 0 else f"Body of item {n}." for n in range(COUNT)]
    added = store.add([replace(item(n), body=texts[n]) for n in range(COUNT)])
    store.close()
    writer = ArticleStore(data_dir)  # its open snapshots the sealed shards
    writer.open()
    writer.close()
    for first in (added[-1], added[0]):  # one shard taken in first, then the others
        store = ArticleStore(data_dir, want_writer=False)
        store.open()
        assert [store.body(a.id) for a in [first, *added]] == [texts[added.index(first)], *texts]
        store.close()
