"""Feed bytes to records: feedparser in a worker process, our own conversion after it.

feedparser holds the GIL for the whole parse (20-55 ms for a 150 KB feed), so
the app runs it in a small process pool; `parse_feed` is the pure function the
workers run and tests call directly. Everything a feed says is hostile:

- An internal DOCTYPE subset is removed before feedparser sees it (entity
  expansion took 46 s and 5.7 GB on a 160 KB feed), in UTF-16 feeds too.
- Character references that name no XML character (lone surrogates, NUL,
  beyond U+10FFFF) make feedparser raise: they become U+FFFD first.
- feedparser is given a file object, never the bytes themselves: given a
  bytes/str it treats a value that looks like a URL or a path as one to open.
- feedparser's HTML sanitiser and URI resolver are off (they triple the cost);
  ingest.htmltext turns HTML into plain text and resolves links instead, and
  every string goes through clean_text, every link through safe_link.
- Sizes are capped (items, title, body) so one feed cannot exhaust memory, and
  a parse that still takes too long has its worker process killed.
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
import re
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache, partial
from typing import Any
from urllib.parse import urljoin, urlparse

from ingest.feed_encoding import transcode, utf8_content_type, wide_encoding
from ingest.htmltext import html_to_line, html_to_text
from ingest.item_fields import impossible_iso_date, title_as_text
from ingest.processes import (
    RetiredPool,
    WorkerLauncher,
    join_retired,
    real_stderr,
    retire_pool,
    worker_init,
)
from ingest.sanitize import clean_text, is_plain_http_url, safe_link
from storage.records import NO_DATE, NewArticle

MAX_ITEMS = 5_000
MAX_TITLE_CHARS = 1_000
MAX_BODY_CHARS = 200_000
# HTML beyond this is not converted: 200,000 characters of text rarely need more.
MAX_HTML_CHARS = 2_000_000
MAX_GUID_CHARS = 2_000
MAX_AUTHOR_CHARS = 200
MAX_LINK_CHARS = 8_000
# Titleless items (Mastodon, some microblogs) get their first words as a title,
# after a mark that says the title is made up: "… first words of the post".
FALLBACK_TITLE_CHARS = 120
DERIVED_TITLE_MARK = "… "
# Clocks differ a little; beyond this a date "in the future" is a lie.
FUTURE_TOLERANCE = timedelta(minutes=10)
# Older dates are placeholders (1970 epochs, 1900 defaults), not publication times.
OLDEST_PLAUSIBLE = datetime(1990, 1, 1, tzinfo=UTC)
DEFAULT_TIMEOUT = 20.0


@dataclass(slots=True)
class ParsedFeed:
    """What one parse produced. `error` set means: nothing usable, say why."""

    feed_title: str | None = None
    feed_link: str | None = None
    language: str | None = None
    items: list[NewArticle] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def failed(cls, error: str) -> ParsedFeed:
        return cls(error=error)


# --- Before feedparser: make the bytes safe to hand over ---------------------


def _on_ascii_bytes(data: bytes, operation: Callable[[bytes], bytes]) -> bytes:
    """Apply a byte-level rewrite that only looks at ASCII markup.

    ASCII-compatible encodings (UTF-8, Latin-1, windows-1252...) are rewritten
    in place. UTF-16/32 is decoded, rewritten as UTF-8 and encoded back with
    the same codec and BOM, so feedparser's encoding detection sees what the
    server sent (the XML declaration still says utf-16).
    """
    wide = wide_encoding(data)
    if wide is None:
        return operation(data)
    codec, bom = wide
    text = data[len(bom) :].decode(codec, errors="replace")
    rewritten = operation(text.encode("utf-8")).decode("utf-8", errors="replace")
    return bom + rewritten.encode(codec)


_MARKUP_OPEN = re.compile(rb"<")
_DOCTYPE_HEAD = re.compile(rb'["\'\[>]')
_SUBSET_TOKEN = re.compile(rb"[\"'\]]|<!--|<\?")


def strip_internal_doctype(data: bytes) -> bytes:
    """The document with any internal DOCTYPE subset removed.

    `<!DOCTYPE rss [ <!ENTITY ...> ]>` becomes `<!DOCTYPE rss>`: entity
    declarations are where billion-laughs and quadratic-blowup attacks live,
    and feeds have no legitimate use for them. The name and external id are
    kept (feedparser recognises Netscape RSS 0.91 by them). UTF-16/32 input
    is handled through its BOM or its first "<".
    """
    return _on_ascii_bytes(data, _strip_doctype_subsets)


def _strip_doctype_subsets(data: bytes) -> bytes:
    # Look where a DOCTYPE can matter: before the first element. Like
    # feedparser's own prolog scan, skip text, comments and PIs, and anything
    # after "<" that is not a name, so junk before the DOCTYPE cannot hide it.
    position = 0
    while (found := _MARKUP_OPEN.search(data, position)) is not None:
        start = found.start()
        if data.startswith(b"<?", start):
            end = data.find(b"?>", start + 2)
            if end < 0:
                return data
            position = end + 2
        elif data.startswith(b"<!--", start):
            end = data.find(b"-->", start + 4)
            if end < 0:
                return data
            position = end + 3
        elif data[start : start + 9].upper() == b"<!DOCTYPE":
            data, position = _strip_one_subset(data, start)
        else:
            following = data[start + 1 : start + 2]
            if following.isalnum() or following == b"_" or following >= b"\x80":
                return data  # the root element: the prolog is over
            position = start + 1
    return data


def _strip_one_subset(data: bytes, start: int) -> tuple[bytes, int]:
    """Rewrite the DOCTYPE at `start`; returns the data and where to go on."""
    position = start + 9
    while True:
        token = _DOCTYPE_HEAD.search(data, position)
        if token is None:
            return data[:start], start  # unterminated: nothing after it is a document
        char = data[token.start() : token.start() + 1]
        if char == b">":
            return data, token.end()  # no internal subset
        if char == b"[":
            break
        close = data.find(char, token.end())  # a quoted public/system id
        if close < 0:
            return data[:start], start
        position = close + 1
    subset_start = token.start()
    position = token.end()
    while True:
        token = _SUBSET_TOKEN.search(data, position)
        if token is None:
            return data[:start], start
        text = token.group()
        if text == b"]":
            end = data.find(b">", token.end())
            if end < 0:
                return data[:start], start
            head = data[:subset_start].rstrip() + b">"
            return head + data[end + 1 :], len(head)
        if text == b"<!--":
            close = data.find(b"-->", token.end())
            position = close + 3
        elif text == b"<?":
            close = data.find(b"?>", token.end())
            position = close + 2
        else:
            close = data.find(text, token.end())  # quoted entity value
            position = close + 1
        if close < 0:
            return data[:start], start


_CHAR_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,16}));?")


def _neutralise_reference(match: re.Match[bytes]) -> bytes:
    """U+FFFD for references feedparser cannot survive; the rest untouched.

    A lone surrogate (UnicodeEncodeError) or a code point beyond U+10FFFF
    (ValueError, OverflowError) makes feedparser raise. References to other
    characters XML forbids, such as &#x1b; and &#7;, are left alone: expat
    rejects them and the fallback parser decodes them, so clean_text sees a
    terminal sequence written as references whole, and removes it whole.
    """
    hexadecimal, decimal = match.groups()
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b"&#xFFFD;"
    return match.group()


# C0 controls that XML forbids and no ASCII-compatible encoding uses in a
# multibyte sequence: one stray \x0b would send the whole feed to feedparser's
# slower, sloppier fallback parser. ESC and BEL stay: ISO-2022-JP is made of
# escape sequences, and clean_text must see a terminal sequence whole (with
# its BEL terminator) to remove it whole rather than leave its payload.
_FORBIDDEN_CONTROLS = bytes(
    [*range(0x00, 0x07), 0x08, 0x0B, 0x0C, *range(0x0E, 0x1B), *range(0x1C, 0x20)]
)


def _prepared(data: bytes) -> bytes:
    """NULs and other forbidden controls out, DOCTYPE subsets out, impossible
    character references neutralised."""

    def rewrite(chunk: bytes) -> bytes:
        chunk = chunk.translate(None, _FORBIDDEN_CONTROLS)
        chunk = _strip_doctype_subsets(chunk)
        if b"&#" in chunk:
            chunk = _CHAR_REFERENCE.sub(_neutralise_reference, chunk)
        return chunk

    return _on_ascii_bytes(data, rewrite)


# --- Recognising what is not a feed ------------------------------------------

_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_HTML_ANYWHERE = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.I)
_SNIFF_BYTES = 4096


def _head_as_ascii(data: bytes) -> bytes:
    """The start of the document as ASCII-compatible bytes, for sniffing."""
    wide = wide_encoding(data)
    if wide is None:
        return data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    codec, bom = wide
    head = data[len(bom) : len(bom) + _SNIFF_BYTES * 4].decode(codec, errors="ignore")
    return head.encode("utf-8")


def _not_a_feed_before_parsing(data: bytes) -> str | None:
    head = _head_as_ascii(data).lstrip()
    if not head:
        return "empty response"
    if head[:1] in (b"{", b"["):
        return "not a feed: JSON"
    if _HTML_START.match(head):
        return "not a feed: an HTML page"
    return None


# --- feedparser's result to records ------------------------------------------

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
# one (~0.5-1 µs a read, a dozen reads an item). None of the keys read with
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


def _text_of(detail: Any, *, single_line: bool, value: str | None = None) -> str:
    """A feedparser text construct (title, feed title) as clean text.

    value, when given, replaces the construct's own (see _article).
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


def _resolved_link(link: str | None, base: str) -> str | None:
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


def _fallback_title(body: str, link: str | None) -> str:
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


def _article(
    feed_id: str,
    entry: Any,
    *,
    feed_link: str | None,
    url: str,
    language: str | None,
    now: datetime,
) -> NewArticle | None:
    # Relative references: with an xml:base, against it (feedparser applied it
    # to the link already; the body's HTML it left alone). Without one, against
    # the site rather than the feed's own URL, which is often a proxy or CDN
    # (FeedBurner) while the links are written relative to the site.
    content = _get(entry, "content") or ()
    summary_detail = _get(entry, "summary_detail")
    title_detail = _get(entry, "title_detail")
    xml_base = _xml_base(title_detail, summary_detail, content)
    if xml_base:
        link = _resolved_link(_get(entry, "link"), url)
        body, links = _body(content, summary_detail, _joined(url, xml_base) or url)
    else:
        link = _resolved_link(_get(entry, "link"), feed_link or url)
        body, links = _body(content, summary_detail, feed_link or url)
    # The entry's "title", not title_detail's value: a <title> nested in the
    # item (an <image>'s, a media group's) overwrites the detail, not the title.
    title = _text_of(title_detail, single_line=True, value=_get(entry, "title"))
    title = title[:MAX_TITLE_CHARS]
    guid = clean_text(_get(entry, "id"), single_line=True)[:MAX_GUID_CHARS] or None
    if not (title or link or guid or body):
        return None  # nothing to show and nothing to recognise it by next time
    if not title:
        title = _fallback_title(body, link)
    published, precision = _published(entry, now)
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


def parse_feed(
    feed_id: str, data: bytes, *, headers: dict[str, str], url: str, now: datetime
) -> ParsedFeed:
    """Parse one fetched document into records. Never raises for any input.

    headers are the HTTP response headers (any case); `url` is where the
    document came from (relative links resolve against xml:base, else the
    feed's site link, else `url`); `now` decides which dates are in the
    future. Pure: runs unchanged in a worker process.
    """
    try:
        return _parse_feed(feed_id, data, headers=headers, url=url, now=now)
    except Exception as exc:  # a bug of ours or feedparser's must not kill a worker
        return ParsedFeed.failed(f"could not parse: {type(exc).__name__}")


def _parse_feed(
    feed_id: str, data: bytes, *, headers: dict[str, str], url: str, now: datetime
) -> ParsedFeed:
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    refusal = _not_a_feed_before_parsing(data)
    if refusal is not None:
        return ParsedFeed.failed(refusal)
    # Header values are cleaned: a NUL in a charset made feedparser's
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
    data = _prepared(data)
    if b"<" not in data:
        return ParsedFeed.failed(undecodable or "not a feed")

    # feedparser is not told where the document came from: given a location it
    # also "resolves" every RSS guid against it ("123" became
    # "https://host/feeds/123"), so an item's identity would change whenever the
    # feed's URL does (a moved feed, a temporary redirect to another host) and
    # every item would come back as new. Links are resolved here instead.
    response_headers.pop("content-location", None)
    # Imported by the first parse (in a worker): the process that hands feeds to
    # the pool never needs it, and a pass where every feed answers 304 parses none.
    import feedparser

    try:
        result = feedparser.parse(
            io.BytesIO(data),
            response_headers=response_headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as exc:
        return ParsedFeed.failed(f"could not parse: {type(exc).__name__}")

    entries = result.get("entries") or []
    if not result.get("version") and not entries:
        if undecodable:
            return ParsedFeed.failed(undecodable)
        if _HTML_ANYWHERE.search(_head_as_ascii(data)):
            return ParsedFeed.failed("not a feed: an HTML page")
        return ParsedFeed.failed("not a feed")

    feed = result.get("feed") or {}
    feed_link = _resolved_link(feed.get("link"), url)
    language = normalise_language(feed.get("language")) or normalise_language(
        response_headers.get("content-language")
    )
    parsed = ParsedFeed(
        feed_title=_text_of(feed.get("title_detail"), single_line=True)[:MAX_TITLE_CHARS] or None,
        feed_link=feed_link,
        language=language,
    )
    for entry in entries[:MAX_ITEMS]:
        article = _article(feed_id, entry, feed_link=feed_link, url=url, language=language, now=now)
        if article is not None:
            parsed.items.append(article)

    if transcoded is not None:
        parsed.warnings += [warning[:300] for warning in transcoded.warnings]
        if undecodable:
            parsed.warnings.append(f"{undecodable}; such bytes were replaced"[:300])
    if result.get("bozo"):
        warning = _bozo_warning(result.get("bozo_exception"), len(parsed.items))
        if warning:
            parsed.warnings.append(warning)
    if not result.get("version"):
        parsed.warnings.append("unrecognised feed format, items read anyway")
    if len(entries) > MAX_ITEMS:
        parsed.warnings.append(
            f"{len(entries) - MAX_ITEMS} items beyond the first {MAX_ITEMS} ignored"
        )
    return parsed


# --- Running parses off the event loop ---------------------------------------

ParseTarget = Callable[..., ParsedFeed]


def _default_start_method() -> str:
    # Never fork: the parent is a Textual app with threads, and a forked child
    # can inherit a lock some other thread held at that instant.
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


class ParserPool:
    """A parse function in worker processes, awaited from the event loop.

    The target has parse_feed's signature: the app passes
    ingest.kinds.registry.parse_any, which picks the source kind.

    A parse that outlives its timeout has its pool torn down (workers killed)
    and a fresh pool starts on the next call; so does a pool whose worker died.
    Parses that were in flight on a torn-down pool get an error result. With
    workers=0, parses run in a thread instead (tests, command-line tools); a
    thread cannot be killed, so a timeout there only stops the waiting.

    At most two parses per worker are handed to the pool at once (one running,
    one ready, so a worker never idles between parses); the rest wait here, so
    the timeout counts a parse's own time and at most one other's, not a whole
    queue's (500 feeds fetched at once queued for minutes on two workers, and
    whole bursts "took longer than 20 s"). The workers start with the first parse: a poll
    where every feed answers 304 starts none.
    """

    def __init__(
        self,
        workers: int = 2,
        *,
        target: ParseTarget = parse_feed,
        start_method: str | None = None,
    ) -> None:
        if workers < 0:
            raise ValueError("workers must be 0 (inline) or more")
        self._workers = workers
        # A module-level callable with parse_feed's signature (tests inject slow ones).
        self._target = target
        self._start_method = start_method or _default_start_method()
        self._executor: ProcessPoolExecutor | None = None
        self._generation = 0
        self._retired: list[RetiredPool] = []
        self._closed = False
        self._slots = asyncio.Semaphore(2 * max(workers, 1))
        self._launcher = WorkerLauncher()

    @property
    def started(self) -> bool:
        """Whether worker processes run (they start with the first parse)."""
        return self._executor is not None

    async def __aenter__(self) -> ParserPool:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def parse(
        self,
        feed_id: str,
        data: bytes,
        *,
        headers: dict[str, str],
        url: str,
        now: datetime,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> ParsedFeed:
        if self._closed:
            raise RuntimeError("the parser pool is closed")
        call = partial(self._target, feed_id, data, headers=headers, url=url, now=now)
        if self._workers == 0:
            return await self._parse_in_thread(call, timeout)

        async with self._slots:
            if self._closed:
                raise RuntimeError("the parser pool is closed")
            return await self._parse_in_pool(call, timeout)

    async def _parse_in_pool(self, call: Callable[[], ParsedFeed], timeout: float) -> ParsedFeed:
        generation = self._generation
        with real_stderr():
            executor = self._ensure_executor()
        await self._launcher.ensure_started(executor, self._workers)
        try:
            future = self._submit(call)
        except BrokenProcessPool:
            # The pool broke while idle (a worker was killed from outside).
            self._restart(generation)
            generation = self._generation
            future = self._submit(call)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError:
            self._restart(generation)
            return ParsedFeed.failed(f"parsing took longer than {timeout:g} s")
        except BrokenProcessPool:
            if generation != self._generation:
                return ParsedFeed.failed("parsing interrupted: the parser was restarted")
            self._restart(generation)
            return ParsedFeed.failed("the parser process stopped unexpectedly")
        except Exception as exc:  # e.g. a result that cannot be pickled
            return ParsedFeed.failed(f"could not parse: {type(exc).__name__}")

    async def _parse_in_thread(self, call: Callable[[], ParsedFeed], timeout: float) -> ParsedFeed:
        try:
            return await asyncio.wait_for(asyncio.to_thread(call), timeout)
        except TimeoutError:
            return ParsedFeed.failed(f"parsing took longer than {timeout:g} s")
        except Exception as exc:
            return ParsedFeed.failed(f"could not parse: {type(exc).__name__}")

    def _submit(self, call: Callable[[], ParsedFeed]) -> asyncio.Future[ParsedFeed]:
        loop = asyncio.get_running_loop()
        # Workers (and the fork server) start on a submit: stderr must be the real one.
        with real_stderr():
            return loop.run_in_executor(self._ensure_executor(), call)

    def _ensure_executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            context = multiprocessing.get_context(self._start_method)
            if self._start_method == "forkserver":
                # The fork server imports feedparser and the source kinds the
                # app's target dispatches to once; each worker forked from it
                # starts with everything loaded, in milliseconds. (No effect
                # if the server already runs; a name that fails is skipped.)
                context.set_forkserver_preload([__name__, "ingest.kinds.registry", "feedparser"])
            self._executor = ProcessPoolExecutor(
                max_workers=self._workers,
                mp_context=context,
                initializer=worker_init,
                initargs=(list(sys.path),),
            )
        return self._executor

    def _restart(self, generation: int) -> None:
        """Tear down the pool that `generation` ran on, unless that happened already."""
        if generation != self._generation or self._executor is None:
            return
        self._generation += 1
        executor, self._executor = self._executor, None
        self._retired.append(retire_pool(executor, kill=True))

    def close(self, grace: float = 2.0) -> None:
        """Stop every worker and wait for them to exit. Blocks for at most ~grace s."""
        self._closed = True
        if self._executor is not None:
            executor, self._executor = self._executor, None
            self._generation += 1
            self._retired.append(retire_pool(executor, kill=False))
        retired, self._retired = self._retired, []
        join_retired(retired, grace)

    async def aclose(self, grace: float = 2.0) -> None:
        await asyncio.to_thread(self.close, grace)
