"""Property-based fuzzing of the sanitiser and of the feed-to-record path.

Bounded: each property has a fixed max_examples and no deadline flakiness, so
the file runs in well under 20 s on 2 cores.
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.parse import parse_feed
from ingest.sanitize import clean_text, safe_link
from tests.hostile.corpus import ALL_ATTACKS
from tests.hostile.invariants import assert_clean_parsed, assert_clean_text, assert_safe_link

NOW = datetime(2025, 6, 1, tzinfo=UTC)
FAST = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text weighted towards what hurts: controls, escapes, bidi, surrogates, markup.
NASTY = st.sampled_from(
    ["\x1b", "\x1b[", "\x1b]", "\x07", "\x9b", "\x9d", "\x9c", "\x00", "\r", "\n", "\t",
     "\u202e", "\u2066", "\u200b", "\ufeff", "\ud800", "\udfff", "[/]", "[@click=app.quit]",
     "52;c;", "0;", "8;;", "\\", "&#27;", "&#x9b;", "<", "&", "]]>", " ", "\u00a0", "\u2028",
     "e\u0301", "\U0001f600", ALL_ATTACKS]
)  # fmt: skip
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=8)), max_size=12).map("".join)
URLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "http://",
                "https://",
                "HTTPS://",
                "javascript:",
                "data:",
                "file://",
                "//",
                "/",
                "..",
                "example.com",
                "a.b",
                ":80",
                "?q=1",
                "#f",
                "@",
                "%0a",
                " ",
                "\t",
                "\x00",
                "\x1b]8;;",
                "[",
                "]",
            ]
        ),  # fmt: skip
        NASTY,
        st.text(max_size=5),
    ),
    max_size=8,
).map("".join)


@FAST
@given(TEXT, st.booleans())
def test_clean_text_output_is_inert_and_idempotent(text: str, single_line: bool) -> None:
    cleaned = clean_text(text, single_line=single_line)
    assert_clean_text(cleaned, single_line=single_line)
    assert clean_text(cleaned, single_line=single_line) == cleaned
    assert "\r" not in cleaned


@FAST
@given(URLISH)
def test_safe_link_gives_only_absolute_http_links_and_is_idempotent(url: str) -> None:
    link = safe_link(url)
    assert_safe_link(link)
    if link is not None:
        assert safe_link(link) == link


@FAST
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_safe_link_never_raises_on_any_text(url: str) -> None:
    assert_safe_link(safe_link(url))


def _rss(title: str, description: str, link: str, guid: str, date: str, author: str) -> bytes:
    def field(tag: str, value: str, cdata: bool) -> str:
        if cdata and "]]>" not in value:
            return f"<{tag}><![CDATA[{value}]]></{tag}>"
        return f"<{tag}>{escape(value)}</{tag}>"

    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>'
        f"<link>https://feeds.example.com/</link><item>{field('title', title, False)}"
        f"{field('description', description, True)}{field('link', link, False)}"
        f"{field('guid', guid, False)}{field('pubDate', date, False)}"
        f"{field('author', author, False)}</item></channel></rss>"
    ).encode("utf-8", errors="surrogatepass")


def _atom(title: str, content: str, link: str, guid: str, date: str, author: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>F</title><id>urn:f</id><entry><title type="html">{escape(title)}</title>'
        f"<id>{escape(guid)}</id><link href={quoteattr(link)}/><updated>{escape(date)}</updated>"
        f"<author><name>{escape(author)}</name></author>"
        f'<content type="html">{escape(content)}</content></entry></feed>'
    ).encode("utf-8", errors="surrogatepass")


def quoteattr(value: str) -> str:
    from xml.sax.saxutils import quoteattr as quote

    return quote(value)


DATES = st.one_of(
    TEXT,
    st.sampled_from(
        [
            "Mon, 01 Jan 2024 00:00:00 GMT",
            "2100-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "0000-00-00",
            "Sat, 31 Dec 2016 23:59:60 GMT",
            "2024-02-30T25:61:61+99:99",
            "99999-01-01",
            "-1",
            "1e400",
        ]
    ),  # fmt: skip
)


@SLOW
@given(
    st.sampled_from([_rss, _atom]),
    TEXT,
    TEXT,
    st.one_of(URLISH, TEXT),
    TEXT,
    DATES,
    TEXT,
    st.sampled_from(
        ["https://feeds.example.com/x/feed.xml", "http://127.0.0.1:1/f", "https://[::1]/"]
    ),
)
def test_any_item_text_becomes_clean_records_or_a_human_error(
    build,
    title,
    body,
    link,
    guid,
    date,
    author,
    url,  # type: ignore[no-untyped-def]
) -> None:
    data = build(title, body, link, guid, date, author)
    parsed = parse_feed("fuzz", data, headers={}, url=url, now=NOW)
    assert_clean_parsed(parsed)
    assert parsed.error is None or not parsed.error.startswith("could not parse"), parsed.error
    for article in parsed.items:
        assert article.published is None or article.published <= NOW.replace(minute=10)
        assert len(article.title) <= 1000


@SLOW
@given(st.binary(max_size=600), st.sampled_from(["", "text/xml; charset=utf-16", "text/html"]))
def test_any_bytes_never_raise_and_come_out_clean(data: bytes, content_type: str) -> None:
    headers = {"content-type": content_type} if content_type else {}
    document = b"<rss version='2.0'><channel><item><title>" + data
    parsed = parse_feed("fuzz", document, headers=headers, url="https://a.example/", now=NOW)
    assert_clean_parsed(parsed)
