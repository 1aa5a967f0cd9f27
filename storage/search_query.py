"""The search box's little language.

    openai safety          both words (anywhere in title or body)
    "model card"           the phrase
    openai OR anthropic    either
    -rumour                not this word
    title:gpt  source:verge  lang:pt  tag:labs
    person:altman  company:"mistral ai"   a watched person or company (entity: too)

Words are folded (storage.fold): case and accents never matter. A prefix
that is not a field ("12:30", "http://x") is part of the word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIELDS = {
    "title": "title",
    "source": "source",
    "lang": "lang",
    "language": "lang",
    "tag": "tag",
    "entity": "entity",
    "person": "entity",
    "company": "entity",
}

_TOKEN = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))')


@dataclass(frozen=True, slots=True)
class Term:
    text: str  # as typed, without quotes or prefix
    field: str | None = None  # None: title and body; else a FIELDS value
    phrase: bool = False
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    # Every group must match; a group matches when one of its terms does.
    groups: tuple[tuple[Term, ...], ...]

    def fields(self) -> list[Term]:
        """The terms that name a field other than the title (answered by the caller)."""
        return [t for g in self.groups for t in g if t.field not in (None, "title")]


def parse_query(query: str) -> Query:
    groups: list[list[Term]] = []
    join_next = False
    for match in _TOKEN.finditer(query):
        sign, prefix, quoted, bare = match.groups()
        if quoted is None and not sign and not prefix and bare == "OR":
            join_next = bool(groups)
            continue
        field = FIELDS.get(prefix.lower()) if prefix else None
        if prefix and field is None:
            # Not a field: the prefix is part of the word.
            text = f"{prefix}:{quoted if quoted is not None else bare}"
        else:
            text = quoted if quoted is not None else bare
        if sign and not text:
            continue
        term = Term(text, field, phrase=quoted is not None, negated=bool(sign))
        if join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    return Query(tuple(tuple(group) for group in groups))
