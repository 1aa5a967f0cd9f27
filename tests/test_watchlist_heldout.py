"""The issue-14 targets, measured on the held-out test halves (tests/data/signal).

Each test half was committed before the rules it measures changed and is
never used to tune rules; the development halves are. Every half's figures
are printed (run with -s, or `python -m watchlist.evaluate`), per language;
the targets are asserted on the test halves only. Events are measured on
every test half: the first one's event misses were seen while tuning, so the
event-only sets' test halves (events-test, and events3-test, written after
events-test had been measured) are the honest figures. events4-dev,
events7-dev and events9-dev have no test half: their figures are printed,
never asserted. events5-test was written after events4-dev had been tuned on
and committed before the rules changed again, and events8-test and
stories5-test before any rule changed after them; events10-test and
stories7-test, events11-test and stories8-test too. stories4-dev and
stories6-dev, story sets for development only, are printed and never
asserted either.
"""

from __future__ import annotations

import pytest

from watchlist.evaluate import (
    DEV_ONLY,
    EVENT_HALVES,
    HALVES,
    MENTION_HALVES,
    STORY_DEV_ONLY,
    STORY_HALVES,
    held_out_reports,
)
from watchlist.scoring import Report

MENTION_PRECISION, MENTION_RECALL = 0.98, 0.97
EVENT_PRECISION, EVENT_RECALL = 0.95, 0.90
GROUPING_PRECISION, GROUPING_RECALL = 0.98, 0.90


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    found = held_out_reports()
    for half in HALVES + MENTION_HALVES + EVENT_HALVES + STORY_HALVES + DEV_ONLY + STORY_DEV_ONLY:
        report = found[half]
        assert isinstance(report, Report)
        print(f"\n{half} half")
        for name, table in (("mentions", report.mentions), ("events", report.events)):
            for lang in ("en", "id", "pt", "all"):
                if lang in table:
                    print(f"  {name:8} {lang:3} {table[lang].line()}")
        for pair, tally in sorted(report.story_pairs.items()):
            print(f"  stories  {pair:5} {tally.line()}")
        print(f"  stories  all   {report.stories.line()}")
    return found  # type: ignore[return-value]


def test_the_halves_are_big_multilingual_and_cover_the_classes(reports):
    for half in HALVES:
        mentions = reports[half].mentions
        for lang in ("en", "id", "pt"):
            assert mentions[lang].tp + mentions[lang].fn >= 80, (half, lang)
        assert reports[half].events["all"].tp + reports[half].events["all"].fn >= 50
        assert reports[half].stories.tp + reports[half].stories.fn >= 8
    for half in EVENT_HALVES:
        events = reports[half].events
        # The third set is weighted to Indonesian and rich in hard negatives.
        least = 25 if half.startswith("events3") else 30
        least = 40 if half.startswith("events5") else least
        for lang in ("en", "id", "pt"):
            assert events[lang].tp + events[lang].fn >= least, (half, lang)


@pytest.mark.parametrize("lang", ["en", "id", "pt"])
def test_mentions_meet_the_targets_in_each_language(reports, lang):
    tally = reports["test"].mentions[lang]
    precision, recall, line = tally.precision, tally.recall, tally.line()
    assert precision >= MENTION_PRECISION, line
    assert recall >= MENTION_RECALL, line


@pytest.mark.xfail(
    reason="measured on the mentions12-test half when it was registered: en P 0.857 R 0.667, "
    "id P 0.875 R 0.778, pt P 1.000 R 0.556 (a name that is an everyday word, opening a sentence "
    "before an adverb, is not read as the company)",
    strict=True,
)
@pytest.mark.parametrize("lang", ["en", "id", "pt"])
def test_mentions_meet_the_targets_in_each_language_on_the_later_sets(reports, lang):
    tally = reports["mentions12-test"].mentions[lang]
    assert tally.precision >= MENTION_PRECISION, tally.line()
    assert tally.recall >= MENTION_RECALL, tally.line()


@pytest.mark.xfail(
    reason="measured on the first test half: event precision 0.895 (tp 85, fp 10), target 0.95",
    strict=True,
)
def test_event_precision_meets_the_target(reports):
    tally = reports["test"].events["all"]
    precision, line = tally.precision, tally.line()
    assert precision >= EVENT_PRECISION, line


def test_event_recall_meets_the_target(reports):
    tally = reports["test"].events["all"]
    recall, line = tally.recall, tally.line()
    assert recall >= EVENT_RECALL, line


@pytest.mark.parametrize(
    "lang",
    [
        "en",
        pytest.param(
            "id",
            marks=pytest.mark.xfail(
                reason="measured on the events-test half: Indonesian event precision 0.875 "
                "(tp 35, fp 5), target 0.95",
                strict=True,
            ),
        ),
        "pt",
    ],
)
def test_events_meet_the_targets_in_each_language_on_the_untouched_half(reports, lang):
    tally = reports["events-test"].events[lang]
    precision, recall, line = tally.precision, tally.recall, tally.line()
    assert precision >= EVENT_PRECISION, line
    assert recall >= EVENT_RECALL, line


def _short(half: str, lang: str, line: str) -> object:
    """A (half, language) whose events fall short: a strict xfail with the figures."""
    return pytest.param(
        half,
        lang,
        marks=pytest.mark.xfail(
            reason=f"measured on the {half} half: {lang} events {line}, targets P 0.95 R 0.90",
            strict=True,
        ),
        id=f"{half}-{lang}",
    )


@pytest.mark.parametrize(
    ("half", "lang"),
    [
        _short("events3-test", "en", "P 0.963 R 0.839 (tp 26, fp 1, fn 5)"),
        _short("events3-test", "id", "P 0.837 R 0.837 (tp 36, fp 7, fn 7)"),
        _short("events3-test", "pt", "P 0.960 R 0.774 (tp 24, fp 1, fn 7)"),
        _short("events5-test", "en", "P 0.789 R 0.714 (tp 30, fp 8, fn 12)"),
        _short("events5-test", "id", "P 0.900 R 0.766 (tp 36, fp 4, fn 11)"),
        _short("events5-test", "pt", "P 0.875 R 0.795 (tp 35, fp 5, fn 9)"),
        # Written by a hand that had not read the event rules, while they were
        # being tuned on the development halves: the most honest event figures.
        _short("events6-test", "en", "P 0.935 R 0.806 (tp 29, fp 2, fn 7)"),
        _short("events6-test", "id", "P 0.838 R 0.861 (tp 31, fp 6, fn 5)"),
        _short("events6-test", "pt", "P 0.912 R 0.861 (tp 31, fp 3, fn 5)"),
        # Written by another hand that had not read the rules, committed before
        # any rule changed again; measured when it was registered.
        # Never seen by the rules; measured after the construction rules.
        _short("events8-test", "en", "P 0.903 R 0.800 (tp 28, fp 3, fn 7)"),
        _short("events8-test", "id", "P 0.963 R 0.765 (tp 26, fp 1, fn 8)"),
        _short("events8-test", "pt", "P 0.971 R 0.868 (tp 33, fp 1, fn 5)"),
        # A third such hand, while the rules were tuned on development halves
        # only. At registration, before any rule saw it: en P 0.905 R 0.826,
        # id P 0.953 R 0.854, pt P 0.881 R 0.804; below, after the construction rules.
        _short("events10-test", "en", "P 0.929 R 0.848 (tp 39, fp 3, fn 7)"),
        _short("events10-test", "id", "P 0.953 R 0.854 (tp 41, fp 2, fn 7)"),
        _short("events10-test", "pt", "P 0.864 R 0.826 (tp 38, fp 6, fn 8)"),
        # A fourth such hand; measured when it was registered, before any rule saw it.
        _short("events11-test", "en", "P 0.795 R 0.795 (tp 35, fp 9, fn 9)"),
        _short("events11-test", "id", "P 0.725 R 0.744 (tp 29, fp 11, fn 10)"),
        _short("events11-test", "pt", "P 0.739 R 0.829 (tp 34, fp 12, fn 7)"),
    ],
)
def test_events_meet_the_targets_in_each_language_on_the_later_sets(reports, half, lang):
    tally = reports[half].events[lang]
    precision, recall, line = tally.precision, tally.recall, tally.line()
    assert precision >= EVENT_PRECISION, line
    assert recall >= EVENT_RECALL, line


def test_story_grouping_meets_the_targets(reports):
    tally = reports["test"].stories
    precision, recall, line = tally.precision, tally.recall, tally.line()
    assert precision >= GROUPING_PRECISION, line
    assert recall >= GROUPING_RECALL, line


def test_event_details_are_right_when_events_are_found(reports):
    # Roles, amounts and dates of the events found, where the label states them.
    for half in ("test", "events-test", "events3-test", "events5-test"):
        for key, tally in reports[half].details.items():
            recall, line = tally.recall, tally.line()
            assert recall >= 0.85, f"{half} {key}: {line}"


def test_the_story_halves_hold_enough_pairs(reports):
    for half in STORY_HALVES:
        tally = reports[half].stories
        assert tally.tp + tally.fn >= 30, half  # pairs that belong together
        assert len(reports[half].story_pairs) == 4, half  # en, id, pt and cross-language


def _story_short(half: str, line: str) -> object:
    """A story test half whose grouping falls short: a strict xfail with the figures."""
    return pytest.param(
        half,
        marks=pytest.mark.xfail(
            reason=f"measured on the {half} half {line}, target P 0.98 R 0.90", strict=True
        ),
        id=half,
    )


@pytest.mark.parametrize(
    "half",
    [
        # Retellings must group, other stories about the same people and
        # companies must not.
        _story_short(
            "stories-test",
            "after the stories4-dev grouping changes: grouping P 0.953 R 1.000 "
            "(tp 41, fp 2, fn 0; before them P 0.884 R 0.927)",
        ),
        # Written before the grouping rules changed again: follow-ups, rumours,
        # one investor's deals the same week.
        _story_short(
            "stories2-test",
            "after the stories4-dev grouping and the events7-dev event changes: grouping "
            "P 1.000 R 0.889 (tp 72, fp 0, fn 9; before them P 0.892 R 0.815)",
        ),
        # Written by a hand that had not read the grouping rules, while they
        # were being tuned on the other halves.
        _story_short(
            "stories3-test",
            "after the rules that split stories on evidence of difference, tuned on the "
            "story dev halves, which never saw it: grouping P 1.000 R 0.833 (tp 55, fp 0, "
            "fn 11; before them P 1.000 R 0.879)",
        ),
        # Written by a hand that had not read the grouping rules: retellings
        # that share only names and the event must group; one person's or
        # company's other stories must not.
        _story_short(
            "stories5-test",
            "after the stories6-dev grouping changes, which never saw it: grouping "
            "P 1.000 R 0.698 (tp 37, fp 0, fn 16; when it was registered P 1.000 R 0.642)",
        ),
        # Written by a hand that never read the rules nor ran the engine on it:
        # one company's different news the same week, two rounds a year apart.
        _story_short(
            "stories7-test",
            "after the rules that split stories on evidence of difference, validated on "
            "stories7-dev: grouping P 0.927 R 0.644 (tp 38, fp 3, fn 21; when it was "
            "registered P 0.776 R 0.644)",
        ),
        # Another such hand: retellings with new details, figures in other
        # currencies, one company's unrelated news the same day.
        _story_short(
            "stories8-test",
            "after the rules that split stories on evidence of difference, tuned on "
            "stories8-dev: grouping P 0.754 R 0.500 (tp 46, fp 15, fn 46; when it was "
            "registered P 0.652 R 0.489)",
        ),
    ],
)
def test_story_grouping_meets_the_targets_on_the_later_sets(reports, half):
    tally = reports[half].stories
    precision, recall, line = tally.precision, tally.recall, tally.line()
    assert precision >= GROUPING_PRECISION, line
    assert recall >= GROUPING_RECALL, line
