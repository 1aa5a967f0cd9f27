"""The events of one watched person or company, as the details screen lists them.

An article often reports one event in several sentences, and several outlets
tell the same story: each event kind is listed once per article and once per
story. An event is dated by the date its sentence gives ("November 2023" is
stored as "2023-11"), else by its article, and the list runs newest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from storage.records import Article


@dataclass(frozen=True, slots=True)
class EventRow:
    when: str  # "2023-11-17", "2023-11", "2023", or the article's date; "" when neither
    dated_by_event: bool
    kind: str
    sentence: str
    article_id: str


def _article_date(article: Article) -> str:
    moment = article.published
    return moment.date().isoformat() if moment is not None else ""


def entity_events(
    entity_id: str,
    mentioning: Iterable[Article],
    stories: Mapping[str, tuple[str, ...]],
    limit: int | None = None,
) -> list[EventRow]:
    """`mentioning` newest first; one row per (story, event kind), newest first."""
    chosen: dict[tuple[object, str], EventRow] = {}
    for article in mentioning:
        story: object = stories.get(article.id) or article.id
        for event in article.events:
            if event.get("entity_id") != entity_id:
                continue
            kind = str(event.get("kind", "?"))
            own = event.get("date")
            row = EventRow(
                when=str(own) if own else _article_date(article),
                dated_by_event=bool(own),
                kind=kind,
                sentence=str(event.get("sentence", "")),
                article_id=article.id,
            )
            key = (story, kind)
            kept = chosen.get(key)
            # The first telling wins, unless a later one dates the event itself.
            if kept is None or (row.dated_by_event and not kept.dated_by_event):
                chosen[key] = row
    rows = sorted(chosen.values(), key=lambda r: r.when, reverse=True)
    return rows if limit is None else rows[:limit]
