"""Where a departure leads: "left OpenAI to join Anthropic", "exits OpenAI for
Anthropic", "leaves for Meta", "OpenAI loses Mark Chen to Meta", "hengkang
dari OpenAI ke Meta", "deixou a OpenAI para se juntar à Anthropic" tell a
hire at the place named after the destination word, and that place is not
the one left.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watchlist.event_checks import TOKEN, Found
from watchlist.event_hedges import HEDGES, NEGATIONS

# The words that lead from a departure to the next employer, right before it.
_TOWARDS = (
    r"(?:\bfor|\bto\s+(?:(?:re)?join|work\s+(?:at|for))"
    r"|\b(?:untuk|demi|guna)\s+(?:ber)?gabung\s+(?:ke|dengan)|\bke"
    r"|\bpara\s+(?:se\s+juntar\s+|ir\s+para\s+|integrar\s+)?(?:[àa]s?|[ao]s?)"
    r"|\bpara\s+(?:entrar|trabalhar|atuar)\s+n[ao]s?|\brumo\s+(?:[àa]|ao))"
    r"\s+(?:the\s+|rival\s+|a\s+|o\s+)?"
)
# What may stand between the departure verb and the destination word: the
# place left and a date ("left OpenAI in September to join Meta"), no clause.
# "pediu demissão da OpenAI e foi para a Anthropic" is a second verb's, and
# after a role "for" is where the role was: "stepped down as head of research
# for OpenAI".
_ON_THE_WAY = re.compile(
    r"\s*(?:(?!(?:and|then|as|e|dan|lalu|kemudian|sebagai|como)\s)[^\s,;:.()]+\s+){0,6}?"
    + _TOWARDS,
    re.IGNORECASE,
)


# "OpenAI loses Mark Chen to Meta": after losing someone, a bare "to" leads on.
_LOST_TO = re.compile(
    r"\s*(?:(?!(?:and|then)\s)[^\s,;:.()]+\s+){1,4}?to\s+(?:rival\s+)?", re.IGNORECASE
)


def destination(text: str, k_start: int, k_end: int, companies: Sequence[Found]) -> Found | None:
    """The company a departure keyword at k_start:k_end leads to, if any."""
    way = _LOST_TO if text[k_start:k_end].lower().startswith(("los", "lost")) else _ON_THE_WAY
    for company in sorted(companies):
        if company[0] < k_end or company[0] - k_end > 90:
            continue
        if way.fullmatch(text, k_end, company[0]) or _ON_THE_WAY.fullmatch(text, k_end, company[0]):
            said = {w.lower() for w in TOKEN.findall(text, k_end, company[0])}
            # "left OpenAI and is in talks to join Meta": the next job is not news yet
            return None if said & (HEDGES | NEGATIONS) else company
    return None
