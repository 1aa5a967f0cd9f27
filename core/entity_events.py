"""The events of one watched person or company, as the details screen lists them.

They are the events ledger's rows (core.ledger) for that entity: an article
that tells one event in several sentences, and several outlets telling one
story, make one row, "told by" as many articles as told it; a departure from
OpenAI and one from Google in the same story stay two rows. A row is dated by
the date its sentence gives ("November 2023" is stored as "2023-11"), else by
its earliest telling, and the list runs newest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from core.ledger import build_ledger
from storage.records import Article


@dataclass(frozen=True, slots=True)
class EventRow:
    when: str  # "2023-11-17", "2023-11", "2023", or the article's date; "" when neither
    dated_by_event: bool
    kind: str
    sentence: str
    article_id: str
    told_by: int = 1  # how many articles of the story told it
    roles: tuple[tuple[str, str], ...] = ()  # ("from", entity id), ("to", ...), ...
    amount: str | None = None  # "USD:3200000000"


def entity_events(
    entity_id: str,
    mentioning: Iterable[Article],
    stories: Mapping[str, tuple[str, ...]],
    limit: int | None = None,
) -> list[EventRow]:
    """One row per event of the entity per story, newest first."""
    own = [a for a in mentioning if any(e.get("entity_id") == entity_id for e in a.events)]
    rows = [
        EventRow(
            when=row.date or "",
            dated_by_event=row.dated_by == "event",
            kind=row.kind,
            sentence=row.sentence,
            article_id=row.article_id,
            told_by=row.told_by,
            roles=row.roles,
            amount=row.amount,
        )
        for row in build_ledger(own, lambda article_id: stories.get(article_id, ()))
        if row.who == entity_id
    ]
    return rows if limit is None else rows[:limit]
