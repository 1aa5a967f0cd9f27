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

Names are not matched inside addresses (openai.com), multiword company names
need their capitals ("open AI" is not OpenAI), and all-caps headlines match
names written in capitals (watchlist.context). watchlist.fuzzy catches spacing
variants ("Open-AI") and small misspellings ("Frans-Owen", "Nvida").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import ahocorasick

from watchlist.context import (
    ADDRESS_AFTER,
    ADDRESS_BEFORE,
    in_address,
    industry_signal,
    next_words,
)
from watchlist.entities import Entity, person_names
from watchlist.exact import exact_hits
from watchlist.fuzzy import FuzzyMatching, Misspelt
from watchlist.hits import (
    ANY_SIGNAL,
    FIELD_ORDER,
    FIELDS,
    NO_SIGNAL,
    Hit,
    Mention,
    Pattern,
    mention,
)
from watchlist.lexicon import (
    COMMON_WORDS,
    HONORIFICS,
)
from watchlist.names import (
    at_sentence_start,
    close_given,
    given_sharing_surname,
    initial_offsets,
    is_titlecase_word,
    name_before,
)
from watchlist.textfold import compact, fold, normalise_punct

__all__ = ["FIELDS", "Matcher", "Mention", "fold", "is_ambiguous"]


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


# --- the matcher --------------------------------------------------------------


class Matcher(FuzzyMatching):
    """Finds mentions of a fixed list of entities; build once, use per article."""

    def __init__(self, entities: Sequence[Entity], extras: Mapping[str, Any] | None = None) -> None:
        """`extras`: folded keys another reader of the text wants found at word
        starts in the same pass (event keywords' stems), with what each means
        to it; find_with_extras returns them."""
        self._entities = {e.id: e for e in entities}
        by_key: dict[str, list[Pattern]] = {}
        self._compact_aliases: dict[str, set[str]] = {}
        self._surname_owners: dict[str, set[str]] = {}
        self._first_names: dict[str, frozenset[str]] = {}
        self._surnames: dict[str, tuple[str, ...]] = {}
        # Casefolded words of company names: "Nvidia Huang" is not a first name.
        self._company_words: set[str] = set()
        # Per entity, the single words a misspelling may be compared with.
        self._fuzzy_targets: dict[str, list[tuple[str, Pattern]]] = {}
        # Long compound surnames, by first letter: fuzzy even when not named.
        self._compound_targets: dict[str, list[tuple[str, Pattern]]] = {}

        # Every name of 6+ letters, by first letter: a misspelling of one is
        # a name even when the article never spells it right ("Nvida").
        self._global_targets: dict[str, list[tuple[str, Pattern]]] = {}

        def add(pattern: Pattern) -> None:
            found = by_key.setdefault(fold(pattern.alias), [])
            # "NVIDIA" and "Nvidia" fold alike: one pattern per entity and key.
            if not any(p.entity_id == pattern.entity_id for p in found):
                found.append(pattern)

        for entity in entities:
            targets = self._fuzzy_targets.setdefault(entity.id, [])
            if entity.kind == "person":
                names = person_names(entity)
                self._first_names[entity.id] = names.first_names
                self._surnames[entity.id] = names.surnames
                single = [a for a in (entity.name, *entity.aliases) if len(a.split()) == 1]
                for alias in (*names.full_names, *single):
                    add(self._full_pattern(entity.id, alias))
                for surname in names.surnames:
                    pattern = Pattern(entity.id, normalise_punct(surname), True, True, False)
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
                    key = compact(alias)
                    if len(key) >= 4:
                        self._compact_aliases.setdefault(key, set()).add(entity.id)

        # Every prefix of a compact alias: a capitalised run whose first word
        # is not one cannot start a spacing variant, so it is not tried further.
        self._compact_prefixes = frozenset(
            key[:i] for key in self._compact_aliases for i in range(1, len(key) + 1)
        )
        # First letters of every misspelling target: a word starting
        # otherwise is no misspelling of a name.
        self._misspelt_letters = (
            frozenset(self._compound_targets)
            | frozenset(key[0] for key in self._global_targets)
            | frozenset(t[0][0] for ts in self._fuzzy_targets.values() for t in ts)
        )
        # The same targets by first letter, whoever they belong to.
        self._fuzzy_by_letter: dict[str, list[tuple[str, Pattern]]] = {}
        for targets in self._fuzzy_targets.values():
            for target in targets:
                self._fuzzy_by_letter.setdefault(target[0][0], []).append(target)
        # Misspelling lookups by word: the same capitalised words ("The",
        # "Reuters") recur in every article, and most are no name at all.
        self._misspellings: dict[str, Misspelt] = {}
        self._automaton = ahocorasick.Automaton()
        extras = extras or {}
        for key, patterns in by_key.items():
            # "plain": one pattern with no case or context rule, kept as found;
            # for one whose only rule is its initials, the offsets of those.
            only = patterns[0] if len(patterns) == 1 else None
            plain: bool | tuple[int, ...] = only is not None and not only.case_sensitive
            if plain and only is not None and only.initials:
                plain = tuple(i for i in initial_offsets(only.alias) if i < len(key))
            self._automaton.add_word(key, (len(key), tuple(patterns), plain, extras.get(key)))
        for key, extra in extras.items():
            if key not in by_key:
                self._automaton.add_word(key, (len(key), (), False, extra))
        if by_key:
            self._automaton.make_automaton()
        self._empty = not by_key
        self._has_extras = bool(extras)

    @staticmethod
    def _full_pattern(entity_id: str, alias: str) -> Pattern:
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
        return Pattern(entity_id, normalise_punct(alias), False, exact_case, ambiguous, initials)

    # -- public ---------------------------------------------------------------

    def find(self, title: str, body: str) -> list[Mention]:
        """Mentions in title then body, each field in text order."""
        return self.find_with_extras(title, body)[0]

    def find_with_extras(
        self, title: str, body: str
    ) -> tuple[list[Mention], dict[str, list[tuple[int, Any]]]]:
        """find() and, per field searched, (start, extra) of every extra key
        starting a word of the folded field (see __init__); a field not
        searched (empty, or no names to find) is left out."""
        texts = {"title": title or "", "body": body or ""}
        hits: list[Hit] = []
        extras: dict[str, list[tuple[int, Any]]] = {}
        for field, text in texts.items():
            if text and not self._empty:
                found: list[tuple[int, Any]] | None = None
                if self._has_extras:
                    found = extras[field] = []
                hits += exact_hits(self._automaton, field, text, found)
        hits += self._fuzzy_hits(texts, hits)
        title, body = texts["title"], texts["body"]
        hits = [
            h
            for h in hits
            # in_address's own first test, inline: most names stand between spaces.
            if not (
                (
                    (where := title if h.field == "title" else body)[h.start - 1 : h.start]
                    in ADDRESS_BEFORE
                    or where[h.end : h.end + 1] in ADDRESS_AFTER
                )
                and in_address(where, h.start, h.end)
            )
        ]
        if any(h.needs for h in hits):
            hits = self._with_signal(texts, hits)
        return self._resolve(texts, hits), extras

    @staticmethod
    def _with_signal(texts: dict[str, str], hits: list[Hit]) -> list[Hit]:
        """Drop the hits that need the article to be about technology when it
        shows no sign of it."""
        entity = any(not h.needs and not h.patterns[0].surname for h in hits)
        words = entity or industry_signal(texts["title"], texts["body"])
        return [
            h for h in hits if h.needs == NO_SIGNAL or entity or (h.needs == ANY_SIGNAL and words)
        ]

    # -- resolution -------------------------------------------------------------

    def _resolve(self, texts: dict[str, str], hits: list[Hit]) -> list[Mention]:
        """Turn hits into mentions: surnames need their full name in the article."""
        mentions: list[Mention] = []
        bare: list[Hit] = []
        foreign: set[str] = set()  # surnames also worn by someone unwatched
        for hit in hits:
            if not hit.patterns[0].surname:
                text = texts[hit.field][hit.start : hit.end]
                for pattern in hit.patterns:
                    mentions.append(
                        mention(pattern.entity_id, hit.start, hit.end, text, hit.field, hit.fuzzy)
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
                mentions.append(mention(entity_id, start, hit.end, surface, hit.field, hit.fuzzy))
            else:
                bare.append(hit)
        mentions += self._shared_surnames(texts, mentions)
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
                    mention(named[0], hit.start, hit.end, surface, hit.field, hit.fuzzy)
                )
        # Title first, then by position: sorted as tuples (the index keeps equal
        # keys in order, as a stable sort would) rather than through a key function.
        order = [
            (FIELD_ORDER[m.field], m.start, m.entity_id, index, m)
            for index, m in enumerate(mentions)
        ]
        order.sort()
        result: list[Mention] = []
        last: tuple[int, int, str] | None = None
        for field_index, start, entity_id, _, found in order:
            # One mention per entity and place, however many aliases matched.
            if (field_index, start, entity_id) != last:
                result.append(found)
            last = (field_index, start, entity_id)
        return result

    def _shared_surnames(self, texts: dict[str, str], found: list[Mention]) -> list[Mention]:
        """The watched sibling or spouse named by a given name alone before
        another's full name: "Daniela and Dario Amodei" names Daniela Amodei."""
        added: list[Mention] = []
        for m in found:
            surnames = self._surnames.get(m.entity_id)
            if not surnames:
                continue
            given = given_sharing_surname(texts[m.field], m.start)
            if given is None:
                continue
            for surname in surnames:
                for owner in self._surname_owners.get(surname.casefold(), ()):
                    if owner != m.entity_id and given[0].casefold() in self._first_names[owner]:
                        end = given[1] + len(given[0])
                        added.append(mention(owner, given[1], end, given[0], m.field, m.fuzzy))
        return added

    def _surname_context(self, text: str, hit: Hit) -> str | tuple[str, int] | None:
        """What stands before a surname: the person's own first name (a full
        mention: entity id and new start), someone else's ("foreign"), maybe
        someone else's ("unsure"), or nothing telling (None: a bare surname)."""
        before = name_before(text, hit.start)
        if before is None:
            return None
        given, nick, given_start = before
        names = {given.casefold()} | ({nick.casefold()} if nick else set())
        for pattern in hit.patterns:
            if names & self._first_names.get(pattern.entity_id, frozenset()):
                return pattern.entity_id, given_start
        if is_titlecase_word(given):
            # A first name spelled a little wrong is still theirs ("Barrett Zoph").
            for pattern in hit.patterns:
                for first in self._first_names.get(pattern.entity_id, frozenset()):
                    if close_given(fold(given), first):
                        return pattern.entity_id, given_start
        if nick and is_titlecase_word(nick):
            return "foreign"
        folded = given.casefold()
        if (
            is_titlecase_word(given)
            and folded not in COMMON_WORDS
            and folded not in HONORIFICS
            and fold(given) not in self._company_words
        ):
            # Mid-sentence, a capitalised word before a surname is a first
            # name: someone else with that surname is in the article. Opening
            # a sentence it may be any word ("Kepergian Zoph ..."): skip this
            # occurrence without doubting the others.
            if at_sentence_start(text, given_start):
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
            is_titlecase_word(word)
            and text.startswith(following[0], end + 1)
            and word.casefold() not in COMMON_WORDS
            and fold(word) not in self._company_words
        )
