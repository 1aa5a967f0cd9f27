"""Whether the name found before or after an event keyword is its subject at
all: not when the name owns the subject ("Sam Altman's brother Jack", "Wakil
Sundar Pichai, Prabhakar Raghavan"), nor when a pronoun or an unwatched name
opens the clause the keyword is in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watchlist.event_checks import CLAUSE_BREAK, TOKEN, Found
from watchlist.lexicon import words

_SUBJECT_PRONOUNS = words("he she they ia dia beliau mereka ele ela eles elas")
_TIME_PREPOSITIONS = words("in on at during by pada di dalam sejak em no na desde durante")


def pronoun_subject_between(sentence: str, start: int, end: int) -> bool:
    """A clause-opening subject pronoun between a mention and the keyword:
    "milik Elon Musk, X, ia ... mundur" is not Musk leaving."""
    for clause in CLAUSE_BREAK.split(sentence[start:end])[1:]:
        words = TOKEN.findall(clause)
        if words and words[0].lower() in _SUBJECT_PRONOUNS:
            return True
    return False


# "Jan Leike's resignation", "Twilio's $3.2 billion purchase of Segment": the
# owner of the event's noun is its subject. "Sundar Pichai's deputy is out",
# "Sam Altman's brother Jack left": the owner of anyone else is not.
_OWNS_KEYWORD = re.compile(
    r"['’]s\s+(?:(?:abrupt|sudden|surprise|shock|recent|latest|brief|second|first|own"
    # "Thinking Machines Lab's $2 billion seed round was led by"
    r"|(?:US)?\$?[\d.,]+|million|billion|bn|seed|pre-seed|series|[a-h]|funding|new|fresh"
    r")\s+){0,4}",
    re.IGNORECASE,
)


def possessor_not_subject(text: str, name_end: int, k_start: int) -> bool:
    """The name owns something other than the keyword between it and the keyword."""
    if not text.startswith(("'s", "’s"), name_end):
        return False
    return _OWNS_KEYWORD.fullmatch(text, name_end, k_start) is None


# A kinship noun before the name makes the name its possessor: "Adik Sam
# Altman, Jack Altman, mundur", "O irmão de Sam Altman ... deixou", "the
# brother of Sam Altman resigned": the brother is the subject.
KIN_BEFORE = re.compile(
    r"(?:\b(?:brother|sister|wife|husband|son|daughter|father|mother|cousin)\s+of"
    r"|\b(?:adik|kakak|istri|suami|anak|ayah|ibu|saudara|sepupu)(?:nya)?"
    r"|\b(?:irm[aã]o?|esposa|marido|filh[oa]|pai|m[aã]e|prim[oa])\s+d[eoa]"
    # "Wakil Sundar Pichai, Prabhakar Raghavan, mundur": the deputy did
    r"|\b(?:deputy|aide|spokesperson|spokesman|spokeswoman)\s+(?:to|of|for)"
    r"|\b(?:wakil|deputi|asisten|ajudan|bawahan|juru\s+bicara)(?:nya)?"
    r"|\b(?:bra[cç]o[- ]direito|vice|assessor[a]?|porta-voz)\s+d[eoa]"
    # "a Tools for Humanity, de Sam Altman, mostrou": the company is his
    r"|,\s*d[eoa]|\b(?:milik|besutan))\s+$",
    re.IGNORECASE,
)


def unwatched_subject(text: str, s_start: int, m_start: int, mentions: Sequence[Found]) -> bool:
    """The sentence opens with a name nobody watches, set off by a comma before
    the mention: "Jack Altman, brother of Sam Altman, raised ..."."""
    comma = text.find(",", s_start, m_start)
    if comma == -1:
        return False
    opening = text[s_start:comma].split()
    if not 2 <= len(opening) <= 4 or not all(w[:1].isupper() for w in opening):
        return False
    if opening[0].lower() in _TIME_PREPOSITIONS:
        return False  # "In March, he was installed as ...": a date, not a name
    return not any(s_start <= m[0] < comma for m in mentions)
