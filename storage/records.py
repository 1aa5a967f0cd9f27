"""Typed records that flow from ingestion through storage to the UI.

Records are plain frozen dataclasses. They carry text that has already been
sanitised by the ingest layer; the UI still renders them as data, never markup.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

SEED_FEED_ID = "seeds"
# date_precision of an article without a date ("second" and "day" qualify one).
NO_DATE = "none"


def article_id_for(feed_id: str, identity: str) -> str:
    """A stable id for an article, derived from what identifies it in its feed.

    TinyDB's doc_id is reused after a restart, so nothing outside the metadata
    table is ever keyed by it: bodies and read state use this id instead.
    """
    digest = hashlib.blake2b(f"{feed_id}\0{identity}".encode(), digest_size=10)
    return digest.hexdigest()


def identity_for(guid: str | None, link: str | None, title: str, published: datetime | None) -> str:
    """Identity inside one feed: guid, else link, else title + date."""
    if guid:
        return f"guid:{guid}"
    if link:
        return f"link:{link}"
    date = published.isoformat() if published else ""
    return f"title:{title}\0{date}"


def to_iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    # Python 3.11 reads the "Z" that to_iso writes.
    return datetime.fromisoformat(text)


# The articles stored in one batch share their first_seen: 100,000 articles
# hold a few hundred distinct moments, so one (immutable) datetime serves each.
_shared_moment = lru_cache(maxsize=1024)(datetime.fromisoformat)


def _shared(text: str | None) -> str | None:
    """One string object for values that repeat across articles (feed ids, languages...)."""
    return text if text is None else sys.intern(text)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a seed article says it came from (an outlet, a URL, or both)."""

    outlet: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"outlet": self.outlet, "url": self.url}


@dataclass(frozen=True, slots=True)
class Article:
    """One item's metadata. The body lives in the body store, keyed by `id`."""

    id: str
    feed_id: str
    identity: str
    title: str
    link: str | None
    published: datetime | None
    first_seen: datetime
    language: str | None = None
    author: str | None = None
    source: Source | None = None
    # "second" for full timestamps, "day" when the source only gave a date,
    # NO_DATE when it gave none (published is None).
    date_precision: str = "second"
    # Filled by enrichment (watchlist matching); empty until it has run.
    entities: tuple[str, ...] = ()
    events: tuple[dict[str, Any], ...] = ()
    links: tuple[str, ...] = ()
    # How often each entity is mentioned, for story grouping (prominence).
    mention_counts: tuple[tuple[str, int], ...] = ()
    # Where each entity shows most prominently: (entity, "event"|"title"|"lead"|"body",
    # the event or the word as written). Alerts are decided from it.
    alert_reasons: tuple[tuple[str, str, str], ...] = ()
    # Signature of the watchlist that enriched this article; None until then.
    # A different signature means the watchlist changed: match again.
    enriched: str | None = None

    @property
    def sort_time(self) -> datetime:
        """Newest-first ordering uses the item's date, or when we first saw it."""
        return self.published or self.first_seen

    def with_changes(self, **changes: Any) -> Article:
        return replace(self, **changes)

    def to_doc(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "id": self.id,
            "feed": self.feed_id,
            "identity": self.identity,
            "title": self.title,
            "link": self.link,
            "published": to_iso(self.published),
            "first_seen": to_iso(self.first_seen),
            "language": self.language,
            "author": self.author,
            "date_precision": self.date_precision,
        }
        if self.source is not None:
            doc["source"] = self.source.to_dict()
        if self.entities:
            doc["entities"] = list(self.entities)
        if self.events:
            doc["events"] = list(self.events)
        if self.links:
            doc["links"] = list(self.links)
        if self.mention_counts:
            doc["mentions"] = [list(pair) for pair in self.mention_counts]
        if self.alert_reasons:
            doc["alert_reasons"] = [list(reason) for reason in self.alert_reasons]
        if self.enriched:
            doc["enriched"] = self.enriched
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Article:
        return article_from_values(stored_values(doc))


def stored_values(doc: dict[str, Any]) -> tuple[Any, ...]:
    """A stored row's fields in Article order, as plain values a snapshot can hold.

    Dates stay ISO text (article_from_values reads them) and the source stays
    (outlet, url); values that repeat across articles (feed, language,
    precision, watchlist signature, entity ids) are interned, so that each is
    held once, not once per article, and a snapshot keeps them interned.
    """
    source = doc.get("source")
    published = doc.get("published") or None
    # Archives written before NO_DATE existed say "second" for dateless items.
    precision = doc.get("date_precision", "second") if published else NO_DATE
    entities = doc.get("entities")
    mentions = doc.get("mentions")
    return (
        doc["id"],
        sys.intern(doc["feed"]),
        doc["identity"],
        doc["title"],
        doc.get("link"),
        published,
        doc["first_seen"] or None,
        _shared(doc.get("language")),
        _shared(doc.get("author")),
        (source.get("outlet"), source.get("url")) if source else None,
        sys.intern(precision),
        tuple(map(sys.intern, entities)) if entities else (),
        tuple(doc.get("events", ())),
        tuple(doc.get("links", ())),
        tuple((sys.intern(str(e)), int(n)) for e, n in mentions) if mentions else (),
        _alert_reasons(doc.get("alert_reasons")),
        _shared(doc.get("enriched")),
    )


def article_from_values(values: tuple[Any, ...]) -> Article:
    """The Article of stored_values(); runs once per article when the archive opens.

    The values go straight into the slots: the frozen dataclass's __init__
    (keyword matching, then one object.__setattr__ per field) is markedly
    slower, and so is a loop over the setters.
    """
    (
        article_id, feed, identity, title, link, published, first_seen, language, author,
        source, precision, entities, events, links, mentions, reasons, enriched,
    ) = values  # fmt: skip
    article = _new(Article)
    _set_id(article, article_id)
    _set_feed(article, feed)
    _set_identity(article, identity)
    _set_title(article, title)
    _set_link(article, link)
    _set_published(article, _from_iso(published) if published else None)
    _set_first_seen(article, _shared_moment(first_seen) if first_seen else datetime.now(UTC))
    _set_language(article, language)
    _set_author(article, author)
    _set_source(article, Source(*source) if source else None)
    _set_precision(article, precision)
    _set_entities(article, entities)
    _set_events(article, events)
    _set_links(article, links)
    _set_mentions(article, mentions)
    _set_reasons(article, reasons)
    _set_enriched(article, enriched)
    return article


def _alert_reasons(stored: Any) -> tuple[tuple[str, str, str], ...]:
    if not stored:
        return ()
    return tuple(
        (sys.intern(str(entity)), sys.intern(str(reason)), str(why))
        for entity, reason, why in stored
    )


# What article_from_values fills, in its order; the setters write a slot each.
_FROM_DOC_FIELDS = (
    "id",
    "feed_id",
    "identity",
    "title",
    "link",
    "published",
    "first_seen",
    "language",
    "author",
    "source",
    "date_precision",
    "entities",
    "events",
    "links",
    "mention_counts",
    "alert_reasons",
    "enriched",
)
if tuple(f.name for f in fields(Article)) != _FROM_DOC_FIELDS:
    # A field added to Article must be read by from_doc, or it would be left unset.
    raise RuntimeError("article_from_values does not fill exactly the fields of Article")
(
    _set_id, _set_feed, _set_identity, _set_title, _set_link, _set_published, _set_first_seen,
    _set_language, _set_author, _set_source, _set_precision, _set_entities, _set_events,
    _set_links, _set_mentions, _set_reasons, _set_enriched,
) = (getattr(Article, name).__set__ for name in _FROM_DOC_FIELDS)  # fmt: skip
_new = object.__new__
_from_iso = datetime.fromisoformat


@dataclass(frozen=True, slots=True)
class NewArticle:
    """What an ingester hands to storage: an article and its body text."""

    feed_id: str
    guid: str | None
    title: str
    link: str | None
    published: datetime | None
    body: str
    language: str | None = None
    author: str | None = None
    source: Source | None = None
    date_precision: str = "second"
    links: tuple[str, ...] = ()
    # Enrichment, when it ran before storing (the usual path for polled items).
    entities: tuple[str, ...] = ()
    events: tuple[dict[str, Any], ...] = ()
    mention_counts: tuple[tuple[str, int], ...] = ()
    alert_reasons: tuple[tuple[str, str, str], ...] = ()
    enriched: str | None = None

    def with_changes(self, **changes: Any) -> NewArticle:
        return replace(self, **changes)

    @property
    def identity(self) -> str:
        return identity_for(self.guid, self.link, self.title, self.published)

    @property
    def id(self) -> str:
        return article_id_for(self.feed_id, self.identity)


# How read/starred are stored per article id (user.json and the app state).
READ_FLAG = 1
STARRED_FLAG = 2


@dataclass(frozen=True, slots=True)
class UserState:
    """What the user did to an article. Kept apart from the metadata table."""

    read: bool = False
    starred: bool = False


@dataclass(slots=True)
class FeedState:
    """Polling state of one feed, persisted between runs."""

    feed_id: str
    url: str
    effective_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    # When the feed was first fetched: what it held then, and anything dated
    # before, is its back catalogue, never news to alert on.
    first_success: datetime | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    next_poll: datetime | None = None
    retry_after: datetime | None = None
    title: str | None = None
    # Digest of the last body parsed: a server that ignores validators and
    # sends the same bytes again is recognised without parsing.
    body_hash: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # The server answered 410 Gone: the feed is not polled again unless its URL changes.
    gone: bool = False

    @property
    def health(self) -> str:
        if self.gone:
            return "gone"
        if self.last_error and self.consecutive_failures:
            return "failing"
        if self.last_success is None:
            return "never"
        return "ok"

    def to_doc(self) -> dict[str, Any]:
        return {
            "feed": self.feed_id,
            "url": self.url,
            "effective_url": self.effective_url,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "last_attempt": to_iso(self.last_attempt),
            "last_success": to_iso(self.last_success),
            "first_success": to_iso(self.first_success),
            "last_error": self.last_error,
            "consecutive_failures": self.consecutive_failures,
            "next_poll": to_iso(self.next_poll),
            "retry_after": to_iso(self.retry_after),
            "title": self.title,
            "body_hash": self.body_hash,
            "extra": self.extra,
            "gone": self.gone,
        }

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> FeedState:
        return cls(
            feed_id=doc["feed"],
            url=doc["url"],
            effective_url=doc.get("effective_url"),
            etag=doc.get("etag"),
            last_modified=doc.get("last_modified"),
            last_attempt=from_iso(doc.get("last_attempt")),
            last_success=from_iso(doc.get("last_success")),
            # States written before first_success existed: the feed was polled already.
            first_success=from_iso(doc.get("first_success") or doc.get("last_success")),
            last_error=doc.get("last_error"),
            consecutive_failures=doc.get("consecutive_failures", 0),
            next_poll=from_iso(doc.get("next_poll")),
            retry_after=from_iso(doc.get("retry_after")),
            title=doc.get("title"),
            body_hash=doc.get("body_hash"),
            extra=doc.get("extra") or {},
            gone=bool(doc.get("gone", False)),
        )
