"""The company a deal's relative clause means when it names none: "He was a
co-founder of the customer-data startup, which Twilio bought in 2020", where
the startup's name is not written (or a machine translation turned it into a
common noun). The company is the one the sentence's subject co-founded, as the
watchlist records it: a person whose affiliation is "Segment (co-founder)" or
"Segment (founder)".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from watchlist.entities import Entity
from watchlist.events import Event
from watchlist.hits import Mention

_FOUNDER_AFFILIATION = re.compile(r"^\s*(.+?)\s*\((?:co-?\s*)?founder\)\s*$", re.IGNORECASE)
# "co-founder of the ...", "co-fundador do ...", "salah satu pendiri ...",
# then the antecedent up to the relative pronoun that opens the deal clause.
_FOUNDER_OF = re.compile(
    r"\b(?:co-?founder|founder|co-?fundador[a]?|cofundador[a]?|fundador[a]?"
    r"|(?:salah\s+(?:satu|seorang)\s+)?pendiri)"
    r"\s+(?:of\s+|d[oa]s?\s+|de\s+)?(?P<antecedent>[^,;.]{3,120}?)\s*,?\s*"
    r"(?:which|that|que|yang)\b",
    re.IGNORECASE,
)
_SUBJECT_PRONOUN = re.compile(r"\s*[\"'“‘]?(?:he|she|ele|ela|dia|ia|beliau)\b", re.IGNORECASE)


def founders(entities: Iterable[Entity]) -> dict[str, str]:
    """Person id -> id of the watched company their affiliation says they
    (co-)founded; people with no such affiliation, or naming an unwatched
    company, are left out."""
    entities = list(entities)
    companies: dict[str, str] = {}
    for entity in entities:
        if entity.kind == "company":
            for name in (entity.name, *entity.aliases):
                companies[name.casefold()] = entity.id
    found: dict[str, str] = {}
    for entity in entities:
        match = _FOUNDER_AFFILIATION.match(entity.affiliation or "")
        if entity.kind == "person" and match:
            company = companies.get(match.group(1).casefold())
            if company is not None:
                found[entity.id] = company
    return found


def _subject(body: str, start: int, mentions: Sequence[Mention]) -> str | None:
    """The person the sentence at `start` is about: one it opens with, or the
    last person named before it when it opens with a subject pronoun."""
    people = [m for m in mentions if m.field == "body" and m.entity_id.startswith("person:")]
    opening = [m for m in people if start <= m.start <= start + 2]
    if opening:
        return opening[0].entity_id
    if not _SUBJECT_PRONOUN.match(body, start):
        return None
    before = [m for m in people if m.end <= start]
    return before[-1].entity_id if before else None


def resolve_founded_targets(
    events: Sequence[Event],
    body: str,
    mentions: Sequence[Mention],
    founded: Mapping[str, str],
) -> list[Event]:
    """Acquisitions with no target whose sentence says the target is the
    company its subject co-founded, without naming it, get that company."""
    resolved = []
    for event in events:
        start = body.find(event.sentence) if event.sentence else -1
        if event.kind != "acquisition" or "target" in dict(event.roles) or start < 0:
            resolved.append(event)
            continue
        clause = _FOUNDER_OF.search(event.sentence)
        antecedent_named = clause is not None and any(
            m.field == "body"
            and not m.entity_id.startswith("person:")
            and start + clause.start("antecedent") <= m.start < start + clause.end("antecedent")
            for m in mentions
        )
        who = _subject(body, start, mentions) if clause and not antecedent_named else None
        target = founded.get(who or "")
        if target is None or target == event.entity_id:
            resolved.append(event)
            continue
        resolved.append(replace(event, roles=(*event.roles, ("target", target))))
    return resolved
