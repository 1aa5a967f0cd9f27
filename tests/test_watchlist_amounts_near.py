"""Amounts read around currency marks: two amounts close together."""

from __future__ import annotations

import pytest

from watchlist.event_details import find_amounts


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Wrenfield raised $4 billion in a round that valued it at $52 billion, it said.",
            "en",
            {"USD:4000000000", "USD:52000000000"},
        ),
        (
            "Wrenfield meraup US$4 miliar dengan valuasi perusahaan mencapai US$52 miliar.",
            "id",
            {"USD:4000000000", "USD:52000000000"},
        ),
        (
            "A Wrenfield captou US$ 4 bilhões numa rodada que a avalia em US$ 52 bilhões.",
            "pt",
            {"USD:4000000000", "USD:52000000000"},
        ),
    ],
    ids=["en", "id", "pt"],
)
def test_the_second_of_two_close_amounts_is_read_whole(text, language, expected):
    assert find_amounts(text, language) == expected
