"""The matcher's fuzzy fallback: spacing and hyphen variants of names ("Open
AI", "HuggingFace") and small misspellings ("Frans-Owen" next to "Calvin
French-Owen", "Nvida" or "Antrophic" alone)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import JaroWinkler, Levenshtein

from watchlist.context import acts_like_company, next_words
from watchlist.hits import ANY_SIGNAL, NO_SIGNAL, Hit, Pattern
from watchlist.lexicon import COMMON_WORDS
from watchlist.names import CAPITALISED_RUN
from watchlist.textfold import fold


class FuzzyMatching:
    """Fuzzy hits for the Matcher, which sets up the targets these read."""

    _compact_aliases: dict[str, set[str]]
    _compact_prefixes: frozenset[str]
    _fuzzy_targets: dict[str, list[tuple[str, Pattern]]]
    _compound_targets: dict[str, list[tuple[str, Pattern]]]
    _compound_letters: frozenset[str]
    _global_targets: dict[str, list[tuple[str, Pattern]]]
    _global_cache: dict[str, Pattern | None]

    def _fuzzy_hits(self, texts: dict[str, str], exact: list[Hit]) -> list[Hit]:
        named = {p.entity_id for h in exact for p in h.patterns if not p.surname}
        # Targets of the named entities by first letter (a misspelling keeps
        # it), in the order _closest would meet them in one flat list.
        near: dict[str, list[tuple[str, Pattern]]] = {}
        for eid in named:
            for target in self._fuzzy_targets.get(eid, ()):
                near.setdefault(target[0][0], []).append(target)
        letters = self._compound_letters.union(near)
        found: list[Hit] = []
        for field, text in texts.items():
            if not text:
                continue
            folded = fold(text)
            covered = bytearray(len(text))
            for hit in exact:
                if hit.field == field:
                    covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            for run in CAPITALISED_RUN.finditer(text):
                start, end = run.span()
                if covered.find(0, start, end) == -1:
                    # Covered end to end by the exact pass ("Hugging Face"), as
                    # most runs are: no uncovered word is left to try.
                    continue
                before = text[start - 1] if start else " "
                if before.isalnum() or before in "-_":
                    continue  # inside a word: "ChatGPT", "iPhone"
                if " " in run.group():
                    found += self._fuzzy_run(field, text, folded, run, covered, near, letters)
                elif covered.find(1, start, end) == -1:
                    # One uncovered word, the common case, handled inline.
                    token = folded[start:end]
                    owners = self._compact_aliases.get(token.replace("-", ""))
                    if owners:
                        surface = text[start:end]
                        pats = tuple(Pattern(o, surface, False, False, False) for o in owners)
                        found.append(Hit(field, start, end, pats, fuzzy=True))
                        covered[start:end] = b"\x01" * (end - start)
                    elif len(token) >= 5 and token[0] in letters:
                        hit = self._misspelling(field, text, start, end, token, near)
                        if hit is not None:
                            found.append(hit)
        return found

    def _fuzzy_run(
        self,
        field: str,
        text: str,
        folded: str,
        run: re.Match[str],
        covered: bytearray,
        near: dict[str, list[tuple[str, Pattern]]],
        letters: frozenset[str],
    ) -> list[Hit]:
        """Fuzzy hits in a run of capitalised words ("Open AI Chief Executive").

        First the same letters with other spacing ("Open AI", "Open-AI",
        "HuggingFace"), then edit distance 1-2 on words of 6+ letters sharing
        the first letter, against names the article already names exactly,
        plus long compound surnames, which are hard to hit by chance."""
        words: list[tuple[int, int]] = []
        pos = run.start()
        for word in run.group().split(" "):
            words.append((pos, pos + len(word)))
            pos += len(word) + 1
        found: list[Hit] = []
        compacts = [folded[s:e].replace("-", "") for s, e in words]
        i = 0
        while i < len(words):
            key, matched = "", False
            for j in range(i, min(i + 3, len(words))):
                key += compacts[j]
                if key not in self._compact_prefixes:
                    break  # no alias starts with these letters, nor with more
                owners = self._compact_aliases.get(key)
                start, end = words[i][0], words[j][1]
                if owners and covered.find(1, start, end) == -1:
                    surface = text[start:end]
                    pats = tuple(Pattern(o, surface, False, False, False) for o in owners)
                    found.append(Hit(field, start, end, pats, fuzzy=True))
                    covered[start:end] = b"\x01" * (end - start)
                    i, matched = j + 1, True
                    break
            if matched:
                continue
            start, end = words[i]
            token = folded[start:end]
            if len(token) >= 5 and token[0] in letters and covered.find(1, start, end) == -1:
                hit = self._misspelling(field, text, start, end, token, near)
                if hit is not None:
                    found.append(hit)
            i += 1
        return found

    def _misspelling(
        self,
        field: str,
        text: str,
        start: int,
        end: int,
        token: str,
        near: dict[str, list[tuple[str, Pattern]]],
    ) -> Hit | None:
        """A fuzzy hit when an uncovered word of 5+ letters is 1-2 edits from a
        name the article already names, a long compound surname, or any
        watched name of 6+ letters (then with the checks _resolve and
        _with_signal apply)."""
        if token in COMMON_WORDS:
            return None
        needs = NO_SIGNAL
        pattern = _closest(token, near.get(token[0], ()), relaxed=True) or _closest(
            token, self._compound_targets.get(token[0], ()), relaxed=False
        )
        if pattern is None:
            # A misspelling of a name the article never spells right: people
            # still need their first name or full name (see _resolve);
            # companies need an article about technology.
            pattern = self._global_closest(token)
            if pattern is None:
                return None
            needs = NO_SIGNAL if pattern.surname else ANY_SIGNAL
            following = next_words(text, end, 1)
            if needs and following and following[0][:1].islower() and acts_like_company(following):
                needs = NO_SIGNAL  # "Microsft announced ..."
        pat = Pattern(pattern.entity_id, pattern.alias, pattern.surname, False, False)
        return Hit(field, start, end, (pat,), fuzzy=True, needs=needs)

    def _global_closest(self, token: str) -> Pattern | None:
        """A watched name a word of the same first two letters misspells."""
        if token in self._global_cache:
            return self._global_cache[token]
        found = _closest(token, self._global_targets.get(token[:2], ()), relaxed=False)
        if len(self._global_cache) >= 20_000:
            self._global_cache.clear()
        self._global_cache[token] = found
        return found


def _closest(
    token: str, targets: Iterable[tuple[str, Pattern]], *, relaxed: bool
) -> Pattern | None:
    for target, pattern in targets:
        if token[0] != target[0] or token == target:
            continue
        if token == target + target[-1]:
            return pattern  # a doubled last letter: "Altmann"
        if token.startswith(target) or target.startswith(token):
            continue  # a word form ("Anthropics", "Googlers"), not a misspelling
        limit = 1 if len(target) < 9 else 2
        if Levenshtein.distance(token, target, score_cutoff=limit + 1) <= limit:
            return pattern
        if relaxed and "-" in target and _compound_alike(token, target):
            return pattern
    return None


def _compound_alike(token: str, target: str) -> bool:
    """'frans-owen' ~ 'french-owen': same shape, one part identical, close overall."""
    parts, target_parts = token.split("-"), target.split("-")
    if len(parts) != len(target_parts) or not set(parts) & set(target_parts):
        return False
    return JaroWinkler.similarity(token, target) >= 0.85
