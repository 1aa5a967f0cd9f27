"""JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/).

Everything in the document is hostile and may have any type: each field is
read only when it has the type the spec gives it, lists are cut to a bound
before they are walked, and strings go through the same cleaning as RSS text
(ingest.sanitize, ingest.htmltext) with the same caps (ingest.parse). An item
that is not an object is skipped; a document that is not a JSON Feed gets one
clear error. Attachments and extension keys ("_name") are never read.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import orjson

from ingest.feed_encoding import wide_encoding
from ingest.kinds.base import SourceKind, header, sniff_head
from ingest.parsed import (
    FUTURE_TOLERANCE,
    MAX_AUTHOR_CHARS,
    MAX_BODY_CHARS,
    MAX_GUID_CHARS,
    MAX_HTML_CHARS,
    MAX_ITEMS,
    MAX_LINK_CHARS,
    MAX_TITLE_CHARS,
    OLDEST_PLAUSIBLE,
    ParsedFeed,
)
from ingest.sanitize import clean_text, safe_link
from storage.records import NO_DATE, NewArticle

MEDIA_TYPE = "application/feed+json"
_VERSION = re.compile(r"https?://(?:www\.)?jsonfeed\.org/version/(\d{1,4})(?:\.(\d{1,4}))?/?")
# Values in the whole document, counted as "," "{" and "[" outside strings.
# Loaded, each costs tens of bytes, so a body-sized flood of tiny values would
# take many times the body's size; a real feed has a few dozen per item.
MAX_VALUES = 1_000_000
# Authors read per item: a list of a million must not be walked.
MAX_AUTHORS = 20
# A date longer than this is not RFC 3339 ("2024-01-01T10:00:00.123456+02:00" is 32).
MAX_DATE_CHARS = 64


class JSONFeedKind(SourceKind):
    name = "jsonfeed"
    label = "JSON Feed"

    def detect(self, data: bytes, content_type: str | None) -> bool:
        # Every JSON document, JSON Feed or not: a JSON answer gets the JSON
        # kind's error ("not a feed: JSON") rather than XML's. A body declared
        # as a JSON Feed is claimed too unless it is plainly XML.
        first = sniff_head(data)[:1]
        if first in (b"{", b"["):
            return True
        return content_type == MEDIA_TYPE and first not in (b"", b"<")

    def parse(
        self, feed_id: str, data: bytes, *, headers: dict[str, str], url: str, now: datetime
    ) -> ParsedFeed:
        try:
            return _parse(feed_id, data, headers=headers, url=url, now=now)
        except Exception as exc:  # a bug of ours must not take the worker down
            return ParsedFeed.failed(f"could not parse: {type(exc).__name__}")


# --- Bytes to a JSON object ----------------------------------------------------

# \uD800-\uDFFF escapes not part of a high+low pair: orjson refuses the whole
# document for one of them, so they become U+FFFD first.
_LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _as_utf8(data: bytes) -> bytes:
    """UTF-8 without a BOM: JSON must be UTF-8, but BOMs and UTF-16 happen."""
    wide = wide_encoding(data)
    if wide is not None:
        codec, bom = wide
        return data[len(bom) :].decode(codec, errors="replace").encode("utf-8")
    return data.removeprefix(b"\xef\xbb\xbf")


# A string, escapes included; one left open runs to the end (matching it
# whole keeps the scan linear).
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)', re.S)


def _values(data: bytes) -> int:
    return data.count(b",") + data.count(b"{") + data.count(b"[")


def _too_many_values(data: bytes) -> bool:
    # Counted with strings first (a few memchr passes, an overestimate): the
    # exact count, without strings, is only needed when that one is high. Each
    # string is a value too: a flood of them is told apart by its quotes alone,
    # which is far cheaper than removing them one by one.
    if _values(data) <= MAX_VALUES:
        return False
    if (data.count(b'"') - data.count(b'\\"')) // 2 > MAX_VALUES:
        return True
    return _values(_STRING.sub(b"", data)) > MAX_VALUES


def _load(data: bytes) -> tuple[Any, str | None]:
    """(the document, None) or (None, why it is not JSON)."""
    data = _as_utf8(data)
    if _too_many_values(data):
        return None, f"not a feed: JSON with over {MAX_VALUES:,} values"
    try:
        return orjson.loads(data), None
    except orjson.JSONDecodeError as error:
        message = error.msg
    if "depth" in message:
        # orjson stops at 1,024 levels, before Python's stack is at risk.
        return None, "not a feed: JSON nested too deeply"
    if "UTF-8" in message or "surrogate" in message:
        # One bad byte or escape should not lose the feed: repair and retry.
        repaired = data.decode("utf-8", errors="replace").encode("utf-8")
        repaired = _LONE_SURROGATE.sub(rb"\\ufffd", repaired)
        try:
            return orjson.loads(repaired), None
        except orjson.JSONDecodeError as error:
            message = error.msg
    detail = clean_text(message, single_line=True)[:120]
    return None, f"not a feed: invalid JSON ({detail})"


def _version(document: Any) -> tuple[str | None, str | None]:
    """(a warning or None, an error or None) from the feed's `version`."""
    version = document.get("version") if isinstance(document, dict) else None
    match = _VERSION.fullmatch(version.strip()) if isinstance(version, str) else None
    if match is None:
        return None, "not a feed: JSON"
    major, minor = match.group(1), match.group(2)
    if major != "1":
        shown = f"{major}.{minor}" if minor else major
        return None, f"unsupported JSON Feed version {shown}"
    if minor not in (None, "1"):
        return f"JSON Feed version 1.{minor} read as 1.1", None
    return None, None


# --- Typed reads -------------------------------------------------------------


def _string(mapping: dict[str, Any], key: str) -> str | None:
    value = mapping.get(key)
    return value if isinstance(value, str) and value else None


def _line(value: str | None, limit: int) -> str:
    """One line of clean text at most `limit` characters long."""
    if not value:
        return ""
    return clean_text(value[: 4 * limit], single_line=True)[:limit]


def _link(reference: str | None, base: str | None) -> str | None:
    """An absolute http(s) link, relative ones resolved against base."""
    if not reference or len(reference) > MAX_LINK_CHARS:
        return None
    reference = reference.strip()
    if base:
        try:
            reference = urljoin(base, reference)
        except ValueError:  # e.g. "http://[broken"
            return None
    return safe_link(reference)


def _guid(item: dict[str, Any]) -> str | None:
    value = item.get("id")
    # The spec: an id given as a number is read as a string.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return _line(value, MAX_GUID_CHARS) or None


def _authors(holder: dict[str, Any]) -> str | None:
    """The names of `authors` (1.1) or `author` (1.0), joined, or None."""
    found = holder.get("authors")
    if not isinstance(found, list):
        found = [holder.get("author")]
    names: list[str] = []
    for author in found[:MAX_AUTHORS]:
        if isinstance(author, dict):
            name = _line(_string(author, "name"), MAX_AUTHOR_CHARS)
            if name and name not in names:
                names.append(name)
    return ", ".join(names)[:MAX_AUTHOR_CHARS] or None


_LEAP_SECOND = re.compile(r"(T\d\d:\d\d):60")


def _moment(value: Any) -> tuple[datetime | None, str] | None:
    """(UTC time, precision) of an RFC 3339 date, or None when it does not parse."""
    if not isinstance(value, str) or not value or len(value) > MAX_DATE_CHARS:
        return None
    text = value.strip().upper()  # RFC 3339 allows "t" and "z"
    try:
        moment = datetime.fromisoformat(_LEAP_SECOND.sub(r"\1:59", text))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # no offset: read as UTC, as RSS dates are
    try:
        moment = moment.astimezone(UTC).replace(microsecond=0)
    except OverflowError:  # year 1 or 9999 pushed out of range by its offset
        return None, NO_DATE
    return moment, ("second" if ":" in text else "day")


def _published(item: dict[str, Any], now: datetime) -> tuple[datetime | None, str]:
    """The item's date and its precision, as RSS dates are read: (None,
    NO_DATE) when it has none or none that is believable."""
    for key in ("date_published", "date_modified"):
        found = _moment(item.get(key))
        if found is None:
            continue
        moment, precision = found
        if moment is None or moment > now + FUTURE_TOLERANCE or moment < OLDEST_PLAUSIBLE:
            return None, NO_DATE
        return moment, precision
    return None, NO_DATE


def _body(item: dict[str, Any], base: str) -> tuple[str, tuple[str, ...]]:
    from ingest.htmltext import html_to_text  # parser workers only: see _parse

    html = _string(item, "content_html")
    if html:
        text, links = html_to_text(html[:MAX_HTML_CHARS], base)
        if text:
            return text[:MAX_BODY_CHARS], tuple(links)
    for key in ("content_text", "summary"):
        plain = _string(item, key)
        if plain and (text := clean_text(plain[:MAX_HTML_CHARS])):
            return text[:MAX_BODY_CHARS], ()
    return "", ()


# --- The document to records ------------------------------------------------


def _article(
    feed_id: str,
    item: dict[str, Any],
    *,
    feed_link: str | None,
    url: str,
    authors: str | None,
    language: str | None,
    now: datetime,
) -> NewArticle | None:
    from ingest.feed_entries import fallback_title, normalise_language

    site = feed_link or url
    link = _link(_string(item, "url"), site) or _link(_string(item, "external_url"), site)
    # Relative links in the content are relative to the item's own page.
    body, links = _body(item, link or site)
    title = _line(_string(item, "title"), MAX_TITLE_CHARS)
    guid = _guid(item)
    if not (title or link or guid or body):
        return None  # nothing to show and nothing to recognise it by next time
    if not title:
        title = fallback_title(body, link)  # the same made-up title as for RSS
    published, precision = _published(item, now)
    return NewArticle(
        feed_id=feed_id,
        guid=guid,
        title=title,
        link=link,
        published=published,
        body=body,
        language=normalise_language(_string(item, "language")) or language,
        author=_authors(item) or authors,
        date_precision=precision,
        links=links,
    )


def _parse(
    feed_id: str, data: bytes, *, headers: dict[str, str], url: str, now: datetime
) -> ParsedFeed:
    # Imported here: the process that fetches loads the kinds (to ask which one
    # fetches a URL) but never parses, and needs no HTML parser.
    from ingest.feed_entries import normalise_language

    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    if not sniff_head(data):
        return ParsedFeed.failed("empty response")
    document, error = _load(data)
    if error is not None:
        return ParsedFeed.failed(error)
    warning, error = _version(document)
    if error is not None:
        return ParsedFeed.failed(error)
    items = document.get("items")
    if not isinstance(items, list):
        return ParsedFeed.failed("not a valid JSON Feed: its items are not a list")

    feed_link = _link(_string(document, "home_page_url"), url)
    language = normalise_language(_string(document, "language")) or normalise_language(
        header(headers, "content-language")
    )
    parsed = ParsedFeed(
        feed_title=_line(_string(document, "title"), MAX_TITLE_CHARS) or None,
        feed_link=feed_link,
        language=language,
    )
    if warning:
        parsed.warnings.append(warning)
    authors = _authors(document)
    skipped = 0
    for item in items[:MAX_ITEMS]:
        if not isinstance(item, dict):
            skipped += 1
            continue
        article = _article(
            feed_id,
            item,
            feed_link=feed_link,
            url=url,
            authors=authors,
            language=language,
            now=now,
        )
        if article is not None:
            parsed.items.append(article)
    if skipped:
        parsed.warnings.append(f"{skipped} item{'' if skipped == 1 else 's'} skipped: not objects")
    if len(items) > MAX_ITEMS:
        parsed.warnings.append(
            f"{len(items) - MAX_ITEMS} items beyond the first {MAX_ITEMS} ignored"
        )
    return parsed
