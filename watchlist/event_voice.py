"""Whether a name before a verb of firing is its agent rather than the one
fired: "Dario Amodei dismissed the idea that ..." (he dismissed something),
against "Sam Altman, fired in 2023, ..." (a participle: he was fired). A
verb whose object follows it, a determiner or a noun phrase, is active, and
the name before it is who acted.
"""

from __future__ import annotations

import re

from watchlist.lexicon import words

# Verbs of firing that also mean rejecting or shooting ("dismissed the
# claims", "fired a warning"), as their first word starts.
_FIRING = ("dismiss", "fired", "sacked", "ousted")
_OBJECT_STARTS = words("""
    the a an his her its their this that these those such any all claims reports speculation
    suggestions concerns rumours rumors criticism questions fears talk calls idea ideas notion
    """)
_NEXT_WORD = re.compile(r"\s+([\w'-]+)")


def agent_before_active_verb(text: str, k_start: int, k_end: int) -> bool:
    """The keyword is an active verb of firing with an object after it, so
    the name before it did the firing (or the dismissing) and was not fired."""
    if not text[k_start:k_end].lower().startswith(_FIRING):
        return False
    following = _NEXT_WORD.match(text, k_end)
    return following is not None and following.group(1).lower() in _OBJECT_STARTS


# A company opening a reported or subordinate clause: "the report that
# Microsoft would leave OpenAI", "bahwa Google akan keluar", "que a Meta vai sair".
_CLAUSE_OPENER = re.compile(
    r"\b(?:that|whether|if|bahwa|apakah|que|se)\s+(?:(?:a|o|the)\s+)?$", re.IGNORECASE
)
_AUXILIARIES_ONLY = re.compile(
    r"\s*(?:(?:would|will|could|had|has|have|was|is|to|akan|bakal|telah|sudah|vai|ia|iria"
    r"|tinha|teria)\s+)*$",
    re.IGNORECASE,
)


def company_opens_clause(text: str, company: tuple[int, int, str], k_start: int) -> bool:
    """A company is the subject of the clause the keyword is in: it opens a
    "that" clause and only auxiliaries stand between it and the keyword."""
    return bool(
        _AUXILIARIES_ONLY.fullmatch(text, company[1], k_start)
        and _CLAUSE_OPENER.search(text, max(0, company[0] - 12), company[0])
    )
