"""A launch and the same days' first looks and reviews of the new product are
one story; other stories naming the product are not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watchlist.stories import StoryGrouper, story_features

DAY = datetime(2026, 3, 10, 15, tzinfo=UTC)
GOOGLE = {"company:google": 2}
LAUNCH = [("launch", "company:google")]


def filled(count: int = 30) -> StoryGrouper:
    """A grouper holding articles about nothing, so product names are rare."""
    grouper = StoryGrouper()
    for n in range(count):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")
    return grouper


def add_launch(grouper: StoryGrouper) -> None:
    grouper.add(
        "launch",
        "Google's new Gemini model can browse for an hour on its own",
        "Google on Tuesday released a new Gemini model that it says can carry out "
        "web tasks for an hour without help.",
        GOOGLE,
        DAY,
        "en",
        LAUNCH,
    )


def test_a_newsletters_first_look_at_the_new_product_joins_its_launch():
    grouper = filled()
    add_launch(grouper)
    grouper.add(
        "look",
        "Bench Log #41: Google's hour-long browser agent, tried",
        "We gave the new Gemini model a travel booking and a tax form. It finished one.",
        {"company:google": 1},
        DAY + timedelta(days=1),
        "en",
    )
    assert grouper.group_of("launch") == ["launch", "look"]


def test_a_review_in_another_language_presenting_the_product_as_new_joins():
    grouper = filled()
    add_launch(grouper)
    grouper.add(
        "analise",
        "Testamos o agente do Google que navega sozinho",
        "O novo Gemini do Google completou metade das tarefas que pedimos em uma tarde.",
        {"company:google": 1},
        DAY + timedelta(days=1),
        "pt",
    )
    grouper.add(
        "ulasan",
        "Menjajal Agen Google yang Bisa Menjelajah Sendiri",
        "Kami mencoba model Gemini terbaru dari Google untuk memesan tiket kereta.",
        {"company:google": 1},
        DAY + timedelta(days=2),
        "id",
    )
    assert grouper.group_of("launch") == ["launch", "analise", "ulasan"]


def test_a_story_naming_the_product_without_presenting_it_as_new_stays_apart():
    grouper = filled()
    add_launch(grouper)
    grouper.add(
        "outage",
        "Google's Gemini goes down for three hours",
        "Users could not reach Gemini on Wednesday morning; Google blamed a faulty update.",
        GOOGLE,
        DAY + timedelta(days=1),
        "en",
    )
    assert grouper.group_of("launch") == ["launch"]


def test_another_new_product_of_the_company_the_same_day_stays_apart():
    grouper = filled()
    add_launch(grouper)
    grouper.add(
        "phone",
        "Hands-on: Google's new Pixel Fold is thinner",
        "The new Pixel Fold is two millimetres thinner and ships in April.",
        GOOGLE,
        DAY,
        "en",
    )
    assert grouper.group_of("launch") == ["launch"]


def test_a_review_weeks_after_the_launch_is_another_story():
    grouper = filled()
    add_launch(grouper)
    grouper.add(
        "later",
        "Bench Log #44: Google's browser agent, a month on",
        "A month later, the new Gemini model still trips over tax forms.",
        {"company:google": 1},
        DAY + timedelta(days=30),
        "en",
    )
    assert grouper.group_of("launch") == ["launch"]


def test_new_presents_only_the_names_that_follow_it_in_its_sentence():
    features = story_features(
        "Google adds Gemini to new Chromebooks",
        "The company set new rules. Gemini will be free for students, and the latest "
        "Nest speakers get it too; model Veo terbaru hadir.",
        GOOGLE,
    )
    assert features.novel == {"chromebooks", "nest", "veo"}
