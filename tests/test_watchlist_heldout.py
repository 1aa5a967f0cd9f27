"""The issue-14 targets, measured on the held-out test halves (tests/data/signal).

Each test half was committed before the rules it measures changed and is
never used to tune rules; the development halves are. Every half's figures
are printed (run with -s, or `python -m watchlist.evaluate`), per language;
the targets are asserted on the test halves only. Events are measured on
both test halves: the first one's event misses were seen while tuning, so
the second, event-only set's test half (events-test) is the honest figure.
"""

from __future__ import annotations

import pytest

from watchlist.evaluate import EVENT_HALVES, HALVES, held_out_reports
from watchlist.scoring import Report

MENTION_PRECISION, MENTION_RECALL = 0.98, 0.97
EVENT_PRECISION, EVENT_RECALL = 0.95, 0.90
GROUPING_PRECISION, GROUPING_RECALL = 0.98, 0.90


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    found = held_out_reports()
    for half in HALVES + EVENT_HALVES:
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
        for lang in ("en", "id", "pt"):
            assert events[lang].tp + events[lang].fn >= 30, (half, lang)


@pytest.mark.parametrize("lang", ["en", "id", "pt"])
def test_mentions_meet_the_targets_in_each_language(reports, lang):
    tally = reports["test"].mentions[lang]
    precision, recall, line = tally.precision, tally.recall, tally.line()
    assert precision >= MENTION_PRECISION, line
    assert recall >= MENTION_RECALL, line


@pytest.mark.xfail(
    reason="measured on the first test half: event precision 0.902 (tp 83, fp 9), target 0.95",
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
                reason="measured on the events-test half: Indonesian event precision 0.897 "
                "(tp 35, fp 4), target 0.95",
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


def test_story_grouping_meets_the_targets(reports):
    tally = reports["test"].stories
    precision, recall, line = tally.precision, tally.recall, tally.line()
    assert precision >= GROUPING_PRECISION, line
    assert recall >= GROUPING_RECALL, line


def test_event_details_are_right_when_events_are_found(reports):
    # Roles, amounts and dates of the events found, where the label states them.
    for half in ("test", "events-test"):
        for key, tally in reports[half].details.items():
            recall, line = tally.recall, tally.line()
            assert recall >= 0.85, f"{half} {key}: {line}"
