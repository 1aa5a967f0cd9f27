"""The search index on disk: opened at start instead of rebuilt, caught up with
whatever changed while it was closed, never trusted when damaged.

Every answer is checked against the scan of test_search.py, so a reopened or
caught-up index must answer exactly what a fresh one would.
"""

from __future__ import annotations

import weakref
from pathlib import Path

import pytest

import storage.search
import storage.search_build as search_build
from storage import search_disk
from storage.search import (
    _INDEXES,
    prepare_search,
    save_search_index,
    search_articles,
    search_caught_up,
)
from tests.test_search import item, open_store, scan

QUERIES = ["chips", "altman", "deal", "whole", "-chips", '"chip supply"', "segurança", "a"]


def reopened(data_dir: Path, *, want_writer: bool = True):  # type: ignore[no-untyped-def]
    store = open_store(data_dir, want_writer=want_writer)
    prepare_search(store)
    return store


def assert_like_the_scan(store) -> None:  # type: ignore[no-untyped-def]
    for query in QUERIES:
        assert set(search_articles(store, query)) == scan(store, query), query


@pytest.fixture
def texts_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids whose texts the index reads from the body files (to index them)."""
    seen: list[str] = []
    real = search_build.read

    def spy(directory, found, **options):  # type: ignore[no-untyped-def]
        for entry in found:
            seen.append(entry[0])
            yield from real(directory, [entry], **options)

    monkeypatch.setattr("storage.search.read", spy)
    monkeypatch.setattr(search_build, "read", spy)
    return seen


def first_archive(data_dir: Path):  # type: ignore[no-untyped-def]
    store = open_store(data_dir)
    store.add(
        [
            item(0, "Chip supply deal", "NVIDIA signs a chip supply deal."),
            item(1, "Altman speaks", "About OpenAI and segurança."),
            item(2, "Quiet day", "Nothing about chips."),
        ]
    )
    prepare_search(store)  # builds the index and saves it
    return store


def test_a_saved_index_opens_without_reading_any_text(
    data_dir: Path, texts_read: list[str]
) -> None:
    first_archive(data_dir).close()
    assert (data_dir / search_disk.INDEX_FILE).exists()
    texts_read.clear()
    store = reopened(data_dir)
    assert texts_read == []  # nothing changed: nothing is read or folded again
    assert_like_the_scan(store)


def test_a_saved_index_holds_the_archives_own_id_strings(data_dir: Path) -> None:
    # Copies of 300,000 ids would cost 24 MB of a year's archive in memory.
    first_archive(data_dir).close()
    store = reopened(data_dir)
    stored = {article_id: article_id for article_id in store._articles}
    for article_id in _INDEXES[store].tokens.ids():
        assert article_id is stored[article_id]
    assert_like_the_scan(store)


def test_a_loaded_index_is_searchable_before_it_shares_the_archives_ids(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sharing the ids costs a lookup per article (100,000 at start): the first
    # query must not wait for it, and a query between two slices answers alike.
    first_archive(data_dir).close()
    monkeypatch.setattr(storage.search, "SLICE", 1)
    shared_when_published: list[bool] = []
    answers_meanwhile: list[bool] = []

    class Published(weakref.WeakKeyDictionary):  # type: ignore[type-arg]
        def __setitem__(self, store, index) -> None:  # type: ignore[no-untyped-def]
            own = {article_id: article_id for article_id in store._articles}
            ids = [i for i in index.tokens.raw_ids() if i]
            shared_when_published.append(all(i is own.get(i) for i in ids))
            super().__setitem__(store, index)

    class Between:
        """time.sleep(0) between two slices: a search runs there."""

        @staticmethod
        def sleep(seconds: float) -> None:
            (store,) = list(storage.search._INDEXES)
            answers_meanwhile.append(
                all(
                    set(search_caught_up(store, query) or ()) == scan(store, query)
                    for query in QUERIES
                )
            )

    monkeypatch.setattr(storage.search, "_INDEXES", Published())
    monkeypatch.setattr(storage.search, "time", Between)
    store = reopened(data_dir)
    assert shared_when_published == [False]
    assert answers_meanwhile == [True, True, True]  # one a slice of one id
    stored = {article_id: article_id for article_id in store._articles}
    assert all(i is stored[i] for i in storage.search._INDEXES[store].tokens.ids())
    assert_like_the_scan(store)


def test_a_loaded_index_numbers_its_ids_when_first_asked_and_answers_alike(
    data_dir: Path,
) -> None:
    # A plain query needs no id -> number table: a first query after start
    # does not wait for one (100,000 insertions at 100,000 articles).
    store = first_archive(data_dir)
    quiet = next(a.id for a in store.articles() if a.title == "Quiet day")
    store.update_articles({quiet: {"title": "Still quiet day"}})
    store.close()
    store = reopened(data_dir)  # indexes the new title; the old title's number is retired
    save_search_index(store)
    store.close()
    store = reopened(data_dir)
    tokens = _INDEXES[store].tokens
    ids = {a.title: a.id for a in store.articles()}
    assert tokens.documents == len(ids) + 1
    assert len(tokens) == len(ids)  # before anything asked for a number
    assert set(search_articles(store, "chips")) == scan(store, "chips")
    assert tokens.ids_of(tokens.bits_of([quiet, "not-an-id"])) == [quiet]
    assert tokens.has_title(quiet, "Still quiet day")
    assert not tokens.has_title(quiet, "Quiet day")
    tokens.discard(ids["Altman speaks"])
    assert len(tokens) == len(ids) - 1
    assert sorted(tokens.ids()) == sorted(i for t, i in ids.items() if t != "Altman speaks")
    assert search_articles(store, "altman") == []


def test_what_changed_while_closed_is_caught_up(data_dir: Path, texts_read: list[str]) -> None:
    # As after a crash or a daemon's polls: the archive moved on, the index file did not.
    store = first_archive(data_dir)
    ids = {a.title: a.id for a in store.articles()}
    store.add([item(10, "New chips", "whole new deal")])
    store.update_articles({ids["Quiet day"]: {"title": "Loud day"}})
    store.remove_articles([ids["Altman speaks"]])
    store._lock.release()  # a crash: nothing saved at exit
    _INDEXES.pop(store)
    texts_read.clear()
    store = reopened(data_dir)
    assert sorted(texts_read) == sorted([store.get(i).id for i in texts_read])  # type: ignore[union-attr]
    assert {store.get(i).title for i in texts_read} == {"New chips", "Loud day"}  # type: ignore[union-attr]
    assert_like_the_scan(store)
    assert search_articles(store, "altman") == []
    assert [store.get(i).title for i in search_articles(store, "loud")] == ["Loud day"]  # type: ignore[union-attr]


def test_whole_texts_are_searched_and_kept(data_dir: Path) -> None:
    store = first_archive(data_dir)
    quiet = next(a.id for a in store.articles() if a.title == "Quiet day")
    assert search_articles(store, "fabrication") == []
    store.set_full_texts({quiet: "The whole article, about wafer fabrication."})
    assert search_articles(store, "fabrication") == [quiet]
    assert search_articles(store, "chips fabrication") == [quiet]  # summary and whole text
    assert search_articles(store, '"wafer fabrication"') == [quiet]
    save_search_index(store)
    store.close()
    store = reopened(data_dir)
    assert search_articles(store, "wafer") == [quiet]


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: b"",  # empty
        lambda raw: raw[:40] + bytes(b ^ 0xFF for b in raw[40:80]) + raw[80:],  # header garbled
        lambda raw: raw[:-200] + bytes(200),  # postings zeroed
        lambda raw: b"not an index at all",
    ],
)
def test_a_damaged_index_is_rebuilt_never_fatal(data_dir: Path, damage) -> None:  # type: ignore[no-untyped-def]
    first_archive(data_dir).close()
    path = data_dir / search_disk.INDEX_FILE
    path.write_bytes(damage(path.read_bytes()))
    store = reopened(data_dir)
    assert_like_the_scan(store)
    assert search_disk.load(data_dir) is not None  # rebuilt and saved again


def test_a_lost_index_is_rebuilt(data_dir: Path) -> None:
    first_archive(data_dir).close()
    (data_dir / search_disk.INDEX_FILE).unlink()
    store = reopened(data_dir)
    assert_like_the_scan(store)


def test_a_read_only_instance_reads_the_index_but_never_writes_it(data_dir: Path) -> None:
    writer = first_archive(data_dir)
    path = data_dir / search_disk.INDEX_FILE
    before = path.stat().st_mtime_ns
    reader = reopened(data_dir, want_writer=False)
    assert not reader.writer
    writer.add([item(20, "After", "more chips")])
    reader.refresh()
    assert_like_the_scan(reader)
    save_search_index(reader)
    assert path.stat().st_mtime_ns == before


async def test_the_dashboard_reads_the_index_at_start_and_saves_what_it_learnt(
    tmp_path: Path,
) -> None:
    from tests.app_support import make_app, wait_for

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    first_archive(data_dir).close()
    saved = data_dir / search_disk.INDEX_FILE
    before = search_disk.load(data_dir)
    assert before is not None
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        library = app.library
        await wait_for(pilot, lambda: library.service.store in _INDEXES)
        assert set(await library.search("chips")) == scan(library.service.store, "chips")
        # The seeds were stored at this start: indexed now, saved at exit.
        seeds = {i for i, a in library.state.articles.items() if a.feed_id == "seeds"}
        assert seeds and seeds <= set(await library.search("-zzzz"))
    after = search_disk.load(data_dir)
    assert after is not None and len(after) == len(before) + len(seeds)
    assert saved.exists()


def test_a_search_from_another_thread_never_answers_from_a_stale_index(data_dir: Path) -> None:
    from storage.search import search_caught_up

    store = first_archive(data_dir)
    assert set(search_caught_up(store, "chips", wait=0) or ()) == scan(store, "chips")
    # Stored but not caught up yet: left to the store's thread, which catches up.
    store.add([item(30, "More chips", "")])
    assert search_caught_up(store, "chips", wait=0) is None
    assert set(search_articles(store, "chips")) == scan(store, "chips")
    assert set(search_caught_up(store, "chips", wait=0) or ()) == scan(store, "chips")
    # No index made yet for this store: nothing to answer from.
    other = open_store(data_dir.parent / "other")
    assert search_caught_up(other, "chips", wait=0) is None
    other.close()


def test_an_index_of_another_archive_is_built_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.search as search

    first_archive(data_dir).close()
    other = data_dir.parent / "other"
    store = open_store(other)
    store.add([item(n, f"Other {n}", "different words") for n in range(8)])
    store.close()
    (other / search_disk.INDEX_FILE).write_bytes((data_dir / search_disk.INDEX_FILE).read_bytes())
    monkeypatch.setattr(search, "REBUILD_FROM", 4)
    rebuilt: list[int] = []
    real = search.build
    monkeypatch.setattr(search, "build", lambda d, e: rebuilt.append(len(e)) or real(d, e))
    store = reopened(other)
    assert rebuilt == [8]
    assert_like_the_scan(store)
    assert len(search_articles(store, "different")) == 8
