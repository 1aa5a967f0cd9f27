"""The events ledger: the seeds' events with their own dates, one row per event
per story, and its filters."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.ledger import (
    LedgerFilter,
    LedgerRow,
    build_ledger,
    date_text,
    describe,
    filter_rows,
    group_stories,
    organisations,
)
from storage.records import Article
from tests.support.seed_archive import seed_store


@pytest.fixture(scope="module")
def seed_rows(tmp_path_factory: pytest.TempPathFactory) -> list[LedgerRow]:
    store = seed_store(tmp_path_factory.mktemp("seeds"))
    try:
        articles = list(store.articles())
        return build_ledger(articles, group_stories(articles, store.body))
    finally:
        store.close()


def rows_of(rows: list[LedgerRow], kind: str, who: str) -> list[LedgerRow]:
    return [row for row in rows if row.kind == kind and row.who == who]


def only(rows: list[LedgerRow], kind: str, who: str) -> LedgerRow:
    found = rows_of(rows, kind, who)
    assert len(found) == 1, found
    return found[0]


def test_french_owen_left_openai_in_2025_told_by_two_outlets_in_two_languages(seed_rows):
    row = only(seed_rows, "departure", "person:calvin-french-owen")
    assert row.role("from") == "company:openai"
    assert row.date is not None and row.date.startswith("2025")
    # The Indonesian and the Portuguese retelling are one story: one row.
    assert row.told_by == 2
    assert len(set(row.article_ids)) == 2
    assert row.outlets == ("TechCrunch", "Seed")


def test_leike_left_openai_in_may_2024(seed_rows):
    row = only(seed_rows, "departure", "person:jan-leike")
    assert row.role("from") == "company:openai"
    assert row.date is not None and row.date.startswith("2024-05")
    assert row.told_by == 1


def test_metz_and_zoph_left_and_fedus_was_appointed(seed_rows):
    metz = only(seed_rows, "departure", "person:luke-metz")
    zoph = only(seed_rows, "departure", "person:barret-zoph")
    fedus = only(seed_rows, "hire", "person:liam-fedus")
    assert metz.article_id == zoph.article_id == fedus.article_id
    assert "Fedus" in fedus.sentence
    # Their sentences do not name OpenAI; the sentence before them does.
    assert metz.role("from") == zoph.role("from") == "company:openai"
    assert fedus.role("to") == "company:openai"


def test_french_owen_leaving_to_found_a_startup_again_is_no_hire(seed_rows):
    # "... meninggalkan perusahaan untuk kembali menjadi pendiri startup"
    assert rows_of(seed_rows, "hire", "person:calvin-french-owen") == []


def test_altman_fired_is_one_row_though_four_sentences_tell_it(seed_rows):
    row = only(seed_rows, "fired", "person:sam-altman")
    assert row.told_by == 1
    assert row.dated_by == "event"


def test_altman_fired_in_november_2023(seed_rows):
    # "Pada November 2023 lalu, OpenAI ... mengumumkan pemecatan terhadap sang
    # pendiri sekaligus CEO": the founder is the one the caption before names;
    # "dikutip Selasa (4/2/2025)" is when he was quoted, not when he was fired.
    row = only(seed_rows, "fired", "person:sam-altman")
    assert row.date == "2023-11"
    assert row.role("from") == "company:openai"
    assert "Sam Altman" in row.sentence and "November 2023" in row.sentence


def test_twilio_acquired_segment_in_2020(seed_rows):
    row = only(seed_rows, "acquisition", "company:twilio")
    assert row.date == "2020"
    assert row.dated_by == "event"
    assert row.amount == "USD:3200000000"
    assert organisations(row, str) == "target company:segment, USD 3.2B"
    assert "Twilio" in row.sentence and "2020" in row.sentence


def test_twilio_acquired_segment_as_its_target(seed_rows):
    assert only(seed_rows, "acquisition", "company:twilio").role("target") == "company:segment"


def test_rows_are_newest_first_with_undated_rows_last(seed_rows):
    dated = [row.date for row in seed_rows if row.date]
    assert dated == sorted(dated, key=lambda d: d + "-12-31"[len(d) - 4 :], reverse=True)
    undated = [i for i, row in enumerate(seed_rows) if row.date is None]
    assert undated == list(range(len(seed_rows) - len(undated), len(seed_rows)))


def test_filters_by_kind_entity_and_date(seed_rows):
    departures = filter_rows(seed_rows, LedgerFilter(kinds=frozenset({"departure"})))
    assert {row.kind for row in departures} == {"departure"}
    assert {"person:jan-leike", "person:luke-metz"} <= {row.who for row in departures}
    # An organisation matches the rows it is a party to, not only its own.
    openai = filter_rows(seed_rows, LedgerFilter(entity="company:openai"))
    assert {"person:jan-leike", "person:calvin-french-owen"} <= {row.who for row in openai}
    assert "company:twilio" not in {row.who for row in openai}
    in_2024 = filter_rows(seed_rows, LedgerFilter(since="2024-01-01", until="2024-12-31"))
    assert [row.who for row in in_2024] == ["person:jan-leike"]
    # A year-precise date is within a range that overlaps its year.
    assert [
        row.who for row in filter_rows(seed_rows, LedgerFilter(since="2020-06", until="2020-07"))
    ] == ["company:twilio"]


# --- tellings merged or kept apart, on articles made for the purpose ------------------


def article(
    article_id: str,
    events: list[dict],
    *,
    published: datetime | None = None,
    outlet_feed: str = "feed",
) -> Article:
    return Article(
        id=article_id,
        feed_id=outlet_feed,
        identity=article_id,
        title=article_id,
        link=None,
        published=published,
        first_seen=datetime(2026, 1, 1, tzinfo=UTC),
        date_precision="second" if published else "none",
        events=tuple(events),
    )


def event(kind: str, who: str, sentence: str, **details) -> dict:
    return {"kind": kind, "entity_id": who, "sentence": sentence, "language": "en", **details}


def test_one_story_across_outlets_and_languages_is_one_row():
    en = article(
        "a",
        [event("departure", "person:x", "X left Acme.", roles={"from": "company:acme"})],
        published=datetime(2025, 3, 2, tzinfo=UTC),
        outlet_feed="wire",
    )
    id_ = article(
        "b",
        [event("departure", "person:x", "X mundur dari Acme pada Maret 2025.", date="2025-03")],
        published=datetime(2025, 3, 3, tzinfo=UTC),
        outlet_feed="detik",
    )
    rows = build_ledger([en, id_], {"a": ("a", "b"), "b": ("a", "b")}, lambda a: a.feed_id)
    assert len(rows) == 1
    [row] = rows
    assert row.told_by == 2 and row.outlets == ("wire", "detik")
    # What each telling adds is kept: the organisation from one, the date from the other.
    assert row.role("from") == "company:acme" and row.date == "2025-03"
    assert row.dated_by == "event"
    assert describe(row, lambda e: e.split(":")[1].title()) == "X: Left (from Acme)"


def test_separate_stories_and_contradicting_tellings_stay_apart():
    a = article("a", [event("departure", "person:x", "X left Acme in 2020.", date="2020")])
    b = article("b", [event("departure", "person:x", "X left Beta in 2024.", date="2024")])
    # Not one story: two rows.
    assert len(build_ledger([a, b])) == 2
    # One story, but another year: two events of one person.
    assert len(build_ledger([a, b], {"a": ("a", "b"), "b": ("a", "b")})) == 2
    c = article(
        "c", [event("departure", "person:x", "X left Acme.", roles={"from": "company:acme"})]
    )
    d = article(
        "d", [event("departure", "person:x", "X left Beta.", roles={"from": "company:beta"})]
    )
    assert len(build_ledger([c, d], {"c": ("c", "d"), "d": ("c", "d")})) == 2


def test_dated_by_the_earliest_telling_when_no_sentence_dates_it():
    late = article(
        "a",
        [event("hire", "person:x", "X joined Acme.")],
        published=datetime(2025, 5, 9, tzinfo=UTC),
    )
    early = article(
        "b",
        [event("hire", "person:x", "X joins Acme.")],
        published=datetime(2025, 5, 7, 13, tzinfo=UTC),
    )
    [row] = build_ledger([late, early], {"a": ("a", "b"), "b": ("a", "b")})
    assert (row.date, row.dated_by) == ("2025-05-07", "article")
    assert date_text(row) == "2025-05-07*"
    undated = article("c", [event("hire", "person:y", "Y joined Acme.")])
    [row] = build_ledger([undated])
    assert (row.date, row.dated_by, date_text(row)) == (None, "none", "undated")


def test_a_day_precise_article_date_is_the_outlets_own_day():
    # Midnight in Jakarta (UTC+7) is 17:00 the day before in UTC.
    jakarta_midnight = datetime(2025, 2, 3, 17, tzinfo=UTC)
    item = article("a", [event("fired", "person:x", "X dipecat.")], published=jakarta_midnight)
    item = item.with_changes(date_precision="day")
    [row] = build_ledger([item])
    assert row.date == "2025-02-04"


def test_rows_serialise_for_json(seed_rows):
    data = only(seed_rows, "acquisition", "company:twilio").to_dict()
    assert data["date"] == "2020" and data["precision"] == "year"
    assert data["told_by"] == 1 and data["kind"] == "acquisition"


def test_the_rows_do_not_depend_on_the_order_articles_come_in(tmp_path):
    store = seed_store(tmp_path / "data")
    articles = list(store.articles())
    stories = group_stories(articles, store.body)
    store.close()
    assert build_ledger(articles, stories) == build_ledger(list(reversed(articles)), stories)
