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

# What a word's misspelling lookups give, whatever the article: the targets of
# named entities it is close to (used only when the article names their
# entity), the compound surname it is close to, and the close watched name.
Misspelt = tuple[frozenset[tuple[str, Pattern]], Pattern | None, Pattern | None]
_NOT_MISSPELT: Misspelt = (frozenset(), None, None)


class _Near:
    """Targets of the entities an article names exactly, by first letter, in
    the order _closest would meet them in one flat list; gathered only when a
    word is close to one of them, which few articles have."""

    __slots__ = ("_exact", "_fuzzy_targets", "_by_letter")

    def __init__(self, exact: list[Hit], fuzzy_targets: dict[str, list[tuple[str, Pattern]]]):
        self._exact = exact
        self._fuzzy_targets = fuzzy_targets
        self._by_letter: dict[str, list[tuple[str, Pattern]]] | None = None

    def get(self, letter: str) -> list[tuple[str, Pattern]]:
        if self._by_letter is None:
            named = {p.entity_id for h in self._exact for p in h.patterns if not p.surname}
            self._by_letter = {}
            for eid in named:
                for target in self._fuzzy_targets.get(eid, ()):
                    self._by_letter.setdefault(target[0][0], []).append(target)
        return self._by_letter.get(letter, [])


class FuzzyMatching:
    """Fuzzy hits for the Matcher, which sets up the targets these read."""

    _compact_aliases: dict[str, set[str]]
    _compact_prefixes: frozenset[str]
    _fuzzy_targets: dict[str, list[tuple[str, Pattern]]]
    _fuzzy_by_letter: dict[str, list[tuple[str, Pattern]]]
    _compound_targets: dict[str, list[tuple[str, Pattern]]]
    _misspelt_letters: frozenset[str]
    _global_targets: dict[str, list[tuple[str, Pattern]]]
    _misspellings: dict[str, Misspelt]

    def _fuzzy_hits(self, texts: dict[str, str], exact: list[Hit]) -> list[Hit]:
        near = _Near(exact, self._fuzzy_targets)
        letters = self._misspelt_letters
        found: list[Hit] = []
        # Per field, which characters the exact pass already named.
        coverage = {field: bytearray(len(text)) for field, text in texts.items()}
        for hit in exact:
            coverage[hit.field][hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        for field, text in texts.items():
            if not text:
                continue
            folded = fold(text)
            covered = coverage[field]
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
                    elif (
                        len(token) >= 5
                        and token[0] in letters
                        # A word already known to misspell nothing, as most are.
                        and self._misspellings.get(token) is not _NOT_MISSPELT
                    ):
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
        near: _Near,
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
        self, field: str, text: str, start: int, end: int, token: str, near: _Near
    ) -> Hit | None:
        """A fuzzy hit when an uncovered word of 5+ letters is 1-2 edits from a
        name the article already names, a long compound surname, or any
        watched name of 6+ letters (then with the checks _resolve and
        _with_signal apply)."""
        if token in COMMON_WORDS:
            return None
        close, compound, anywhere = self._misspelt(token)
        needs = NO_SIGNAL
        pattern = None
        if close:
            pattern = next((t[1] for t in near.get(token[0]) if t in close), None)
        if pattern is None:
            pattern = compound
        if pattern is None:
            # A misspelling of a name the article never spells right: people
            # still need their first name or full name (see _resolve);
            # companies need an article about technology.
            pattern = anywhere
            if pattern is None:
                return None
            needs = NO_SIGNAL if pattern.surname else ANY_SIGNAL
            following = next_words(text, end, 1)
            if needs and following and following[0][:1].islower() and acts_like_company(following):
                needs = NO_SIGNAL  # "Microsft announced ..."
        pat = Pattern(pattern.entity_id, pattern.alias, pattern.surname, False, False)
        return Hit(field, start, end, (pat,), fuzzy=True, needs=needs)

    def _misspelt(self, token: str) -> Misspelt:
        """The names `token` may misspell, whatever the article (cached)."""
        known = self._misspellings.get(token)
        if known is not None:
            return known
        close = frozenset(
            target
            for target in self._fuzzy_by_letter.get(token[0], ())
            if _closest(token, (target,), relaxed=True) is not None
        )
        compound = _closest(token, self._compound_targets.get(token[0], ()), relaxed=False)
        anywhere = _closest(token, self._global_targets.get(token[:2], ()), relaxed=False)
        known = (close, compound, anywhere) if close or compound or anywhere else _NOT_MISSPELT
        if len(self._misspellings) >= 20_000:
            self._misspellings.clear()
        self._misspellings[token] = known
        return known


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
