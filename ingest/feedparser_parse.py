"""RSS, Atom and RDF bytes to records through feedparser: `parse_feed`.

feedparser holds the GIL for the whole parse, so the app runs it in a small
process pool (ingest.parser_pool); `parse_feed` is the pure function the
workers run and tests call directly.

- The bytes are made safe first (ingest.feed_bytes) and transcoded when
  feedparser would misread their encoding (ingest.feed_encoding).
- feedparser is given a file object, never the bytes themselves: given a
  bytes/str it treats a value that looks like a URL or a path as one to open.
- feedparser's HTML sanitiser and URI resolver are off (they cost more than
  the parse); ingest.feed_entries turns its entries into records instead.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from ingest.feed_bytes import looks_like_html, not_a_feed_before_parsing, prepare_for_feedparser
from ingest.feed_encoding import transcode, utf8_content_type
from ingest.feed_entries import article_from_entry, normalise_language, resolved_link, text_of
from ingest.feed_plain import plain_entries
from ingest.parsed import MAX_ITEMS, MAX_TITLE_CHARS, ParsedFeed
from ingest.sanitize import clean_text


def _bozo_warning(exception: BaseException | None, items: int) -> str | None:
    import feedparser  # loaded already: only a parse gets here

    # A wrong Content-Type is a bozo exception that does not mean items were lost.
    if exception is None or isinstance(exception, feedparser.NonXMLContentType):
        return None
    if isinstance(exception, feedparser.CharacterEncodingOverride):
        return clean_text(f"wrong encoding declared: {exception}", single_line=True)[:300]
    line = getattr(exception, "getLineNumber", lambda: None)()
    message = getattr(exception, "getMessage", lambda: str(exception))()
    where = f"line {line}: " if line else ""
    detail = clean_text(f"{where}{message}", single_line=True)[:200]
    return f"malformed XML ({detail}), {items} item{'' if items == 1 else 's'} recovered"


def _feedparser(data: bytes, response_headers: dict[str, str]) -> Any:
    """feedparser's result for the prepared bytes, or a failed ParsedFeed."""
    # Imported by the first parse (in a worker): the process that hands feeds to
    # the pool never needs it, and a pass where every feed answers 304 parses none.
    import feedparser

    try:
        return feedparser.parse(
            io.BytesIO(data),
            response_headers=response_headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as exc:
        return ParsedFeed.failed(f"could not parse: {type(exc).__name__}")


def parse_feed(
    feed_id: str,
    data: bytes,
    *,
    headers: dict[str, str],
    url: str,
    now: datetime,
    known: frozenset[str] = frozenset(),
) -> ParsedFeed:
    """Parse one fetched document into records. Never raises for any input.

    headers are the HTTP response headers (any case); `url` is where the
    document came from (relative links resolve against xml:base, else the
    feed's site link, else `url`); `now` decides which dates are in the
    future; entries whose article id is in `known` (stored already) are
    left out, their ids listed in `skipped`. Pure: runs unchanged in a
    worker process.
    """
    try:
        return _parse_feed(feed_id, data, headers=headers, url=url, now=now, known=known)
    except Exception as exc:  # a bug of ours or feedparser's must not kill a worker
        return ParsedFeed.failed(f"could not parse: {type(exc).__name__}")


def _parse_feed(
    feed_id: str,
    data: bytes,
    *,
    headers: dict[str, str],
    url: str,
    now: datetime,
    known: frozenset[str],
) -> ParsedFeed:
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    refusal = not_a_feed_before_parsing(data)
    if refusal is not None:
        return ParsedFeed.failed(refusal)
    # Header values are cleaned: a NUL in a charset makes feedparser's
    # bytes.decode raise ("embedded null character") and lose a valid feed.
    response_headers = {
        key.lower(): clean_text(str(value), single_line=True) for key, value in headers.items()
    }
    transcoded = transcode(data, response_headers.get("content-type"))
    undecodable = None
    if transcoded is not None:
        undecodable = transcoded.problem
        if not transcoded.data:
            return ParsedFeed.failed(undecodable or "cannot decode the feed")
        data = transcoded.data
        if "content-type" in response_headers:
            response_headers["content-type"] = utf8_content_type(response_headers["content-type"])
    data = prepare_for_feedparser(data)
    if b"<" not in data:
        return ParsedFeed.failed(undecodable or "not a feed")

    # feedparser is not told where the document came from: given a location it
    # also "resolves" every RSS guid against it ("123" becomes
    # "https://host/feeds/123"), so an item's identity would change whenever the
    # feed's URL does (a moved feed, a temporary redirect to another host) and
    # every item would come back as new. Links are resolved here instead.
    response_headers.pop("content-location", None)
    # Plain RSS 2.0 and Atom take the quick road (ingest.feed_plain); feedparser
    # reads the rest, and anything transcoded, whose warnings it words.
    plain = plain_entries(data, response_headers) if transcoded is None else None
    if plain is not None:
        feed, entries = plain
        version, bozo_exception = "plain", None
    else:
        result = _feedparser(data, response_headers)
        if isinstance(result, ParsedFeed):
            return result
        feed = result.get("feed") or {}
        entries = result.get("entries") or []
        version = result.get("version")
        bozo_exception = result.get("bozo_exception") if result.get("bozo") else None
        if not version and not entries:
            if undecodable:
                return ParsedFeed.failed(undecodable)
            if looks_like_html(data):
                return ParsedFeed.failed("not a feed: an HTML page")
            return ParsedFeed.failed("not a feed")

    feed_link = resolved_link(feed.get("link"), url)
    language = normalise_language(feed.get("language")) or normalise_language(
        response_headers.get("content-language")
    )
    parsed = ParsedFeed(
        feed_title=text_of(feed.get("title_detail"), single_line=True)[:MAX_TITLE_CHARS] or None,
        feed_link=feed_link,
        language=language,
    )
    for entry in entries[:MAX_ITEMS]:
        article = article_from_entry(
            feed_id,
            entry,
            feed_link=feed_link,
            url=url,
            language=language,
            now=now,
            known=known,
            skipped=parsed.skipped,
        )
        if article is not None:
            parsed.items.append(article)

    if transcoded is not None:
        parsed.warnings += [warning[:300] for warning in transcoded.warnings]
        if undecodable:
            parsed.warnings.append(f"{undecodable}; such bytes were replaced"[:300])
    if bozo_exception is not None:
        warning = _bozo_warning(bozo_exception, len(parsed.items) + len(parsed.skipped))
        if warning:
            parsed.warnings.append(warning)
    if not version:
        parsed.warnings.append("unrecognised feed format, items read anyway")
    if len(entries) > MAX_ITEMS:
        parsed.warnings.append(
            f"{len(entries) - MAX_ITEMS} items beyond the first {MAX_ITEMS} ignored"
        )
    return parsed
