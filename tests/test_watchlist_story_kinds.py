"""Story grouping: the kind of story a headline tells, in each language's words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from watchlist.stories import StoryGrouper
from watchlist.story_kinds import headline_kinds

DAY = datetime(2025, 9, 9, tzinfo=UTC)
PAIR = {"company:microsoft": 2, "company:openai": 2}


def _filler(grouper: StoryGrouper, count: int = 12) -> None:
    for n in range(count):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")


def test_headline_kinds_in_three_languages():
    assert headline_kinds("Kestrel's research chief is leaving the company") == {"departure"}
    assert headline_kinds("Pesquisadora confirma saída da Kestrel") == {"departure"}
    assert headline_kinds("Peneliti Kestrel Resmi Pamit") == {"departure"}
    assert headline_kinds("Kestrel and Wren Sign Memorandum") == {"deal"}
    assert headline_kinds("Kestrel dan Wren Teken Nota Kesepahaman") == {"deal"}
    assert headline_kinds("Kestrel diz que saiba mais") == frozenset()  # "saiba" is no "sai"


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        # One kind of story told in two languages' own words groups.
        (
            "Microsoft e OpenAI fecham acordo",
            "As duas empresas assinaram na terça-feira.",
            [["deal", "other"]],
        ),
        # Another kind of story about the same companies does not.
        (
            "Autores processam Microsoft e OpenAI",
            "Um grupo de escritores foi à Justiça na terça-feira.",
            [],
        ),
    ],
    ids=["same-kind", "other-kind"],
)
def test_two_headlines_group_when_they_tell_one_kind_of_story(title, text, expected):
    grouper = StoryGrouper()
    _filler(grouper)
    grouper.add(
        "deal",
        "Microsoft and OpenAI sign a deal on cloud capacity",
        "The two companies signed the agreement on Tuesday.",
        PAIR,
        DAY,
        "en",
    )
    grouper.add("other", title, text, PAIR, DAY + timedelta(days=1), "pt")
    assert grouper.groups() == expected


PERSON = {"person:calvin-french-owen": 2, "company:openai": 2}
OUSTED = ("fired", "person:calvin-french-owen", (("from", "company:openai"),))


def _ousted(grouper: StoryGrouper) -> None:
    _filler(grouper)
    grouper.add(
        "ousted",
        "OpenAI removes Calvin French-Owen as research chief",
        "The board said Calvin French-Owen would leave OpenAI at once.",
        PERSON,
        DAY,
        "en",
        [OUSTED],
    )


def test_a_headline_telling_another_kind_of_story_does_not_retell_an_event_on_names():
    grouper = StoryGrouper()
    _ousted(grouper)
    grouper.add("back", "Calvin French-Owen Balik ke OpenAI", "", PERSON, DAY + timedelta(3), "id")
    assert grouper.groups() == []


def test_a_headline_telling_the_same_kind_still_retells_it():
    grouper = StoryGrouper()
    _ousted(grouper)
    title = "Calvin French-Owen Dicopot dari OpenAI"
    grouper.add("out", title, "", PERSON, DAY + timedelta(3), "id")
    assert grouper.groups() == [["ousted", "out"]]


SRINIVAS = {"person:aravind-srinivas": 2, "company:amazon": 2}
HIRED = ("hire", "person:aravind-srinivas", (("to", "company:amazon"),))


def _hired(grouper: StoryGrouper) -> None:
    _filler(grouper)
    grouper.add(
        "hire",
        "Amazon hires Aravind Srinivas to run its shopping assistant",
        "Aravind Srinivas will lead a new assistant unit at Amazon, the company said on Tuesday.",
        SRINIVAS,
        DAY,
        "en",
        [HIRED],
    )


def test_a_later_deal_recalling_a_hire_in_its_body_is_another_story():
    grouper = StoryGrouper()
    _hired(grouper)
    grouper.add(
        "fee",
        "Amazon paying Perplexity $900 million in licensing deal, report says",
        "Amazon agreed to pay Perplexity about $900 million to license its search index,"
        " two days after hiring Aravind Srinivas, a newspaper reported.",
        {"company:amazon": 2, "company:perplexity": 2, "person:aravind-srinivas": 1},
        DAY + timedelta(days=2),
        "en",
        [HIRED],
    )
    assert grouper.groups() == []


def test_a_retelling_of_the_hire_under_the_persons_name_still_joins_it():
    grouper = StoryGrouper()
    _hired(grouper)
    grouper.add(
        "retold",
        "Aravind Srinivas Gabung Amazon",
        "Srinivas akan memimpin unit asisten belanja, Selasa (9/9/2025).",
        SRINIVAS,
        DAY + timedelta(days=1),
        "id",
        [HIRED],
    )
    assert grouper.groups() == [["hire", "retold"]]
