"""Story grouping: one deal's amount told whole in one telling and in parts in another."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watchlist.stories import StoryGrouper

DAY = datetime(2025, 4, 8, tzinfo=UTC)
NAMES = {"company:kestrel": 2, "company:wren": 2, "company:talon": 2}
AMOUNT = "USD:9000000000"


def _whole_and_parts(grouper: StoryGrouper, parts: str) -> None:
    grouper.add(
        "whole",
        "Wren and Talon to put up to $9 billion into Kestrel",
        "Wren and Talon will invest up to $9 billion in Kestrel, the companies said.",
        NAMES,
        DAY,
        "en",
        [("funding", "company:kestrel", (("investor", "company:wren"), ("amount", AMOUNT)))],
    )
    grouper.add(
        "parts",
        "Wren dan Talon Suntik Kestrel",
        f"Wren akan berinvestasi hingga {parts} di Kestrel.",
        NAMES,
        DAY + timedelta(days=1),
        "id",
        [("funding", "company:kestrel", (("investor", "company:wren"),))],
    )


def test_a_total_and_its_parts_are_one_deal():
    grouper = StoryGrouper()
    _whole_and_parts(grouper, "US$4 miliar dan Talon hingga US$5 miliar")
    assert grouper.groups() == [["whole", "parts"]]


def test_other_amounts_are_another_deal():
    grouper = StoryGrouper()
    _whole_and_parts(grouper, "US$4 miliar dan Talon hingga US$6 miliar")
    assert grouper.groups() == []
