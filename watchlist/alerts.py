"""Which watched entities an article alerts for, and why.

An alert that fires on every passing mention of Google is no alert. By
default ("headline") an article alerts for an entity when the entity is in
the title or the lead (the body's first paragraph), or is the subject of an
event tagged in the article. Per entity, feeds.toml may say:

* "events": only when the entity is an event's subject;
* "headline": title, lead or event (the default);
* "any": any mention anywhere;
* "off": never.

The lead is the story's first paragraph: a photo caption, a credit or a
byline printed above it is not ("Image Credits: TechCrunch", "By Wire
staff"), so names there count as body. An event the text dates well before
the article ("the startup Databricks acquired in 2023") is background, not
the article's news: it alerts as the name's place would (is_background).

Pure: the caller (the app core) decides which articles are eligible at all
(a new source's first poll, items older than the source, one alert per story).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the app core reads is_background without loading the tagger
    from watchlist.events import Event
    from watchlist.matcher import Mention

ALERT_MODES = ("events", "headline", "any", "off")
DEFAULT_MODE = "headline"
# An event whose own date ended this long before the article is background.
BACKGROUND_AFTER = timedelta(days=30)
# Paragraphs above the lead looked at: a caption, a credit line, a byline.
MAX_ABOVE_LEAD = 3
# A photo or image credit, in the languages of the bundled sources: "Photo:",
# "(Foto: ...)", "Image Credits:", ".../Getty Images", "REUTERS/...", "— Divulgação".
# One pattern per part, with what its every match must contain: most paragraphs
# lack it, and one combined search costs a lead paragraph's every position.
_CREDIT_LABEL = re.compile(  # contains ":"
    r"\b(?:image|photo|picture|illustration|foto|gambar|ilustrasi|imagem|cr[eé]dito)s?"
    r"\s*(?:credits?|by|oleh|por|de|dok\.?)?\s*:",
    re.IGNORECASE,
)
_CREDIT_PAREN = re.compile(r"\((?:photo|foto|image|imagem|dok)\b", re.IGNORECASE)
_CREDIT_AGENCY = re.compile(r"\b(?:reuters|afp|ap|antara)\s*/\s*\w", re.IGNORECASE)  # "/"
_CREDIT_STOCK = re.compile(  # contains one of _STOCK
    r"(?:/|\bvia\s)\s*(?:getty images|shutterstock|unsplash)\b"
    r"|\b(?:getty images|shutterstock|unsplash)\s*\)?\s*$",
    re.IGNORECASE,
)
_CREDIT_CAPTION = re.compile(  # contains one of _CAPTION
    r"[—–-]\s*(?:divulga[cç][aã]o|reprodu[cç][aã]o)\b", re.IGNORECASE
)
_STOCK = ("getty", "shutterstock", "unsplash")
_CAPTION = ("divulga", "reprodu")
# Characters IGNORECASE takes for an ASCII letter that str.lower() does not
# lower to it ("ı" for i, "ſ" for s): with one in the text, lower() cannot
# rule a word out, and the pattern itself is asked.
_ODD_FOLDS = ("\u0130", "\u0131", "\u017f")
_BYLINE = re.compile(r"(?:by|oleh|por|penulis|reporter|laporan|reportagem)\s", re.IGNORECASE)
BYLINE_WORDS = 8  # a byline is short: "By Wire staff", "Oleh Anisa Rahma, detikINET"
LABEL_WORDS = 4  # "EXCLUSIVE", "Analysis": a kicker without a sentence is no lead


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


def _credit(paragraph: str) -> bool:
    """Whether a photo or image credit is anywhere in the paragraph."""
    if ":" in paragraph and _CREDIT_LABEL.search(paragraph):
        return True
    if "(" in paragraph and _CREDIT_PAREN.search(paragraph):
        return True
    if "/" in paragraph and _CREDIT_AGENCY.search(paragraph):
        return True
    lowered = paragraph.lower()
    odd = any(c in paragraph for c in _ODD_FOLDS)
    if (odd or any(w in lowered for w in _STOCK)) and _CREDIT_STOCK.search(paragraph):
        return True
    return (odd or any(w in lowered for w in _CAPTION)) and bool(_CREDIT_CAPTION.search(paragraph))


def _above_lead(paragraph: str) -> bool:
    """A caption credit, a byline or a kicker: printed above the story, not its lead."""
    words = paragraph.split()
    if _credit(paragraph):
        return True
    if len(words) <= BYLINE_WORDS and _BYLINE.match(paragraph):
        return True
    return len(words) <= LABEL_WORDS and not paragraph.rstrip().endswith((".", "!", "?", '"'))


def first_paragraph(body: str) -> str:
    """The body up to the end of its lead, as a prefix of the body (so mention
    offsets in the body are offsets in it). The lead is the first paragraph,
    or the first after a caption credit, byline or kicker above it; lead_start
    gives where it begins in this prefix."""
    body = body or ""
    start = len(body) - len(body.lstrip())
    if body.find("\n", start) == -1:
        return body  # one paragraph: the lead, whatever stands in it
    for _ in range(MAX_ABOVE_LEAD + 1):
        end = body.find("\n", start)
        paragraph = body[start:] if end == -1 else body[start:end]
        if not _above_lead(paragraph):
            return body if end == -1 else body[:end]
        if end == -1:
            break
        start = len(body) - len(body[end:].lstrip())
        if start >= len(body):
            break
    # Nothing that reads as a lead near the top: the first paragraph is one.
    body_start = len(body) - len(body.lstrip())
    end = body.find("\n", body_start)
    return body if end == -1 else body[:end]


def lead_start(lead: str) -> int:
    """Where the lead begins in first_paragraph's prefix: after what stood above it."""
    return lead.rfind("\n") + 1


def _period_end(date: str) -> datetime | None:
    """The last moment of "2023", "2023-11" or "2023-11-17"; None if unreadable."""
    try:
        parts = [int(p) for p in date.split("-")]
        if len(parts) == 1:
            return datetime(parts[0], 12, 31, 23, 59, 59, tzinfo=UTC)
        if len(parts) == 2:
            year, month = parts[0] + parts[1] // 12, parts[1] % 12 + 1
            return datetime(year, month, 1, tzinfo=UTC) - timedelta(seconds=1)
        if len(parts) == 3:
            return datetime(parts[0], parts[1], parts[2], 23, 59, 59, tzinfo=UTC)
    except (ValueError, OverflowError):
        return None
    return None


def is_background(event_date: str | None, published: datetime | None) -> bool:
    """An event the text dates to a period that ended well before the article."""
    if not event_date or published is None:
        return False
    end = _period_end(event_date)
    if end is None:
        return False
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return end < published - BACKGROUND_AFTER


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
    published: datetime | None = None,
) -> list[Alert]:
    """The entities this article alerts for, each once with its strongest
    reason (an event, then the title, the lead, the body), in order of first
    mention. `lead` is first_paragraph(body); with `published`, events the
    text dates well before it are background and give no reason."""
    events = list(events)
    found: dict[str, Alert] = {}
    for entity_id, reason, why in alert_reasons(title, lead, mentions, events, settings, default):
        if entity_id in found:
            continue
        if reason == "event" and published is not None:
            dates = [e.date for e in events_of(events, entity_id)]
            if dates and all(is_background(d, published) for d in dates):
                continue
        found[entity_id] = Alert(entity_id, reason, why)
    return list(found.values())


def events_of(events: Iterable[Event], entity_id: str) -> list[Event]:
    return [event for event in events if event.entity_id == entity_id]


_REASONS = ("title", "lead", "body")  # by rank: the title is the strongest place


def alert_reasons(
    title: str,
    lead: str,
    mentions: Sequence[Mention],
    events: Iterable[Event],
    settings: Mapping[str, str] | None = None,
    default: str = DEFAULT_MODE,
) -> list[tuple[str, str, str]]:
    """alerts_for's reasons as (entity, reason, why) tuples, as enrichment
    stores them: an article has dozens of mentions and no Alert is needed.
    An entity with an event has its event first, then its place when that
    alerts too: the place stands when the event proves to be background."""
    from watchlist.event_kinds import label  # the tagger's table, loaded where it runs

    start, lead_end = lead_start(lead or ""), len(lead or "")
    by_event: dict[str, Event] = {}
    for event in events:
        by_event.setdefault(event.entity_id, event)
    # entity -> (rank in _REASONS, word), in order of first mention
    where: dict[str, tuple[int, str]] = {}
    for mention in mentions:
        if mention.field == "title":
            rank = 0
        elif start <= mention.start and mention.end <= lead_end:
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
        if entity_id not in where:
            continue
        rank, word = where[entity_id]
        if mode == "any" or (mode == "headline" and rank < 2):
            found.append((entity_id, _REASONS[rank], word))
    return found
