"""An event as the engine reports it, and how one article's tellings of the
same event are pooled into one record (watchlist.events finds them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["Event", "add_event", "weight_of"]


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # one of EVENT_KINDS
    entity_id: str
    sentence: str  # so the reader can show why
    language: str | None
    # Organisations by role ("from"/"to" for moves, "investor"/"target" for deals).
    roles: tuple[tuple[str, str], ...] = ()
    amount: str | None = None  # "USD:4000000000"
    date: str | None = None  # the event's own date: "2023", "2023-11", "2023-11-17"

    def details(self) -> dict[str, str]:
        """Roles, amount and date as one flat mapping, only those known."""
        found = dict(self.roles)
        if self.amount:
            found["amount"] = self.amount
        if self.date:
            found["date"] = self.date
        return found

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "entity_id": self.entity_id,
            "sentence": self.sentence,
            "language": self.language,
        }
        if self.roles:
            data["roles"] = dict(self.roles)
        if self.amount:
            data["amount"] = self.amount
        if self.date:
            data["date"] = self.date
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        return cls(
            data["kind"],
            data["entity_id"],
            data["sentence"],
            data.get("language"),
            tuple((data.get("roles") or {}).items()),
            data.get("amount"),
            data.get("date"),
        )


def _agree(a: Event, b: Event) -> bool:
    """Two tellings in one article of one event: same kind and subject, no
    organisation in one role that differs, no date that differs."""
    if (a.kind, a.entity_id) != (b.kind, b.entity_id):
        return False
    if a.date and b.date and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    theirs = dict(b.roles)
    return all(theirs.get(role, entity) == entity for role, entity in a.roles)


def weight_of(event: Event) -> int:
    """How much a telling says: a date most, then each organisation, then the amount."""
    return bool(event.date) * 4 + len(event.roles) * 2 + bool(event.amount)


def add_event(events: list[Event], weights: list[int], event: Event, weight: int) -> None:
    """One event per subject, kind and organisations in an article, however
    many sentences tell it: the tellings' details are pooled, and the sentence
    shown is the one that says most."""
    for index, kept in enumerate(events):
        if not _agree(kept, event):
            continue
        shown = kept if weights[index] >= weight else event
        weights[index] = max(weights[index], weight)
        roles = dict(event.roles) | dict(kept.roles)
        dates = [d for d in (kept.date, event.date) if d]
        events[index] = replace(
            shown,
            roles=tuple(roles.items()),
            amount=kept.amount or event.amount,
            date=max(dates, key=len) if dates else None,
        )
        return
    events.append(event)
    weights.append(weight)
