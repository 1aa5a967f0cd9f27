"""The event-kind table: one place, every kind firing in every language."""

from __future__ import annotations

import json

import pytest

from watchlist.entities import Entity
from watchlist.evaluate import SIGNAL, load_entities
from watchlist.event_kinds import EVENT_KINDS, KINDS, LANGUAGES, label, rules
from watchlist.events import find_events
from watchlist.matcher import Matcher

MATCHER = Matcher([*load_entities(SIGNAL / "entities.toml"), Entity.make("company", "Run:ai")])


@pytest.mark.parametrize(
    ("kind", "language"), [(k.name, lang) for k in KINDS for lang in LANGUAGES]
)
def test_each_kinds_example_fires_that_kind_and_no_other_in_each_language(kind: str, language: str):
    [entry] = [k for k in KINDS if k.name == kind]
    text = entry.examples[language]
    assert language in entry.triggers, f"{kind} has no {language} triggers"
    kinds = {e.kind for e in find_events("", text, MATCHER.find("", text), language)}
    assert kinds == {kind}, f"{text!r} fired {kinds}"


def test_no_trigger_belongs_to_two_kinds():
    # Stems only say where to try a kind's phrases ("bought" starts "bought a
    # stake" and "bought by"); the phrases themselves belong to one kind.
    owner: dict[str, str] = {}
    for kind, trigger in rules():
        assert owner.setdefault(trigger.regex, kind) == kind, trigger.regex


def test_kinds_have_one_name_and_a_label_and_the_tagger_uses_them():
    assert len(EVENT_KINDS) == len(set(EVENT_KINDS))
    assert label("departure") == "Left" and label("unknown-kind") == "unknown-kind"
    for kind in KINDS:
        assert kind.label and kind.subject in ("person", "company")


def test_the_labelled_sets_use_only_kinds_from_the_table():
    for half in ("dev", "test"):
        for line in (SIGNAL / f"{half}.jsonl").read_text(encoding="utf-8").splitlines():
            for event in json.loads(line)["events"] or ():
                assert event["kind"] in EVENT_KINDS
