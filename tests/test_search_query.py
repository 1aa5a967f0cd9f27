"""Search as a reader types it: accents and case never matter, "phrases", OR,
-word, and field prefixes (title:, source:, lang:, tag:, person:/company:)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from core.listing import open_store_with_seeds
from storage.records import SEED_FEED_ID, NewArticle
from storage.search import _INDEXES, search_articles
from storage.search_query import parse_query
from storage.store import ArticleStore
from tests.app_support import make_app, wait_for
from tests.conftest import SEEDS_DIR
from tests.test_watchlist_screen import WATCHLIST


def seeded(data_dir: Path) -> tuple[ArticleStore, dict[str, str]]:
    store = open_store_with_seeds(data_dir, SEEDS_DIR)
    by_start = {a.title[:12]: a.id for a in store.articles()}
    return store, by_start


def titles(store: ArticleStore, ids: list[str]) -> set[str]:
    return {store.get(i).title[:12] for i in ids}  # type: ignore[union-attr]


def test_accents_and_case_never_matter_in_the_seeds(tmp_path: Path) -> None:
    store, _ = seeded(tmp_path / "data")
    portuguese = "Um ex -engen"  # its body opens "Início Tecnologia"
    assert portuguese in titles(store, search_articles(store, "seguranca"))
    assert portuguese in titles(store, search_articles(store, "inicio"))
    assert portuguese in titles(store, search_articles(store, "INÍCIO"))
    assert portuguese in titles(store, search_articles(store, "Segurança"))
    store.close()


def test_phrases_or_and_negation_in_the_seeds(tmp_path: Path) -> None:
    store, _ = seeded(tmp_path / "data")
    brain = set(search_articles(store, "brain"))
    assert brain
    # The phrase "brain drain" is in the Indonesian seeds; "drain brain" in none.
    assert set(search_articles(store, '"brain drain"')) == brain
    assert search_articles(store, '"drain brain"') == []
    # OR: either word; AND with the next word.
    leike = set(search_articles(store, "leike"))
    assert set(search_articles(store, "leike OR brain")) == leike | brain
    assert set(search_articles(store, "leike OR brain openai")) == (leike | brain) & set(
        search_articles(store, "openai")
    )
    # -word drops what holds it; alone it is everything else.
    assert (
        set(search_articles(store, "openai -brain"))
        == set(search_articles(store, "openai")) - brain
    )
    everything = {a.id for a in store.articles()}
    assert set(search_articles(store, "-brain")) == everything - brain
    # title: looks at titles only.
    assert titles(store, search_articles(store, "title:ENGENHEIRO")) == {"Um ex -engen"}
    assert search_articles(store, "title:seguranca") == []  # only in its body
    assert search_articles(store, "seguranca")
    store.close()


def test_the_query_language() -> None:
    query = parse_query('title:"model card" OR gpt -rumour 12:30 person:altman OR')
    (first, second, third, fourth) = query.groups
    assert [(t.text, t.field, t.phrase) for t in first] == [
        ("model card", "title", True),
        ("gpt", None, False),
    ]
    assert second[0].negated and second[0].text == "rumour"
    assert third[0].text == "12:30" and third[0].field is None
    assert fourth[0].field == "entity"


def _generated(tmp_path: Path) -> None:
    """A generated archive: three feeds, one tagged, in two languages."""
    (tmp_path / "feeds.toml").write_text(
        WATCHLIST
        + """
[[sources]]
name = "The Verge AI"
url = "http://127.0.0.1:9/verge.xml"
tags = ["news"]
[[sources]]
name = "Lab Blog"
url = "http://127.0.0.1:9/lab.xml"
tags = ["labs"]
"""
    )
    from ingest.config import load_config

    verge, lab = (s.id for s in load_config(tmp_path / "feeds.toml").sources)
    store = ArticleStore(tmp_path / "data")
    store.open()
    store.add(
        [
            NewArticle(
                feed_id=verge if n % 2 else lab,
                guid=f"g{n}",
                title=f"Generated story {n} about {'robots' if n % 3 else 'rockets'}",
                link=None,
                published=datetime(2026, 1, 1 + n % 28, tzinfo=UTC),
                body=f"body {n} about segurança e início" if n % 5 == 0 else f"body {n}",
            )
            for n in range(60)
        ]
    )
    store.close()


async def test_field_prefixes_in_the_running_app(tmp_path: Path) -> None:
    _generated(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        library = app.library
        await wait_for(pilot, lambda: len(library.state.articles) == 65)
        # The index is built in the background once the archive is open,
        # before anyone searches.
        await wait_for(pilot, lambda: library.service.store in _INDEXES)
        articles = library.state.articles

        async def found(query: str) -> set[str]:
            return set(await library.search(query))

        verge = {i for i, a in articles.items() if library.source_name(a) == "The Verge AI"}
        assert len(verge) == 30
        assert await found("source:verge") == verge
        assert await found("source:VERGE robots") == {
            i for i in verge if "robots" in articles[i].title
        }
        assert await found("tag:labs") == {
            i for i, a in articles.items() if library.source_name(a) == "Lab Blog"
        }
        assert await found("-tag:labs -tag:news") == {
            i for i, a in articles.items() if a.feed_id == SEED_FEED_ID
        }
        portuguese = {i for i, a in articles.items() if a.language == "pt"}
        assert portuguese and await found("lang:pt") == portuguese
        assert await found("seguranca source:verge") == {
            i for i in verge if "segurança" in (app.library.service.store.body(i) or "")
        }

        def leike_ids() -> set[str]:
            items = library.state.articles.items()
            return {i for i, a in items if any("leike" in e for e in a.entities)}

        await wait_for(pilot, lambda: bool(leike_ids()), timeout=60)  # enrichment tags them
        leike = leike_ids()
        assert leike and await found("person:leike") == leike
        assert await found('person:"jan leike" OR company:twilio') >= leike
