"""One call per article: language, watched entities, mention counts, events.

Runs in a background worker. Build one Enricher per watchlist (building the
matcher is cheap, the language detector loads its models on first use) and
call enrich() per article; it holds no per-article state, so it may be shared
between threads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from watchlist.alerts import alert_reasons, first_paragraph
from watchlist.entities import Entity
from watchlist.event_founders import founders, resolve_founded_targets
from watchlist.event_keywords import TRIGGER_STEMS
from watchlist.events import Event, find_events
from watchlist.language import BODY_PREFIX, LanguageDetector, default_detector
from watchlist.matcher import Matcher, Mention


@dataclass(frozen=True, slots=True)
class Enrichment:
    language: str | None
    entities: tuple[str, ...]  # entity ids, ordered by first mention (title first)
    mention_counts: dict[str, int] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    # Each entity's most prominent place: (entity, reason, why); see watchlist.alerts.
    alert_reasons: tuple[tuple[str, str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "entities": list(self.entities),
            "mention_counts": dict(self.mention_counts),
            "events": [e.to_dict() for e in self.events],
            "alert_reasons": [list(reason) for reason in self.alert_reasons],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Enrichment:
        return cls(
            data.get("language"),
            tuple(data.get("entities", ())),
            dict(data.get("mention_counts", {})),
            tuple(Event.from_dict(e) for e in data.get("events", ())),
            tuple(tuple(reason) for reason in data.get("alert_reasons", ())),  # type: ignore[misc]
        )


def _mask(text: str, mentions: Sequence[Mention], field_name: str, limit: int) -> str:
    """Text with names blanked out: names ("Sam Altman dipecat") sway the
    language guess on short titles, the words around them do not."""
    spans = [(m.start, m.end) for m in mentions if m.field == field_name and m.start < limit]
    if not spans:
        return text[:limit]
    parts: list[str] = []
    last = 0
    for start, end in spans:
        if start >= last:
            parts.append(text[last:start])
            parts.append(" ")
            last = end
    parts.append(text[last:limit])
    return "".join(parts)


class Enricher:
    def __init__(self, entities: Sequence[Entity], detector: LanguageDetector | None = None):
        # One pass over each folded field finds names and event keywords alike.
        self._matcher = Matcher(entities, extras=TRIGGER_STEMS)
        # Who co-founded what, from feeds.toml: names a deal's target that a
        # sentence only calls "the company he co-founded".
        self._founded = founders(entities)
        self._detector = detector if detector is not None else default_detector()

    def enrich(self, title: str, body: str, declared_language: str | None = None) -> Enrichment:
        title, body = title or "", body or ""
        mentions, stems = self._matcher.find_with_extras(title, body)
        language = self._detector.detect(
            _mask(title, mentions, "title", len(title)),
            _mask(body, mentions, "body", BODY_PREFIX),
            declared_language,
        )
        counts: dict[str, int] = {}
        for mention in mentions:  # already in reading order: title, then body
            counts[mention.entity_id] = counts.get(mention.entity_id, 0) + 1
        events = find_events(title, body, mentions, language, stems)
        if self._founded and events:
            events = resolve_founded_targets(events, body, mentions, self._founded)
        # Every entity with its strongest reason; which reasons alert is the
        # user's per-entity choice, applied when the article arrives.
        reasons = tuple(
            alert_reasons(title, first_paragraph(body), mentions, events, default="any")
        )
        return Enrichment(language, tuple(counts), counts, tuple(events), reasons)
