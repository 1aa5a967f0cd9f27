"""The event keywords' prefilter never skips a place where a rule matches.

keyword_hits skips a stem when the characters after it rule out all its
rules (watchlist.event_prefilter). Here every stem's rules are matched at
every stem start of many texts (the development halves, the seeds, the
kinds' examples, and strings generated from the rules themselves, in other
casings and spacings) and each match must pass the filter.
"""

from __future__ import annotations

import json
import random
import re
import re._parser as sre_parse  # type: ignore[import-not-found]

import pytest

from watchlist import event_keywords
from watchlist.evaluate import SEEDS, SIGNAL, SYNTHETIC_EN, read_seed
from watchlist.event_keywords import _COMPILED, _RULE_INDEXES, TRIGGER_STEMS, keyword_hits, stems_in
from watchlist.event_kinds import KINDS
from watchlist.event_prefilter import _folds_to, ruled_out
from watchlist.textfold import fold


def _passes(text: str, start: int, stem: str) -> bool:
    _, _, ahead = TRIGGER_STEMS[stem]
    if ahead[1] is None:
        event_keywords._ruled_out(ahead)
    length, after, after_space, _ = ahead
    next_char = text[start + length : start + length + 1]
    return not (
        next_char in after
        or (next_char == " " and text[start + length + 1 : start + length + 2] in after_space)
    )


def _check(texts: list[str]) -> int:
    """Matches checked; fails on one the filter would skip."""
    names = {id(stem): name for name, stem in TRIGGER_STEMS.items()}
    matched = 0
    for text in texts:
        for start, stem in stems_in(fold(text)):
            name = names[id(stem)]
            if any(_COMPILED[i][2].match(text, start) for i in _RULE_INDEXES[name]):
                assert _passes(text, start, name), (name, text[start : start + 60])
                matched += 1
    return matched


def _variants(text: str) -> list[str]:
    return [
        text,
        text.upper(),
        text.title(),
        text.replace(" ", "  "),
        text.replace(" ", "\u00a0"),
        text.replace(" ", "\n"),
    ]


def _written_texts() -> list[str]:
    texts = [*SYNTHETIC_EN]
    for path in sorted(SIGNAL.glob("*dev.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                texts += [case.get("title") or "", case["text"]]
    for path in sorted(SEEDS.glob("*.txt")):
        texts += read_seed(path)
    for kind in KINDS:
        texts += kind.examples.values()
    return texts


def test_no_rule_match_in_written_texts_is_skipped():
    texts = [variant for text in _written_texts() for variant in _variants(text)]
    assert _check(texts) > 5_000


_SAMPLE_CHARS = "aAzZeé ,.-'’0\u00a0\tçÇãİıſK"


def _sample(items: list, rng: random.Random, depth: int = 0) -> str:
    """A random string the parsed regex items may match (assertions aside)."""
    out = []
    for op, av in items:
        if op is sre_parse.LITERAL:
            char = chr(av)
            out.append(rng.choice([char, char.upper(), char.lower()]))
        elif op is sre_parse.NOT_LITERAL or op is sre_parse.ANY:
            out.append(rng.choice(_SAMPLE_CHARS))
        elif op is sre_parse.IN:
            options = [chr(a) for o, a in av if o is sre_parse.LITERAL]
            options += [chr(rng.randint(*a)) for o, a in av if o is sre_parse.RANGE]
            if any(o is sre_parse.CATEGORY or o is sre_parse.NEGATE for o, _ in av):
                options += list(_SAMPLE_CHARS)
            out.append(rng.choice(options or list(_SAMPLE_CHARS)))
        elif op is sre_parse.BRANCH:
            out.append(_sample(rng.choice(av[1]), rng, depth + 1))
        elif op is sre_parse.SUBPATTERN:
            out.append(_sample(av[3], rng, depth + 1))
        elif op in (sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT):
            low, high, inner = av
            count = rng.randint(low, min(high, low + 2))
            out += [_sample(inner, rng, depth + 1) for _ in range(count)]
    return "".join(out)


def test_no_rule_match_in_strings_drawn_from_the_rules_is_skipped():
    rng = random.Random(6)
    tails = [" OpenAI to join the team", " the Series B round", " ", "", ". The", " de la"]
    texts = []
    for indexes in _RULE_INDEXES.values():
        for index in indexes:
            parsed = sre_parse.parse(_COMPILED[index][2].pattern, re.IGNORECASE)
            for _ in range(6):
                drawn = _sample(list(parsed.data), rng)
                texts.append("Then " + drawn + rng.choice(tails))
    assert _check(texts) > 1_000


def test_the_filter_leaves_keyword_hits_unchanged():
    texts = [variant for text in _written_texts()[:400] for variant in _variants(text)]
    filtered = [keyword_hits(text) for text in texts]
    saved = [ahead[:] for _, _, ahead in TRIGGER_STEMS.values()]
    try:
        for _, _, ahead in TRIGGER_STEMS.values():
            ahead[1:3] = frozenset(), frozenset()  # nothing ruled out
        assert [keyword_hits(text) for text in texts] == filtered
    finally:
        for (_, _, ahead), before in zip(TRIGGER_STEMS.values(), saved, strict=True):
            ahead[:] = before


@pytest.mark.parametrize(
    ("regexes", "stem", "blocked", "allowed", "blocked_after_space", "allowed_after_space"),
    [
        # "to" needs a space next, then one of the verbs.
        ([r"(?:will|to)\s+(?:buy|leave)\b"], "to", "dax.", " ", "xXtT", "bBlL "),
        # Several rules: what one allows, the filter allows.
        ([r"to\s+buy\b", r"tod(?:ay)?\s+x"], "to", "ax", " d", "ax", "b"),
        # Case matters where the regex says so.
        ([r"was\s+(?-i:[A-Z])\w+"], "was", "a", " ", "ab", "AB"),
        # A lookahead ending the regex says what follows.
        ([r"lead\b(?=\s+team)"], "lead", "as-", " ", "ab", "tT"),
        # A word boundary ending the regex: no word character next.
        ([r"left\b"], "left", "aZ0", ".,' ", "", "abc"),
        # The stem's letters may be written with accents.
        ([r"s[eé]\s+junta"], "se", "v", " ", "x", "j"),
        ([r"sé\s+junta"], "se", "v", " ", "x", "j"),
    ],
)
def test_what_the_filter_rules_out(
    regexes, stem, blocked, allowed, blocked_after_space, allowed_after_space
):
    after, after_space = ruled_out(regexes, stem)
    assert set(blocked) <= after and not set(allowed) & after
    assert set(blocked_after_space) <= after_space
    assert not set(allowed_after_space) & after_space


@pytest.mark.parametrize(
    ("regexes", "stem"),
    [
        ([r"(a)x\1"], "ax"),  # a backreference: not followed
        ([r"say"], "say"),  # the match may end right after the stem
        ([r"(?:say|sai)s?"], "sai"),
    ],
)
def test_nothing_is_ruled_out_when_anything_may_follow(regexes, stem):
    after, after_space = ruled_out(regexes, stem)
    assert after == frozenset()
    assert after_space == frozenset() or regexes == [r"(a)x\1"]


def test_a_stem_is_read_only_once_it_has_come_up_read_after_times():
    stem = "raises"
    _, _, ahead = TRIGGER_STEMS[stem]
    saved, seen = ahead[:], event_keywords._seen.pop(stem, None)
    text = "Mistral AI raises $600 million in a funding round."
    start = fold(text).index(stem)
    try:
        ahead[1:3] = None, None
        hits = [
            keyword_hits(text, [(start, TRIGGER_STEMS[stem])])
            for _ in range(event_keywords.READ_AFTER - 1)
        ]
        assert ahead[1] is None  # rare so far: tried unfiltered
        hits.append(keyword_hits(text, [(start, TRIGGER_STEMS[stem])]))
        assert ahead[1] is not None
        assert hits[0] and all(found == hits[0] for found in hits)
    finally:
        ahead[:] = saved
        if seen is not None:
            event_keywords._seen[stem] = seen


def test_the_fold_sources_of_a_character_are_every_plane_character_folding_to_it():
    plane = "".join(map(chr, range(0x10000)))
    grouped: dict[str, list[str]] = {}
    for char, folded in zip(plane, fold(plane), strict=True):
        grouped.setdefault(folded, []).append(char)
    folds = _folds_to()
    for char in plane:
        assert folds.get(char, ("none",)) == tuple(grouped.get(char, ["none"]))
