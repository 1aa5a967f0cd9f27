"""Matcher decisions made from context (issue 14's error classes), with
sentences of our own, not the labelled sets'."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from bench.corpus import Corpus
from watchlist.context import (
    caps_context,
    in_address,
    running_word_before,
    title_case_context,
    word_before,
)
from watchlist.entities import Entity
from watchlist.evaluate import SIGNAL, load_entities
from watchlist.matcher import Matcher


@cache
def matcher() -> Matcher:
    extra = [Entity.make("company", "Nvidia", ["NVIDIA"]), Entity.make("company", "Qwen")]
    base = [e for e in load_entities() if e.id != "company:nvidia"]
    return Matcher([*base, *extra])


def spans(text: str, title: str = "") -> list[tuple[str, str]]:
    return [(m.entity_id, m.surface) for m in matcher().find(title, text)]


def found(text: str, title: str = "") -> set[str]:
    return {entity for entity, _ in spans(text, title)}


@pytest.mark.parametrize(
    "text",
    [
        "Details at https://openai.com/blog/new-tools today.",
        "Write to media@anthropic.com for comment.",
        "The post went up on blog.google this morning.",
        "Grab the weights from huggingface.co/deepseek-ai/some-model now.",
    ],
)
def test_names_inside_addresses_are_not_mentions(text):
    assert found(text) == set()


def test_a_name_next_to_an_address_still_counts():
    assert found("OpenAI (openai.com) and Character.AI both spoke.") == {
        "company:openai",
        "company:character-ai",
    }
    assert in_address("see openai.com", 4, 10)
    assert not in_address("Character.AI rose", 0, 12)


def test_multiword_company_names_need_their_capitals():
    assert found("a plea for open AI and for thinking machines in general") == set()
    assert found("Open AI and Thinking Machines hired staff.") == {
        "company:openai",
        "company:thinking-machines-lab",
    }


def test_a_persons_name_in_lower_case_still_counts():
    assert found("sam altman posted again") == {"person:sam-altman"}


@pytest.mark.parametrize(
    "text",
    [
        "Intel from the field suggested a trap, the officers said.",  # sentence start, no tech
        "The river Amazon floods every spring.",  # cue word before
        "A field of 3 Tesla is used in the scanner.",  # a unit
        "A statue of Nikola Tesla stands in the square.",  # a longer proper name
        "Meta fiscal do ano foi cumprida, disse o ministro.",  # Portuguese noun
    ],
)
def test_everyday_words_stay_everyday_words(text):
    assert found(text) == set()


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Intel cut 10% of its workforce.", "company:intel"),
        ("Meta anunciou um modelo novo.", "company:meta"),
        ("Amazon Prime Day starts tomorrow.", "company:amazon"),
        ("Apple reported record iPhone revenue.", "company:apple"),
    ],
)
def test_everyday_word_names_used_as_companies_count(text, entity):
    assert found(text) == {entity}


@pytest.mark.parametrize(
    ("title", "entity"),
    [
        ("Amazon Suntik Anthropic Rp 60 Triliun", "company:anthropic"),
        ("John Schulman Tinggalkan Anthropic Demi Startup Baru", "company:anthropic"),
        ("Microsoft Backs Mistral With Fresh Funding", "company:mistral-ai"),
    ],
)
def test_a_title_case_headline_capital_is_no_longer_name(title, entity):
    # Every word of such a headline is capitalised, so the word before a name
    # does not make it part of a longer one ("Nikola Tesla").
    assert entity in found("", title=title)


def test_affixed_forms_are_the_name():
    assert spans("A Meta-backed lab and an Anthropic-backed fund.") == [
        ("company:meta", "Meta"),
        ("company:anthropic", "Anthropic"),
    ]
    assert found("Aplikasi Metanya diperbarui, kata Meta-nya.") == {"company:meta"}
    assert found("The meta-analysis was published.") == set()


def test_all_caps_headlines_match_when_another_name_backs_them():
    assert found("", title="META AND OPENAI SIGN A CHIP DEAL") == {"company:meta", "company:openai"}
    assert found("", title="XAI TOOLS HELP RADIOLOGISTS") == set()
    assert caps_context("BIG NEWS: META SIGNS DEAL", 10, 14)


def test_misspellings_alone_and_versioned_names():
    assert found("Antrophic shipped a model to its API users.") == {"company:anthropic"}
    assert found("Mark Zuckerburg spoke about glasses.") == {"person:mark-zuckerberg"}
    assert spans("Teams compared Qwen3 and Qwen2.5 on math.") == [
        ("company:qwen", "Qwen3"),
        ("company:qwen", "Qwen2.5"),
    ]


def test_one_mention_per_place_however_many_aliases_fold_alike():
    assert spans("NVIDIA and Nvidia") == [
        ("company:nvidia", "NVIDIA"),
        ("company:nvidia", "Nvidia"),
    ]


def test_someone_else_with_the_surname_does_not_count_but_a_misspelt_first_name_does():
    assert found("Cade Metz wrote the story. Metz spoke to staff.") == set()
    assert spans("Baret Zoph is back. Zoph will lead a team.") == [
        ("person:barret-zoph", "Baret Zoph"),
        ("person:barret-zoph", "Zoph"),
    ]
    assert found("Alexandr Wang praised Wang Jian's work.") == {"person:alexandr-wang"}


def _texts_for_title_case() -> list[str]:
    texts = [item.text for feed in range(3) for item in Corpus(3, 20).feed_items(feed, 0)]
    for path in sorted(SIGNAL.glob("*dev.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                texts += [case.get("title") or "", case["text"]]
    texts += [
        "Meta  announced",
        "x" * 45 + " Meta",
        "the\nMeta says",
        "lower-case Meta",
        "naïve Meta",
    ]
    return texts


def test_a_running_word_before_a_name_is_where_title_case_context_stops():
    shortcuts = 0
    for text in _texts_for_title_case():
        for word in re.finditer(r"[A-Z]\w*", text):
            start, end = word.span()
            if running_word_before(text, start, word_before(text, start)):
                shortcuts += 1
                assert not title_case_context(text, start, end), text[max(0, start - 50) : end]
    assert shortcuts > 1_000
