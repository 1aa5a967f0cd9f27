"""Who an event sentence means when it names nobody watched: a pronoun ("He
left OpenAI in 2025"), an object clitic ("memecatnya", "o demitiu", "fired
him") or a title standing for a name ("the firing of its co-founder and chief
executive", "pemecatan terhadap sang pendiri sekaligus CEO"). The person is
the first one the sentence before names, and only that sentence: further back
the guess is no better than chance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watchlist.event_details import find_date
from watchlist.sentences import Sentences

Found = tuple[int, int, str]  # (start, end, entity id) of a mention

_SUBJECT = re.compile(r"\b(?:he|she|ia|dia|beliau|ele|ela)\b", re.IGNORECASE)
_OBJECT_AFTER = re.compile(r"\s+(?:him|her)\b", re.IGNORECASE)
# Portuguese proclitic object right before the verb: "o conselho o demitiu".
_ENCLITIC = re.compile(r"-(?:o|a|os|as)$", re.IGNORECASE)  # "contratou-o"
_CLITIC_BEFORE = re.compile(r"(?<!\w)(?:o|a)\s+$", re.IGNORECASE)
_TITLE = re.compile(
    r"(?:\b(?:the|its|his|their|sang|o|a|do|da)\s+)"
    r"(?:company's\s+)?(?:(?:co-?)?founder|chief\s+executive|ceo|chairman|"
    r"co-?fundador|fundador|presidente-executivo|presidente|pendiri|bos)\b",
    re.IGNORECASE,
)


# A sentence whose verb has no subject before it but a time phrase: Portuguese
# and Indonesian drop a subject the sentence before named.
_NO_SUBJECT = re.compile(
    # "Em março, foi empossado", "Um ano depois, estava de volta à OpenAI"
    r"\s*(?:[^,.;]{1,30},\s*)?(?:foi|se|kemudian|lalu)?\s*",
    re.IGNORECASE,
)


def _previous(text: str, sentences: Sentences, s_start: int) -> tuple[int, int] | None:
    """The span of the sentence before the one starting at s_start."""
    end = len(text[:s_start].rstrip())
    if end == 0:
        return None
    previous = sentences.around(end - 1)
    return previous if previous is not None and previous[1] <= s_start else None


def _people(mentions: Sequence[Found], start: int, end: int) -> list[Found]:
    return [m for m in mentions if start <= m[0] and m[1] <= end and m[2].startswith("person:")]


def referent(
    text: str,
    sentences: Sentences,
    span: tuple[int, int],
    keyword: tuple[int, int],
    way: str,
    mentions: Sequence[Found],
) -> tuple[Found, int] | None:
    """A stand-in mention for the person a sentence that names none refers to,
    and where the sentence naming that person starts; None when it refers to
    nobody or the sentence before names nobody."""
    s_start, s_end = span
    k_start, k_end = keyword
    previous = _previous(text, sentences, s_start)
    if previous is None:
        return None
    named = _people(mentions, *previous)
    if not named:
        return None
    who = named[0][2]
    place: tuple[int, int] | None = None
    if way in ("object", "after"):
        if text[k_end - 3 : k_end].lower() == "nya" or _ENCLITIC.search(text, k_start, k_end):
            # "memecatnya", "contratou-o": the clitic is the verb's object
            place = (k_end, k_end)
        elif (found := _OBJECT_AFTER.match(text, k_end)) is not None:
            place = (found.start() + len(found.group()) - 3, found.end())
        elif way == "object" and _CLITIC_BEFORE.search(text, s_start, k_start):
            place = (k_end, k_end)
        else:
            title = _TITLE.search(text, k_end, min(s_end, k_end + 40))
            if title is not None:
                place = title.span()
    if place is None:
        subject = [m for m in _SUBJECT.finditer(text, s_start, k_start)]
        if subject:
            place = subject[-1].span()
        elif way == "before" and _NO_SUBJECT.fullmatch(text, s_start, k_start):
            place = (k_start, k_start)  # "Em março, foi empossado ...": the subject is dropped
    if place is None:
        return None
    return (place[0], place[1], who), previous[0]


# A company standing for the one the sentence before names: "This year the
# company pulled in $13 billion", "perusahaan itu mengantongi dana".
# With what describes it: "the Toronto-based company", "perusahaan asal
# Toronto itu", "a fabricante de chips".
_COMPANY_SUBJECT = re.compile(
    r"\b(?:the\s+(?:[\w-]+\s+){0,2}?(?:company|startup|firm|chipmaker|lab)"
    r"|(?:perusahaan|startup|perseroan|produsen)\s+(?:\S+\s+){0,3}?(?:itu|tersebut|ini)"
    r"|a\s+(?:empresa|companhia|startup|fabricante)"
    # "It has now raised $500 million more": only opening its sentence
    r"|^\s*(?-i:It)|(?<=[.!?] )(?-i:It)|(?<=\n)(?-i:It))\b",
    re.IGNORECASE,
)
# A sentence opening with one of these starts with a subordinate clause whose
# names are not what "the company" of the next sentence means: "After leaving
# OpenAI, Mira Murati founded Thinking Machines Lab. The startup ...".
_SUBORDINATE = re.compile(
    r"\s*(?:after|before|since|setelah|sesudah|sebelum|usai|sejak|depois|antes|ap[oó]s|desde)\b",
    re.IGNORECASE,
)


def company_subject_between(text: str, start: int, end: int) -> bool:
    """ "the company" stands as a subject between a mention and a keyword:
    "Arthur Mensch, Mistral AI's chief executive, said the company had raised"."""
    return _COMPANY_SUBJECT.search(text, start, end) is not None


def company_referent(
    text: str,
    sentences: Sentences,
    span: tuple[int, int],
    k_start: int,
    mentions: Sequence[Found],
) -> tuple[Found, int] | None:
    """A stand-in mention for the company a sentence that names none means by
    "the company" before its keyword: the first the sentence before names."""
    subjects = list(_COMPANY_SUBJECT.finditer(text, span[0], k_start))
    if not subjects:
        return None
    subject = subjects[-1]
    previous = _previous(text, sentences, span[0])
    if previous is None:
        return None
    named = [m for m in mentions if previous[0] <= m[0] and m[1] <= previous[1]]
    named = [m for m in named if not m[2].startswith("person:")]
    if _SUBORDINATE.match(text, previous[0]):
        comma = text.find(",", previous[0], previous[1])
        named = [m for m in named if m[0] > comma] or named
    if not named:
        return None
    return (subject.start(), subject.end(), named[0][2]), previous[0]


def companies_before(
    text: str, sentences: Sentences, s_start: int, mentions: Sequence[Found]
) -> list[Found]:
    """The watched organisations of the sentence before: where a move happened
    when its own sentence names no organisation ("... di OpenAI. Barret Zoph
    juga telah mengundurkan diri")."""
    previous = _previous(text, sentences, s_start)
    if previous is None:
        return []
    return [
        m
        for m in mentions
        if previous[0] <= m[0] and m[1] <= previous[1] and not m[2].startswith("person:")
    ]


# A sentence opening with one of these tells what followed the sentence before.
_THEN = re.compile(
    r"(?:after|afterwards|then|later|days\s+later|setelah|sesudah|usai|kemudian|lalu|"
    r"beberapa\s+hari\s+kemudian|depois|ap[oó]s|dias\s+depois)\b",
    re.IGNORECASE,
)


def earlier_date(text: str, sentences: Sentences, span: tuple[int, int]) -> str | None:
    """The date of the sentence before, for an undated sentence that tells
    what followed it ("Pada November 2023 lalu, ... pemecatan ... . Setelah
    drama sengit selama 5 hari, Altman akhirnya kembali menguasai OpenAI"):
    to the month at most, since the sentence says only "after"."""
    s_start = span[0]
    if not _THEN.match(text, s_start):
        return None
    previous = _previous(text, sentences, s_start)
    if previous is None:
        return None
    date = find_date(text[previous[0] : previous[1]], previous[1] - previous[0])
    return date[:7] if date else None
