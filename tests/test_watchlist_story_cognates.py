"""Story grouping: a headline word each language writes its own way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watchlist.stories import StoryGrouper
from watchlist.story_compare import cognate_words
from watchlist.story_features import story_features

DAY = datetime(2025, 11, 4, tzinfo=UTC)
PERSON = {"person:demis-hassabis": 2}


def _grouper() -> StoryGrouper:
    grouper = StoryGrouper()
    for n in range(12):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")
    grouper.add(
        "en",
        "Demis Hassabis says quantum computers are overhyped",
        "Demis Hassabis told a podcast on Tuesday that the machines are years from being useful.",
        PERSON,
        DAY,
        "en",
    )
    return grouper


def test_a_retelling_with_a_translated_headline_word_groups():
    grouper = _grouper()
    grouper.add(
        "pt",
        "Demis Hassabis diz que computadores quânticos são exagerados",
        "Em entrevista, o executivo afirmou que as máquinas ainda estão longe de ser úteis.",
        PERSON,
        DAY + timedelta(days=1),
        "pt",
    )
    assert grouper.groups() == [["en", "pt"]]


def test_another_remark_of_the_same_person_stays_apart():
    grouper = _grouper()
    grouper.add(
        "pt",
        "Demis Hassabis prevê cura de doenças em dez anos",
        "Em palestra, o executivo afirmou que a medicina mudará na próxima década.",
        PERSON,
        DAY + timedelta(days=1),
        "pt",
    )
    assert grouper.groups() == []


def test_words_written_alike_or_kinds_of_story_are_no_cognates():
    en = story_features("Hassabis backs startup investment", "", PERSON, DAY, "en")
    pt = story_features("Hassabis apoia startup e investimento", "", PERSON, DAY, "pt")
    assert not cognate_words(en, pt)  # "startup" alike; "investment" is a kind of story
    pt = story_features("Hassabis e os computadores", "", PERSON, DAY, "pt")
    en = story_features("Hassabis on computers", "", PERSON, DAY, "en")
    assert cognate_words(en, pt)
    assert not cognate_words(en, story_features("Hassabis on computers", "", PERSON, DAY, "en"))


def test_a_cognate_does_not_join_a_headline_telling_another_kind_of_story():
    grouper = _grouper()
    grouper.add(
        "pt",
        "Demis Hassabis apresenta chip para computadores quânticos",
        "O executivo mostrou o novo processador em um evento em Londres.",
        PERSON,
        DAY + timedelta(days=1),
        "pt",
    )
    assert grouper.groups() == []
