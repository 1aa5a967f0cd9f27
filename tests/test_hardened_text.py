"""Feed text and links that try to lie about themselves."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.parse import ParsedFeed, parse_feed
from ingest.sanitize import _safe_link_general, safe_link
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
