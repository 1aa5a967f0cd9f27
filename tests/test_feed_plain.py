"""Plain RSS and Atom read without feedparser give the records feedparser's reading gives.

Each document is parsed twice, through the quick road and with it closed (so
feedparser reads it), and the two ParsedFeeds must be equal; the tests also
check which documents take the quick road, so that it does not quietly close.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ingest.feedparser_parse as feedparser_parse
from bench.corpus import Corpus
from ingest.feed_plain import _plain_bytes, plain_entries
from ingest.kinds.registry import parse_any
from ingest.parse import ParsedFeed
from tests.hostile.corpus import small_cases

NOW = datetime(2026, 12, 2, tzinfo=UTC)
RSS_TYPE = {"Content-Type": "application/rss+xml"}
ATOM_TYPE = {"Content-Type": "application/atom+xml; charset=UTF-8"}
URL = "https://feeds.example.com/feed.xml"


def both_ways(
    data: bytes, headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> tuple[ParsedFeed, ParsedFeed, bool]:
    """(quick road's result, feedparser's result, whether the quick road took it)."""
    taken: list[bool] = []

    def spying(data: bytes, headers: dict[str, str]):  # type: ignore[no-untyped-def]
        found = plain_entries(data, headers)
        taken.append(found is not None)
        return found

    with monkeypatch.context() as patch:
        patch.setattr(feedparser_parse, "plain_entries", spying)
        quick = parse_any("f", data, headers=headers, url=URL, now=NOW)
    with monkeypatch.context() as patch:
        patch.setattr(feedparser_parse, "plain_entries", lambda data, headers: None)
        slow = parse_any("f", data, headers=headers, url=URL, now=NOW)
    return quick, slow, any(taken)


def rss(items: str, channel: str = "<title>Wire</title><link>https://ex.org/</link>") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>{channel}'
        f"{items}</channel></rss>"
    ).encode()


def atom(entries: str, head: str = "<title>Wire</title>", root: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"{root}>'
        f"{head}{entries}</feed>"
    ).encode()


ITEM = (
    "<item><title>T</title><link>https://ex.org/1</link><guid>g1</guid>"
    "<pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate><description>Body</description></item>"
)
QUICK = {
    "every item field": rss(ITEM),
    "guid as link when no link": rss(
        "<item><title>T</title><guid>https://ex.org/p/1</guid></item>"
    ),
    "link after a permalink guid wins": rss(
        "<item><guid>https://ex.org/g</guid><link>https://ex.org/l</link></item>"
    ),
    "guid not a permalink": rss(
        '<item><link>/rel/1</link><guid isPermaLink="false">rel-1</guid></item>'
    ),
    "relative links and ampersands": rss(
        "<item><title>R</title><link>/a?b=1&amp;amp;c=2&amp;d;</link></item>",
        "<title>W</title><link>/site?x=1&amp;y;</link>",
    ),
    "a title that looks like HTML": rss(
        "<item><title>A &lt;b&gt;bold&lt;/b&gt; move &amp;amp; more</title></item>"
    ),
    "a title with an entity only": rss("<item><title>Caf&amp;eacute; news</title></item>"),
    "UTF-8 read as Latin-1 and C1 quotes": rss(
        "<item><title>CafÃ© \u0093quoted\u0094 \u0085</title><description>Ã©tÃ©</description>"
        "</item>"
    ),
    "CDATA, whitespace and comments": rss(
        "<item><title>\n  Spaced <!-- c --> title \n</title>"
        "<description><![CDATA[<p>Hi <a href='/x'>there</a></p>]]></description></item>"
    ),
    "content:encoded before and after the description": rss(
        '<item><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "&lt;p&gt;Full&lt;/p&gt;</content:encoded><description>Short</description></item>"
        '<item><description>Short</description><content:encoded xmlns:content="http://purl.org/'
        'rss/1.0/modules/content/"><![CDATA[<p>Full 2</p>]]></content:encoded></item>'
    ),
    "empty and missing fields": rss("<item><title></title><link/></item><item><guid/></item>"),
    "dates of every kind": rss(
        "<item><title>a</title><pubDate>2026-11-30</pubDate></item>"
        "<item><title>b</title><pubDate>not a date</pubDate></item>"
        "<item><title>c</title><pubDate>Mon, 30 Nov 2099 10:00:00 GMT</pubDate></item>"
        "<item><title>d</title><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item>"
    ),
    "skipped channel and item elements": rss(
        '<item><title>T</title><category domain="x">AI</category><comments>/c</comments>'
        '<enclosure url="https://ex.org/a.mp3" length="1" type="audio/mpeg"/></item>',
        '<title>W</title><atom:link xmlns:atom="http://www.w3.org/2005/Atom" rel="self" '
        'href="https://ex.org/feed"/><language>pt_BR</language><ttl>60</ttl>',
    ),
    "atom entry": atom(
        '<entry><title type="html">A &amp;lt;i&amp;gt;t&amp;lt;/i&amp;gt;</title><id>urn:1</id>'
        '<link rel="alternate" type="text/html" href="https://ex.org/1"/>'
        '<link rel="enclosure" href="https://ex.org/1.mp3"/><published>2026-11-30T10:00:00Z'
        '</published><updated>2026-11-30T11:00:00+01:00</updated><content type="html">'
        "&lt;p&gt;Hi&lt;/p&gt;</content></entry>",
        '<title type="text">Wire</title><link href="https://ex.org/"/><id>urn:f</id>',
        ' xml:lang="de_AT"',
    ),
    "atom summary, text content, upper-case rel": atom(
        "<entry><title>T</title><id>https://ex.org/id</id><summary>S &amp;amp; s</summary>"
        '<link rel="ALTERNATE" href="/rel"/></entry>'
        '<entry><title>U</title><content type="text">Plain &lt;b&gt;</content></entry>'
    ),
    "empty xml:lang": atom("<entry><title>T</title></entry>", root=' xml:lang=""'),
}

DC = ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
# A channel's logo, as WordPress writes it after the channel's title and link.
IMAGE = (
    "<image><url>https://ex.org/wp-content/uploads/icon-32x32.png</url><title>Wire &amp;amp; Co"
    "</title><link>https://ex.org/</link><width>32</width><height>32</height></image>"
)
MEDIA = ' xmlns:media="http://search.yahoo.com/mrss/"'
CONTENT = ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
LONG_NAME = "Correspondent " * 800


def creator(value: str) -> bytes:
    return rss(f"<item><title>T</title><dc:creator{DC}>{value}</dc:creator></item>")


def atom_author(person: str, text: str = "") -> bytes:
    return atom(f"<entry><title>T</title><author>{text}{person}</author></entry>")


# Authors, categories and media in the forms real feeds write them, and hostile values.
QUICK |= {
    "dc:creator in CDATA, WordPress-style": rss(
        f"<item><title>T</title><dc:creator{DC}><![CDATA[Jos\u00e9 \u00c1lvarez]]>"
        f"</dc:creator><category><![CDATA[AI]]></category><category>Policy &amp; law"
        "</category><category/><comments>https://ex.org/1#respond</comments>"
        '<wfw:commentRss xmlns:wfw="http://wellformedweb.org/CommentAPI/">https://ex.org/1/'
        'feed/</wfw:commentRss><slash:comments xmlns:slash="http://purl.org/rss/1.0/modules/'
        'slash/">7</slash:comments><description>Body</description></item>'
    ),
    "dc:creator with markup": creator("<![CDATA[<b>Jane</b> <script>x()</script>]]>"),
    "dc:creator with entities": creator("Jane &amp;amp; Jo &lt;jj@ex.org&gt; &#8211; AP"),
    "dc:creator read as Latin-1, C1 quotes": creator("Zo\u00c3\u00ab \u0093Z\u0094 O'Brien"),
    "dc:creator very long": creator(LONG_NAME),
    "dc:creator empty": rss(
        f"<item><title>T</title><dc:creator{DC}/></item>"
        f"<item><title>U</title><dc:creator{DC}>  \n </dc:creator></item>"
    ),
    "dc:creator with an e-mail and a tab": creator("a@ex.org (A)\t [x]"),
    "RSS author with an e-mail": rss(
        "<item><title>T</title><author>jane@ex.org (Jane Doe)</author></item>"
        "<item><title>U</title><author>Jane Doe &lt;jane@ex.org&gt;</author></item>"
        "<item><title>V</title><author>mailto:j@ex.org?subject=hi</author></item>"
    ),
    "media and enclosures": rss(
        f"<item><title>T</title><media:content{MEDIA} url='https://ex.org/a.jpg' "
        f"medium='image' width='1200'/><media:thumbnail{MEDIA} url='https://ex.org/t.jpg'/>"
        f"<media:thumbnail{MEDIA}>https://ex.org/t2.jpg</media:thumbnail>"
        '<enclosure url="https://ex.org/b.jpg" length="9" type="image/jpeg"/>'
        "<description>Body</description></item>"
    ),
    "a channel image, WordPress-style": rss(
        ITEM + ITEM.replace("g1", "g2"),
        f"<title>Wire</title><link>https://ex.org/</link><description>D</description>{IMAGE}",
    ),
    "a channel image with a caption and empty parts": rss(
        ITEM,
        "<title>&lt;b&gt;Wire&lt;/b&gt;</title><link>/site</link><image><url/><title/><link/>"
        "<width>x</width><description>A &lt;i&gt;logo&lt;/i&gt;</description></image>",
    ),
    "a channel image and nothing else": rss(ITEM, "<image><title>Logo</title></image>"),
    "media with a credit and a caption": rss(
        f"<item><title>T</title><media:content{MEDIA} url='https://ex.org/a.jpg'>"
        "<media:credit>AP</media:credit><media:description>Cap</media:description>"
        "</media:content></item>"
    ),
    "media with a credit and a caption, then the description": rss(
        f"<item><title>T</title><media:content{MEDIA} url='https://ex.org/a.jpg' medium='image'>"
        "<media:credit scheme='urn:ebu'>AP</media:credit><media:description>Cap &amp;amp; "
        "\u00c3\u00a9</media:description></media:content>"
        "<description>&lt;p&gt;Body&lt;/p&gt;</description></item>"
    ),
    "media with a caption, then a plain-text description": rss(
        f"<item><media:content{MEDIA}><media:description>Cap</media:description>"
        "</media:content><description> Plain \u0093body\u0094 </description></item>"
    ),
    "media with a credit alone, then the description": rss(
        f"<item><media:content{MEDIA}><media:credit role='author'>AP</media:credit>"
        "</media:content><description>Body</description></item>"
    ),
    "media with a caption, the description, then content:encoded": rss(
        f"<item><media:content{MEDIA}><media:description>Cap</media:description>"
        f"</media:content><description>Body</description><content:encoded{CONTENT}>Full"
        "</content:encoded></item>"
    ),
    "atom author, name and e-mail": atom_author(
        "<name>Jane &amp;amp; Doe</name><uri>/authors/jane</uri><email> j@ex.org </email>"
    ),
    "atom author, name only": atom_author("<name>Zo\u00eb O'Brien</name>"),
    "atom author, e-mail only": atom_author("<email>j@ex.org</email>"),
    "atom author, uri only": atom_author("<uri>https://ex.org/j</uri>"),
    "atom author, empty": atom_author("<name></name><email/>", text="\n  "),
    "atom author, no children": atom_author(""),
    "atom author, markup escaped": atom_author("<name>&lt;b&gt;Jane&lt;/b&gt;</name>"),
    "atom author, read as Latin-1": atom_author("<name>Zo\u00c3\u00ab \u0093Z\u0094</name>"),
    "atom author, very long": atom_author(f"<name>{LONG_NAME}</name><email>x@ex.org</email>"),
    "atom author of the feed, categories": atom(
        '<entry><title>T</title><category term="AI" scheme="https://ex.org/t" label="A"/>'
        '<category term="Chips"/><author><name>Ann</name></author></entry>',
        "<title>Wire</title><author><name>Newsroom</name><uri>https://ex.org/</uri></author>",
    ),
}


@pytest.mark.parametrize("name", sorted(QUICK))
@pytest.mark.parametrize("language", [None, "fr-CA"])
def test_the_quick_road_reads_as_feedparser_does(
    name: str, language: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = QUICK[name]
    headers = dict(RSS_TYPE if data.count(b"<rss") else ATOM_TYPE)
    if language:
        headers["Content-Language"] = language
    quick, slow, taken = both_ways(data, headers, monkeypatch)
    assert taken
    assert quick == slow
    assert quick.error is None


FEEDPARSER_ONLY = {
    "another encoding": (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>W\xe9'
        "</title></channel></rss>"
    ).encode("latin-1"),
    "a DOCTYPE": b'<?xml version="1.0"?><!DOCTYPE rss><rss version="2.0"><channel/></rss>',
    "xml:base": atom('<entry xml:base="https://ex.org/b/"><title>T</title></entry>'),
    "two authors": rss(
        f"<item><title>T</title><dc:creator{DC}>A</dc:creator><author>b@ex.org</author></item>"
    ),
    "an author with markup": creator("<b>Jane</b>"),
    "an author with attributes": rss(
        f'<item><title>T</title><dc:creator{DC} role="x">A</dc:creator></item>'
    ),
    "atom author as text": atom_author("", text="Jane"),
    "atom author with another element": atom_author("<name>J</name><foo>x</foo>"),
    "atom author with markup in the name": atom_author("<name><b>J</b></name>"),
    "atom contributor": atom(
        "<entry><title>T</title><contributor><name>C</name></contributor></entry>"
    ),
    "media: a caption before the description": rss(
        f"<item><description>Body</description><media:content{MEDIA} url='https://ex.org/a.jpg'>"
        "<media:description>Cap</media:description></media:content></item>"
    ),
    "media: a caption after content:encoded": rss(
        f"<item><content:encoded{CONTENT}>&lt;p&gt;Body&lt;/p&gt;</content:encoded>"
        f"<media:content{MEDIA}><media:description>Cap</media:description></media:content></item>"
    ),
    "media: two captions": rss(
        f"<item><media:content{MEDIA}><media:description>A</media:description></media:content>"
        f"<media:content{MEDIA}><media:description>B</media:description></media:content></item>"
    ),
    "media: a caption with a type": rss(
        f"<item><media:content{MEDIA}><media:description type='plain'>A</media:description>"
        "</media:content></item>"
    ),
    "media: a title inside": rss(
        f"<item><media:content{MEDIA}><media:title>A</media:title></media:content></item>"
    ),
    "media: a caption with markup": rss(
        f"<item><media:content{MEDIA}><media:description><b>A</b></media:description>"
        "</media:content></item>"
    ),
    "media: text beside the credit": rss(
        f"<item><media:content{MEDIA}>x<media:credit>AP</media:credit></media:content></item>"
    ),
    "XHTML content": atom(
        '<entry><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">x</div>'
        "</content></entry>"
    ),
    "markup not escaped": rss("<item><description><p>raw</p></description></item>"),
    "two titles": rss("<item><title>A</title><title>B</title></item>"),
    "a title after an image": rss(ITEM, "<image><title>Logo</title></image><title>W</title>"),
    "a link after an image": rss(
        ITEM, "<title>W</title><image><link>https://ex.org/i</link></image><link>/l</link>"
    ),
    "an image with an unknown part": rss(ITEM, f"<title>W</title>{IMAGE[:-8]}<x>y</x></image>"),
    "an image with markup in a part": rss(
        ITEM, "<title>W</title><image><title><b>L</b></title></image>"
    ),
    "two images": rss(ITEM, f"<title>W</title>{IMAGE}{IMAGE}"),
    "RSS 0.91": b'<?xml version="1.0"?><rss version="0.91"><channel><title>W</title></channel>'
    b"</rss>",
    "RDF": b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
    "not well formed": rss("<item><title>A & B</title></item>"),
}


@pytest.mark.parametrize("name", sorted(FEEDPARSER_ONLY))
def test_what_the_quick_road_does_not_know_is_left_to_feedparser(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick, slow, taken = both_ways(FEEDPARSER_ONLY[name], RSS_TYPE, monkeypatch)
    assert not taken
    assert quick == slow


@pytest.mark.parametrize("content_type", [None, "text/html", "text/xml", "application/json"])
def test_documents_not_served_as_xml_in_utf8_go_to_feedparser(
    content_type: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    quick, slow, taken = both_ways(rss(ITEM), headers, monkeypatch)
    assert not taken
    assert quick == slow


@pytest.mark.parametrize("index", [0, 1, 12, 16, 18, 21, 25, 50])
def test_the_bench_corpus_gives_the_same_records_either_way(
    index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each feed style (WordPress, news, RSS author, media credits, Atom with an
    e-mail), and the full-text feeds of ~1 MB."""
    corpus = Corpus(52, 50, new_per_generation=5)
    headers = RSS_TYPE if index % 2 == 0 else ATOM_TYPE
    quick, slow, taken = both_ways(corpus.document(index, 0), headers, monkeypatch)
    assert taken
    assert len(quick.items) == 50
    assert sum(item.author is not None for item in quick.items) >= 40
    assert quick == slow


def test_every_bench_feed_takes_the_quick_road() -> None:
    """The Atom feeds and every RSS style, media with a credit and a caption included."""
    corpus = Corpus(100, 5)
    taken = [
        plain_entries(corpus.document(index, 0), {"content-type": "application/rss+xml"})
        is not None
        for index in range(100)
    ]
    assert sum(taken) == 100


@pytest.mark.parametrize("case", small_cases(), ids=lambda case: case.name)
@pytest.mark.parametrize("content_type", ["application/rss+xml", "application/atom+xml"])
def test_hostile_documents_give_the_same_records_either_way(
    case, content_type: str, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    headers = {"Content-Type": content_type, **case.headers}
    quick, slow, _taken = both_ways(case.data, headers, monkeypatch)
    assert quick == slow


@pytest.mark.parametrize(
    "content_type",
    ["text/xml; charset=utf-8", "application/xml", 'application/rss+xml; charset="UTF-8"'],
)
def test_utf8_served_as_xml_takes_the_quick_road(
    content_type: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = QUICK["UTF-8 read as Latin-1 and C1 quotes"]
    quick, slow, taken = both_ways(data, {"Content-Type": content_type}, monkeypatch)
    assert taken
    assert quick == slow


_MARKUP_PIECES = [b"<", b"!", b"<!", b"<![CDATA[", b"<!--", b"-", b"[", b"x", b"]]>", b"-->"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([*_MARKUP_PIECES, b"<!DOCTYPE x>", b"<<"]), max_size=12))
def test_the_declaration_check_is_the_one_on_the_bytes_without_cdata_and_comments(
    pieces: list[bytes],
) -> None:
    """_plain_bytes looks for a declaration without copying the document when it
    can; its answer must be the plain test's: no "<!" once CDATA and comment
    openings are taken out."""
    data = b'<rss version="2.0">' + b"".join(pieces)
    declares = b"<!" in data.replace(b"<![CDATA[", b"").replace(b"<!--", b"")
    assert _plain_bytes(data, "application/rss+xml") is not declares
