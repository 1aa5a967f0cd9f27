"""Event keywords: the stems that start a rule of watchlist.event_kinds,
found on the folded text, and the rules matched there on the original.

Stems are found by one Aho-Corasick pass; a caller that already walks the
folded text with its own automaton (the matcher) may carry the stems in it
(TRIGGER_STEMS) and hand them over, saving a second walk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import ahocorasick

from watchlist.event_kinds import rules
from watchlist.textfold import fold

try:
    # It reads regexes with Python's private parser: on a Python that moves
    # or changes it, every stem stays unfiltered (slower, never wrong).
    from watchlist.event_prefilter import ruled_out
except (ImportError, AttributeError):  # pragma: no cover - Python 3.11 to 3.13 have it
    ruled_out = None

# What a stem found in a text leads to: one match of all its rules at once
# (None when it starts one rule), each rule's index and match method, and
# the stem's filter: [its length, characters ruled out right after it and
# right after a space after it, the stem], the sets read from its rules on
# first use (None until then).
Stem = tuple[
    Callable[..., re.Match[str] | None] | None,
    tuple[tuple[int, Callable[..., Any]], ...],
    list[Any],
]


def _build_triggers() -> tuple[
    ahocorasick.Automaton,
    dict[str, Stem],
    list[tuple[str, str, re.Pattern[str]]],
    dict[str, list[int]],
]:
    table = rules()
    compiled = [(kind, t.way, re.compile(t.regex, re.IGNORECASE)) for kind, t in table]
    by_stem: dict[str, list[int]] = {}
    for index, (_, trigger) in enumerate(table):
        for stem in trigger.stems.split():
            by_stem.setdefault(stem, []).append(index)
    automaton = ahocorasick.Automaton()
    stems: dict[str, Stem] = {}
    for stem, indexes in by_stem.items():
        # Each rule with its bound match method: no lookups per trigger found.
        tried = tuple((index, compiled[index][2].match) for index in indexes)
        # Stems that are everyday words ("to", "was", "has") start several
        # rules and rarely any keyword: one match of all their rules at once
        # tells whether any can match here, before each is tried in order.
        gate = None
        if len(indexes) > 1:
            either = "|".join(f"(?:{table[index][1].regex})" for index in indexes)
            gate = re.compile(either, re.IGNORECASE).match
        stems[stem] = (gate, tried, [len(stem), None, None, stem])
        automaton.add_word(stem, (len(stem), stems[stem]))
    automaton.make_automaton()
    return automaton, stems, compiled, by_stem


# TRIGGER_STEMS: each stem (folded) with what it leads to, for a caller that
# finds them in its own pass over the folded text (see find_events).
_TRIGGERS, TRIGGER_STEMS, _COMPILED, _RULE_INDEXES = _build_triggers()


# Reading a stem's rules costs a few milliseconds, a try of them a microsecond
# or two: a stem is read once texts have had it READ_AFTER times, so the
# everyday stems that come up in every article are filtered and the rare ones
# never pay for the reading. Unread, every place is tried, as the filter only
# skips tries that cannot match.
READ_AFTER = 64
_UNREAD: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
_seen: dict[str, int] = {}


def _filter(ahead: list[Any]) -> tuple[frozenset[str], frozenset[str]]:
    """The stem's filter once it has come up READ_AFTER times; none before."""
    seen = _seen[ahead[3]] = _seen.get(ahead[3], 0) + 1
    return _ruled_out(ahead) if seen >= READ_AFTER else _UNREAD


def _ruled_out(ahead: list[Any]) -> tuple[frozenset[str], frozenset[str]]:
    """Fill in a stem's filter (see Stem), read from its rules when _filter
    first asks: reading all stems' rules would add about a second to every
    process start."""
    stem = ahead[3]
    regexes = [_COMPILED[index][2].pattern for index in _RULE_INDEXES[stem]]
    found = ruled_out(regexes, stem) if ruled_out is not None else (frozenset(), frozenset())
    ahead[1:3] = found
    return found


def stems_in(lowered: str) -> list[tuple[int, Stem]]:
    """(start, stem) of every stem starting a word of the folded text."""
    found = []
    for last, (length, stem) in _TRIGGERS.iter(lowered):
        start = last - length + 1
        if not (start > 0 and lowered[start - 1].isalnum()):
            found.append((start, stem))
    return found


def keyword_hits(
    text: str, stems: Sequence[tuple[int, Stem]] | None = None
) -> list[tuple[str, str, int, int]]:
    """(kind, way, start, end) of every keyword, in rule order; a match
    overlapping one of an earlier rule is dropped ("was fired" is not also
    "fired X"). Triggers are found on the folded text (or given, as
    stems_in would find them, in any order), rules run on the original
    (their character classes allow the accents)."""
    found: list[tuple[int, int, int]] = []
    if stems is None:
        stems = stems_in(fold(text))
    for start, (gate, tried, ahead) in stems:
        length, after, after_space, _ = ahead
        if after is None:
            after, after_space = _filter(ahead)
        # What follows the stem rules out all its rules ("to" in "today" or
        # "to the"): the regexes need not run.
        next_char = text[start + length : start + length + 1]
        if next_char in after or (
            next_char == " " and text[start + length + 1 : start + length + 2] in after_space
        ):
            continue
        if gate is not None and gate(text, start) is None:
            continue
        for index, match in tried:
            m = match(text, start)
            if m:
                found.append((index, start, m.end()))
    found.sort()
    taken: list[tuple[int, int]] = []
    hits: list[tuple[str, str, int, int]] = []
    for index, start, end in found:
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        kind, way, _ = _COMPILED[index]
        hits.append((kind, way, start, end))
    return hits
