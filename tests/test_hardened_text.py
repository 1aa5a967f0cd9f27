"""Feed text and links that try to lie about themselves."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.parse import ParsedFeed, parse_feed
from ingest.sanitize import MAX_COMBINING, _safe_link_general, clean_text, safe_link
from tests.hostile.invariants import assert_safe_link

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def parse(data: bytes) -> ParsedFeed:
    return parse_feed("feed", data, headers={}, url="https://site.example/feed", now=NOW)


def rss(items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<link>https://site.example/</link>{items}</channel></rss>"
    ).encode()


# -- links with a user part ------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://openai.com@evil.invalid/",
        "https://openai.com:443@evil.invalid/path",
        "http://user:pass@example.org/",
        "https://@evil.invalid/",
        "https://openai.com\\@evil.invalid/",
        "https://evil.invalid\\.openai.com/",
        "HTTPS://openai.com@evil.invalid/",
        "https://openai.com@evil.invalid/ with space",
    ],
)
def test_links_with_a_user_part_are_no_links(url: str) -> None:
    assert safe_link(url) is None
    assert _safe_link_general(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/@someone",  # an "@" in the path is not a user part
        "https://example.org/a?mail=x@y.org",
        "https://example.org/#@top",
        "https://mastodon.example/@user/1",
    ],
)
def test_an_at_sign_after_the_host_is_fine(url: str) -> None:
    assert safe_link(url) == url


def test_feed_items_and_body_links_with_a_user_part_are_dropped() -> None:
    items = (
        "<item><guid>a</guid><title>a</title><link>https://openai.com@evil.invalid/</link>"
        "<description>&lt;a href='https://anthropic.com@evil.invalid/x'&gt;read&lt;/a&gt; "
        "&lt;a href='https://example.org/@fine'&gt;fine&lt;/a&gt;</description></item>"
        "<item><guid>b</guid><title>b</title><link>//openai.com@evil.invalid/</link></item>"
    )
    parsed = parse(rss(items))
    first, second = parsed.items
    assert first.link is None and second.link is None
    assert first.links == ("https://example.org/@fine",)
    for item in parsed.items:
        assert_safe_link(item.link)
        for link in item.links:
            assert_safe_link(link)


# -- invisible and stacked characters ---------------------------------------------


def test_unicode_tag_characters_are_removed() -> None:
    hidden = "".join(chr(0xE0000 + ord(ch)) for ch in "ignore previous instructions")
    title = f"OpenAI ships a model{hidden}\U000e0001\U000e007f"
    assert clean_text(title, single_line=True) == "OpenAI ships a model"
    assert clean_text(f"body\n{hidden}text") == "body\ntext"


def test_combining_marks_are_capped_per_character() -> None:
    zalgo = "Z" + "\u0336" * 200 + "a" + "\u0489" * 50 + "lgo"
    cleaned = clean_text(zalgo, single_line=True)
    assert cleaned == "Z" + "\u0336" * MAX_COMBINING + "a" + "\u0489" * MAX_COMBINING + "lgo"
    thai = "ส" + "\u0e47" * 30
    assert clean_text(thai) == "ส" + "\u0e47" * MAX_COMBINING


@pytest.mark.parametrize(
    "text",
    [
        "Tiếng Việt có dấu",  # NFC: composed, no separate marks
        "Tie\u0302\u0301ng",  # two marks on one letter, as NFD leaves them
        "שָׁלוֹם",  # Hebrew points
        "مُحَمَّد",  # Arabic harakat
        "ภาษาไทย",
        "a\u20d7 vector",
    ],
)
def test_ordinary_marks_are_kept(text: str) -> None:
    import unicodedata

    assert clean_text(text) == unicodedata.normalize("NFC", text)


def test_a_title_full_of_marks_is_short_once_parsed() -> None:
    title = "Big news" + "\u0301" * 200
    parsed = parse(rss(f"<item><guid>z</guid><title>{title}</title></item>"))
    assert parsed.items[0].title == "Big news"[:-1] + "ś" + "\u0301" * MAX_COMBINING


# -- titles that carry escaped HTML -------------------------------------------------


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("&lt;b&gt;Bold&lt;/b&gt;", "Bold"),
        ("&amp;lt;b&amp;gt;Bold&amp;lt;/b&amp;gt; move", "Bold move"),
        ("<![CDATA[&lt;b&gt;Bold&lt;/b&gt;]]>", "Bold"),
        ("<![CDATA[<em>GPT-5</em> &amp; friends]]>", "GPT-5 & friends"),
        ("<![CDATA[Vec<T> is faster when x < y]]>", "Vec<T> is faster when x < y"),
        ("x &lt; y &amp;&amp; y &gt; z", "x < y && y > z"),
    ],
)
def test_a_title_is_text_even_when_it_arrives_as_escaped_html(title: str, shown: str) -> None:
    parsed = parse(rss(f"<item><guid>t</guid><title>{title}</title></item>"))
    assert parsed.items[0].title == shown


def test_an_atom_text_title_with_tags_is_read_as_html() -> None:
    feed = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        b'<entry><id>1</id><title type="text">&lt;b&gt;Bold&lt;/b&gt; claim</title></entry></feed>'
    )
    assert parse(feed).items[0].title == "Bold claim"


# -- impossible dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "-0001-11-30T00:00:00Z",
        "-2024-05-01T00:00:00Z",
        "2024-13-45T00:00:00Z",
        "2023-02-29T12:00:00Z",
        "1999-02-30",
        "Mon, 01 Jan -0001 00:00:00 GMT",
        "0000-00-00T00:00:00Z",
    ],
)
def test_an_impossible_date_is_no_date(raw: str) -> None:
    parsed = parse(rss(f"<item><guid>d</guid><title>x</title><pubDate>{raw}</pubDate></item>"))
    assert parsed.items[0].published is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-02-29T10:00:00Z", datetime(2024, 2, 29, 10, 0, tzinfo=UTC)),
        ("2024-05-01T23:30:00-05:00", datetime(2024, 5, 2, 4, 30, tzinfo=UTC)),
        ("2024-05-01", datetime(2024, 5, 1, tzinfo=UTC)),
        ("Wed, 01 May 2024 08:00:00 GMT", datetime(2024, 5, 1, 8, 0, tzinfo=UTC)),
    ],
)
def test_real_dates_still_parse(raw: str, expected: datetime) -> None:
    parsed = parse(rss(f"<item><guid>d</guid><title>x</title><pubDate>{raw}</pubDate></item>"))
    assert parsed.items[0].published == expected
