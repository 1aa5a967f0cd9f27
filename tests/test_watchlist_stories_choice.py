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
    # "Babak Baru" (a new chapter) tells no event: the names alone match both the
    # dismissal (four days before) and the return (the same day).
    grouper = StoryGrouper()
    _ousted_then_back(grouper)
    headline = ("Calvin French-Owen dan OpenAI, Babak Baru", "", NAMES)
    grouper.add("headline", *headline, DAY + timedelta(days=4), "id")
    assert grouper.groups() == [["ousted-en", "ousted-pt"], ["back-en", "back-pt", "headline"]]


def test_an_undated_headline_telling_no_event_joins_neither_story_on_names():
    grouper = StoryGrouper()
    _ousted_then_back(grouper)
    grouper.add("headline", "Calvin French-Owen dan OpenAI, Babak Baru", "", NAMES, None, "id")
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


def _filler(grouper: StoryGrouper, count: int = 12) -> None:
    """Articles about nothing, so the tested ones' words are rare in the corpus."""
    for n in range(count):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")


LAUNCH = ("launch", "company:openai", ())
OPENAI = {"company:openai": 2}


def test_an_event_read_in_passing_days_later_does_not_join_another_story():
    # The second article is about an outage; its body recalls the launch,
    # and the rules read a launch there too. Three days apart, sharing only
    # who launched and the product's name, they are two stories.
    grouper = StoryGrouper()
    _filler(grouper)
    grouper.add(
        "launch",
        "OpenAI ships Lumen to every user",
        "OpenAI released Lumen, its new voice model, on Monday.",
        OPENAI,
        DAY,
        "en",
        [LAUNCH],
    )
    grouper.add(
        "outage",
        "OpenAI's Lumen down for hours",
        "Users could not reach Lumen, which OpenAI released on Monday, for six hours.",
        OPENAI,
        DAY + timedelta(days=3),
        "en",
        [LAUNCH],
    )
    assert grouper.groups() == []


def test_short_tellings_of_one_event_the_same_days_still_group_on_who_and_what():
    grouper = StoryGrouper()
    _filler(grouper)
    grouper.add("en", "OpenAI ships a voice model", "It is out.", OPENAI, DAY, "en", [LAUNCH])
    grouper.add(
        "id",
        "OpenAI Rilis Model Suara",
        "Sudah tersedia.",
        OPENAI,
        DAY + timedelta(days=1),
        "id",
        [LAUNCH],
    )
    assert grouper.groups() == [["en", "id"]]
