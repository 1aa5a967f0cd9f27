"""Story grouping: what an article joins when its matches tell several stories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watchlist.stories import StoryGrouper

DAY = datetime(2025, 3, 3, tzinfo=UTC)
NAMES = {"person:calvin-french-owen": 2, "company:openai": 2}
OUSTED = ("fired", "person:calvin-french-owen", (("from", "company:openai"),))
BACK = ("hire", "person:calvin-french-owen", (("to", "company:openai"),))


def _ousted_then_back(grouper: StoryGrouper) -> None:
    """One person's dismissal, then his return four days later, two tellings each."""
    grouper.add(
        "ousted-en",
        "OpenAI removes Calvin French-Owen as research chief",
        "The board said Calvin French-Owen would leave OpenAI at once.",
        NAMES,
        DAY,
        "en",
        [OUSTED],
    )
    grouper.add(
        "ousted-pt",
        "OpenAI afasta Calvin French-Owen",
        "Calvin French-Owen foi afastado pelo conselho da OpenAI.",
        NAMES,
        DAY,
        "pt",
        [OUSTED],
    )
    later = DAY + timedelta(days=4)
    grouper.add(
        "back-en",
        "Calvin French-Owen returns to OpenAI as research chief",
        "OpenAI said Calvin French-Owen would return with a new board.",
        NAMES,
        later,
        "en",
        [BACK],
    )
    grouper.add(
        "back-pt",
        "Calvin French-Owen volta para a OpenAI",
        "Calvin French-Owen retorna com um novo conselho.",
        NAMES,
        later,
        "pt",
        [BACK],
    )


def test_a_headline_telling_no_event_joins_only_the_nearest_of_two_stories_on_names():
    # "Balik Lagi" was not read as an event: the names alone match both the
    # dismissal (four days before) and the return (the same day).
    grouper = StoryGrouper()
    _ousted_then_back(grouper)
    headline = ("Calvin French-Owen Balik Lagi ke OpenAI", "", NAMES)
    grouper.add("headline", *headline, DAY + timedelta(days=4), "id")
    assert grouper.groups() == [["ousted-en", "ousted-pt"], ["back-en", "back-pt", "headline"]]


def test_an_undated_headline_telling_no_event_joins_neither_story_on_names():
    grouper = StoryGrouper()
    _ousted_then_back(grouper)
    grouper.add("headline", "Calvin French-Owen Balik Lagi ke OpenAI", "", NAMES, None, "id")
    assert grouper.groups() == [["ousted-en", "ousted-pt"], ["back-en", "back-pt"]]


def test_a_telling_sharing_a_rare_word_with_both_readings_of_one_story_joins_them():
    # One announcement read as a launch by one outlet and a hire by another:
    # a third telling shares the new unit's name with both, more than names.
    grouper = StoryGrouper()
    names = {"person:calvin-french-owen": 2, "company:openai": 2}
    grouper.add(
        "launch",
        "OpenAI opens Northwind Studio under Calvin French-Owen",
        "OpenAI created Northwind Studio, led by Calvin French-Owen.",
        names,
        DAY,
        "en",
        [("launch", "company:openai", ())],
    )
    grouper.add(
        "hire",
        "Calvin French-Owen Pimpin Northwind Studio",
        "OpenAI menunjuk Calvin French-Owen memimpin Northwind Studio.",
        names,
        DAY,
        "id",
        [BACK],
    )
    grouper.add(
        "quiet",
        "Northwind Studio da OpenAI terá Calvin French-Owen",
        "A OpenAI colocou Calvin French-Owen à frente do Northwind Studio.",
        names,
        DAY,
        "pt",
    )
    assert grouper.group_of("quiet") == ["launch", "hire", "quiet"]
