"""Story grouping: one deal's amounts as each telling states them (whole or in parts,
converted, or only some of them)."""

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


ROUND = "USD:2000000000"
VALUATION = "USD:30000000000"


def _round_and_retelling(grouper: StoryGrouper, body: str, amount: str, day=None) -> None:
    grouper.add(
        "round",
        "Kestrel raises $2 billion at a $30 billion valuation",
        "Kestrel raised $2 billion in a new round. Investors value it at $30 billion.",
        NAMES,
        DAY,
        "en",
        [("funding", "company:kestrel", (("amount", ROUND),))],
    )
    grouper.add(
        "retold",
        "Kestrel Raih Pendanaan Baru",
        body,
        NAMES,
        day,
        "id",
        [("funding", "company:kestrel", (("amount", amount),))],
    )


def test_a_retelling_stating_only_amounts_the_other_states_is_one_deal():
    # Its only amount, the valuation, was read as the round's.
    grouper = StoryGrouper()
    _round_and_retelling(grouper, "Kestrel kini bernilai US$30 miliar.", VALUATION)
    assert grouper.groups() == [["round", "retold"]]


def test_a_retelling_in_another_currency_besides_the_amount_is_one_deal():
    grouper = StoryGrouper()
    _round_and_retelling(
        grouper,
        "Kestrel meraup Rp 33 triliun, atau US$2 miliar, dengan valuasi US$30 miliar.",
        "IDR:33000000000000",
        DAY + timedelta(days=1),
    )
    assert grouper.groups() == [["round", "retold"]]


def test_an_amount_the_other_never_states_beside_another_is_another_deal():
    # A later round that recalls the earlier one's amount states one of its own.
    grouper = StoryGrouper()
    _round_and_retelling(
        grouper,
        "Kestrel meraup US$3 miliar, setelah US$2 miliar sebelumnya.",
        "USD:3000000000",
        DAY + timedelta(days=1),
    )
    assert grouper.groups() == []
