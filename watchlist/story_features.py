"""What an article shares with its retellings, and what its events say.

A translation or rewrite keeps what words cannot translate: the people it is
about, product names, numbers, links, amounts. Those are the features that
link tellings (watchlist.stories). What keeps apart two stories about the
same person or company is mostly what their events say (who, what, the
organisations, the amount, the date): extracted here, compared in
watchlist.story_compare.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from watchlist.event_details import find_amounts
from watchlist.lexicon import FUNCTION_WORDS, words
from watchlist.matcher import fold
from watchlist.story_kinds import (
    KIND_WORDS,
    headline_kinds,
    headline_opinion,
    headline_roundup,
    headline_rumour,
)
from watchlist.story_places import PLACE_WORDS, places

LEAD_CHARS = 200
ROLE_KEYS = ("from", "to", "investor", "target")
_BACKGROUND_ROLES = {"hire": ("from", "investor"), "departure": ("to", "investor")}
# Words a company's id ends with that its headline name often drops:
# "Mistral" for Mistral AI, "Thinking Machines" for Thinking Machines Lab.
_GENERIC_SUFFIXES = ("ai", "lab", "labs", "inc", "platforms")
SHORT_NAME_MIN = 5  # letters of a name's last word that stands for it alone

# Letters two languages' spellings of a name share at least ("Senat" /
# "Senado"), once spelled alike (watchlist.story_compare.akin).
AKIN_MIN = 4
# Long headline words, and the letters two languages' spellings of one share
# at least ("conscious" / "consciente").
STEM_WORD = 7
STEM = 6
_SPELLINGS = (("ph", "f"), ("th", "t"), ("y", "i"), ("k", "c"), ("q", "c"))
_URL = re.compile(r"https?://([^\s/\"'<>]+)(/[^\s\"'<>?#]*)?", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*\d(?![\w])|(?<![\w.,])\d{2,}(?![\w])")
_WORD = re.compile(r"[^\W_][^\W_]*(?:-[^\W_]+)*")
_NOT_NAME = re.compile(r"[^\w'’]+")
# A share survives translation as a number: "90%", "90 persen", "90 por cento".
_PERCENT = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d+)?)\s?(?:%|persen\b|por cento\b)")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DIGIT = re.compile(r"\d")
_MONEY = re.compile(r"(?:US\$|R\$|\$|€|£|Rp)\s?\d[\d.,]*(?:\s?[^\W\d_]+)?", re.IGNORECASE)
_CURRENCY_SIGNS = ("$", "€", "£", "Rp", "RP", "rp")
_SENTENCE_END = '.!?:;\n"“”'
# Days and months are written capitalised and are in every dated story
# ("said on Monday", "pada Senin", "em Março"): dates, not names.
_CALENDAR_WORDS = words(
    """
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october
    november december
    senin selasa rabu kamis jumat sabtu minggu
    januari februari maret mei juni juli agustus oktober desember
    segunda-feira terca-feira quarta-feira quinta-feira sexta-feira sabado domingo
    janeiro fevereiro marco maio junho julho setembro outubro novembro dezembro
    """
)

# Words that present a product as new, and where the product stands from
# them: after "new Claude model" / "novo modelo Claude", before or after
# "Claude terbaru" / "model baru Claude" (watchlist.story_judge: a launch
# and the same days' first looks at the new product are one story).
_NEW_BEFORE = words("new newest latest novo nova novos novas")
_NEW_AROUND = words("baru terbaru")
_NEW_REACH = 3
_NEW_AROUND_REACH = 2

# One telling of an event: (kind, subject id, roles as sorted (key, id) pairs,
# amount "CUR:number" or "", the event's own date "YYYY[-MM[-DD]]" or "").
Telling = tuple[str, str, tuple[tuple[str, str], ...], str, str]


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What an article shares with its retellings."""

    people: frozenset[str]  # watched people prominent in the article
    anchors: frozenset[str]  # proper nouns, numbers, amounts and URLs, folded
    published: datetime | None
    language: str | None
    events: frozenset[tuple[str, str]] = frozenset()  # (kind, entity id)
    title_names: frozenset[str] = frozenset()  # watched entities named in the title
    years: frozenset[str] = frozenset()  # years the headline and lead name
    tellings: tuple[Telling, ...] = ()  # the events with what they say besides who
    # Unwatched names the headline is about: in the title and written
    # capitalised mid-sentence in the body ("Run:ai", "PlayAI", "Statsig").
    names: frozenset[str] = frozenset()

    money: frozenset[str] = frozenset()  # the amounts among the anchors
    entities: frozenset[str] = frozenset()  # every watched entity the article names
    # The organisations each event's tellings give it (left, joined, invested, bought).
    organisations: tuple[tuple[tuple[str, str], frozenset[str]], ...] = ()
    title_money: frozenset[str] = frozenset()  # the amounts the headline states
    roundup: bool = False  # the headline presents a digest of several stories
    title_figures: frozenset[str] = frozenset()  # the numbers and shares the headline states
    title_anchors: frozenset[str] = frozenset()  # the anchors the headline has
    spellings: frozenset[str] = frozenset()  # the spelled starts of the anchors' words
    novel: frozenset[str] = frozenset()  # anchors the headline or lead presents as new
    kinds: frozenset[str] = frozenset()  # kinds of story the headline's words tell
    title_capitals: frozenset[str] = frozenset()  # the headline's capitalised words, folded
    title_words: frozenset[str] = frozenset()  # the headline's long words, spelled alike
    rumour: bool = False  # the headline reports talks, a plan or what sources say
    opinion: bool = False  # the headline presents an analysis, a column or an opinion
    title_places: frozenset[str] = frozenset()  # countries the headline names
    # Countries the headline and lead name, read only when the headline names one.
    places: frozenset[str] = frozenset()


def spelled(word: str) -> str:
    """A folded word spelled one way for every language: "olympiad" and
    "olimpiade" both start "olimp", "kongres" and "congress" "congres"."""
    for old, new in _SPELLINGS:
        if old in word:
            word = word.replace(old, new)
    return word


def _prominent_people(title: str, entities: Mapping[str, int] | Iterable[str]) -> frozenset[str]:
    counts = entities if isinstance(entities, Mapping) else dict.fromkeys(entities, 2)
    surnames = [e.rsplit("-", 1)[-1].split(":")[-1] for e in counts if e.startswith("person:")]
    people = set()
    spaced = ""
    for entity_id, count in counts.items():
        if not entity_id.startswith("person:"):
            continue
        if count >= 2:
            people.add(entity_id)
            continue
        # A headline's "Amodei" in an article naming Dario and Daniela
        # Amodei makes neither the one it is about.
        surname = entity_id.rsplit("-", 1)[-1].split(":")[-1]
        if surnames.count(surname) != 1:
            continue
        # Punctuation around a surname ("Nadella:", "Altman's") is a space; a
        # surname's letters inside another word ("li" in "Rilis") are not it.
        spaced = (
            spaced
            or " " + _NOT_NAME.sub(" ", fold(title)).replace("'", " ").replace("’", " ") + " "
        )
        if f" {surname} " in spaced:
            people.add(entity_id)
    return frozenset(people)


def _title_names(title: str, ids: Iterable[str]) -> frozenset[str]:
    # Punctuation around a name ("Nadella:", "(OpenAI)", "Character.AI") is a space.
    folded = " " + _NOT_NAME.sub(" ", fold(title)) + " "
    found = set()
    for entity_id in ids:
        words = entity_id.split(":", 1)[-1].replace("-", " ")
        if entity_id.startswith("person:"):
            words = words.split()[-1]  # the surname names the person in a title
        else:
            parts = words.split()
            while len(parts) > 1 and parts[-1] in _GENERIC_SUFFIXES:
                parts.pop()
            words = " ".join(parts)
        if any(f" {words}{end}" in folded for end in " '’"):
            found.add(entity_id)
        elif " " in words and _short_name(title, words.rsplit(" ", 1)[-1]):
            found.add(entity_id)  # "DeepMind" for Google DeepMind
    return frozenset(found)


def _short_name(title: str, last: str) -> bool:
    """Whether a headline writes a company by the last word of its name,
    capitalised as a name ("DeepMind model wins gold")."""
    if len(last) < SHORT_NAME_MIN:
        return False
    return any(fold(w) == last and w[0].isupper() for w in _WORD.findall(title))


def _money_anchors(title: str, body: str, language: str | None) -> set[str]:
    # Every notation counts: "$13 billion", "US$ 13 bilhões" and "13 miliar
    # dolar AS" are one amount, whichever side of the number the currency is.
    return {"money:" + amount for text in (title, body) for amount in find_amounts(text, language)}


def _number_anchor(raw: str) -> str | None:
    """'3.000' / '3,000' / '3000' -> '3000'; small numbers (days, counts) are
    noise, and a year is a date that every story of that year shares."""
    digits = raw.replace(".", "").replace(",", "")
    return digits if len(digits) >= 3 and not _YEAR.fullmatch(digits) else None


def _sentence_start(text: str, start: int) -> bool:
    j = start - 1
    while j >= 0 and text[j] in " \t\"'“‘(":
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END


def _words(text: str, entity_words: set[str]) -> Iterable[tuple[str, bool]]:
    """(folded proper noun, whether it opens a sentence) for each candidate word.
    Amounts are compared as amounts ("US$" is no name), and two capitals (AI,
    US, UK) are a term or a place every outlet writes, not a story's name."""
    if any(sign in text for sign in _CURRENCY_SIGNS):
        text = _MONEY.sub(lambda m: " " * len(m.group()), text)
    for m in _WORD.finditer(text):
        word = m.group()
        if len(word) < 2 or not word[0].isupper() and (word.isalpha() or not _DIGIT.search(word)):
            continue
        if len(word) == 2 and word.isupper():
            continue
        if word.isdigit():
            continue
        folded = fold(word)
        if folded in FUNCTION_WORDS or folded in _CALENDAR_WORDS:
            continue
        if all(p in entity_words for p in folded.split("-")):
            continue  # watched names are compared as people, not as words
        # A capitalised word opening a sentence is usually just a word.
        opening = _sentence_start(text, m.start()) and not any(c.isupper() for c in word[1:])
        yield folded, opening


def _figures(text: str) -> set[str]:
    """Numbers and shares: what a headline's "600 jobs" is in every language."""
    found = {"num:" + n for m in _NUMBER.finditer(text) if (n := _number_anchor(m.group()))}
    if "%" in text or "pers" in text or "cento" in text:
        found.update("pct:" + m.group(1).replace(",", ".") for m in _PERCENT.finditer(text))
    return found


def _anchors(text: str, entity_words: set[str]) -> frozenset[str]:
    anchors: set[str] = set()
    for m in _URL.finditer(text):
        anchors.add("url:" + (m.group(1) + (m.group(2) or "")).lower().rstrip("/"))
    anchors.update(_figures(text))
    anchors.update(word for word, opening in _words(text, entity_words) if not opening)
    return frozenset(anchors)


def _headline_names(title: str, body: str, entity_words: set[str]) -> frozenset[str]:
    """Unwatched names in the title that the body also writes as names. All-caps
    words (CEO, GPU, AI) are left out: they are titles and terms more than names."""
    words = list(_words(body, entity_words))
    in_body = {w for w, opening in words if not opening}
    title_words = _WORD.findall(title)
    capitals = {fold(w) for w in title_words if w.replace("-", "").isupper()}
    # A sentence-case headline capitalises only names: there a name the body
    # opens a sentence with ("Reflection AI, founded by ...") is one too.
    if sum(w[0].islower() for w in title_words) * 2 >= len(title_words):
        in_body.update(w for w, _ in words)
    return frozenset(
        word for word, _ in _words(title, entity_words) if word in in_body and word not in capitals
    )


def _novel(text: str, anchors: frozenset[str]) -> frozenset[str]:
    """The anchors (product names) a text presents as new: "the new Claude
    model", "o novo Gemini", "model AI terbaru, Qwen". A sentence end stops
    the reach: "... new rules. Gemini ..." presents nothing."""
    lowered = text.lower()
    if not any(hint in lowered for hint in ("new", "latest", "nov", "baru")):
        return frozenset()  # most articles: no need to split the lead into words
    tokens = []  # (folded word, sentence number)
    sentence = 0
    last = 0
    for m in _WORD.finditer(text):
        if any(c in _SENTENCE_END for c in text[last : m.start()]):
            sentence += 1
        last = m.end()
        tokens.append((fold(m.group()), sentence))
    found = set()
    for i, (word, sentence) in enumerate(tokens):
        if word in _NEW_BEFORE:
            reach = tokens[i + 1 : i + 1 + _NEW_REACH]
        elif word in _NEW_AROUND:
            reach = (
                tokens[max(0, i - _NEW_AROUND_REACH) : i]
                + tokens[i + 1 : i + 1 + _NEW_AROUND_REACH]
            )
        else:
            continue
        found.update(w for w, s in reach if s == sentence and w in anchors)
    return frozenset(found)


def _tellings(events: Iterable[tuple]) -> tuple[frozenset[tuple[str, str]], tuple[Telling, ...]]:
    keys: set[tuple[str, str]] = set()
    tellings: list[Telling] = []
    for event in events:
        kind, who = str(event[0]), str(event[1])
        keys.add((kind, who))
        details: Mapping[str, str] = dict(event[2]) if len(event) > 2 and event[2] else {}
        roles = tuple(sorted((k, str(v)) for k, v in details.items() if k in ROLE_KEYS))
        tellings.append(
            (kind, who, roles, str(details.get("amount") or ""), str(details.get("date") or ""))
        )
    return frozenset(keys), tuple(sorted(set(tellings)))


def story_features(
    title: str,
    body: str,
    entities: Mapping[str, int] | Iterable[str],
    published: datetime | None = None,
    language: str | None = None,
    events: Iterable[tuple] = (),
) -> StoryFeatures:
    """Features of one article. `entities` is Enrichment.mention_counts (or
    just entity ids, in which case every watched person counts as prominent);
    `events` the (kind, entity id) of its events, or (kind, entity id, details)
    with details as Event.details() gives them (roles, amount, date)."""
    ids = list(entities)
    entity_words = {w for eid in ids for w in eid.split(":", 1)[-1].split("-")}
    title, body = title or "", body or ""
    keys, tellings = _tellings(events)
    money = frozenset(_money_anchors(title, body, language))
    people = _prominent_people(title, entities)
    # A person named in passing by two tellings ("Lisa Su said") is a name
    # that survives translation, weighed by its rarity like any anchor.
    passing = {"ent:" + e for e in ids if e.startswith("person:") and e not in people}
    title_anchors = _anchors(title, entity_words)
    anchors = title_anchors | _anchors(body, entity_words)
    capitals = frozenset(fold(w) for w in _WORD.findall(title) if w[0].isupper())
    # Most headlines name no place: their capitals say so without reading them again.
    title_places = places(title) if capitals & PLACE_WORDS else frozenset()
    return StoryFeatures(
        people,
        anchors | money | passing,
        published,
        language,
        keys,
        _title_names(title, ids),
        # The years of the headline and lead: the story's own, where a long
        # article's background years ("acquired in 2020") are not.
        frozenset(_YEAR.findall(title + " " + body[:LEAD_CHARS])),
        tellings,
        _headline_names(title, body[: LEAD_CHARS * 2], entity_words),
        money,
        frozenset(ids),
        _event_organisations(tellings),
        frozenset(_money_anchors(title, "", language)),
        headline_roundup(title),
        frozenset(_figures(title)),
        title_anchors,
        frozenset(
            spelled(word)[:AKIN_MIN]
            for word in anchors
            if ":" not in word and len(word) >= AKIN_MIN
        ),
        _novel(title + "\n" + body[: LEAD_CHARS * 2], anchors),
        headline_kinds(title),
        capitals,
        _long_words(title, entity_words),
        headline_rumour(title),
        headline_opinion(title),
        title_places,
        title_places | places(body[: LEAD_CHARS * 2]) if title_places else title_places,
    )


def _long_words(title: str, entity_words: set[str]) -> frozenset[str]:
    """A headline's long words, spelled alike for every language: what two
    headlines in two languages may say in common besides the names and the
    kind of story (compared as kinds)."""
    return frozenset(
        spelled(word)
        for m in _WORD.finditer(title)
        if len(word := fold(m.group())) >= STEM_WORD
        and word not in entity_words
        and word not in KIND_WORDS
        and not _DIGIT.search(word)
    )


def _event_organisations(
    tellings: Iterable[Telling],
) -> tuple[tuple[tuple[str, str], frozenset[str]], ...]:
    found: dict[tuple[str, str], set[str]] = {}
    for kind, who, roles, _, _ in tellings:
        # A retelling drops the background: who invested in a round, where
        # a hire came from, where a leaver goes. What must be named in every
        # telling is the organisation the event is about.
        background = _BACKGROUND_ROLES.get(kind, ("investor",))
        orgs = {org for key, org in roles if key not in background}
        if orgs:
            found.setdefault((kind, who), set()).update(orgs)
    return tuple((key, frozenset(orgs)) for key, orgs in sorted(found.items()))
