"""What an event trigger is: the words that start an event and which way its
subject lies. The triggers themselves are in watchlist.event_triggers_people
and watchlist.event_triggers_deals; the table of kinds is watchlist.event_kinds.

A trigger is (way, stems, regex). `way` says where the subject usually lies:
"before" ("X resigned"), "after" ("acquired by X", "the ouster of X", or
before it when nothing follows: "Altman's ouster"), or "object" (a verb's
object: "OpenAI hires X"; nobody after it, no event).
`stems` are the words an Aho-Corasick pass looks for at word starts before the
regex is tried there. Regexes run case-insensitively on the original text,
with character classes for accents; (?-i:...) marks where case matters.
"""

from __future__ import annotations

from dataclasses import dataclass

Triggers = dict[str, tuple["Trigger", ...]]  # by language ("es" is best effort)


@dataclass(frozen=True, slots=True)
class Trigger:
    way: str  # "before" | "after" | "object"
    stems: str
    regex: str


def t(way: str, stems: str, regex: str) -> Trigger:
    return Trigger(way, stems, regex)


# Lookaheads several trigger tables share: a capitalised name next ("left
# OpenAI"), and no "by" next ("hiring by Meta" is a noun, told separately).
# A capital next, or a camel-case name ("xAI", "iFlytek").
UPPER_NEXT = r"(?=\s+(?:the\s+|his\s+|her\s+|its\s+)?(?-i:[A-Z]|[a-z][A-Z]))"
NOT_BY = r"(?!\s+by\b)"
# Passive auxiliaries right before a participle: "was", "has been", "is being", "got".
EN_PASSIVE = (
    "(?:"
    + "|".join(
        rf"(?<=\b{aux} )" for aux in ("was", "were", "been", "being", "got", "gets", "is", "are")
    )
    + ")"
)
