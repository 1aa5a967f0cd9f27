"""Which watched entities an article alerts for, and why.

An alert that fires on every passing mention of Google is no alert. By
default ("headline") an article alerts for an entity when the entity is in
the title or the lead (the body's first paragraph), or is the subject of an
event tagged in the article. Per entity, feeds.toml may say:

* "events": only when the entity is an event's subject;
* "headline": title, lead or event (the default);
* "any": any mention anywhere;
* "off": never.

Pure: the caller (the app core) decides which articles are eligible at all
(a new source's first poll, items older than the source, one alert per story).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from watchlist.event_kinds import label
from watchlist.events import Event
from watchlist.matcher import Mention

ALERT_MODES = ("events", "headline", "any", "off")
DEFAULT_MODE = "headline"


@dataclass(frozen=True, slots=True)
class Alert:
    entity_id: str
    reason: str  # "event" | "title" | "lead" | "body"
    why: str  # the event ("Left: Mira Murati left OpenAI.") or the word as written

    def describe(self) -> str:
        """One line for the dashboard: why this article alerted."""
        if self.reason == "event":
            return self.why
        return f"{self.why!r} in the {self.reason}"


def first_paragraph(body: str) -> str:
    """The body's first paragraph, as a prefix of the body (so mention offsets
    in the body are offsets in it): up to the first line break."""
    body = body or ""
    start = len(body) - len(body.lstrip())
    end = body.find("\n", start)
    return body if end == -1 else body[:end]


def mode_of(entity_id: str, settings: Mapping[str, str], default: str = DEFAULT_MODE) -> str:
    """The entity's alert setting; an unknown value falls back to the default."""
    mode = settings.get(entity_id, default)
    return mode if mode in ALERT_MODES else default


def alerts_for(
    title: str,
    lead: str,
    mentions: Sequence[Mention],
    events: Iterable[Event],
    settings: Mapping[str, str] | None = None,
    default: str = DEFAULT_MODE,
) -> list[Alert]:
    """The entities this article alerts for, each once with its strongest
    reason (an event, then the title, the lead, the body), in order of first
    mention. `lead` is the body's first paragraph (see first_paragraph)."""
    return [
        Alert(*found) for found in alert_reasons(title, lead, mentions, events, settings, default)
    ]


_REASONS = ("title", "lead", "body")  # by rank: the title is the strongest place


def alert_reasons(
    title: str,
    lead: str,
    mentions: Sequence[Mention],
    events: Iterable[Event],
    settings: Mapping[str, str] | None = None,
    default: str = DEFAULT_MODE,
) -> list[tuple[str, str, str]]:
    """alerts_for's alerts as (entity, reason, why) tuples, as enrichment
    stores them: an article has dozens of mentions and no Alert is needed."""
    lead_end = len(lead or "")
    by_event: dict[str, Event] = {}
    for event in events:
        by_event.setdefault(event.entity_id, event)
    # entity -> (rank in _REASONS, word), in order of first mention
    where: dict[str, tuple[int, str]] = {}
    for mention in mentions:
        if mention.field == "title":
            rank = 0
        elif mention.end <= lead_end:
            rank = 1
        else:
            rank = 2
        known = where.get(mention.entity_id)
        if known is None or rank < known[0]:
            where[mention.entity_id] = (rank, mention.surface)
    found: list[tuple[str, str, str]] = []
    for entity_id in (*where, *(e for e in by_event if e not in where)):
        mode = settings.get(entity_id, default) if settings else default
        if mode not in ALERT_MODES:
            mode = default
        if mode == "off":
            continue
        event = by_event.get(entity_id)
        if event is not None:
            found.append((entity_id, "event", f"{label(event.kind)}: {event.sentence}"))
            continue
        rank, word = where[entity_id]
        if mode == "any" or (mode == "headline" and rank < 2):
            found.append((entity_id, _REASONS[rank], word))
    return found
