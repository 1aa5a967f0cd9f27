"""Who else an event involves, once its subject is chosen: the organisations
by role (from/to for people's moves, investor/target for deals), and whether
a buying verb's object is a person ("Meta scoops up Scale AI's Alexandr
Wang" hires him). Read by watchlist.events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watchlist.event_checks import CLAUSE_BREAK, Found
from watchlist.event_kinds import PERSON_EVENTS
from watchlist.event_moves import destination

__all__ = ["bought_person", "roles_of"]

_FROM_WORDS = re.compile(r"(?:from|dari|da|de|do|na|no|of)\s+(?:the\s+)?$", re.IGNORECASE)


# A company after one of these is where a departing person goes, never the
# place left: "hengkang untuk bergabung dengan Anthropic", "sair para entrar na".
_JOINED = re.compile(
    r"(?:\b(?:re)?join(?:s|ed|ing)?|\b(?:ber)?gabung\s+(?:dengan|ke)|\bjuntar\s+(?:[àa]|ao)"
    r"|\bpara\s+(?:entrar|trabalhar)\s+n[ao])\s+(?:the\s+|a\s+|o\s+)?$",
    re.IGNORECASE,
)
# Where another clause with its own subject starts: "Meta hired Wang, while
# Google hired Shazeer", "yang keluar pada 2024, kini memimpin SSI".
_OTHER_CLAUSE = re.compile(
    r";|,\s*(?:while|whereas|but|now|meanwhile|sementara|sedangkan|kini|sekarang|namun"
    r"|enquanto|mas|hoje|agora)\b|\b(?:and|dan|e)\s+(?:later|then|kemudian|lalu|depois)\b",
    re.IGNORECASE,
)


# A hire's object owned by the company before it: "merekrut CEO-nya, Alexandr
# Wang", "hired its chief executive": that company is the one the person leaves.
_OWNED_OBJECT = re.compile(r"\s+(?:its|their|seu|sua|\w+-nya)\b", re.IGNORECASE)

# A hire told as the second of two verbs: "Meta invested in Scale AI and hired
# Alexandr Wang": the first verb's subject hires.
_SECOND_VERB = re.compile(r"\b(?:and|dan|serta|e)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


_LEAVING = ("departure", "fired", "leave")


def _same_clause(text: str, company: Found, k_start: int, k_end: int) -> bool:
    lo, hi = (company[1], k_start) if company[1] <= k_start else (k_end, company[0])
    return _OTHER_CLAUSE.search(text, lo, hi) is None


def _nearest(found: Sequence[Found], position: int) -> Found | None:
    return min(found, key=lambda c: min(abs(c[0] - position), abs(c[1] - position)), default=None)


def roles_of(
    text: str, kind: str, who: Found, companies: Sequence[Found], k_start: int, k_end: int
) -> tuple[tuple[str, str], ...]:
    """Organisations by role: from/to for people's moves, investor/target for deals."""
    others = [c for c in companies if c[2] != who[2]]
    if others:
        # Organisations of another clause are another event's: "left its board
        # in 2018 and later founded xAI" left no xAI. A hire or a deal keeps them
        # when its own clause names none ("X left OpenAI, while Y was promoted").
        own = [c for c in others if _same_clause(text, c, k_start, k_end)]
        others = own if own or kind in _LEAVING else others
    if not others:
        return ()
    before = [c for c in others if c[1] <= k_start]
    after = [c for c in others if c[0] >= k_end]
    if kind == "hire":
        side = before if who[0] >= k_end else after
        if who[0] >= k_end and len(side) > 1 and _OWNED_OBJECT.match(text, k_end):
            owner = _nearest(side, k_start)
            hirer = _nearest([c for c in side if c[2] != owner[2]], k_start)
            return (("to", hirer[2]), ("from", owner[2])) if hirer else (("from", owner[2]),)
        to = _nearest(side, k_start) or _nearest(others, k_start)
        if (
            side is before
            and len(before) > 1
            and _SECOND_VERB.search(text, max(0, k_start - 16), k_start)
        ):
            to = min(before)
        rest = [c for c in others if to is None or c[2] != to[2]]
        marked = [c for c in rest if _FROM_WORDS.search(text, max(0, c[0] - 12), c[0])]
        source = marked[0] if marked else (rest[0] if len(rest) == 1 else None)
        found = [("to", to[2])] if to else []
        return tuple(found + ([("from", source[2])] if source else []))
    if kind in PERSON_EVENTS:
        # "fired as OpenAI CEO": the role's company may be inside the keyword
        after += [c for c in others if k_start <= c[0] and c[1] <= k_end]
        # "leaves for Meta": the place after "for" is where the person goes
        goes_to = destination(text, k_start, k_end, after) if kind == "departure" else None
        if goes_to is not None:
            after = [c for c in after if c is not goes_to]
        if kind == "departure":
            after = [c for c in after if not _JOINED.search(text, max(0, c[0] - 30), c[0])]
        source = _nearest(after, k_end) or _nearest(before, k_start)
        return (("from", source[2]),) if source else ()
    if kind == "funding":
        investor = _nearest(before if who[0] >= k_end else after, k_start)
        if investor is None and who[0] >= k_end:
            # "O investimento ... da Amazon na Anthropic": the backer between
            investor = _nearest([c for c in others if k_start < c[0] and c[1] <= who[0]], who[0])
        return (("investor", investor[2]),) if investor else ()
    if kind == "acquisition":
        # "Segment diakuisisi oleh Twilio": the target may be inside the keyword
        target = _nearest(
            after if who[1] <= k_start else [c for c in others if c[1] <= who[0]], k_start
        )
        return (("target", target[2]),) if target else ()
    return ()


def bought_person(text: str, k_end: int, inside: Sequence[Found]) -> bool:
    """A buying verb's object is a person: "scoops up Scale AI's Alexandr
    Wang" hires him (a company's possessive before the name is his employer)."""
    following = [c for c in inside if k_end <= c[0] <= k_end + 30]
    if not following or CLAUSE_BREAK.search(text, k_end, following[0][0]):
        return False
    first = following[0]
    if first[2].startswith("person:"):
        return True
    if text.startswith(("'s ", "’s "), first[1]) and len(following) > 1:
        return following[1][2].startswith("person:") and following[1][0] == first[1] + 3
    return False
