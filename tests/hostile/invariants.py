"""What must hold for anything that came from a feed, whatever the feed was."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from ingest.parse import ParsedFeed
from tests.hostile.corpus import FORBIDDEN_CHARS, PASSWD_SIGNATURE


def bad_chars(text: str) -> list[str]:
    return sorted({c for c in text if c in FORBIDDEN_CHARS or "\ud800" <= c <= "\udfff"})


def assert_clean_text(text: str | None, *, what: str = "text", single_line: bool = False) -> None:
    if text is None:
        return
    assert isinstance(text, str), (what, type(text))
    found = bad_chars(text)
    assert not found, f"{what} carries forbidden characters {found!r}: {text[:200]!r}"
    assert "\x1b" not in text
    if single_line:
        assert "\n" not in text and "\t" not in text, f"{what} spans lines: {text[:200]!r}"
    assert PASSWD_SIGNATURE not in text, f"/etc/passwd leaked into {what}"


def assert_safe_link(link: str | None, *, what: str = "link") -> None:
    if link is None:
        return
    assert_clean_text(link, what=what, single_line=True)
    parts = urlsplit(link)
    assert parts.scheme in ("http", "https"), f"{what} is not http(s): {link[:200]!r}"
    assert parts.netloc, f"{what} has no host: {link[:200]!r}"
    assert "@" not in parts.netloc, f"{what} has a user part: {link[:200]!r}"
    assert " " not in link


def strings_of(parsed: ParsedFeed) -> Iterator[tuple[str, str]]:
    """(what, value) for every string a parse produced."""
    for name in ("feed_title", "feed_link", "language", "error"):
        value = getattr(parsed, name)
        if value is not None:
            yield name, value
    for warning in parsed.warnings:
        yield "warning", warning
    for index, article in enumerate(parsed.items):
        for name in ("guid", "title", "link", "body", "language", "author", "date_precision"):
            value = getattr(article, name)
            if value is not None:
                yield f"items[{index}].{name}", value
        for link in article.links:
            yield f"items[{index}].links", link


def assert_clean_parsed(parsed: ParsedFeed) -> None:
    assert isinstance(parsed, ParsedFeed)
    for what, value in strings_of(parsed):
        single = what.endswith((".title", ".guid", ".author", ".link", ".links", "feed_title"))
        assert_clean_text(value, what=what, single_line=single)
    assert_safe_link(parsed.feed_link, what="feed_link")
    for index, article in enumerate(parsed.items):
        assert_safe_link(article.link, what=f"items[{index}].link")
        for link in article.links:
            assert_safe_link(link, what=f"items[{index}].links")
        assert article.published is None or article.published.tzinfo is not None
        # Identity is what dedup rests on: always computable, never raises.
        assert article.id and article.identity


def all_text(parsed: ParsedFeed) -> str:
    return "\n".join(value for _, value in strings_of(parsed))


def contains_all(haystack: str, needles: Iterable[str]) -> list[str]:
    """The needles missing from haystack."""
    return [needle for needle in needles if needle not in haystack]
