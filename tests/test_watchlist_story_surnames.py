"""Story grouping: a headline naming by surname alone the person another telling is about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watchlist.stories import StoryGrouper, story_features

DAY = datetime(2025, 11, 4, tzinfo=UTC)
LEFT = ("departure", "person:calvin-french-owen", (("from", "company:openai"),))


def _lead(grouper: StoryGrouper) -> None:
    for n in range(12):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")
    grouper.add(
        "lead",
        "Calvin French-Owen confirms he is leaving OpenAI",
        "Calvin French-Owen said he would leave OpenAI at the end of the month.",
        {"person:calvin-french-owen": 2, "company:openai": 2},
        DAY,
        "en",
        [LEFT],
    )


def test_a_headline_writing_only_the_surname_of_the_person_a_telling_is_about_groups():
    # The matcher does not count a bare surname as the person, so the
    # retelling names only the company.
    grouper = StoryGrouper()
    _lead(grouper)
    title = "French-Owen Resmi Pamit dari OpenAI"
    grouper.add("short", title, "", {"company:openai": 1}, DAY, "id")
    assert grouper.groups() == [["lead", "short"]]


def test_a_headline_writing_another_surname_does_not():
    grouper = StoryGrouper()
    _lead(grouper)
    title = "Halvorsen Resmi Pamit dari OpenAI"
    grouper.add("short", title, "", {"company:openai": 1}, DAY, "id")
    assert grouper.groups() == []


def _amodei(grouper: StoryGrouper, counts: dict[str, int]) -> None:
    for n in range(12):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")
    grouper.add(
        "dario",
        "Amodei diz que a Anthropic vai buscar dinheiro do Golfo",
        "Em memorando, o presidente-executivo da Anthropic, Dario Amodei, admitiu a mudança.",
        {"person:dario-amodei": 2, "company:anthropic": 2},
        DAY,
        "pt",
    )
    grouper.add(
        "daniela",
        "Daniela Amodei says Anthropic will open a Tokyo office",
        "Anthropic president Daniela Amodei said on Wednesday the company would open an office.",
        counts,
        DAY + timedelta(days=1),
        "en",
    )


def test_a_surname_the_article_writes_for_a_namesake_named_in_full_is_not_the_other():
    grouper = StoryGrouper()
    _amodei(grouper, {"person:daniela-amodei": 2, "company:anthropic": 2})
    assert grouper.groups() == []


def test_a_headline_surname_shared_by_two_people_named_makes_neither_prominent():
    both = {"person:daniela-amodei": 1, "person:dario-amodei": 1, "company:anthropic": 2}
    assert story_features("Amodei: Anthropic Buka Kantor di Tokyo", "", both).people == set()
    one = {"person:daniela-amodei": 1, "company:anthropic": 2}
    assert story_features("Amodei: Anthropic Buka Kantor di Tokyo", "", one).people == {
        "person:daniela-amodei"
    }


def test_a_surnames_letters_inside_another_headline_word_do_not_make_the_person_prominent():
    # "Ng" is in "Bangun", "Su" in "Suntik": words, not the surname.
    counts = {"person:andrew-ng": 1, "person:lisa-su": 1, "company:nvidia": 2}
    title = "Nvidia Suntik Startup Robotik, Bangun Pusat Riset"
    assert story_features(title, "", counts).people == set()
    assert story_features("Ng's Startup Lands Nvidia Backing", "", counts).people == {
        "person:andrew-ng"
    }
