"""parse_feed and ParserPool: fetched bytes become records, whatever the bytes are."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import re
import time
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.parse import (
    MAX_ITEMS,
    MAX_TITLE_CHARS,
    ParsedFeed,
    ParserPool,
    normalise_language,
    parse_feed,
    strip_internal_doctype,
)

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
URL = "https://news.example/feeds/ai.xml"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def parse(data: bytes | str, *, headers: dict[str, str] | None = None) -> ParsedFeed:
    if isinstance(data, str):
        data = data.encode()
    return parse_feed("feed", data, headers=headers or {}, url=URL, now=NOW)


def rss(items: str, *, channel: str = "", declaration: str = '<?xml version="1.0"?>') -> str:
    return (
        f'{declaration}<rss version="2.0"><channel><title>AI News</title>'
        f"<link>https://news.example/</link>{channel}{items}</channel></rss>"
    )


def strings_of(parsed: ParsedFeed) -> list[str]:
    """Every string a parse hands on, for the invariants below."""
    found = [parsed.feed_title, parsed.feed_link, parsed.language, parsed.error]
    found += parsed.warnings
    for item in parsed.items:
        found += [item.guid, item.title, item.link, item.body, item.language, item.author]
        found += item.links
    return [text for text in found if text is not None]


def assert_clean(parsed: ParsedFeed) -> None:
    for text in strings_of(parsed):
        assert not CONTROL.search(text), repr(text)
        assert not re.search("[\ud800-\udfff]", text), repr(text)
    for item in parsed.items:
        for single_line in (item.title, item.author or "", item.guid or ""):
            assert "\n" not in single_line
        for link in (item.link, *item.links):
            assert link is None or link.startswith(("http://", "https://"))


# --- Formats and field mapping ------------------------------------------------


RSS_ITEM = """
<item>
  <title>OpenAI ships &lt;b&gt;GPT-5&lt;/b&gt; &amp;amp; more</title>
  <link>/2024/05/gpt5</link>
  <guid isPermaLink="false">post-123</guid>
  <pubDate>Fri, 31 May 2024 09:30:00 +0200</pubDate>
  <author>jane@news.example (Jane Doe)</author>
  <description>&lt;p&gt;The model is &lt;a href="/models"&gt;available&lt;/a&gt;.&lt;/p&gt;
    &lt;p&gt;Second paragraph.&lt;/p&gt;</description>
</item>"""


def test_rss2_fields_are_mapped() -> None:
    parsed = parse(rss(RSS_ITEM, channel="<language>en-US</language>"))
    assert parsed.error is None and parsed.warnings == []
    assert (parsed.feed_title, parsed.feed_link, parsed.language) == (
        "AI News",
        "https://news.example/",
        "en",
    )
    [item] = parsed.items
    assert item.feed_id == "feed"
    assert item.title == "OpenAI ships GPT-5 & more"
    assert item.link == "https://news.example/2024/05/gpt5"
    assert item.guid == "post-123"
    assert item.published == datetime(2024, 5, 31, 7, 30, tzinfo=UTC)
    assert item.date_precision == "second"
    assert item.author == "jane@news.example (Jane Doe)"
    assert item.body == "The model is available[1].\n\nSecond paragraph."
    assert item.links == ("https://news.example/models",)
    assert item.language == "en"


def test_atom_fields_are_mapped_with_xml_base_and_xml_lang() -> None:
    atom = """<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="pt-BR" xml:base="https://blog.example/pt/">
      <title type="html">Blog &lt;i&gt;IA&lt;/i&gt;</title>
      <link href="https://blog.example/"/>
      <entry>
        <id>tag:blog.example,2024:1</id>
        <title>Novo modelo</title>
        <link rel="alternate" href="posts/1"/>
        <updated>2024-05-30T10:00:00Z</updated>
        <author><name>Ana</name></author>
        <content type="html">&lt;p&gt;Veja &lt;a href="img/x"&gt;aqui&lt;/a&gt;&lt;/p&gt;</content>
      </entry>
    </feed>"""
    parsed = parse(atom)
    assert parsed.error is None
    assert (parsed.feed_title, parsed.language) == ("Blog IA", "pt")
    [item] = parsed.items
    assert item.guid == "tag:blog.example,2024:1"
    assert item.title == "Novo modelo"
    assert item.link == "https://blog.example/pt/posts/1"
    assert item.published == datetime(2024, 5, 30, 10, 0, tzinfo=UTC)
    assert item.author == "Ana"
    assert item.body == "Veja aqui[1]"
    assert item.links == ("https://blog.example/pt/img/x",)
    assert item.language == "pt"


def test_rss1_rdf_fields_are_mapped() -> None:
    rdf = """<?xml version="1.0"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
             xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://berita.example/">
        <title>Berita AI</title><link>https://berita.example/</link>
        <dc:language>id</dc:language>
      </channel>
      <item rdf:about="https://berita.example/a/1">
        <title>Model baru</title><link>https://berita.example/a/1</link>
        <description>Teks biasa.</description><dc:date>2024-05-29</dc:date>
      </item>
    </rdf:RDF>"""
    parsed = parse(rdf)
    assert (parsed.error, parsed.feed_title, parsed.language) == (None, "Berita AI", "id")
    [item] = parsed.items
    assert (item.title, item.link, item.body) == (
        "Model baru",
        "https://berita.example/a/1",
        "Teks biasa.",
    )
    assert item.published == datetime(2024, 5, 29, tzinfo=UTC)
    assert item.date_precision == "day"


def test_guids_are_kept_as_written_so_identities_survive_a_moved_feed() -> None:
    item = "<item><title>t</title><guid>12345</guid><link>/a</link></item>"
    here = parse_feed("f", rss(item).encode(), headers={}, url=URL, now=NOW)
    moved = parse_feed("f", rss(item).encode(), headers={}, url="https://cdn.example/x", now=NOW)
    assert here.items[0].guid == moved.items[0].guid == "12345"
    assert here.items[0].identity == moved.items[0].identity


def test_relative_item_links_resolve_against_the_site_not_the_feed_url() -> None:
    # Feeds served from a proxy or CDN write their links relative to the site.
    item = "<item><title>t</title><link>posts/1</link>"
    item += "<description>&lt;a href='img/2'&gt;x&lt;/a&gt;</description></item>"
    [parsed] = parse(rss(item)).items
    assert parsed.link == "https://news.example/posts/1"
    assert parsed.links == ("https://news.example/img/2",)


def test_relative_links_without_a_site_link_resolve_against_the_feed_url() -> None:
    data = '<rss version="2.0"><channel><title>x</title><item><title>t</title>'
    data += "<link>posts/1</link></item></channel></rss>"
    assert parse(data).items[0].link == "https://news.example/feeds/posts/1"


def test_item_links_with_unsafe_schemes_are_dropped() -> None:
    items = "".join(
        f"<item><title>{scheme}</title><link>{link}</link></item>"
        for scheme, link in [
            ("js", "javascript:alert(1)"),
            ("data", "data:text/html;base64,PHNjcmlwdD4="),
            ("file", "file:///etc/passwd"),
        ]
    )
    body = "<item><title>body</title><description>&lt;a href='javascript:x'&gt;click&lt;/a&gt;"
    body += "</description></item>"
    parsed = parse(rss(items + body))
    assert [item.link for item in parsed.items] == [None, None, None, None]
    assert parsed.items[3].body == "click" and parsed.items[3].links == ()


def test_title_with_terminal_controls_is_cleaned_but_rich_markup_stays_literal() -> None:
    # ESC is not legal XML; the fallback parser still recovers the item.
    title = "[bold]x[/] \x1b]52;c;aGk=\x07\u202egnp.exe\u202c \u200bhi [@click=app.quit]q[/]"
    parsed = parse(rss(f"<item><title>{title}</title><guid>g</guid></item>"))
    [item] = parsed.items
    assert item.title == "[bold]x[/] gnp.exe hi [@click=app.quit]q[/]"
    assert_clean(parsed)


def test_c1_controls_never_reach_titles() -> None:
    # feedparser reads C1 characters as mis-decoded windows-1252 and maps them
    # to what they would have been there: printable, so inert.
    parsed = parse(rss("<item><title>a\u009b31mb\u0085c</title></item>"))
    assert parsed.items[0].title == "a\u203a31mb\u2026c"


def test_items_without_guid_or_link_still_get_distinct_identities() -> None:
    items = "<item><title>One</title></item><item><title>Two</title></item>"
    items += "<item><description>Titleless toot about GPUs.</description></item>"
    parsed = parse(rss(items))
    assert [item.guid for item in parsed.items] == [None, None, None]
    assert parsed.items[2].title == "… Titleless toot about GPUs."
    assert len({item.identity for item in parsed.items}) == 3


# --- Titles -------------------------------------------------------------------


@pytest.mark.parametrize(
    "nested",
    [
        "<image><title>Image title</title><url>https://news.example/i.png</url></image>",
        "<media:group><media:title>Video title</media:title></media:group>",
        '<source url="https://other.example/feed">Other outlet</source>',
    ],
)
@pytest.mark.parametrize("before", [True, False])
def test_a_title_nested_in_the_item_does_not_replace_the_item_s_title(
    nested: str, before: bool
) -> None:
    inner = (
        f"{nested}<title>Entry title</title>" if before else f"<title>Entry title</title>{nested}"
    )
    document = rss(f"<item>{inner}<guid>g</guid></item>").replace(
        "<rss ", '<rss xmlns:media="http://search.yahoo.com/mrss/" '
    )
    data = document.encode()
    expected = feedparser.parse(data).entries[0].title
    assert expected == "Entry title"
    assert parse(data).items[0].title == expected


def test_a_title_made_from_the_body_is_marked_and_has_no_link_markers() -> None:
    body = "&lt;p&gt;Example &lt;a href='https://a.example/'&gt;test&lt;/a&gt; here.&lt;/p&gt;"
    parsed = parse(rss(f"<item><title></title><description>{body}</description></item>"))
    item = parsed.items[0]
    assert item.body == "Example test[1] here."
    assert item.title == "… Example test here."


def test_a_long_title_made_from_the_body_is_cut_at_a_word() -> None:
    words = " ".join(f"word{n}" for n in range(60))
    parsed = parse(rss(f"<item><description>{words}</description></item>"))
    title = parsed.items[0].title
    assert title.startswith("… word0 word1 ") and title.endswith("…")
    assert len(title) <= 2 + 120
    assert title[2:-1] in words and title[:-1].split()[-1] in words.split()


def test_an_item_with_no_title_and_no_text_is_named_by_its_link() -> None:
    parsed = parse(rss("<item><link>https://news.example/p/42</link></item>"))
    assert parsed.items[0].title == "… news.example/p/42"


def test_a_formula_only_item_is_not_blank() -> None:
    body = "<![CDATA[<math><mi>a</mi><mo>+</mo><mi>b</mi></math>]]>"
    parsed = parse(rss(f"<item><guid>f</guid><description>{body}</description></item>"))
    assert (parsed.items[0].body, parsed.items[0].title) == ("a+b", "… a+b")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en-US", "en"),
        ("EN", "en"),
        ("pt_BR", "pt"),
        ("id", "id"),
        ("in", "id"),
        ("zh-Hans-CN", "zh"),
        ("eng", "en"),
        ("x-klingon", None),
        ("", None),
        (None, None),
        ("e1", None),
    ],
)
def test_language_codes_are_normalised_to_two_letters(
    code: str | None, expected: str | None
) -> None:
    assert normalise_language(code) == expected


# --- Dates -----------------------------------------------------------------------


def item_dated(date: str) -> str:
    return rss(f"<item><title>t</title><guid>g</guid><pubDate>{date}</pubDate></item>")


@pytest.mark.parametrize(
    "date",
    [
        "Mon, 01 Jan 2035 00:00:00 GMT",  # years ahead
        "Sat, 01 Jun 2024 12:15:00 GMT",  # 15 minutes ahead of NOW
        "Thu, 01 Jan 1970 00:00:00 GMT",  # the epoch placeholder
        "Fri, 31 Dec 1989 23:59:59 GMT",
        "not a date at all",
        "",
    ],
)
def test_unbelievable_or_missing_dates_become_none(date: str) -> None:
    [item] = parse(item_dated(date)).items
    assert item.published is None
    assert item.date_precision == "none"


def test_an_item_without_any_date_element_has_no_precision() -> None:
    [item] = parse(rss("<item><title>t</title><guid>g</guid></item>")).items
    assert (item.published, item.date_precision) == (None, "none")


def test_a_date_a_few_minutes_ahead_is_clock_skew_and_kept() -> None:
    [item] = parse(item_dated("Sat, 01 Jun 2024 12:05:00 GMT")).items
    assert item.published == NOW + timedelta(minutes=5)


def test_updated_is_used_when_published_is_missing() -> None:
    atom = """<feed xmlns="http://www.w3.org/2005/Atom"><title>f</title>
      <entry><id>1</id><title>t</title><updated>2024-05-01T00:00:00+02:00</updated></entry></feed>"""
    [item] = parse(atom).items
    assert item.published == datetime(2024, 4, 30, 22, 0, tzinfo=UTC)


# --- What is not a feed --------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "empty response"),
        (b" \r\n\t ", "empty response"),
        (b"\xef\xbb\xbf\n", "empty response"),
        (b"<!DOCTYPE html><html><head><title>Hi</title></head><body>x</body></html>", None),
        (b"  <html lang=en><body><p>Moved</p></body></html>", None),
        (
            b'<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'
            b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>x</p></body></html>',
            None,
        ),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "not a feed: JSON"),
        (b"[1, 2, 3]", "not a feed: JSON"),
        (bytes(range(256)) * 4, "not a feed"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "not a feed"),
        (b"just some words", "not a feed"),
    ],
)
def test_responses_that_are_not_feeds_are_named(data: bytes, error: str | None) -> None:
    parsed = parse(data)
    assert parsed.error == (error or "not a feed: an HTML page")
    assert parsed.items == []


def test_bytes_that_look_like_a_path_or_url_are_never_opened(tmp_path) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_text(rss("<item><title>leaked</title></item>"))
    for data in (str(secret).encode(), secret.as_uri().encode(), b"http://127.0.0.1:9/feed"):
        parsed = parse(data)
        assert parsed.error == "not a feed" and parsed.items == []


def test_a_feedparser_exception_becomes_an_error_result(monkeypatch) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RecursionError("too deep")

    monkeypatch.setattr(feedparser, "parse", explode)  # imported by the parse, from here
    assert parse(rss("")).error == "could not parse: RecursionError"


# --- Malformed and hostile feeds --------------------------------------------------


def test_a_malformed_feed_that_still_yields_items_is_a_warning_not_an_error() -> None:
    broken = rss("<item><title>One</title></item><item><title>Two & three</title><b></item>")
    parsed = parse(broken)
    assert parsed.error is None
    assert [item.title for item in parsed.items] == ["One", "Two & three"]
    [warning] = parsed.warnings
    assert warning.startswith("malformed XML") and warning.endswith("2 items recovered")


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">\n'
        for i in range(1, 10)
    )
    + ' <!ENTITY ext SYSTEM "file:///etc/passwd">\n'
    + ' <!ENTITY quoted "]> not the end">\n'
    + "]>\n"
    + rss("<item><title>boom &lol9; &ext;</title><guid>g</guid></item>", declaration="")
)


def test_billion_laughs_is_defused_quickly() -> None:
    start = time.perf_counter()
    parsed = parse(BILLION_LAUGHS)
    assert time.perf_counter() - start < 2
    [item] = parsed.items
    assert "lollol" not in item.title and "root:" not in item.title
    assert parsed.error is None


def test_quadratic_blowup_is_defused_quickly() -> None:
    big = "A" * 100_000
    refs = "&big;" * 2_000
    data = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "{big}">]>'
    data += rss(f"<item><title>t</title><description>{refs}</description></item>", declaration="")
    start = time.perf_counter()
    parsed = parse(data)
    assert time.perf_counter() - start < 2
    assert len(parsed.items[0].body) < 100_000


class TestStripInternalDoctype:
    def test_the_subset_goes_and_the_name_and_external_id_stay(self) -> None:
        data = (
            b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS '
            b'0.91//EN" "x.dtd" [<!ENTITY a "b">]><rss/>'
        )
        assert strip_internal_doctype(data) == (
            b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS '
            b'0.91//EN" "x.dtd"><rss/>'
        )

    def test_brackets_inside_quoted_values_and_comments_do_not_end_the_subset(self) -> None:
        data = b"<!DOCTYPE x [<!ENTITY a ']>'><!-- ]> --><?pi ]> ?>]><x/>"
        assert strip_internal_doctype(data) == b"<!DOCTYPE x><x/>"

    def test_a_document_without_a_subset_is_unchanged(self) -> None:
        plain = rss("<item><title>t</title></item>").encode()
        assert strip_internal_doctype(plain) == plain
        doctype_only = b'<!DOCTYPE rss SYSTEM "x.dtd"><rss/>'
        assert strip_internal_doctype(doctype_only) == doctype_only

    def test_a_doctype_hidden_after_junk_or_comments_is_found(self) -> None:
        data = b"junk </x> <!-- <a> --><!DOCTYPE x [<!ENTITY a 'b'>]><x/>"
        assert strip_internal_doctype(data) == b"junk </x> <!-- <a> --><!DOCTYPE x><x/>"

    def test_an_unterminated_subset_leaves_nothing_to_expand(self) -> None:
        assert (
            strip_internal_doctype(b"<?xml?><!DOCTYPE x [<!ENTITY a 'b'><x>&a;</x>") == b"<?xml?>"
        )

    @pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-16-le", "utf-32"])
    def test_utf16_and_utf32_input_is_handled(self, codec: str) -> None:
        text = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>é</x>'
        stripped = strip_internal_doctype(text.encode(codec))
        assert stripped.decode(codec) == '<?xml version="1.0"?><!DOCTYPE x><x>é</x>'


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_feeds_parse(codec: str) -> None:
    text = rss(
        "<item><title>Ünïcödé ✓ &#xD800;</title><guid>g</guid></item>",
        declaration=f'<?xml version="1.0" encoding="{codec}"?>',
    )
    parsed = parse(text.encode(codec))
    assert parsed.error is None
    assert parsed.items[0].title == "Ünïcödé ✓ \ufffd"


WIDE_CODECS = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00"}
BOMS["utf-32-be"] = b"\x00\x00\xfe\xff"


@pytest.mark.parametrize("codec", WIDE_CODECS)
@pytest.mark.parametrize("bom", [True, False])
@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "iso-8859-1"])
def test_wide_feeds_served_with_a_wrong_8_bit_charset_parse(codec, bom, charset) -> None:
    # All ASCII: decoded as UTF-8 such bytes "succeed" with a NUL after each
    # character, so feedparser, believing the header, finds no feed at all.
    family = codec[:6]
    text = rss(
        "<item><title>Plain ASCII title</title><guid>g</guid></item>",
        declaration=f'<?xml version="1.0" encoding="{family}"?>',
    )
    data = (BOMS[codec] if bom else b"") + text.encode(codec)
    headers = {"Content-Type": f"application/rss+xml; charset={charset}"}
    parsed = parse(data, headers=headers)
    assert parsed.error is None
    assert [item.title for item in parsed.items] == ["Plain ASCII title"]
    assert parsed.feed_title == feedparser.parse(data).feed.title == "AI News"
    assert f"the server said {charset}, the document is {codec}" in " ".join(parsed.warnings)


def test_a_right_charset_for_a_wide_feed_is_no_warning() -> None:
    text = rss("<item><title>Ünï ✓</title><guid>g</guid></item>")
    parsed = parse(text.encode("utf-16"), headers={"Content-Type": "text/xml; charset=utf-16"})
    assert [item.title for item in parsed.items] == ["Ünï ✓"]
    assert parsed.warnings == []


def test_an_undecodable_feed_says_so_rather_than_not_a_feed() -> None:
    # A UTF-16 byte-order mark, a "<", then lone surrogates that UTF-16 cannot hold.
    data = b"\xff\xfe" + "<".encode("utf-16-le") + b"\x00\xd8" * 40
    parsed = parse(data, headers={"Content-Type": "application/xml; charset=utf-8"})
    assert parsed.error is not None
    assert parsed.error.startswith("cannot decode the feed as utf-16-le")


def test_a_feed_with_some_undecodable_bytes_keeps_its_items_and_warns() -> None:
    text = rss("<item><title>Kept</title><guid>g</guid></item>")
    data = text.encode("utf-16")[:-1]  # an odd number of bytes: the last is half a character
    parsed = parse(data)
    assert [item.title for item in parsed.items] == ["Kept"]
    assert any(w.startswith("cannot decode the feed as utf-16-le") for w in parsed.warnings)


@pytest.mark.parametrize("codec", ["cp037", "cp500"])
def test_ebcdic_feeds_are_read_by_their_declaration(codec: str) -> None:
    text = rss(
        "<item><title>Café</title><guid>g</guid></item>",
        declaration=f'<?xml version="1.0" encoding="{codec}"?>',
    )
    parsed = parse(text.encode(codec), headers={"Content-Type": "text/xml; charset=utf-8"})
    assert [item.title for item in parsed.items] == ["Café"]


def test_an_ebcdic_feed_naming_no_known_encoding_says_which() -> None:
    text = rss(
        "<item><title>t</title></item>", declaration='<?xml version="1.0" encoding="x-nope"?>'
    )
    parsed = parse(text.encode("cp037"))
    assert parsed.error == "cannot decode the feed as 'x-nope': no such encoding"


def test_a_utf16_byte_order_mark_before_utf8_text_is_ignored() -> None:
    text = rss("<item><title>Café</title><guid>g</guid></item>")
    parsed = parse(b"\xff\xfe" + text.encode())
    assert [item.title for item in parsed.items] == ["Café"]


def test_utf16_billion_laughs_is_defused() -> None:
    data = BILLION_LAUGHS.replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>'
    )
    start = time.perf_counter()
    parsed = parse(data.encode("utf-16"))
    assert time.perf_counter() - start < 2
    assert "lollol" not in parsed.items[0].title


@pytest.mark.parametrize(
    "reference",
    ["&#xD800;", "&#55296;", "&#xDFFF;", "&#x110000;", "&#99999999999999999999;"],
)
def test_impossible_character_references_do_not_raise(reference: str) -> None:
    parsed = parse(rss(f"<item><title>a{reference}b</title><guid>g</guid></item>"))
    assert parsed.error is None
    assert parsed.items[0].title.startswith("a\ufffd")
    assert_clean(parsed)


@pytest.mark.parametrize("reference", ["&#0;", "&#1;", "&#x7f;", "&#x85;"])
def test_references_to_control_characters_leave_nothing_behind(reference: str) -> None:
    parsed = parse(rss(f"<item><title>a{reference}b</title><guid>g</guid></item>"))
    assert parsed.items[0].title in ("ab", "a\u2026b")  # feedparser reads &#x85; as cp1252 …
    assert_clean(parsed)


def test_terminal_sequences_spelt_as_references_are_removed_whole() -> None:
    title = "before &#x1b;]52;c;aGVsbG8=&#7; &#27;[2J&#x1b;]0;TITLE&#x1b;\\ after"
    parsed = parse(rss(f"<item><title>{title}</title><guid>g</guid></item>"))
    assert parsed.items[0].title == "before after"


def test_control_characters_in_headers_are_ignored_not_fatal() -> None:
    for charset in ("utf\x00-8", "utf-8\x1b[2J"):
        headers = {"Content-Type": f"text/xml; charset={charset}"}
        parsed = parse(rss("<item><title>t</title></item>"), headers=headers)
        assert parsed.error is None and len(parsed.items) == 1


def test_nul_bytes_are_removed_before_parsing() -> None:
    data = rss("<item><title>nul\x00led</title><guid>g\x00</guid></item>").encode()
    parsed = parse(b"\x00" + data)
    assert parsed.error is None and parsed.warnings == []
    assert (parsed.items[0].title, parsed.items[0].guid) == ("nulled", "g")


def test_sizes_are_capped() -> None:
    long_title = "T" * (MAX_TITLE_CHARS + 500)
    huge_body = "word " * 60_000
    items = f"<item><title>{long_title}</title><description>{huge_body}</description></item>"
    items += "".join(f"<item><guid>{n}</guid></item>" for n in range(MAX_ITEMS + 9))
    parsed = parse(rss(items))
    assert len(parsed.items) == MAX_ITEMS
    assert len(parsed.items[0].title) == MAX_TITLE_CHARS
    assert len(parsed.items[0].body) <= 200_000
    assert parsed.items[-1].guid == str(MAX_ITEMS - 2)  # first 5,000 in document order
    assert parsed.warnings == ["10 items beyond the first 5000 ignored"]


# --- Fuzzing: never raises, never lets a control character through --------------------

XMLISH = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(
            [
                '<?xml version="1.0"?>',
                '<?xml version="1.0" encoding="utf-16"?>',
                '<rss version="2.0">',
                "<channel>",
                "<item>",
                "</item>",
                "<title>",
                "</title>",
                "<link>",
                "</link>",
                "javascript:alert(1)",
                "<guid>",
                "</guid>",
                "<description>",
                "</description>",
                "&lt;a href='/x'&gt;",
                "&lt;script&gt;",
                "<pubDate>Mon, 01 Jan 2035 00:00:00 GMT</pubDate>",
                "<pubDate>Fri, 31 May 2024 09:30:60 +0000</pubDate>",
                "<!DOCTYPE rss [",
                '<!ENTITY e "&e;&e;">',
                "]>",
                "&e;",
                "&#xD800;",
                "&#1;",
                "&#x110000;",
                "<![CDATA[",
                "]]>",
                "\x1b[31m",
                "\x9b2J",
                "\u202e",
                "\x00",
                '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\x07">',
                "<entry>",
                "<content type='html'>",
                "</content>",
                "<html>",
                "{",
            ]
        ),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3_000))
def test_arbitrary_bytes_never_raise_and_come_out_clean(data: bytes) -> None:
    parsed = parse(data)
    assert isinstance(parsed, ParsedFeed)
    assert_clean(parsed)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(XMLISH, st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_xmlish_text_never_raises_and_comes_out_clean(text: str, codec: str) -> None:
    parsed = parse(text.encode(codec, errors="replace"))
    assert isinstance(parsed, ParsedFeed)
    assert parsed.error is None or not parsed.items
    assert_clean(parsed)


# --- ParserPool -------------------------------------------------------------------------


def scripted_target(
    feed_id: str, data: bytes, *, headers: dict[str, str], url: str, now: datetime
) -> ParsedFeed:
    """Stands in for parse_feed in the workers; the feed id says how to misbehave."""
    if feed_id == "hang":
        time.sleep(60)
    elif feed_id == "nap":
        time.sleep(4)
    elif feed_id == "doze":
        time.sleep(0.5)
    elif feed_id == "crash":
        os._exit(70)
    elif feed_id == "pid":
        return ParsedFeed(feed_title=str(os.getpid()))
    return parse_feed(feed_id, data, headers=headers, url=url, now=now)


SMALL_FEED = rss(RSS_ITEM).encode()


async def pool_parse(pool: ParserPool, feed_id: str, timeout: float = 20.0) -> ParsedFeed:
    return await pool.parse(feed_id, SMALL_FEED, headers={}, url=URL, now=NOW, timeout=timeout)


def assert_gone(pid: int) -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    pytest.fail(f"worker {pid} is still running")


async def test_the_pool_parses_in_another_process_like_inline() -> None:
    async with ParserPool(workers=1, target=scripted_target) as pool:
        worker = await pool_parse(pool, "pid")
        assert worker.feed_title is not None and int(worker.feed_title) != os.getpid()
        assert await pool_parse(pool, "feed") == parse(SMALL_FEED)


async def test_a_parse_over_its_timeout_kills_the_worker_and_the_pool_recovers() -> None:
    async with ParserPool(workers=1, target=scripted_target) as pool:
        first_pid = int((await pool_parse(pool, "pid")).feed_title or 0)
        start = time.monotonic()
        result = await pool_parse(pool, "hang", timeout=1.0)
        assert time.monotonic() - start < 3
        assert result.error == "parsing took longer than 1 s" and result.items == []
        assert_gone(first_pid)
        second_pid = int((await pool_parse(pool, "pid")).feed_title or 0)
        assert second_pid != first_pid
        assert (await pool_parse(pool, "feed")).items


async def test_parses_in_flight_on_a_killed_pool_get_an_error_result() -> None:
    async with ParserPool(workers=2, target=scripted_target) as pool:
        await asyncio.gather(pool_parse(pool, "pid"), pool_parse(pool, "pid"))  # both warm
        hang, nap = await asyncio.gather(
            pool_parse(pool, "hang", timeout=1.0), pool_parse(pool, "nap", timeout=30.0)
        )
        assert hang.error == "parsing took longer than 1 s"
        assert nap.error == "parsing interrupted: the parser was restarted"
        assert (await pool_parse(pool, "feed")).items


async def test_the_timeout_counts_a_parse_s_own_time_not_its_wait_in_line() -> None:
    # 500 feeds fetched at once queue for two workers: the wait is not the parse's fault.
    async with ParserPool(workers=1, target=scripted_target) as pool:
        await pool_parse(pool, "pid")  # the worker is up
        results = await asyncio.gather(*(pool_parse(pool, "doze", timeout=1.5) for _ in range(5)))
        assert [r.error for r in results] == [None] * 5


async def test_a_crashed_worker_is_replaced() -> None:
    async with ParserPool(workers=1, target=scripted_target) as pool:
        crashed = await pool_parse(pool, "crash")
        assert crashed.error == "the parser process stopped unexpectedly"
        assert (await pool_parse(pool, "feed")).items


async def test_closing_leaves_no_worker_processes() -> None:
    pool = ParserPool(workers=2, target=scripted_target)
    results = await asyncio.gather(*(pool_parse(pool, "pid") for _ in range(6)))
    pids = {int(result.feed_title or 0) for result in results}
    await pool_parse(pool, "hang", timeout=0.5)  # leaves a killed pool to reap as well
    await pool_parse(pool, "pid")
    await pool.aclose()
    assert multiprocessing.active_children() == []
    for pid in pids:
        assert_gone(pid)
    with pytest.raises(RuntimeError):
        await pool_parse(pool, "feed")


async def test_workers_zero_parses_in_a_thread_of_this_process() -> None:
    async with ParserPool(workers=0, target=scripted_target) as pool:
        assert (await pool_parse(pool, "pid")).feed_title == str(os.getpid())
        assert await pool_parse(pool, "feed") == parse(SMALL_FEED)
