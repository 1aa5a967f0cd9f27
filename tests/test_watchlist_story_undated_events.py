"""Story grouping: an undated telling whose event contradicts a dated one's."""

from __future__ import annotations

from datetime import UTC, datetime

from watchlist.stories import StoryGrouper

LEIKE = {"person:jan-leike": 2, "company:openai": 1, "company:anthropic": 2}
FIRST = datetime(2024, 5, 28, tzinfo=UTC)
SECOND = datetime(2025, 9, 1, tzinfo=UTC)


def _grouper() -> StoryGrouper:
    grouper = StoryGrouper()
    for n in range(12):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, FIRST, "en")
    grouper.add(
        "first",
        "Jan Leike leaves OpenAI for Anthropic",
        "Jan Leike said on Tuesday he had left OpenAI and joined Anthropic.",
        LEIKE,
        FIRST,
        "en",
        [
            ("departure", "person:jan-leike", (("from", "company:openai"),)),
            ("hire", "person:jan-leike", (("from", "company:openai"), ("to", "company:anthropic"))),
        ],
    )
    grouper.add(
        "second",
        "Jan Leike leaves Anthropic to start a lab",
        "Jan Leike said on Monday he had left Anthropic to found a research lab.",
        LEIKE,
        SECOND,
        "en",
        [("departure", "person:jan-leike", (("from", "company:anthropic"),))],
    )
    return grouper


def test_an_undated_second_departure_joins_the_departure_it_tells():
    grouper = _grouper()
    # The body recalls the earlier hire ("setahun setelah bergabung"): read
    # as a hire to Anthropic, it agrees with the first story's hire, but the
    # departure it tells is from Anthropic, not from OpenAI.
    grouper.add(
        "undated",
        "Jan Leike Hengkang Lagi, Kali Ini dari Anthropic",
        "Jan Leike meninggalkan Anthropic setahun setelah bergabung.",
        LEIKE,
        None,
        "id",
        [
            ("departure", "person:jan-leike", (("from", "company:anthropic"),)),
            ("hire", "person:jan-leike", (("to", "company:anthropic"),)),
        ],
    )
    assert grouper.groups() == [["second", "undated"]]
