"""Story grouping: a headline naming by surname alone the person another telling is about."""

from __future__ import annotations

from datetime import UTC, datetime

from watchlist.stories import StoryGrouper

DAY = datetime(2025, 11, 4, tzinfo=UTC)
LEFT = ("departure", "person:calvin-french-owen", (("from", "company:openai"),))


def _lead(grouper: StoryGrouper) -> None:
    for n in range(12):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")
    grouper.add(
        "lead",
        "Calvin French-Owen confirms he is leaving OpenAI",
        "Calvin French-Owen said he would leave OpenAI at the end of the month.",
        {"person:calvin-french-owen": 2, "company:openai": 2},
        DAY,
        "en",
        [LEFT],
    )


def test_a_headline_writing_only_the_surname_of_the_person_a_telling_is_about_groups():
    # The matcher does not count a bare surname as the person, so the
    # retelling names only the company.
    grouper = StoryGrouper()
    _lead(grouper)
    title = "French-Owen Resmi Pamit dari OpenAI"
    grouper.add("short", title, "", {"company:openai": 1}, DAY, "id")
    assert grouper.groups() == [["lead", "short"]]


def test_a_headline_writing_another_surname_does_not():
    grouper = StoryGrouper()
    _lead(grouper)
    title = "Halvorsen Resmi Pamit dari OpenAI"
    grouper.add("short", title, "", {"company:openai": 1}, DAY, "id")
    assert grouper.groups() == []
