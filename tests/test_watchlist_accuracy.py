"""Precision and recall of the matcher over the labelled mention set.

The set (tests/data/mentions/cases.jsonl) was written before the matcher was
tuned, with traps in English, Indonesian and Portuguese; its labels say who a
careful reader finds in each text under the matching rules (a bare surname
counts only when the article names the person in full). Misses and false
alarms are printed; run `python -m watchlist.evaluate --verbose` for detail.
"""

from __future__ import annotations

from collections import Counter

from watchlist.evaluate import load_cases, load_entities, score

PRECISION_TARGET = 0.98
RECALL_TARGET = 0.97


def test_labelled_set_is_big_and_multilingual():
    cases = load_cases()
    languages = Counter(case.lang for case in cases)
    assert sum(len(case.expect) for case in cases) >= 300
    assert min(languages["en"], languages["id"], languages["pt"]) >= 80
    assert sum(1 for case in cases if not case.expect) >= 60  # negatives


def test_labels_name_watched_entities_only():
    watched = {entity.id for entity in load_entities()}
    for case in load_cases():
        assert case.expect <= watched, case.id


def test_precision_and_recall():
    result = score(load_entities(), load_cases())
    print(
        f"\nmentions: precision {result.precision:.4f} recall {result.recall:.4f} "
        f"(tp {result.tp}, fp {result.fp}, fn {result.fn})"
    )
    for line in result.errors:
        print("  " + line)
    assert result.precision >= PRECISION_TARGET
    assert result.recall >= RECALL_TARGET
