"""Article records read back from stored documents."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson

from storage.records import NO_DATE, Article, Source, from_iso, to_iso


def stored(article: Article) -> Article:
    """The article as the store reads it back: every string a fresh object."""
    return Article.from_doc(orjson.loads(orjson.dumps(article.to_doc())))


def full_article(article_id: str) -> Article:
    return Article(
        id=article_id,
        feed_id="example-feed",
        identity=f"guid:{article_id}",
        title="A title",
        link="https://example.com/a",
        published=datetime(2026, 10, 12, 16, 54, 14, tzinfo=UTC),
        first_seen=datetime(2026, 10, 13, 9, 0, tzinfo=UTC),
        language="en",
        author="Someone",
        source=Source("Outlet", "https://example.com"),
        date_precision="day",
        entities=("person:sam altman", "company:openai"),
        events=({"kind": "hire", "entity_id": "person:sam altman", "sentence": "s"},),
        links=("https://example.com/b",),
        mention_counts=(("company:openai", 1), ("person:sam altman", 3)),
        enriched="abcdef0123456789",
    )


def test_a_document_reads_back_as_the_same_article() -> None:
    article = full_article("a1")
    assert stored(article) == article
    bare = Article("a2", "f", "guid:x", "t", None, None, datetime(2026, 1, 1, tzinfo=UTC))
    bare = bare.with_changes(date_precision=NO_DATE)
    assert stored(bare) == bare


def test_an_article_without_a_date_never_claims_a_precision() -> None:
    # Archives written before NO_DATE existed stored "second" for such articles.
    undated = Article("a3", "f", "guid:y", "t", None, None, datetime(2026, 1, 1, tzinfo=UTC))
    doc = undated.to_doc()
    assert doc["date_precision"] == "second"
    assert Article.from_doc(doc).date_precision == NO_DATE == "none"


def test_iso_moments_round_trip_with_the_z_suffix() -> None:
    moment = datetime(2026, 10, 12, 16, 54, 14, tzinfo=UTC)
    assert to_iso(moment) == "2026-10-12T16:54:14Z"
    assert from_iso("2026-10-12T16:54:14Z") == moment
    assert from_iso("2026-10-12T16:54:14+00:00") == moment
    assert from_iso(None) is None and from_iso("") is None


def test_values_that_repeat_across_articles_are_held_once() -> None:
    # 100,000 articles repeat a few hundred feeds, languages, first-seen moments
    # and entity ids: each is one object, not one per article.
    first, second = stored(full_article("a1")), stored(full_article("a2"))
    assert first.feed_id is second.feed_id
    assert first.language is second.language
    assert first.date_precision is second.date_precision
    assert first.enriched is second.enriched
    assert first.first_seen is second.first_seen
    assert first.entities[0] is second.entities[0]
    assert first.mention_counts[0][0] is second.mention_counts[0][0]
