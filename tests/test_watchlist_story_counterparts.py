"""Story grouping: one company's deals with two counterparts days apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watchlist.stories import StoryGrouper

DAY = datetime(2025, 8, 4, tzinfo=UTC)
AMAZON = {"company:amazon": 2}
BOUGHT = [("acquisition", "company:amazon", ())]


def _first_deal(grouper: StoryGrouper) -> None:
    for n in range(12):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")
    grouper.add(
        "kinetik",
        "Amazon buys warehouse robotics startup Kinetik",
        "Amazon has acquired Kinetik, which builds picking robots, the company said on Monday.",
        AMAZON,
        DAY,
        "en",
        BOUGHT,
    )
    grouper.add(
        "kinetik-pt",
        "Amazon compra a Kinetik",
        "A startup de robôs de armazém foi adquirida pela Amazon nesta segunda-feira (4).",
        AMAZON,
        DAY,
        "pt",
        BOUGHT,
    )


def test_the_next_deal_whose_body_recalls_the_first_is_another_story():
    grouper = StoryGrouper()
    _first_deal(grouper)
    grouper.add(
        "pallet",
        "Amazon Caplok Pallet Labs",
        "Amazon mengakuisisi startup Pallet Labs, Rabu (6/8/2025),"
        " dua hari setelah membeli Kinetik.",
        AMAZON,
        DAY + timedelta(days=2),
        "id",
        BOUGHT,
    )
    assert grouper.groups() == [["kinetik", "kinetik-pt"]]


def test_a_later_retelling_naming_the_same_startup_still_joins():
    grouper = StoryGrouper()
    _first_deal(grouper)
    grouper.add(
        "later",
        "Amazon Caplok Kinetik",
        "Amazon mengakuisisi startup robot gudang Kinetik, Senin (4/8/2025).",
        AMAZON,
        DAY + timedelta(days=1),
        "id",
        BOUGHT,
    )
    assert grouper.groups() == [["kinetik", "kinetik-pt", "later"]]
