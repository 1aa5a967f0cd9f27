"""Story grouping: headlines about someone nobody watches, told in two languages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watchlist.stories import StoryGrouper

DAY = datetime(2025, 10, 14, tzinfo=UTC)


def _grouper() -> StoryGrouper:
    grouper = StoryGrouper()
    for n in range(12):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")
    grouper.add(
        "en",
        "Priya Ravensworth resigns as chief executive of Hollowbrook",
        "Priya Ravensworth said on Monday she would resign from Hollowbrook after three years.",
        {},
        DAY,
        "en",
    )
    return grouper


def test_one_unwatched_persons_departure_told_in_two_languages_groups():
    grouper = _grouper()
    grouper.add(
        "id",
        "Ravensworth Mundur dari Kursi Bos Hollowbrook",
        "Priya Ravensworth mengundurkan diri sebagai CEO perusahaan itu.",
        {},
        DAY + timedelta(days=1),
        "id",
    )
    assert grouper.groups() == [["en", "id"]]


def test_another_kind_of_story_about_the_same_unwatched_person_stays_apart():
    grouper = _grouper()
    grouper.add(
        "pt",
        "Ravensworth é processada por ex-sócios",
        "Ex-sócios da Hollowbrook processaram Priya Ravensworth na terça-feira.",
        {},
        DAY + timedelta(days=1),
        "pt",
    )
    assert grouper.groups() == []


def test_two_amounts_under_one_unwatched_name_stay_apart():
    grouper = StoryGrouper()
    grouper.add(
        "a",
        "Quillmore raises $40 million",
        "Quillmore raised $40 million on Monday.",
        {},
        DAY,
        "en",
    )
    grouper.add(
        "b",
        "Quillmore Raup Pendanaan US$90 Juta",
        "Quillmore meraup US$90 juta dari investor.",
        {},
        DAY + timedelta(days=1),
        "id",
    )
    assert grouper.groups() == []
