"""Story grouping: a role both bodies write ("CEO Anthropic") is not what either is about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watchlist.stories import StoryGrouper

DAY = datetime(2025, 3, 3, tzinfo=UTC)
AMODEI = {"person:dario-amodei": 2, "company:anthropic": 1}


def _grouper() -> StoryGrouper:
    grouper = StoryGrouper()
    for n in range(12):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")
    grouper.add(
        "essay",
        "Dario Amodei Tulis Esai Soal Mesin Rahmat",
        "CEO Anthropic Dario Amodei menulis esai panjang tentang masa depan AI, Senin (3/3/2025).",
        AMODEI,
        DAY,
        "id",
    )
    return grouper


def test_two_stories_of_one_person_sharing_only_a_role_word_stay_apart():
    grouper = _grouper()
    grouper.add(
        "summit",
        "Dario Amodei Hadiri Pertemuan di Gedung Putih",
        "CEO Anthropic Dario Amodei bertemu pejabat pemerintah, Selasa (4/3/2025).",
        AMODEI,
        DAY + timedelta(days=1),
        "id",
    )
    assert grouper.groups() == []


def test_a_retelling_sharing_a_rare_word_besides_the_role_still_joins():
    grouper = _grouper()
    grouper.add(
        "retold",
        "Dario Amodei Terbitkan Esai Mesin Rahmat",
        "CEO Anthropic Dario Amodei merilis esai Mesin Rahmat, Senin (3/3/2025).",
        AMODEI,
        DAY,
        "id",
    )
    assert grouper.groups() == [["essay", "retold"]]
