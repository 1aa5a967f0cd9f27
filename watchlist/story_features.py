"""What an article shares with its retellings, and what tells two stories apart.

A translation or rewrite keeps what words cannot translate: the people it is
about, product names, numbers, links, amounts. Those are the features that
link tellings (watchlist.stories). What keeps apart two stories about the
same person or company is what their events say: a departure from OpenAI is
not a departure from Tesla, a $5 billion investment in Intel is not one in
OpenAI, a round told as "in November 2024" is not the one published in March.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from watchlist.event_details import find_amount
from watchlist.event_pairs import event_details  # noqa: F401 - re-exported for its callers
from watchlist.lexicon import FUNCTION_WORDS
from watchlist.matcher import fold

LEAD_CHARS = 200
ROLE_KEYS = ("from", "to", "investor", "target")
# Words a company's id ends with that its headline name often drops:
# "Mistral" for Mistral AI, "Thinking Machines" for Thinking Machines Lab.
_GENERIC_SUFFIXES = ("ai", "lab", "labs", "inc", "platforms")

_URL = re.compile(r"https?://([^\s/\"'<>]+)(/[^\s\"'<>?#]*)?", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*\d(?![\w])|(?<![\w.,])\d{2,}(?![\w])")
_WORD = re.compile(r"[^\W_][^\W_]*(?:-[^\W_]+)*")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DIGIT = re.compile(r"\d")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_MONEY = re.compile(r"(?:US\$|R\$|\$|€|£|Rp)\s?\d[\d.,]*(?:\s?[^\W\d_]+)?", re.IGNORECASE)
_CURRENCY_SIGNS = ("$", "€", "£", "Rp", "RP", "rp")
_SENTENCE_END = '.!?:;\n"“”'

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


def _prominent_people(title: str, entities: Mapping[str, int] | Iterable[str]) -> frozenset[str]:
    counts = entities if isinstance(entities, Mapping) else dict.fromkeys(entities, 2)
    folded_title = fold(title)
    people = set()
    for entity_id, count in counts.items():
        if not entity_id.startswith("person:"):
            continue
        surname = entity_id.rsplit("-", 1)[-1].split(":")[-1]
        if count >= 2 or surname in folded_title:
            people.add(entity_id)
    return frozenset(people)


def _title_names(title: str, ids: Iterable[str]) -> frozenset[str]:
    folded = " " + fold(title).replace("-", " ") + " "
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
        if any(f" {words}{end}" in folded for end in " ',"):
            found.add(entity_id)
    return frozenset(found)


def _money_anchors(title: str, body: str, language: str | None) -> set[str]:
    found = set()
    for text in (title, body):
        for m in _MONEY.finditer(text):
            amount = find_amount(m.group(), 0, language)
            if amount:
                found.add("money:" + amount)
    return found


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
        if folded in FUNCTION_WORDS or all(p in entity_words for p in folded.split("-")):
            continue  # watched names are compared as people, not as words
        # A capitalised word opening a sentence is usually just a word.
        opening = _sentence_start(text, m.start()) and not any(c.isupper() for c in word[1:])
        yield folded, opening


def _anchors(title: str, body: str, entity_words: set[str]) -> frozenset[str]:
    anchors: set[str] = set()
    for text in (title, body):
        for m in _URL.finditer(text):
            anchors.add("url:" + (m.group(1) + (m.group(2) or "")).lower().rstrip("/"))
        for m in _NUMBER.finditer(text):
            number = _number_anchor(m.group())
            if number:
                anchors.add("num:" + number)
        anchors.update(word for word, opening in _words(text, entity_words) if not opening)
    return frozenset(anchors)


def _headline_names(title: str, body: str, entity_words: set[str]) -> frozenset[str]:
    """Unwatched names in the title that the body also writes as names. All-caps
    words (CEO, GPU, AI) are left out: they are titles and terms more than names."""
    in_body = {w for w, opening in _words(body, entity_words) if not opening}
    capitals = {fold(w) for w in _WORD.findall(title) if w.replace("-", "").isupper()}
    return frozenset(
        word for word, _ in _words(title, entity_words) if word in in_body and word not in capitals
    )


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
    return StoryFeatures(
        people,
        _anchors(title, body, entity_words) | money | passing,
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
    )


def _span(date: str) -> tuple[datetime, datetime] | None:
    """The days a "YYYY", "YYYY-MM" or "YYYY-MM-DD" date covers."""
    try:
        parts = [int(p) for p in date.split("-")]
        if len(parts) == 1:
            return datetime(parts[0], 1, 1, tzinfo=UTC), datetime(parts[0], 12, 31, tzinfo=UTC)
        if len(parts) == 2:
            start = datetime(parts[0], parts[1], 1, tzinfo=UTC)
            following = datetime(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1, tzinfo=UTC)
            return start, following - timedelta(days=1)
        day = datetime(parts[0], parts[1], parts[2], tzinfo=UTC)
        return day, day
    except (ValueError, IndexError):
        return None


def _when(telling: Telling, published: datetime | None) -> tuple[datetime, datetime] | None:
    """When a telling says its event happened: its own date, else the day it was published."""
    if telling[4]:
        return _span(telling[4])
    if published is not None:
        day = published.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return day, day
    return None


def tellings_agree(
    ta: Telling, fa: StoryFeatures, tb: Telling, fb: StoryFeatures, max_apart: timedelta
) -> bool:
    """Whether two tellings of one kind of event by one subject can be the same
    event: no role names another organisation, each amount is among the other
    article's amounts (when both state any), and their dates can meet."""
    roles_a, roles_b = dict(ta[2]), dict(tb[2])
    if any(roles_a[k] != roles_b[k] for k in roles_a.keys() & roles_b.keys()):
        return False
    money_a, money_b = fa.money, fb.money
    if (
        money_a
        and money_b
        and (
            (ta[3] and "money:" + ta[3] not in money_b)
            or (tb[3] and "money:" + tb[3] not in money_a)
        )
    ):
        return False
    # An event's own date against the other telling's. Between two dated
    # articles only a day counts ("dipecat Jumat (17/11/2023)": a follow-up
    # days later retells the event it follows); a year in the sentence is
    # often another event's ("returned in 2023") and the article's own date
    # says more.
    undated = fa.published is None or fb.published is None
    if (ta[4] or tb[4]) and (undated or _DAY.fullmatch(ta[4]) or _DAY.fullmatch(tb[4])):
        when_a, when_b = _when(ta, fa.published), _when(tb, fb.published)
        if when_a and when_b:
            gap = max(when_a[0] - when_b[1], when_b[0] - when_a[1])
            if gap > max_apart:
                return False
    return True


def _event_organisations(
    tellings: Iterable[Telling],
) -> tuple[tuple[tuple[str, str], frozenset[str]], ...]:
    found: dict[tuple[str, str], set[str]] = {}
    for kind, who, roles, _, _ in tellings:
        # A retelling of a round often drops who invested: only where a
        # person went and what was bought must be named in every telling.
        orgs = {org for key, org in roles if key != "investor"}
        if orgs:
            found.setdefault((kind, who), set()).update(orgs)
    return tuple((key, frozenset(orgs)) for key, orgs in sorted(found.items()))


def _named(orgs: frozenset[str], features: StoryFeatures) -> bool:
    """Whether an article names the organisations another gives an event. A
    headline naming no company at all ("Jan Leike Gabung Anthropic" when the
    name was not recognised) cannot contradict them."""
    return orgs <= features.entities or not any(e.startswith("company:") for e in features.entities)


def same_event(fa: StoryFeatures, fb: StoryFeatures, max_apart: timedelta) -> bool:
    """Whether the two articles tell one event in common (and agree on it).
    An organisation one article gives the event (left, joined, invested,
    bought) must be named somewhere in the other: "left OpenAI for Tesla"
    is not the story of leaving Tesla."""
    orgs_a, orgs_b, none = dict(fa.organisations), dict(fb.organisations), frozenset()
    for key in fa.events & fb.events:
        if not _named(orgs_a.get(key, none), fb) or not _named(orgs_b.get(key, none), fa):
            continue
        told_b = [tb for tb in fb.tellings if tb[:2] == key]
        if any(
            tellings_agree(ta, fa, tb, fb, max_apart)
            for ta in fa.tellings
            if ta[:2] == key
            for tb in told_b
        ):
            return True
    return False
