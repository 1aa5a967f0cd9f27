"""Find watched people and companies in an article's title and body.

Exact matching is one Aho-Corasick pass over a folded copy of the text
(lower-cased, accents and punctuation variants flattened, same length as the
original so offsets carry over), followed by cheap checks on the original:

* whole words only ("Googlers" is not Google), with possessives and the
  Indonesian "-nya" allowed after a name ("OpenAI's", "OpenAI-nya");
* aliases that are everyday words ("Meta", "Apple", "Segment") or look like
  acronyms/brand casing ("xAI", "AMD") match case-sensitively, and the common
  words also pass context rules (no "Meta de vendas", no "Apple pie");
* a bare surname counts only when the article names that person in full and
  names no other person with that surname ("Jack Altman" is not Sam Altman).

A narrow fuzzy fallback then catches spacing/hyphen variants ("Open AI",
"Open-AI") and small misspellings of names the article already names
("Frans-Owen" next to "Calvin French-Owen").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
from rapidfuzz.distance import JaroWinkler, Levenshtein

from watchlist.context import (
    acts_like_company,
    caps_context,
    in_address,
    industry_signal,
    next_words,
    word_before,
)
from watchlist.entities import Entity, person_names, strip_accents
from watchlist.lexicon import (
    COMMON_WORDS,
    COMPOUND_SUFFIXES,
    HONORIFICS,
    NOUN_CONNECTORS,
    SENSE_CUES,
)

FIELDS = ("title", "body")
_FIELD_ORDER = {field: index for index, field in enumerate(FIELDS)}


@dataclass(frozen=True, slots=True)
class Mention:
    entity_id: str
    start: int
    end: int  # exclusive
    surface: str
    field: str  # "title" | "body"
    fuzzy: bool = False


@dataclass(frozen=True, slots=True)
class _Pattern:
    entity_id: str
    alias: str  # as written, punctuation-normalised
    surname: bool  # a bare surname: needs the full name elsewhere
    case_sensitive: bool
    ambiguous: bool  # an everyday word: context rules apply
    # Several capitalised words ("Open AI", "Hugging Face"): each must start
    # with its capital, so "open AI" and "a hugging face emoji" are not names.
    initials: bool = False


# How much an article must show that it is about technology or business for
# a hit to count: nothing, a telling word or another watched name, or another
# watched name only (an all-caps "XAI" next to the words "explainable AI").
NO_SIGNAL, ANY_SIGNAL, ENTITY_SIGNAL = 0, 1, 2


@dataclass(slots=True)
class _Hit:
    field: str
    start: int
    end: int
    patterns: tuple[_Pattern, ...]
    fuzzy: bool = False
    needs: int = NO_SIGNAL


# --- text folding -----------------------------------------------------------

_PUNCT = {ord(c): "'" for c in "\u2018\u2019\u02bc\u2032`\u00b4"}
_PUNCT.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
_PUNCT.update({ord(c): " " for c in "\u00a0\u2007\u202f\t\n\r"})


def _fold_table() -> dict[int, str]:
    table = dict(_PUNCT)
    for code in range(0xC0, 0x250):
        base = strip_accents(chr(code))
        if len(base) == 1 and base.isascii() and base.isalpha():
            table[code] = base
    return table


_FOLD = _fold_table()
# re.sub over the few characters to change is ~5x faster than str.translate
# with a dict table, which looks up every character in Python.
_FOLD_CHARS = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_FOLD)) + "]")


def _fold_char(found: re.Match[str]) -> str:
    return _FOLD[ord(found.group())]


@lru_cache(maxsize=16)  # the matcher and the event finder fold the same text
def fold(text: str) -> str:
    """Lower-case, accent- and punctuation-flattened text of the same length."""
    flat = _FOLD_CHARS.sub(_fold_char, text)
    folded = flat.lower()
    if len(folded) == len(text):
        return folded
    # A few characters lower-case to two ("İ"); keep them so offsets hold.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in flat)


def _normalise_punct(text: str) -> str:
    return text.translate(_PUNCT)


def _compact(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


# --- alias classification ---------------------------------------------------


def is_ambiguous(alias: str) -> bool:
    """An alias that is also an everyday word in the languages we read."""
    return alias.casefold() in COMMON_WORDS


def _needs_exact_case(alias: str) -> bool:
    # "xAI" (vs "XAI", explainable AI) and short acronyms ("AMD", "SSI") are
    # only names in their brand casing; "OpenAI" written "Openai" still is.
    if len(alias) >= 2 and alias[0].islower() and any(c.isupper() for c in alias[1:]):
        return True
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(alias) <= 4 and all(c.isupper() for c in letters)


# --- small text helpers -------------------------------------------------------

_OPENERS = " \t\"'“”‘’«»([*•·–—-"
_SENTENCE_END = ".!?:;\n"
# Runs of capitalised words (hyphenated compounds kept whole), one space apart.
_UPPER = "A-ZÀ-ÖØ-Þ"
# The pattern starts with a character class so the regex engine can skip
# ahead quickly; the left word boundary is checked by the caller.
_CAPITALISED_RUN = re.compile(
    rf"[{_UPPER}][^\W_]*(?:-[^\W_]+)*(?: [{_UPPER}0-9][^\W_]*(?:-[^\W_]+)*)*"
)


def _at_sentence_start(text: str, index: int) -> bool:
    j = index - 1
    while j >= 0 and text[j] in _OPENERS:
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END


def _version_end(text: str, index: int) -> int:
    """End of a version number glued to a name: "Qwen2.5" -> after "5"."""
    n = len(text)
    while index < n and (
        text[index].isdigit()
        or (text[index] == "." and index + 1 < n and text[index + 1].isdigit())
    ):
        index += 1
    return index


def _initials_match(text: str, start: int, length: int, alias: str) -> bool:
    """Each capitalised word of the alias starts with a capital in the text."""
    return all(
        text[start + i].isupper()
        for i in range(length)
        if alias[i].isupper() and (i == 0 or alias[i - 1] == " ")
    )


def _is_titlecase_word(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and word[1:].replace("-", "").islower()


# --- the matcher --------------------------------------------------------------


class Matcher:
    """Finds mentions of a fixed list of entities; build once, use per article."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._entities = {e.id: e for e in entities}
        by_key: dict[str, list[_Pattern]] = {}
        self._compact_aliases: dict[str, set[str]] = {}
        self._surname_owners: dict[str, set[str]] = {}
        self._first_names: dict[str, frozenset[str]] = {}
        # Casefolded words of company names: "Nvidia Huang" is not a first name.
        self._company_words: set[str] = set()
        # Per entity, the single words a misspelling may be compared with.
        self._fuzzy_targets: dict[str, list[tuple[str, _Pattern]]] = {}
        # Long compound surnames, by first letter: fuzzy even when not named.
        self._compound_targets: dict[str, list[tuple[str, _Pattern]]] = {}

        # Every name of 6+ letters, by first letter: a misspelling of one is
        # a name even when the article never spells it right ("Nvida").
        self._global_targets: dict[str, list[tuple[str, _Pattern]]] = {}

        def add(pattern: _Pattern) -> None:
            found = by_key.setdefault(fold(pattern.alias), [])
            # "NVIDIA" and "Nvidia" fold alike: one pattern per entity and key.
            if not any(p.entity_id == pattern.entity_id for p in found):
                found.append(pattern)

        for entity in entities:
            targets = self._fuzzy_targets.setdefault(entity.id, [])
            if entity.kind == "person":
                names = person_names(entity)
                self._first_names[entity.id] = names.first_names
                single = [a for a in (entity.name, *entity.aliases) if len(a.split()) == 1]
                for alias in (*names.full_names, *single):
                    add(self._full_pattern(entity.id, alias))
                for surname in names.surnames:
                    pattern = _Pattern(entity.id, _normalise_punct(surname), True, True, False)
                    add(pattern)
                    self._surname_owners.setdefault(surname.casefold(), set()).add(entity.id)
                    if len(surname) >= 6:
                        targets.append((fold(surname), pattern))
                        self._global_targets.setdefault(fold(surname)[:2], []).append(
                            (fold(surname), pattern)
                        )
                    if len(surname) >= 9 and "-" in surname:
                        first = fold(surname)[0]
                        self._compound_targets.setdefault(first, []).append(
                            (fold(surname), pattern)
                        )
            else:
                for alias in (entity.name, *entity.aliases):
                    pattern = self._full_pattern(entity.id, alias)
                    add(pattern)
                    self._company_words.update(fold(alias).split())
                    plain = not (pattern.ambiguous or pattern.case_sensitive)
                    if len(alias) >= 6 and len(alias.split()) == 1:
                        if plain:
                            targets.append((fold(alias), pattern))
                        # An everyday-word name misspelt is no everyday word
                        # ("Antrophic"); a brand-cased one ("xAI") is too short.
                        if plain or not _needs_exact_case(alias):
                            self._global_targets.setdefault(fold(alias)[:2], []).append(
                                (fold(alias), pattern)
                            )
            for alias in (entity.name, *entity.aliases):
                if not (is_ambiguous(alias) or _needs_exact_case(alias)):
                    key = _compact(alias)
                    if len(key) >= 4:
                        self._compact_aliases.setdefault(key, set()).add(entity.id)

        # Every prefix of a compact alias: a capitalised run whose first word
        # is not one cannot start a spacing variant, so it is not tried further.
        self._compact_prefixes = frozenset(
            key[:i] for key in self._compact_aliases for i in range(1, len(key) + 1)
        )
        self._compound_letters = frozenset(self._compound_targets) | frozenset(
            key[0] for key in self._global_targets
        )
        # Misspelling lookups by word: the same capitalised words ("The",
        # "Reuters") recur in every article, and most are no name at all.
        self._global_cache: dict[str, _Pattern | None] = {}
        self._automaton = ahocorasick.Automaton()
        for key, patterns in by_key.items():
            # "plain": one pattern with no case or context rule, kept as found.
            plain = len(patterns) == 1 and not (patterns[0].case_sensitive or patterns[0].initials)
            self._automaton.add_word(key, (len(key), tuple(patterns), plain))
        if by_key:
            self._automaton.make_automaton()
        self._empty = not by_key

    @staticmethod
    def _full_pattern(entity_id: str, alias: str) -> _Pattern:
        ambiguous = is_ambiguous(alias)
        exact_case = ambiguous or _needs_exact_case(alias)
        words = alias.split()
        # Only companies: their multiword names are ordinary phrases in lower
        # case ("open AI", "thinking machines"); a person's name is not.
        initials = (
            entity_id.startswith("company:")
            and len(words) > 1
            and all(w[0].isupper() for w in words if w[0].isalpha())
        )
        return _Pattern(entity_id, _normalise_punct(alias), False, exact_case, ambiguous, initials)

    # -- public ---------------------------------------------------------------

    def find(self, title: str, body: str) -> list[Mention]:
        """Mentions in title then body, each field in text order."""
        texts = {"title": title or "", "body": body or ""}
        hits: list[_Hit] = []
        for field, text in texts.items():
            if text and not self._empty:
                hits += self._exact_hits(field, text)
        hits += self._fuzzy_hits(texts, hits)
        hits = [h for h in hits if not in_address(texts[h.field], h.start, h.end)]
        if any(h.needs for h in hits):
            hits = self._with_signal(texts, hits)
        return self._resolve(texts, hits)

    @staticmethod
    def _with_signal(texts: dict[str, str], hits: list[_Hit]) -> list[_Hit]:
        """Drop the hits that need the article to be about technology when it
        shows no sign of it."""
        entity = any(not h.needs and not h.patterns[0].surname for h in hits)
        words = entity or industry_signal(texts["title"], texts["body"])
        return [
            h for h in hits if h.needs == NO_SIGNAL or entity or (h.needs == ANY_SIGNAL and words)
        ]

    # -- exact ----------------------------------------------------------------

    def _exact_hits(self, field: str, text: str) -> list[_Hit]:
        folded = fold(text)
        n = len(text)
        found: list[tuple[int, int, _Hit]] = []  # (start, -length, hit)
        for last, (length, patterns, plain) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            glued_nya = False
            if end < n and text[end].isalnum():
                # Indonesian glues "-nya" on ("OpenAInya"); a version number
                # may follow a product name ("Qwen3", "Qwen2.5"); nothing else.
                after = end + 3
                if folded.startswith("nya", end) and (after >= n or not text[after].isalnum()):
                    glued_nya = True
                elif text[end].isdigit() and text[end - 1].isalpha():
                    end = _version_end(text, end)
                    if end < n and text[end].isalnum():
                        continue
                    patterns = tuple(p for p in patterns if not (p.surname or p.ambiguous))
                    if not patterns:
                        continue
                else:
                    continue
            if plain:  # neither ambiguous nor a surname, so "-nya" is fine too
                found.append((start, -length, _Hit(field, start, end, patterns)))
                continue
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
                        surface = _normalise_punct(raw)
                    if surface != pattern.alias:
                        # An all-caps headline writes every name in capitals.
                        if not (
                            surface == pattern.alias.upper() and caps_context(text, start, end)
                        ):
                            continue
                        if not pattern.surname:
                            needs = ENTITY_SIGNAL
                if pattern.initials and not _initials_match(text, start, length, pattern.alias):
                    continue
                if pattern.ambiguous:
                    verdict = self._common_sense(text, start, end, pattern)
                    if verdict is None:
                        continue
                    needs = max(needs, verdict)
                kept.append(pattern)
            # A full alias beats a surname spelled the same way.
            if len(kept) > 1 and any(not p.surname for p in kept):
                kept = [p for p in kept if not p.surname]
            if kept:
                hit = _Hit(field, start, end, tuple(kept), needs=needs)
                found.append((start, -length, hit))
        return _leftmost_longest(found)

    @staticmethod
    def _common_sense(text: str, start: int, end: int, pattern: _Pattern) -> int | None:
        """None when an everyday-word alias is used as the everyday word, else
        how much the article must be about technology for it to count."""
        if text[end : end + 1] == "-" and text[end + 1 : end + 2].islower():
            suffix = next_words(text, end + 1, 1)
            if not suffix or suffix[0].casefold() not in COMPOUND_SUFFIXES:
                return None  # "Meta-analysis", "Apple-flavoured"; not "Meta-backed"
        following = next_words(text, end, 6)
        before = word_before(text, start)
        cues = SENSE_CUES.get(pattern.alias.casefold())
        if cues and (
            any(w.casefold() in cues for w in following)
            or (
                before is not None
                and before.casefold() in cues
                and before.casefold() not in COMMON_WORDS
            )
        ):
            return None  # "Apple pie", "the Mistral, a cold wind", "hutan Amazon"
        if before is not None and before[0].isdigit():
            return None  # a unit: "7 Tesla"
        first = following[0] if following else ""
        if not _at_sentence_start(text, start):
            if (
                before
                and _is_titlecase_word(before)
                and before.casefold() not in COMMON_WORDS
                and not before.endswith(("'s", "’s"))
            ):
                # Mid-sentence after another capitalised word: a longer
                # proper name ("Nikola Tesla"), unless that word opens the sentence.
                j = start - len(before) - 1
                if not _at_sentence_start(text, max(0, j)):
                    return None
            return NO_SIGNAL
        # Opening a sentence, the capital says nothing: "Meta de vendas" is
        # the noun; "Meta says" is the company; else the article decides.
        if text[end : end + 1] in " \u00a0" and first in NOUN_CONNECTORS:
            return None
        if acts_like_company(following) or text[end : end + 1] in "'’":
            return NO_SIGNAL
        return ANY_SIGNAL

    # -- fuzzy ----------------------------------------------------------------

    def _fuzzy_hits(self, texts: dict[str, str], exact: list[_Hit]) -> list[_Hit]:
        named = {p.entity_id for h in exact for p in h.patterns if not p.surname}
        # Targets of the named entities by first letter (a misspelling keeps
        # it), in the order _closest would meet them in one flat list.
        near: dict[str, list[tuple[str, _Pattern]]] = {}
        for eid in named:
            for target in self._fuzzy_targets.get(eid, ()):
                near.setdefault(target[0][0], []).append(target)
        letters = self._compound_letters.union(near)
        found: list[_Hit] = []
        for field, text in texts.items():
            if not text:
                continue
            folded = fold(text)
            covered = bytearray(len(text))
            for hit in exact:
                if hit.field == field:
                    covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            for run in _CAPITALISED_RUN.finditer(text):
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
                        pats = tuple(_Pattern(o, surface, False, False, False) for o in owners)
                        found.append(_Hit(field, start, end, pats, fuzzy=True))
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
        near: dict[str, list[tuple[str, _Pattern]]],
        letters: frozenset[str],
    ) -> list[_Hit]:
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
        found: list[_Hit] = []
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
                    pats = tuple(_Pattern(o, surface, False, False, False) for o in owners)
                    found.append(_Hit(field, start, end, pats, fuzzy=True))
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
        near: dict[str, list[tuple[str, _Pattern]]],
    ) -> _Hit | None:
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
        pat = _Pattern(pattern.entity_id, pattern.alias, pattern.surname, False, False)
        return _Hit(field, start, end, (pat,), fuzzy=True, needs=needs)

    def _global_closest(self, token: str) -> _Pattern | None:
        """A watched name a word of the same first two letters misspells."""
        if token in self._global_cache:
            return self._global_cache[token]
        found = _closest(token, self._global_targets.get(token[:2], ()), relaxed=False)
        if len(self._global_cache) >= 20_000:
            self._global_cache.clear()
        self._global_cache[token] = found
        return found

    # -- resolution -------------------------------------------------------------

    def _resolve(self, texts: dict[str, str], hits: list[_Hit]) -> list[Mention]:
        """Turn hits into mentions: surnames need their full name in the article."""
        mentions: list[Mention] = []
        bare: list[_Hit] = []
        foreign: set[str] = set()  # surnames also worn by someone unwatched
        for hit in hits:
            if not hit.patterns[0].surname:
                for pattern in hit.patterns:
                    text = texts[hit.field][hit.start : hit.end]
                    mentions.append(
                        Mention(pattern.entity_id, hit.start, hit.end, text, hit.field, hit.fuzzy)
                    )
                continue
            verdict = self._surname_context(texts[hit.field], hit)
            if (
                verdict is None
                and hit.field == "body"
                and self._given_name_after(texts[hit.field], hit.end)
            ):
                verdict = "foreign"  # "Wang Xiaochuan": family name first, someone else
            if verdict == "foreign":
                foreign.add(hit.patterns[0].alias.casefold())
            elif verdict == "unsure":
                continue
            elif isinstance(verdict, tuple):
                entity_id, start = verdict
                surface = texts[hit.field][start : hit.end]
                mentions.append(Mention(entity_id, start, hit.end, surface, hit.field, hit.fuzzy))
            else:
                bare.append(hit)
        full = {m.entity_id for m in mentions}
        for hit in bare:
            surname = hit.patterns[0].alias.casefold()
            if surname in foreign:
                continue
            owners = self._surname_owners.get(surname, set())
            named = [o for o in owners if o in full]
            if len(named) == 1:
                surface = texts[hit.field][hit.start : hit.end]
                mentions.append(
                    Mention(named[0], hit.start, hit.end, surface, hit.field, hit.fuzzy)
                )
        # Title first, then by position: sorted as tuples (the index keeps equal
        # keys in order, as a stable sort would) rather than through a key function.
        order = sorted(
            (_FIELD_ORDER[m.field], m.start, m.entity_id, index, m)
            for index, m in enumerate(mentions)
        )
        result: list[Mention] = []
        last: tuple[int, int, str] | None = None
        for field_index, start, entity_id, _, mention in order:
            # One mention per entity and place, however many aliases matched.
            if (field_index, start, entity_id) != last:
                result.append(mention)
            last = (field_index, start, entity_id)
        return result

    def _surname_context(self, text: str, hit: _Hit) -> str | tuple[str, int] | None:
        """What stands before a surname: the person's own first name (a full
        mention: entity id and new start), someone else's ("foreign"), maybe
        someone else's ("unsure"), or nothing telling (None: a bare surname)."""
        before = _name_before(text, hit.start)
        if before is None:
            return None
        given, nick, given_start = before
        names = {given.casefold()} | ({nick.casefold()} if nick else set())
        for pattern in hit.patterns:
            if names & self._first_names.get(pattern.entity_id, frozenset()):
                return pattern.entity_id, given_start
        if _is_titlecase_word(given):
            # A first name spelled a little wrong is still theirs ("Barrett Zoph").
            for pattern in hit.patterns:
                for first in self._first_names.get(pattern.entity_id, frozenset()):
                    if _close_given(fold(given), first):
                        return pattern.entity_id, given_start
        if nick and _is_titlecase_word(nick):
            return "foreign"
        folded = given.casefold()
        if (
            _is_titlecase_word(given)
            and folded not in COMMON_WORDS
            and folded not in HONORIFICS
            and fold(given) not in self._company_words
        ):
            # Mid-sentence, a capitalised word before a surname is a first
            # name: someone else with that surname is in the article. Opening
            # a sentence it may be any word ("Kepergian Zoph ..."): skip this
            # occurrence without doubting the others.
            if _at_sentence_start(text, given_start):
                return "unsure"
            return "foreign"
        return None

    def _given_name_after(self, text: str, end: int) -> bool:
        """A capitalised name right after a surname: someone named family
        name first ("Wang Xiaochuan"), not the watched person."""
        if text[end : end + 1] != " ":
            return False
        following = next_words(text, end, 1)
        if not following:
            return False
        word = following[0].split("'")[0].split("’")[0]
        return (
            _is_titlecase_word(word)
            and text.startswith(following[0], end + 1)
            and word.casefold() not in COMMON_WORDS
            and fold(word) not in self._company_words
        )


def _close_given(given: str, first: str) -> bool:
    """Whether a written first name is a small misspelling of a known one."""
    if given[:1] != first[:1] or min(len(given), len(first)) < 4:
        return False
    return Levenshtein.distance(given, first, score_cutoff=2) <= 1


_SPACES = " \u00a0"
_NICK_CLOSE = ')”"»'
_NICK_OPEN = '(“"«'


def _word_before(text: str, end: int) -> tuple[str, int] | None:
    """The word separated from text[end:] by exactly one space, and its start."""
    space = end - 1
    if space < 1 or text[space] not in _SPACES:
        return None
    start = space
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    word = text[start:space]
    return (word, start) if word and word[0].isalpha() else None


def _name_before(text: str, end: int) -> tuple[str, str | None, int] | None:
    """(given name, nickname, start) before a surname: 'William (Liam) Fedus'
    gives ('William', 'Liam', start of William); 'Jack Altman' ('Jack', None, ...).
    Scanned by hand: a regex anchored at the end retries every start position."""
    nick = None
    if end >= 3 and text[end - 1] in _SPACES and text[end - 2] in _NICK_CLOSE:
        close = end - 2
        low = max(0, close - 32)
        opened = max(text.rfind(c, low, close) for c in _NICK_OPEN)
        inner = text[opened + 1 : close].strip() if opened >= 0 else ""
        if not inner or "\n" in inner or any(c in inner for c in "()"):
            return None
        nick, end = inner, opened
    found = _word_before(text, end)
    if found is None:
        return None
    return found[0], nick, found[1]


def _leftmost_longest(hits: list[tuple[int, int, _Hit]]) -> list[_Hit]:
    """Non-overlapping hits, leftmost first, the longest of those starting
    together. Given as (start, -length, hit): no two share start and length
    (that would be one key), so sorting compares ints only, in C."""
    hits.sort()
    kept: list[_Hit] = []
    last_end = -1
    for _, _, hit in hits:
        if hit.start >= last_end:
            kept.append(hit)
            last_end = hit.end
    return kept


def _closest(
    token: str, targets: Iterable[tuple[str, _Pattern]], *, relaxed: bool
) -> _Pattern | None:
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
