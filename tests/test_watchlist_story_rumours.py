"""Story grouping: a report of talks and its confirmation days later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from watchlist.stories import StoryGrouper
from watchlist.story_kinds import headline_rumour

DAY = datetime(2025, 3, 3, tzinfo=UTC)
PAIR = {"company:apple": 2, "company:mistral-ai": 2}
ROUND = ("funding", "company:mistral-ai", (("investor", "company:apple"),))


def test_headlines_reporting_talks_or_hearsay_in_three_languages():
    assert headline_rumour("Apple in talks to back Mistral AI")
    assert headline_rumour("Apple Dikabarkan Suntik Mistral AI")
    assert headline_rumour("Apple negocia aporte na Mistral AI")
    # A plan stated as such is not hearsay; its execution is a story of its own.
    assert not headline_rumour("Apple plans to back Mistral AI")
    assert not headline_rumour("Apple backs Mistral AI")


def _grouper(rumour_title: str, later: timedelta, confirmation: str) -> StoryGrouper:
    grouper = StoryGrouper()
    for n in range(12):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")
    grouper.add(
        "rumour",
        rumour_title,
        "Apple is discussing an investment in Mistral AI, according to people familiar.",
        PAIR,
        DAY,
        "en",
    )
    grouper.add(
        "confirmed",
        confirmation,
        "A Apple vai investir na Mistral AI, disseram as empresas na segunda-feira.",
        PAIR,
        DAY + later,
        "pt",
        [ROUND],
    )
    return grouper


@pytest.mark.parametrize(
    ("rumour_title", "later", "confirmation", "expected"),
    [
        # Talks reported, then the investment confirmed a week later: one story.
        (
            "Apple in talks to invest in Mistral AI",
            timedelta(days=7),
            "Apple investe na Mistral AI",
            [["rumour", "confirmed"]],
        ),
        # A plan a week before is a story of its own.
        (
            "Apple plans to invest in Mistral AI",
            timedelta(days=7),
            "Apple investe na Mistral AI",
            [],
        ),
        # Talks weeks before the deal are another story.
        (
            "Apple in talks to invest in Mistral AI",
            timedelta(days=30),
            "Apple investe na Mistral AI",
            [],
        ),
        # Talks about one kind of deal, then another kind: two stories.
        (
            "Apple in talks to invest in Mistral AI",
            timedelta(days=7),
            "Apple processa a Mistral AI",
            [],
        ),
    ],
    ids=["talks-confirmed", "plan", "weeks-later", "other-kind"],
)
def test_talks_and_their_confirmation(rumour_title, later, confirmation, expected):
    assert _grouper(rumour_title, later, confirmation).groups() == expected
