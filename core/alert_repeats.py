"""One event told again: an alert an earlier alert already gave.

Story grouping joins tellings by what they say; a telling it did not join (a
retelling in another language, a rewrite that shares few words, or a daemon,
which groups nothing) can still tell an event already alerted: the same
person hired by the same company, the same investor in the same startup.
Within a few days, an entity alerted for such an event is not alerted for
it again, as a reader folds duplicates.

Only events with an organisation on the other side are compared: "Anthropic
launches" twice in a week is two launches, while "Northwind hires Lena Okafor
from OpenAI" and "Lena Okafor leaves OpenAI for Northwind" are one move told
from its two ends. Two tellings are the same event when every role both
state names the same organisation and at least one role is stated by both:
leaving OpenAI and returning to it are two events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage.records import Article
from watchlist.alerts import is_background

# Tellings of one event are days apart at most (story grouping allows four).
REPEAT_WINDOW = timedelta(days=3)
# A hire told by the company that hired and a departure told by the one left
# are one move; every other kind is compared with its own kind only.
_FAMILY = {"hire": "move", "departure": "move"}
REMEMBERED = 500  # alerted articles whose events are kept for comparison


@dataclass(frozen=True, slots=True)
class Told:
    """An event as an alert compares it: who, what, and the organisations by role."""

    family: str
    subject: str
    roles: tuple[tuple[str, str], ...]  # sorted (role, entity) pairs

    @property
    def entities(self) -> frozenset[str]:
        return frozenset({self.subject, *(entity for _, entity in self.roles)})

    def same_event(self, other: Told) -> bool:
        if self.family != other.family or self.subject != other.subject:
            return False
        mine, theirs = dict(self.roles), dict(other.roles)
        shared = mine.keys() & theirs.keys()
        return bool(shared) and all(mine[role] == theirs[role] for role in shared)


def told_events(article: Article) -> tuple[Told, ...]:
    """The article's events that name an organisation on the other side,
    except those its text dates well before it (background)."""
    when = article.published or article.first_seen
    found = []
    for event in article.events:
        roles = _roles(event)
        if not roles or is_background(event.get("date"), when):
            continue
        kind = str(event.get("kind", ""))
        found.append(Told(_FAMILY.get(kind, kind), str(event.get("entity_id", "")), roles))
    return tuple(found)


def _roles(event: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    roles = event.get("roles")
    if not isinstance(roles, Mapping):
        return ()
    return tuple(sorted((str(r), str(e)) for r, e in roles.items() if isinstance(e, str) and e))


@dataclass(frozen=True, slots=True)
class Alerted:
    when: datetime
    entities: frozenset[str]  # what the article alerted for
    events: tuple[Told, ...]


class RepeatFilter:
    """The events of recent alerts, and which entities a new article would
    alert for only by telling one of them again."""

    def __init__(self) -> None:
        self._recent: list[Alerted] = []  # oldest first

    def remember(self, article: Article, entities: Iterable[str]) -> None:
        events = told_events(article)
        if events:
            self._recent.append(Alerted(article.sort_time, frozenset(entities), events))
            del self._recent[:-REMEMBERED]

    def repeated(self, article: Article, entities: Iterable[str]) -> set[str]:
        """Those of `entities` an alert within REPEAT_WINDOW gave for an event
        this article tells again (the entity is its subject or an organisation
        either telling names in it)."""
        events = told_events(article)
        if not events:
            return set()
        when = article.sort_time
        wanted = set(entities)
        found: set[str] = set()
        for earlier in self._recent:
            if abs(when - earlier.when) > REPEAT_WINDOW:
                continue
            for told in events:
                for before in earlier.events:
                    if told.same_event(before):
                        # One event: the organisations either telling names are its own.
                        found |= wanted & earlier.entities & (told.entities | before.entities)
        return found
