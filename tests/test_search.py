"""Search: the words of the query, folded (case and accents ignored), occur in
the title or the body; phrases, OR, -word and field prefixes combine them.

The answers are those of the obvious scan (`scan` below) in every case; the
token index behind search_articles only makes them fast.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.fold import fold, fold_words
from storage.records import NewArticle
from storage.search import search_articles
from storage.search_index import TokenIndex, TrackedArticles
from storage.search_query import parse_query
from storage.store import ArticleStore


def item(n: int, title: str = "", body: str = "", feed: str = "feed-a") -> NewArticle:
    return NewArticle(
        feed_id=feed,
        guid=f"guid-{n}",
        title=title or f"Title {n}",
        link=f"https://example.org/{n}",
        published=datetime(2025, 1, 1, tzinfo=UTC),
        body=body,
    )


def open_store(data_dir: Path, *, want_writer: bool = True) -> ArticleStore:
    store = ArticleStore(data_dir, want_writer=want_writer)
    store.open()
    return store


def scan(store: ArticleStore, query: str, fields: dict | None = None) -> set[str]:  # type: ignore[type-arg]
    """The definition: a linear scan over folded titles and bodies."""
    docs = {a.id: (a.title, store.body(a.id)) for a in store.articles()}
    result: set[str] | None = None
    for group in parse_query(query).groups:
        matched: set[str] | None = None
        for term in group:
            if term.field not in (None, "title"):
                found = set((fields or {}).get(term, ()))
            else:
                words = fold_words(term.text)
                if not words:
                    continue
                found = set()
                for article_id, (title, body) in docs.items():
                    text = " ".join(fold_words(title if term.field else f"{title}\n{body}"))
                    if term.phrase:
                        hit = " ".join(words) in text
                    else:
                        hit = all(word in text for word in words)
                    if hit:
                        found.add(article_id)
            if term.negated:
                found = set(docs) - found
            matched = found if matched is None else matched | found
        if matched is not None:
            result = matched if result is None else result & matched
    return result or set()


def titles(store: ArticleStore, query: str) -> set[str]:
    found = search_articles(store, query)
    assert len(found) == len(set(found)), "an id appears once"
    return {store.get(article_id).title for article_id in found}  # type: ignore[union-attr]


def archive(data_dir: Path, *pairs: tuple[str, str]) -> ArticleStore:
    store = open_store(data_dir)
    store.add([item(n, title, body) for n, (title, body) in enumerate(pairs)])
    return store


class TestWhatMatches:
    def test_every_word_must_occur(self, data_dir: Path) -> None:
        store = archive(
            data_dir,
            ("NVIDIA signs a chip supply deal", ""),
            ("NVIDIA results", "Revenue rose."),
            ("A chip shortage", "Supply is tight."),
        )
        assert titles(store, "nvidia chip supply") == {"NVIDIA signs a chip supply deal"}
        assert titles(store, "chip supply") == {
            "NVIDIA signs a chip supply deal",
            "A chip shortage",
        }

    def test_a_word_may_be_in_the_title_and_another_in_the_body(self, data_dir: Path) -> None:
        store = archive(data_dir, ("Altman speaks", "About OpenAI."), ("Altman", "Nothing."))
        assert titles(store, "altman openai") == {"Altman speaks"}

    def test_matches_in_the_body_alone_count(self, data_dir: Path) -> None:
        store = archive(data_dir, ("Quarterly results", "Jensen Huang said so."), ("Other", ""))
        assert titles(store, "huang") == {"Quarterly results"}

    def test_case_does_not_matter(self, data_dir: Path) -> None:
        store = archive(data_dir, ("Sam Altman", ""), ("SAM ALTMAN", ""), ("Someone else", ""))
        assert titles(store, "altman") == {"Sam Altman", "SAM ALTMAN"}
        assert titles(store, "ALTMAN") == {"Sam Altman", "SAM ALTMAN"}

    def test_case_folding_covers_other_scripts(self, data_dir: Path) -> None:
        store = archive(
            data_dir,
            ("SÃO PAULO lab opens", ""),
            ("Straße der KI", ""),
            ("İSTANBUL summit", ""),
            ("ΣΟΦΙΑ", "Ελληνικά"),
            ("人工智能大会", "北京"),
        )
        assert titles(store, "são") == {"SÃO PAULO lab opens"}
        assert titles(store, "strasse") == {"Straße der KI"}  # ß folds to ss
        assert titles(store, "İstanbul") == {"İSTANBUL summit"}
        assert titles(store, "σοφια ελληνικά") == {"ΣΟΦΙΑ"}
        assert titles(store, "智能") == {"人工智能大会"}
        assert titles(store, "京") == {"人工智能大会"}

    def test_words_inside_words_and_punctuation(self, data_dir: Path) -> None:
        store = archive(
            data_dir,
            ("OpenAI's multi-year deal", "It raised $4 billion."),
            ("Open questions", ""),
        )
        assert titles(store, "open") == {"OpenAI's multi-year deal", "Open questions"}
        assert titles(store, "penai") == {"OpenAI's multi-year deal"}
        assert titles(store, "ai's i-y $4") == {"OpenAI's multi-year deal"}
        assert titles(store, "quantum-entangled-llama") == set()

    def test_short_words_are_substrings_too(self, data_dir: Path) -> None:
        store = archive(data_dir, ("AI news", ""), ("Chips", "x"), ("Models", "y z"))
        assert titles(store, "ai") == {"AI news"}
        assert titles(store, "i") == {"AI news", "Chips"}
        assert titles(store, "s") == {"AI news", "Chips", "Models"}
        assert titles(store, "x") == {"Chips"}

    def test_a_word_never_spans_whitespace(self, data_dir: Path) -> None:
        store = archive(data_dir, ("chip supply", ""), ("chipsupply", ""))
        assert titles(store, "chipsupply") == {"chipsupply"}

    def test_an_empty_or_blank_query_finds_nothing(self, data_dir: Path) -> None:
        store = archive(data_dir, ("Anything", "at all"))
        assert search_articles(store, "") == []
        assert search_articles(store, " \t\n ") == []

    def test_an_empty_store_finds_nothing(self, data_dir: Path) -> None:
        assert search_articles(open_store(data_dir), "anything") == []


class TestKeepingUp:
    def test_articles_added_after_a_search_are_found(self, data_dir: Path) -> None:
        store = archive(data_dir, ("First", "about chips"))
        assert titles(store, "chips") == {"First"}
        store.add([item(10, "Second", "more chips"), item(11, "Third", "nothing")])
        assert titles(store, "chips") == {"First", "Second"}

    def test_a_changed_title_is_searched_under_the_new_one(self, data_dir: Path) -> None:
        store = archive(data_dir, ("Old headline", "body text"))
        [article] = store.articles()
        assert titles(store, "old") == {"Old headline"}
        store.update_articles({article.id: {"title": "Fresh headline"}})
        assert search_articles(store, "old") == []
        assert search_articles(store, "fresh body") == [article.id]

    def test_other_changes_keep_the_article_findable(self, data_dir: Path) -> None:
        store = archive(data_dir, ("Headline", "body text"))
        [article] = store.articles()
        assert search_articles(store, "headline") == [article.id]
        store.update_articles({article.id: {"enriched": "signature", "entities": ("x",)}})
        assert search_articles(store, "headline body") == [article.id]

    def test_a_read_only_instance_finds_what_the_writer_added(self, data_dir: Path) -> None:
        writer = archive(data_dir, ("Before", ""))
        [before] = writer.articles()
        reader = open_store(data_dir, want_writer=False)
        assert not reader.writer
        assert titles(reader, "before") == {"Before"}
        writer.add([item(20, "After", "new body")])
        writer.update_articles({before.id: {"title": "Before, renamed"}})
        assert titles(reader, "after") == set()  # not refreshed yet
        reader.refresh()
        assert titles(reader, "after") == {"After"}
        assert titles(reader, "renamed") == {"Before, renamed"}

    def test_a_store_reopened_is_searched_in_full(self, data_dir: Path) -> None:
        store = archive(data_dir, ("Kept", "across restarts"))
        store.close()
        assert titles(open_store(data_dir), "restarts") == {"Kept"}


def test_the_article_table_notes_every_kind_of_change_once_followed() -> None:
    table = TrackedArticles({"a": 1})
    table["b"] = 2  # nobody follows yet: nothing is noted
    assert table.changed() == set()
    table.follow()
    table["c"] = 3
    table.update({"a": 10})
    del table["b"]
    table.setdefault("d", 4)
    table.setdefault("c", 0)  # there already: no change
    assert table.changed() == {"a", "b", "c", "d"}
    assert table.changed() == set()  # each change is told once
    table.pop("a")
    table.popitem()
    assert table.changed() == {"a", "d"}
    table.clear()
    assert table.changed() == {"c"}
    assert isinstance(table, TrackedArticles) and table == {}


class TestWhyTheIndexIsExact:
    def test_casefolding_never_creates_or_removes_whitespace(self) -> None:
        # A query word holds no whitespace, so it can only occur inside one
        # whitespace-separated token of the folded text: this is what lets
        # the index look words up token by token.
        for code in range(sys.maxunicode + 1):
            char = chr(code)
            folded = char.casefold()
            assert folded, hex(code)
            assert all(c.isspace() == char.isspace() for c in folded), hex(code)


# -- against the scan, on random archives -----------------------------------------

# Few letters so that words collide often; every kind of whitespace split() knows;
# letters whose folding changes length or script.
ALPHABET = "abAB-'.$ßẞİıſΣσς京\u0307áÁ\u0301ﬁ¨\" :OR \t\n\u00a0\u2003\u3000"
texts = st.text(alphabet=ALPHABET, max_size=30)
queries = st.text(alphabet=ALPHABET, max_size=8)


@settings(max_examples=500, deadline=None)
@given(
    documents=st.lists(st.tuples(texts, texts), max_size=12),
    retitled=st.lists(st.tuples(st.integers(0, 11), texts), max_size=4),
    query=queries,
    # Rare tokens' arrays, frequent tokens' bitsets, and the moves between them.
    dense_ratio=st.sampled_from([1, 3, 10**9]),
    settle_every=st.sampled_from([1, 2, 2048]),
)
def test_the_token_index_agrees_with_the_scan(
    documents: list[tuple[str, str]],
    retitled: list[tuple[int, str]],
    query: str,
    dense_ratio: int,
    settle_every: int,
) -> None:
    index = TokenIndex(dense_ratio=dense_ratio, settle_every=settle_every)
    current = {f"id{n}": pair for n, pair in enumerate(documents)}
    index.add((article_id, title, body) for article_id, (title, body) in current.items())
    for n, title in retitled:
        if f"id{n}" in current:
            body = current[f"id{n}"][1]
            current[f"id{n}"] = (title, body)
            index.add([(f"id{n}", title, body)])
    words = fold_words(query)
    expected = {
        article_id
        for article_id, (title, body) in current.items()
        if words and all(word in fold(f"{title}\n{body}") for word in words)
    }
    found = index.search(words) if words else []
    assert sorted(found) == sorted(expected)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    first=st.lists(st.tuples(texts, texts), min_size=1, max_size=6),
    later=st.lists(st.tuples(texts, texts), max_size=4),
    query=queries,
)
def test_search_articles_agrees_with_the_scan(
    first: list[tuple[str, str]], later: list[tuple[str, str]], query: str
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        store = open_store(Path(directory))
        # Titles must be non-empty to be stored as given; numbering keeps them distinct.
        store.add([item(n, f"t{n} {title}", body) for n, (title, body) in enumerate(first)])
        assert set(search_articles(store, query)) == scan(store, query)
        store.add([item(100 + n, f"u{n} {t}", b) for n, (t, b) in enumerate(later)])
        assert set(search_articles(store, query)) == scan(store, query)
        store.close()


def test_a_large_archive_is_indexed_by_worker_processes_with_the_same_answers(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.search_build as search_build

    monkeypatch.setattr(search_build, "PARALLEL_FROM", 2)
    built_in_workers: list[int] = []
    real = search_build.build_in_workers

    def spy(directory: Path, entries: list, workers: int) -> object:  # type: ignore[type-arg]
        index = real(directory, entries, workers)  # raises if the workers failed
        built_in_workers.append(len(entries))
        return index

    monkeypatch.setattr(search_build, "build_in_workers", spy)
    words = ["alpha", "beta", "gamma", "Straße", "İ", "a"]
    store = archive(
        data_dir,
        *[(f"{words[n % 6]} {n}", " ".join(words[: n % 7])) for n in range(40)],
    )
    for query in ["alpha", "beta gamma", "strasse", "i̇", "a 1", "3", "nothing"]:
        assert set(search_articles(store, query)) == scan(store, query), query
    assert built_in_workers == [40]


def test_index_building_workers_run_behind_the_dashboard() -> None:
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    import storage.search_build as search_build

    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        1,
        mp_context=context,
        initializer=search_build._worker_init,
        initargs=(list(sys.path), search_build.worker_niceness()),
    ) as pool:
        worker_niceness = pool.submit(os.nice, 0).result(timeout=60)
    assert worker_niceness >= min(os.nice(0) + search_build.WORKER_NICENESS, 19)
