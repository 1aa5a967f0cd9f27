"""The matcher's exact pass: aliases found by one Aho-Corasick pass over the
folded text, kept leftmost-longest, each checked on the original text.

The automaton reports every alias ending at every position, overlaps
included ("Sam Altman" and "Altman" in it). The checks on a hit look only at
the text around that hit, never at other hits, so the non-overlapping
selection can run first and check candidates in its order: a candidate that
starts inside one already kept is dropped unchecked, and one that fails its
checks leaves the way open for the next, exactly as checking all and then
selecting would.
"""

from __future__ import annotations

from typing import Any

import ahocorasick

from watchlist.context import caps_context, common_sense
from watchlist.hits import ENTITY_SIGNAL, NO_SIGNAL, Hit, Pattern
from watchlist.names import initials_match, version_end
from watchlist.textfold import fold, normalise_punct

# Automaton values: (length of the folded key, its patterns, plain, extra),
# where "plain" is one pattern with no case or context rule, kept as found
# (True), or with its initials as its only rule (their offsets in the key),
# and "extra" what the key means to another reader of the text (an event
# keyword's stem; None when nothing). A key with no patterns is no alias.
Entry = tuple[int, tuple[Pattern, ...], bool | tuple[int, ...], Any]


def exact_hits(
    automaton: ahocorasick.Automaton,
    field: str,
    text: str,
    extras: list[tuple[int, Any]] | None = None,
) -> list[Hit]:
    """Non-overlapping hits in text order, the longest of those starting
    together. `extras` receives (start, extra) of every key with an extra
    that starts a word of the folded text, whatever the hits."""
    folded = fold(text)
    found = list(automaton.iter(folded))  # (last index, entry)
    if extras is not None:  # in no particular order: their reader sorts them
        extras += [
            (start, entry[3])
            for last, entry in found
            if entry[3] is not None
            and not ((start := last - entry[0] + 1) and folded[start - 1].isalnum())
        ]
    # Keys that are only extras (most of them everyday words) are no names.
    # (start, -length) is unique per candidate (one automaton key per length),
    # so sorting never compares the values after it.
    candidates = [(last - entry[0] + 1, -entry[0], entry) for last, entry in found if entry[1]]
    candidates.sort()
    n = len(text)
    kept: list[Hit] = []
    last_end = -1
    for start, length, entry in candidates:
        if start < last_end:
            continue
        if start and text[start - 1].isalnum():
            continue  # inside a word: _checked would say so first
        end = start - length
        plain = entry[2]
        if plain and not (end < n and text[end].isalnum()):
            # A plain alias standing as a word of its own, the common case:
            # what _checked would make of it, without the call.
            if plain is not True and not all(text[start + i].isupper() for i in plain):
                continue  # "open AI": a multiword name without its capitals
            hit = Hit(field, start, end, entry[1])
        else:
            hit = _checked(field, text, folded, start, entry)
            if hit is None:
                continue
        kept.append(hit)
        last_end = hit.end
    return kept


def _checked(field: str, text: str, folded: str, start: int, entry: Entry) -> Hit | None:
    """The hit an alias found at `start` makes, or None when the text around
    it says it is not the name."""
    length, patterns, plain, _ = entry
    end = start + length
    n = len(text)
    if start > 0 and text[start - 1].isalnum():
        return None
    glued_nya = False
    if end < n and text[end].isalnum():
        # Indonesian glues "-nya" on ("OpenAInya"); a version number
        # may follow a product name ("Qwen3", "Qwen2.5"); nothing else.
        after = end + 3
        if folded.startswith("nya", end) and (after >= n or not text[after].isalnum()):
            glued_nya = True
        elif text[end].isdigit() and text[end - 1].isalpha():
            end = version_end(text, end)
            if end < n and text[end].isalnum():
                return None
            patterns = tuple(p for p in patterns if not (p.surname or p.ambiguous))
            if not patterns:
                return None
        else:
            return None
    if plain is True:  # neither ambiguous nor a surname, so "-nya" is fine too
        return Hit(field, start, end, patterns)
    raw = text[start : start + length]
    surface = None
    kept = []
    needs = NO_SIGNAL
    for pattern in patterns:
        if glued_nya and pattern.surname:
            continue
        # Aliases are stored punctuation-normalised: text equal to one
        # as written needs no normalising.
        if pattern.case_sensitive and raw != pattern.alias:
            if surface is None:
                surface = normalise_punct(raw)
            if surface != pattern.alias:
                # An all-caps headline writes every name in capitals.
                if not (surface == pattern.alias.upper() and caps_context(text, start, end)):
                    continue
                if not pattern.surname:
                    needs = ENTITY_SIGNAL
        if pattern.initials and not initials_match(text, start, length, pattern.alias):
            continue
        if pattern.ambiguous:
            verdict = common_sense(text, start, end, pattern.alias)
            if verdict is None:
                continue
            needs = max(needs, verdict)
        kept.append(pattern)
    # A full alias beats a surname spelled the same way.
    if len(kept) > 1 and any(not p.surname for p in kept):
        kept = [p for p in kept if not p.surname]
    if not kept:
        return None
    return Hit(field, start, end, tuple(kept), needs=needs)
