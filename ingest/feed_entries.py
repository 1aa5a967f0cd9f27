"""feedparser's entries to records: titles, dates, bodies, links and languages.

Every string goes through clean_text, every link through safe_link, and HTML
becomes plain text through ingest.htmltext (feedparser's own sanitiser and URI
resolver are off); each field is cut to its cap in ingest.parsed.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlparse

from ingest.htmltext import html_to_line, html_to_text
from ingest.item_fields import impossible_iso_date, title_as_text
from ingest.parsed import (
    DERIVED_TITLE_MARK,
    FALLBACK_TITLE_CHARS,
    FUTURE_TOLERANCE,
    MAX_AUTHOR_CHARS,
    MAX_BODY_CHARS,
    MAX_GUID_CHARS,
    MAX_HTML_CHARS,
    MAX_LINK_CHARS,
    MAX_TITLE_CHARS,
    OLDEST_PLAUSIBLE,
)
from ingest.sanitize import clean_text, is_plain_http_url, safe_link
from storage.records import NO_DATE, NewArticle, article_id_for, identity_for

# Codes that older systems still send, and the 3-letter codes feeds use most.
_LANGUAGE_ALIASES = {
    "in": "id",
    "iw": "he",
    "ji": "yi",
    "jw": "jv",
    "mo": "ro",
    "eng": "en",
    "fra": "fr",
    "fre": "fr",
    "deu": "de",
    "ger": "de",
    "spa": "es",
    "por": "pt",
    "ita": "it",
    "nld": "nl",
    "dut": "nl",
    "rus": "ru",
    "jpn": "ja",
    "zho": "zh",
    "chi": "zh",
    "kor": "ko",
    "ind": "id",
    "ara": "ar",
    "hin": "hi",
    "tur": "tr",
    "pol": "pl",
    "vie": "vi",
    "ukr": "uk",
}
_LANGUAGE_SPLIT = re.compile(r"[-_\s.;,]")


def normalise_language(code: str | None) -> str | None:
    """A two-letter lower-case language code ("en-US" -> "en"), or None."""
    if not code:
        return None
    primary = _LANGUAGE_SPLIT.split(code.strip(), maxsplit=1)[0].lower()
    if not (primary.isascii() and primary.isalpha()):
        return None
    if primary in _LANGUAGE_ALIASES:
        return _LANGUAGE_ALIASES[primary]
    return primary if len(primary) == 2 else None


# The per-item code reads feedparser's dicts with dict.get: FeedParserDict.get
# remaps a few keys in Python and raises and catches a KeyError for a missing
# one, a cost paid a dozen times an item. None of the keys read with
# _get is one it remaps ("updated" and "description" are).
_get = dict.get


def _published(entry: Any, now: datetime) -> tuple[datetime | None, str]:
    """The item's date in UTC and its precision ("second" or "day"); (None,
    NO_DATE) when it has none or none that is believable."""
    for key in ("published", "updated", "created"):
        # dict.get: FeedParserDict.get maps a missing updated_parsed onto
        # published_parsed, with a DeprecationWarning each time.
        parsed = dict.get(entry, f"{key}_parsed")
        if not parsed:
            continue
        try:
            # Leap seconds (:60) exist in feeds; datetime refuses them.
            moment = datetime(*parsed[:5], min(parsed[5], 59), tzinfo=UTC)
        except (TypeError, ValueError, OverflowError):
            return None, NO_DATE
        if moment > now + FUTURE_TOLERANCE or moment < OLDEST_PLAUSIBLE:
            return None, NO_DATE
        raw = dict.get(entry, key) or ""
        if impossible_iso_date(raw, moment):
            return None, NO_DATE
        return moment, ("second" if ":" in raw else "day")
    return None, NO_DATE


def text_of(detail: Any, *, single_line: bool, value: str | None = None) -> str:
    """A feedparser text construct (title, feed title) as clean text.

    value, when given, replaces the construct's own (see article_from_entry).
    """
    if not detail:
        return ""
    if value is None:
        value = _get(detail, "value") or ""
    if _get(detail, "type") == "text/plain":
        return title_as_text(clean_text(value, single_line=single_line))
    return title_as_text(html_to_line(value[:MAX_HTML_CHARS]))


def _joined(base: str, reference: str) -> str | None:
    try:
        return urljoin(base, reference)
    except ValueError:  # e.g. "http://[broken"
        return None


@lru_cache(maxsize=1024)
def _base_parses(base: str) -> bool:
    """Whether urljoin can parse base (it raises ValueError when not)."""
    try:
        urlparse(base)
    except ValueError:
        return False
    return True


def resolved_link(link: str | None, base: str) -> str | None:
    if not link or len(link) > MAX_LINK_CHARS:
        return None
    reference = link.strip()
    if is_plain_http_url(reference) and _base_parses(base):
        # What urljoin and safe_link would return, without the parsing.
        return reference
    return safe_link(_joined(base, reference))


def _xml_base(title_detail: Any, summary_detail: Any, content: Any) -> str:
    """The xml:base in effect for an entry, as feedparser tracked it ("" if none)."""
    for detail in (title_detail, summary_detail, *content):
        if detail and (base := _get(detail, "base")):
            return str(base)
    return ""


def _body(content: Any, summary_detail: Any, base: str) -> tuple[str, tuple[str, ...]]:
    detail = None
    for candidate in content:
        if _get(candidate, "value"):
            detail = candidate
            break
    if detail is None:
        detail = summary_detail
    if not detail or not (value := _get(detail, "value")):
        return "", ()
    value = value[:MAX_HTML_CHARS]
    if _get(detail, "type") == "text/plain":
        return clean_text(value)[:MAX_BODY_CHARS], ()
    text, links = html_to_text(value, base)
    return text[:MAX_BODY_CHARS], tuple(links)


# What html_to_text writes after a link's text ("the paper[1]").
_LINK_MARKER = re.compile(r"\[[0-9]+\]")


def fallback_title(body: str, link: str | None) -> str:
    """A title for an item without one: DERIVED_TITLE_MARK and the first words
    of its body (else its link), cut at a word, without link markers."""
    words = clean_text(_LINK_MARKER.sub("", body.lstrip().split("\n", 1)[0]), single_line=True)
    if not words and link:
        words = link.split("://", 1)[-1]
    if not words:
        return ""
    if len(words) > FALLBACK_TITLE_CHARS:
        cut = words[: FALLBACK_TITLE_CHARS - 1]
        space = cut.rfind(" ")
        if space > FALLBACK_TITLE_CHARS // 2:
            cut = cut[:space]
        words = cut.rstrip(" ,;:-") + "…"
    return DERIVED_TITLE_MARK + words


def _known(
    feed_id: str,
    guid: str | None,
    link: str | None,
    title: str,
    published: datetime | None,
    known: frozenset[str],
    skipped: list[str] | None,
) -> bool:
    """Whether the entry's article id is in `known` (then it is put on `skipped`)."""
    article_id = article_id_for(feed_id, identity_for(guid, link, title, published))
    if article_id not in known:
        return False
    if skipped is not None:
        skipped.append(article_id)
    return True


def article_from_entry(
    feed_id: str,
    entry: Any,
    *,
    feed_link: str | None,
    url: str,
    language: str | None,
    now: datetime,
    known: frozenset[str] = frozenset(),
    skipped: list[str] | None = None,
) -> NewArticle | None:
    """One feedparser entry as a record; None when it has nothing to show and
    nothing to recognise it by.

    Also None for an entry whose article id is in `known` (stored already):
    its id goes on `skipped` and its HTML is never converted.
    """
    # Relative references: with an xml:base, against it (feedparser applied it
    # to the link already; the body's HTML it left alone). Without one, against
    # the site rather than the feed's own URL, which is often a proxy or CDN
    # (FeedBurner) while the links are written relative to the site.
    content = _get(entry, "content") or ()
    summary_detail = _get(entry, "summary_detail")
    title_detail = _get(entry, "title_detail")
    xml_base = _xml_base(title_detail, summary_detail, content)
    if xml_base:
        link = resolved_link(_get(entry, "link"), url)
        base = _joined(url, xml_base) or url
    else:
        link = resolved_link(_get(entry, "link"), feed_link or url)
        base = feed_link or url
    # The entry's "title", not title_detail's value: a <title> nested in the
    # item (an <image>'s, a media group's) overwrites the detail, not the title.
    title = text_of(title_detail, single_line=True, value=_get(entry, "title"))
    title = title[:MAX_TITLE_CHARS]
    guid = clean_text(_get(entry, "id"), single_line=True)[:MAX_GUID_CHARS] or None
    published, precision = _published(entry, now)
    # The identity needs the body only for a title made from it.
    if (
        known
        and (guid or link or title)
        and _known(feed_id, guid, link, title, published, known, skipped)
    ):
        return None
    body, links = _body(content, summary_detail, base)
    if not (title or link or guid or body):
        return None  # nothing to show and nothing to recognise it by next time
    if not title:
        title = fallback_title(body, link)
        if known and _known(feed_id, guid, link, title, published, known, skipped):
            return None
    author = clean_text(_get(entry, "author"), single_line=True)[:MAX_AUTHOR_CHARS] or None
    item_language = language
    for detail in (*content, summary_detail, title_detail):
        if detail and (code := normalise_language(_get(detail, "language"))):
            item_language = code
            break
    return NewArticle(
        feed_id=feed_id,
        guid=guid,
        title=title,
        link=link,
        published=published,
        body=body,
        language=item_language,
        author=author,
        date_precision=precision,
        links=links,
    )
