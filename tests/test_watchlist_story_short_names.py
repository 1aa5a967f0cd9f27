"""Story grouping: a headline writing a company by the last word of its name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from watchlist.stories import StoryGrouper
from watchlist.story_features import story_features

DAY = datetime(2025, 5, 6, tzinfo=UTC)
LAB = {"company:google-deepmind": 2}


def test_the_last_word_of_a_companys_name_names_it_in_a_headline():
    short = story_features("DeepMind system tops weather benchmark", "", LAB, DAY, "en")
    assert short.title_names == {"company:google-deepmind"}
    # Written in lower case it is a word, not the name.
    ssi = {"company:safe-superintelligence": 1}
    plain = story_features("Why superintelligence worries regulators", "", ssi, DAY, "en")
    assert plain.title_names == frozenset()


def test_a_headline_with_the_short_name_groups_with_one_with_the_full_name():
    grouper = StoryGrouper()
    for n in range(12):
        grouper.add(f"f{n}", f"Filler {n}", "Nothing here.", {}, DAY, "en")
    grouper.add(
        "en",
        "DeepMind system wins gold at the Baltic Informatics Cup",
        "Google DeepMind said its system solved every task at the Baltic Informatics Cup.",
        LAB,
        DAY,
        "en",
    )
    grouper.add(
        "pt",
        "Google DeepMind leva ouro na Baltic Informatics Cup",
        "O sistema do Google DeepMind resolveu todas as tarefas da Baltic Informatics Cup.",
        LAB,
        DAY + timedelta(days=1),
        "pt",
    )
    assert grouper.groups() == [["en", "pt"]]
