"""Story grouping: one company's news in two countries is two stories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from watchlist.stories import StoryGrouper
from watchlist.story_places import places

DAY = datetime(2025, 3, 11, tzinfo=UTC)
GOOGLE = {"company:google": 2, "person:sundar-pichai": 1}


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Google opens its first cloud region in Vietnam", {"VN"}),
        ("Google Buka Pusat Data di Hanoi", {"VN"}),
        ("Google abre região de nuvem nas Filipinas", {"PH"}),
        ("Coreia do Sul multa a Google", {"KR"}),
        ("North Korean hackers target Google", set()),  # a demonym is no place
        ("Korea Utara Retas Akun Google", {"KP"}),
        ("Google Kucurkan US$1 Miliar", set()),  # a currency, not the country
        ("Google investe 1 bilhão de dólares nos EUA", {"US"}),
        ("Google Tanam Modal di RI", {"ID"}),
    ],
)
def test_the_country_a_headline_names(title, expected):
    assert places(title) == expected


def _vietnam(grouper: StoryGrouper) -> None:
    for n in range(12):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")
    grouper.add(
        "vn",
        "Google to spend $900 million on a cloud region in Vietnam",
        "Sundar Pichai said in Hanoi on Tuesday that Google would open a cloud region.",
        GOOGLE,
        DAY,
        "en",
        [("funding", "company:google", (("amount", "USD:900000000"),))],
    )


def test_the_next_days_investment_in_another_country_is_another_story():
    grouper = StoryGrouper()
    _vietnam(grouper)
    grouper.add(
        "ph",
        "Google to build a cloud region in the Philippines",
        "Sundar Pichai said in Manila on Wednesday that Google would build a region,"
        " a day after announcing $900 million for Vietnam.",
        GOOGLE,
        DAY + timedelta(days=1),
        "en",
        [("funding", "company:google", (("amount", "USD:900000000"),))],
    )
    assert grouper.groups() == []


def test_a_retelling_naming_the_city_still_joins_the_country():
    grouper = StoryGrouper()
    _vietnam(grouper)
    grouper.add(
        "hanoi",
        "Google Kucurkan US$900 Juta untuk Pusat Data di Hanoi",
        "Sundar Pichai mengumumkan investasi itu di Vietnam, Selasa (11/3/2025).",
        GOOGLE,
        DAY,
        "id",
        [("funding", "company:google", (("amount", "USD:900000000"),))],
    )
    assert grouper.groups() == [["vn", "hanoi"]]
