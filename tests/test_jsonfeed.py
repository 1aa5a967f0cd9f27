"""JSON Feed 1.0 and 1.1 into records: fields, dates, authors, and hostile input.

The JSON kind must give the same records RSS gives (clean text, http(s)
links only, the same caps), and for anything that is not a usable JSON Feed
one clear error or a skipped item, never an exception.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.kinds.jsonfeed import MAX_VALUES, JSONFeedKind
from ingest.parse import (
    DERIVED_TITLE_MARK,
    FALLBACK_TITLE_CHARS,
    MAX_BODY_CHARS,
    MAX_ITEMS,
    MAX_TITLE_CHARS,
    ParsedFeed,
)
from tests.hostile.invariants import all_text, assert_clean_parsed

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
FEED_URL = "https://feeds.example.org/lab/feed.json"
V1 = "https://jsonfeed.org/version/1"
V11 = "https://jsonfeed.org/version/1.1"


def parse(document: Any, *, headers: dict[str, str] | None = None) -> ParsedFeed:
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    return JSONFeedKind().parse("lab", data, headers=headers or {}, url=FEED_URL, now=NOW)


def feed(*items: Any, version: str = V11, **fields: Any) -> dict[str, Any]:
    return {"version": version, "title": "Lab", **fields, "items": list(items)}


def one(item: dict[str, Any], **fields: Any) -> Any:
    parsed = parse(feed(item, **fields))
    assert parsed.error is None, parsed.error
    [article] = parsed.items
    return article


# --- The spec's fields --------------------------------------------------------


def test_a_json_feed_1_1_becomes_the_same_records_as_rss() -> None:
    parsed = parse(
        feed(
            {
                "id": "https://lab.example.org/posts/1",
                "url": "https://lab.example.org/posts/1",
                "title": "Lab ships a model",
                "content_html": '<p>It <a href="/docs">works</a>.</p><p>Second.</p>',
                "summary": "not the body when there is content",
                "date_published": "2025-05-30T09:15:00-07:00",
                "date_modified": "2025-05-31T10:00:00Z",
                "authors": [{"name": "Ada", "url": "https://ada.example"}, {"name": "Bob"}],
                "language": "fr-CA",
                "tags": ["models", "release"],
                "attachments": [
                    {"url": "https://cdn.example.org/ep1.mp3", "mime_type": "audio/mpeg"}
                ],
                "_lab_extension": {"nested": [{"deep": ["x"]}]},
            },
            home_page_url="https://lab.example.org/",
            language="en-GB",
            icon="https://lab.example.org/icon.png",
        )
    )
    assert parsed.error is None and parsed.warnings == []
    assert (parsed.feed_title, parsed.feed_link, parsed.language) == (
        "Lab",
        "https://lab.example.org/",
        "en",
    )
    [article] = parsed.items
    assert article.guid == "https://lab.example.org/posts/1"
    assert article.link == "https://lab.example.org/posts/1"
    assert article.title == "Lab ships a model"
    assert article.body == "It works[1].\n\nSecond."
    assert article.links == ("https://lab.example.org/docs",)
    assert article.published == datetime(2025, 5, 30, 16, 15, tzinfo=UTC)
    assert article.date_precision == "second"
    assert article.author == "Ada, Bob"
    assert article.language == "fr"
    # Attachments are not read: no enclosure turns up as a link or in the text.
    assert "ep1.mp3" not in all_text(parsed)


def test_a_json_feed_1_0_with_its_single_author() -> None:
    parsed = parse(
        feed(
            {"id": "1", "url": "https://a.example/1", "content_text": "Plain", "title": "One"},
            {
                "id": "2",
                "url": "https://a.example/2",
                "title": "Two",
                "content_text": "Plain",
                "author": {"name": "Item Author"},
            },
            version=V1,
            author={"name": "Feed Author", "url": "https://a.example/me"},
        )
    )
    assert parsed.error is None and parsed.warnings == []
    assert [a.author for a in parsed.items] == ["Feed Author", "Item Author"]


def test_feed_authors_of_1_1_stand_in_for_items_without_their_own() -> None:
    parsed = parse(
        feed(
            {"id": "1", "title": "A", "authors": [{"name": "Own"}]},
            {"id": "2", "title": "B"},
            authors=[{"name": "Desk"}, {"name": "Desk"}, {"url": "https://no-name.example"}],
        )
    )
    assert [a.author for a in parsed.items] == ["Own", "Desk"]


def test_links_resolve_against_the_item_page_then_the_site_then_the_feed() -> None:
    item = {"id": "1", "title": "t", "url": "/posts/1", "content_html": '<a href="img">i</a>'}
    article = one(item, home_page_url="https://lab.example.org/blog/")
    assert article.link == "https://lab.example.org/posts/1"
    assert article.links == ("https://lab.example.org/posts/img",)
    # No site link: the feed's own URL is the base.
    assert one({"id": "1", "title": "t", "url": "2"}).link == "https://feeds.example.org/lab/2"


def test_external_url_is_the_link_only_when_there_is_no_url() -> None:
    both = {"id": "1", "title": "t", "url": "https://me.example/1", "external_url": "https://x/"}
    assert one(both).link == "https://me.example/1"
    assert one({"id": "1", "title": "t", "external_url": "https://x.example/a"}).link == (
        "https://x.example/a"
    )


def test_the_body_is_html_else_text_else_the_summary() -> None:
    assert one({"id": "1", "content_text": "Line one\n\n\n\nLine two"}).body == (
        "Line one\n\nLine two"
    )
    assert one({"id": "1", "summary": "Just a summary"}).body == "Just a summary"
    # content_text is plain: markup in it is text, not tags.
    assert one({"id": "1", "content_text": "a <b>bold</b> claim"}).body == "a <b>bold</b> claim"
    # HTML that holds no text gives way to the text version.
    assert one({"id": "1", "content_html": "<img src=x>", "content_text": "Alt"}).body == "Alt"


def test_a_titleless_item_is_titled_by_its_first_words_like_rss() -> None:
    words = "word " * 100
    article = one({"id": "1", "content_text": f"{words}\nsecond line"})
    title = article.title.removeprefix(DERIVED_TITLE_MARK)
    assert article.title.startswith(DERIVED_TITLE_MARK)  # marked as made from the body
    assert len(title) <= FALLBACK_TITLE_CHARS and title.endswith("word…")  # cut at a word
    assert one({"id": "2", "content_text": "Short note\nmore"}).title == "… Short note"


def test_an_id_given_as_a_number_is_read_as_a_string() -> None:
    assert one({"id": 12345, "title": "t"}).guid == "12345"
    assert one({"id": True, "title": "t", "url": "https://a.example/"}).guid is None
    assert one({"id": {"x": 1}, "title": "t", "url": "https://a.example/"}).guid is None


def test_the_content_language_header_is_the_last_fallback() -> None:
    parsed = parse(feed({"id": "1", "title": "t"}), headers={"Content-Language": "de-DE"})
    assert parsed.language == "de" and parsed.items[0].language == "de"


# --- Dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "precision"),
    [
        ("2025-05-01T10:00:00Z", datetime(2025, 5, 1, 10, tzinfo=UTC), "second"),
        ("2025-05-01t10:00:00z", datetime(2025, 5, 1, 10, tzinfo=UTC), "second"),
        ("2025-05-01T10:00:00.123456+02:00", datetime(2025, 5, 1, 8, tzinfo=UTC), "second"),
        ("2025-05-01T10:00:00", datetime(2025, 5, 1, 10, tzinfo=UTC), "second"),
        ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC), "second"),
        ("2025-05-01", datetime(2025, 5, 1, tzinfo=UTC), "day"),
        ("2025-06-01T12:05:00Z", datetime(2025, 6, 1, 12, 5, tzinfo=UTC), "second"),
        # Implausible: in the future beyond clock skew, or placeholder epochs.
        ("2025-06-02T00:00:00Z", None, "second"),
        ("1970-01-01T00:00:00Z", None, "second"),
        ("0001-01-01T00:00:00+01:00", None, "second"),
        # Not dates at all.
        ("yesterday", None, "second"),
        ("Mon, 05 May 2025 10:00:00 GMT", None, "second"),
        ("2025-05-01T10:00:00Z" + " " * 100, None, "second"),
        (20250501, None, "second"),
        (["2025-05-01T10:00:00Z"], None, "second"),
    ],
)
def test_dates_are_rfc_3339_in_utc_and_only_when_believable(
    value: Any, expected: datetime | None, precision: str
) -> None:
    article = one({"id": "1", "title": "t", "date_published": value})
    assert (article.published, article.date_precision) == (expected, precision)


def test_the_modified_date_stands_in_for_a_missing_or_broken_published_one() -> None:
    moment = "2025-05-01T10:00:00Z"
    assert one({"id": "1", "title": "t", "date_modified": moment}).published is not None
    broken = {"id": "1", "title": "t", "date_published": "soon", "date_modified": moment}
    assert one(broken).published == datetime(2025, 5, 1, 10, tzinfo=UTC)


# --- Hostile strings -------------------------------------------------------------

ESC_TITLE = "\x1b]0;owned\x07Lab \x1b[31mred\x1b[0m news"
OSC52 = "\x1b]52;c;ZWNobyBvd25lZA==\x07"
BIDI = "Invoice \u202egnp.exe"


def test_escape_sequences_bidi_overrides_and_bad_links_are_made_inert() -> None:
    parsed = parse(
        feed(
            {
                "id": "1\x1b[2J",
                "url": "javascript:alert(1)",
                "external_url": "data:text/html,<script>alert(1)</script>",
                "title": ESC_TITLE,
                "content_html": (
                    f"<p>{OSC52}copy <a href='javascript:alert(1)'>me</a>"
                    "<a href='data:text/html,x'>data</a><a href='file:///etc/passwd'>f</a>"
                    "<a href='https://ok.example/'>ok</a></p>"
                ),
                "authors": [{"name": f"{BIDI}\x9b31m"}],
            },
            {"id": "2", "url": "  https://fine.example/a  ", "content_text": f"{OSC52}{BIDI}"},
            title=f"\x1b[1m{BIDI}",
            home_page_url="javascript:void(0)",
        )
    )
    assert_clean_parsed(parsed)
    first, second = parsed.items
    assert first.title == "Lab red news"
    assert first.guid == "1"
    assert first.link is None, "neither javascript: nor data: is ever a link"
    assert first.links == ("https://ok.example/",)
    assert "ZWNobyBvd25lZA" not in first.body, "an OSC 52 payload is removed whole"
    assert first.author == "Invoice gnp.exe", "8-bit CSI removed whole"
    assert parsed.feed_link is None and parsed.feed_title == "Invoice gnp.exe"
    assert second.link == "https://fine.example/a"


def test_rich_markup_in_feed_text_is_kept_as_text() -> None:
    markup = "[@click=app.quit]Quit[/] [bold red]alarm[/bold red]"
    article = one({"id": "1", "title": markup, "content_text": markup})
    assert article.title == markup and article.body == markup


# --- What is not a usable JSON Feed ---------------------------------------------


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b'{"items": [{"title": "x"}]}', "not a feed: JSON"),
        (b"[1, 2, 3]", "not a feed: JSON"),
        (b'"https://jsonfeed.org/version/1.1"', "not a feed: JSON"),
        (b'{"version": 1.1, "items": []}', "not a feed: JSON"),
        (b'{"version": "https://example.org/version/1", "items": []}', "not a feed: JSON"),
        (b'{"version": "https://jsonfeed.org/version/2", "items": []}',
         "unsupported JSON Feed version 2"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}',
         "not a valid JSON Feed: its items are not a list"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {"0": {}}}',
         "not a valid JSON Feed: its items are not a list"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [',
         "not a feed: invalid JSON (unexpected end of data)"),
        (b"{'version': 1}",
         "not a feed: invalid JSON (unexpected character, expected a string key)"),
        (b"  \n ", "empty response"),
    ],
)  # fmt: skip
def test_what_is_not_a_json_feed_gets_one_clear_error(data: bytes, error: str) -> None:
    parsed = parse(data)
    assert parsed.error == error and parsed.items == []


def test_a_newer_minor_version_is_read_with_a_warning() -> None:
    parsed = parse(feed({"id": "1", "title": "t"}, version="https://jsonfeed.org/version/1.2/"))
    assert parsed.error is None and len(parsed.items) == 1
    assert parsed.warnings == ["JSON Feed version 1.2 read as 1.1"]


def test_wrong_types_everywhere_skip_the_field_or_the_item_never_raise() -> None:
    parsed = parse(
        {
            "version": V11,
            "title": 42,
            "home_page_url": ["https://a.example/"],
            "language": {"code": "en"},
            "authors": "Ada",
            "author": ["x"],
            "items": [
                7,
                "a string",
                None,
                ["list"],
                {
                    "id": "1",
                    "title": 3.5,
                    "url": {"href": "https://a.example/"},
                    "content_html": ["<p>x</p>"],
                    "content_text": "kept",
                    "date_published": None,
                    "authors": [None, 1, "Ada", {"name": ["Ada"]}, {"name": "Real"}],
                    "language": 12,
                    "tags": "not-a-list",
                    "attachments": "not-a-list",
                },
                {},
            ],
        }
    )
    assert parsed.error is None
    assert parsed.warnings == ["4 items skipped: not objects"]
    assert parsed.feed_title is None and parsed.feed_link is None and parsed.language is None
    [article] = parsed.items  # {} has nothing to show nor to recognise: dropped
    assert (article.title, article.body, article.link, article.author) == (
        "… kept",  # a title made from the body is marked so
        "kept",
        None,
        "Real",
    )


def test_deep_nesting_is_refused_quickly_and_shallow_junk_is_ignored() -> None:
    deep = b'{"version": "' + V11.encode() + b'", "items": [' + b"[" * 200_000 + b"]" * 200_000
    started = time.perf_counter()
    assert parse(deep + b"]}").error == "not a feed: JSON nested too deeply"
    assert time.perf_counter() - started < 2
    # 1,000 levels inside an item: within orjson's limit, and never walked.
    nested = b'{"x": [' * 500 + b'"leaf"' + b"]}" * 500
    item = b'{"id": "1", "title": "t", "_ext": ' + nested + b', "tags": [' + nested + b"]}"
    parsed = parse(b'{"version": "' + V11.encode() + b'", "items": [' + item + b"]}")
    assert parsed.error is None and [a.title for a in parsed.items] == ["t"]


@pytest.mark.parametrize("value", [b"{}", b"[]", b"1.5", b'""'])
def test_a_document_of_millions_of_tiny_values_is_refused_before_loading(value: bytes) -> None:
    # Loaded, each would cost tens of bytes: 15 MB of them, hundreds of MB.
    flood = b",".join([value] * (MAX_VALUES + 2))
    data = b'{"version": "' + V11.encode() + b'", "items": [], "_x": [' + flood + b"]}"
    assert parse(data).error == "not a feed: JSON with over 1,000,000 values"


def test_a_big_real_feed_is_well_within_the_bound_on_values() -> None:
    prose = "<p>Models, agents, chips, and money: who, what, when, where.</p>" * 40
    items = (
        {"id": str(n), "title": "t", "content_html": prose, "tags": ["a", "b", "c"]}
        for n in range(MAX_ITEMS)
    )
    data = json.dumps(feed(*items, authors=[{"name": "Desk"}])).encode()
    assert len(data) > 10 * 2**20
    parsed = parse(data)
    assert parsed.error is None and len(parsed.items) == MAX_ITEMS


def test_the_caps_of_rss_apply() -> None:
    many = parse(feed(*({"id": str(n), "title": f"t{n}"} for n in range(MAX_ITEMS + 3))))
    assert len(many.items) == MAX_ITEMS
    assert many.warnings == [f"3 items beyond the first {MAX_ITEMS} ignored"]
    huge = one({"id": "1", "title": "T" * 10**6, "content_text": "B" * (MAX_BODY_CHARS * 3)})
    assert len(huge.title) == MAX_TITLE_CHARS and len(huge.body) == MAX_BODY_CHARS
    crowd = one({"id": "1", "title": "t", "authors": [{"name": f"N{n}"} for n in range(10**5)]})
    assert crowd.author is not None and len(crowd.author) <= 200


# --- Encodings --------------------------------------------------------------------


def test_a_bom_utf_16_a_bad_byte_and_a_lone_surrogate_do_not_lose_the_feed() -> None:
    text = json.dumps(feed({"id": "1", "title": "Café"}), ensure_ascii=False)
    assert parse(b"\xef\xbb\xbf" + text.encode()).items[0].title == "Café"
    assert parse(text.encode("utf-16")).items[0].title == "Café"
    bad_byte = text.replace("Café", "Caf\udce9").encode("utf-8", "surrogateescape")
    assert parse(bad_byte).items[0].title == "Caf\ufffd"
    lone = json.dumps(feed({"id": "1", "title": "a\ud800b"})).encode()
    assert b"\\ud800" in lone
    assert parse(lone).items[0].title == "a\ufffdb"
    pair = json.dumps(feed({"id": "1", "title": "\U0001f600"})).encode()  # \ud83d\ude00
    assert parse(pair).items[0].title == "\U0001f600"


# --- Anything at all ----------------------------------------------------------------

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
_field_names = st.sampled_from(
    [
        "id", "url", "external_url", "title", "content_html", "content_text", "summary",
        "date_published", "date_modified", "author", "authors", "language", "tags",
        "attachments", "_ext",
    ]
)  # fmt: skip
_items = st.lists(st.dictionaries(_field_names, _json, max_size=8) | _json, max_size=5)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(items=_items, top=st.dictionaries(_field_names, _json, max_size=5))
def test_any_values_in_any_field_give_clean_records_or_a_clear_error(
    items: list[Any], top: dict[str, Any]
) -> None:
    parsed = parse({**top, "version": V11, "items": items})
    assert parsed.error is None
    assert_clean_parsed(parsed)


_VALID = json.dumps(
    feed(
        {"id": "1", "url": "https://a.example/1", "title": "Tit\u00e9", "content_html": "<b>x</b>"},
        {"id": 2, "content_text": "note", "date_published": "2025-05-01T10:00:00Z"},
        authors=[{"name": "Ada"}],
    ),
    ensure_ascii=False,
).encode()


@settings(max_examples=150, deadline=None)
@given(cut=st.integers(0, len(_VALID)), noise=st.binary(max_size=40), at=st.integers(0, 400))
def test_truncated_or_corrupted_bytes_give_records_or_one_clear_error(
    cut: int, noise: bytes, at: int
) -> None:
    data = _VALID[:cut]
    data = data[:at] + noise + data[at:]
    parsed = parse(data)
    assert_clean_parsed(parsed)
    if parsed.error is not None:
        assert parsed.items == []
        clear = ("not a feed", "not a valid JSON Feed", "unsupported JSON Feed", "empty response")
        assert parsed.error.startswith(clear), parsed.error
