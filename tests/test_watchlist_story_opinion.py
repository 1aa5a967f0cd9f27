"""Story grouping: an analysis, a column or an opinion piece is a story of its own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from watchlist.stories import StoryGrouper
from watchlist.story_kinds import headline_opinion

DAY = datetime(2025, 6, 2, tzinfo=UTC)
LEIKE = {"person:jan-leike": 2, "company:anthropic": 2}
LEFT = ("departure", "person:jan-leike", (("from", "company:anthropic"),))


@pytest.mark.parametrize(
    "title",
    [
        "Analysis: why Anthropic keeps losing its safety researchers",
        "Opini: Pintu Putar di Laboratorium AI",
        "Opinião | O que a saída de Leike diz sobre a Anthropic",
        "COLUMN-The lab that cannot keep its founders",
        "Kolom: Ke Mana Para Peneliti Pergi",
        "What Jan Leike's exit says about Anthropic's safety team",
        "Por que a saída de Jan Leike preocupa a Anthropic",
        "Mengapa Jan Leike Hengkang dari Anthropic?",
    ],
)
def test_a_headline_presenting_an_opinion_or_an_analysis(title):
    assert headline_opinion(title)


@pytest.mark.parametrize(
    "title",
    [
        "Jan Leike leaves Anthropic",
        "Opinion polls favour tighter AI rules",
        "Analysis-driven startup raises $5 million",
        "Analysts expect Anthropic to raise again: sources",
        "What Anthropic released on Monday",
        "Apa Itu Claude Code",
    ],
)
def test_a_news_headline_is_no_opinion(title):
    assert not headline_opinion(title)


def _exit(grouper: StoryGrouper) -> None:
    grouper.add(
        "exit",
        "Jan Leike leaves Anthropic to start his own lab",
        "Jan Leike said on Monday he was leaving Anthropic after two years.",
        LEIKE,
        DAY,
        "en",
        [LEFT],
    )


def test_an_analysis_retelling_an_exit_days_later_is_another_story():
    grouper = StoryGrouper()
    _exit(grouper)
    grouper.add(
        "analysis",
        "Análise: a porta giratória da Anthropic",
        "A saída de Jan Leike, dois anos depois de chegar, mostra como a Anthropic perde talentos.",
        LEIKE,
        DAY + timedelta(days=2),
        "pt",
        [("departure", "person:jan-leike", ())],
    )
    assert grouper.groups() == []


def test_a_retelling_of_the_exit_still_joins_it():
    grouper = StoryGrouper()
    _exit(grouper)
    grouper.add(
        "retold",
        "Jan Leike deixa a Anthropic",
        "O pesquisador Jan Leike anunciou a saída nesta segunda-feira.",
        LEIKE,
        DAY,
        "pt",
        [LEFT],
    )
    assert grouper.groups() == [["exit", "retold"]]


def test_a_headline_asking_what_an_exit_means_is_another_story():
    grouper = StoryGrouper()
    _exit(grouper)
    grouper.add(
        "why",
        "Por que a saída de Jan Leike preocupa a Anthropic",
        "A saída de Jan Leike da Anthropic mostra como a empresa perde pesquisadores.",
        LEIKE,
        DAY + timedelta(days=3),
        "pt",
        [LEFT],
    )
    assert grouper.groups() == []
