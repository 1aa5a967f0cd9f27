"""Discovery against local servers: feeds, pages that announce feeds, and pages that do not."""

from __future__ import annotations

import gzip

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from ingest.discover import discover, feed_links
from ingest.fetch import Fetcher


def rss(title: str, items: int = 2) -> bytes:
    entries = "".join(
        f"<item><title>Item {n}</title><link>https://example.org/{n}</link>"
        f"<guid>{title}-{n}</guid></item>"
        for n in range(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://example.org/</link>{entries}</channel></rss>"
    ).encode()


def atom(title: str) -> bytes:
    return (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:x</id><updated>2026-01-01T00:00:00Z</updated>"
        "<entry><title>One</title><id>urn:x:1</id><updated>2026-01-01T00:00:00Z</updated>"
        '<link href="https://example.org/1"/></entry></feed>'
    ).encode()


def page(head: str, body: str = "<p>Hello</p>") -> bytes:
    html = f"<!DOCTYPE html><html><head><title>Site</title>{head}</head><body>{body}</body></html>"
    return html.encode()


def serve(server: HTTPServer, path: str, data: bytes, content_type: str) -> str:
    server.expect_request(path).respond_with_data(data, content_type=content_type)
    return server.url_for(path)


async def run(url: str, **limits: object):  # type: ignore[no-untyped-def]
    async with Fetcher(deadline=5, **limits) as fetcher:  # type: ignore[arg-type]
        return await discover(url, fetcher)


async def test_a_feed_url_is_validated_and_named_by_its_title(httpserver: HTTPServer) -> None:
    url = serve(httpserver, "/feed.xml", rss("Lab News", 3), "application/rss+xml")
    found = await run(url)
    assert [(f.url, f.title, f.items) for f in found.feeds] == [(url, "Lab News", 3)]
    assert found.error is None


async def test_a_page_announcing_several_feeds_lists_each_readable_one(
    httpserver: HTTPServer,
) -> None:
    serve(httpserver, "/blog/feed.xml", rss("Blog RSS"), "application/rss+xml")
    serve(httpserver, "/atom", atom("Blog Atom"), "application/atom+xml")
    httpserver.expect_request("/gone.xml").respond_with_data("no", status=404)
    head = (
        '<link rel="alternate" type="application/rss+xml" title="RSS" href="feed.xml">'
        '<link rel="alternate" type="application/atom+xml" href="/atom#top">'
        '<link rel="Alternate home" type="application/rss+xml" href="../gone.xml">'
        '<link rel="stylesheet" type="text/css" href="/style.css">'
        '<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
        '<link rel="alternate" hreflang="pt" type="text/html" href="/pt/">'
    )
    url = serve(httpserver, "/blog/", page(head), "text/html; charset=utf-8")
    found = await run(url)
    assert [(f.title, f.link_title) for f in found.feeds] == [
        ("Blog RSS", "RSS"),
        ("Blog Atom", None),
    ]
    assert found.feeds[0].url == httpserver.url_for("/blog/feed.xml")
    assert found.feeds[1].url == httpserver.url_for("/atom")
    assert found.rejected == [(httpserver.url_for("/gone.xml"), "HTTP 404")]


def test_base_href_and_relative_links_resolve_like_a_browser() -> None:
    html = page(
        '<base href="https://cdn.example.org/site/">'
        '<link rel="alternate" type="application/atom+xml" href="a.xml">'
        '<link rel="alternate" type="application/feed+json" href="//other.example/f.json">'
        '<link rel="alternate" type="application/rss+xml" href="a.xml">'
        '<link rel="alternate" type="application/rss+xml" title="\x1b]52;c;evil\x07Evil\x1b[2J"'
        ' href="data:text/xml,<rss/>">'
        '<link rel="alternate" type="application/rss+xml" title="\x1b[31mRed\u202e" href="b.xml">'
    )
    assert feed_links(html, "https://example.org/page") == [
        ("https://cdn.example.org/site/a.xml", None),
        ("https://other.example/f.json", None),
        ("https://cdn.example.org/site/b.xml", "Red"),  # no escape, no direction override
    ]


async def test_a_page_without_links_falls_back_to_the_usual_paths(httpserver: HTTPServer) -> None:
    serve(httpserver, "/index.xml", rss("Hugo site"), "application/xml")
    url = serve(httpserver, "/about", page(""), "text/html")
    found = await run(url)
    assert [(f.url, f.title) for f in found.feeds] == [
        (httpserver.url_for("/index.xml"), "Hugo site")
    ]


async def test_a_page_with_no_feed_at_all_says_so(httpserver: HTTPServer) -> None:
    url = serve(httpserver, "/", page(""), "text/html")
    found = await run(url)
    assert not found.feeds
    assert found.error is not None
    assert "no feed found" in found.error and "/rss.xml" in found.error


async def test_announced_feeds_that_do_not_parse_are_explained(httpserver: HTTPServer) -> None:
    serve(httpserver, "/feed", page(""), "text/html")  # a "feed" link to another page
    head = '<link rel="alternate" type="application/rss+xml" href="/feed">'
    url = serve(httpserver, "/", page(head), "text/html")
    found = await run(url)
    assert not found.feeds
    assert found.error is not None and "not a feed: an HTML page" in found.error


async def test_a_page_that_redirects_resolves_links_against_where_it_landed(
    httpserver: HTTPServer,
) -> None:
    serve(httpserver, "/new/feed.xml", rss("Moved"), "application/rss+xml")
    serve(
        httpserver,
        "/new/",
        page('<link rel="alternate" type="application/rss+xml" href="feed.xml">'),
        "text/html",
    )
    httpserver.expect_request("/old").respond_with_response(
        Response(status=301, headers={"Location": "/new/"})
    )
    found = await run(httpserver.url_for("/old"))
    assert [f.url for f in found.feeds] == [httpserver.url_for("/new/feed.xml")]


async def test_a_feed_that_moved_for_good_is_added_at_its_new_address(
    httpserver: HTTPServer,
) -> None:
    serve(httpserver, "/feed/", rss("Slash"), "application/rss+xml")
    httpserver.expect_request("/feed").respond_with_response(
        Response(status=308, headers={"Location": "/feed/"})
    )
    found = await run(httpserver.url_for("/feed"))
    assert [f.url for f in found.feeds] == [httpserver.url_for("/feed/")]


async def test_a_huge_page_is_refused_at_the_size_cap(httpserver: HTTPServer) -> None:
    huge = page("", "<p>" + "word " * 100_000 + "</p>")
    # Compressed on the wire: the cap applies to what it inflates to.
    httpserver.expect_request("/big").respond_with_data(
        gzip.compress(huge), content_type="text/html", headers={"Content-Encoding": "gzip"}
    )
    url = httpserver.url_for("/big")
    found = await run(url, max_bytes=64 * 1024)
    assert not found.feeds
    assert found.error == f"could not fetch {url}: larger than 64 KiB"


@pytest.mark.parametrize(
    ("content_type", "data", "words"),
    [
        ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
        ("application/json", b'{"hello": "world"}', "not a feed: JSON"),
        ("text/plain", b"just some words", "text/plain"),
    ],
)
async def test_something_neither_feed_nor_page_gets_a_clear_message(
    httpserver: HTTPServer, content_type: str, data: bytes, words: str
) -> None:
    url = serve(httpserver, "/thing", data, content_type)
    found = await run(url)
    assert not found.feeds and found.error is not None
    assert "neither a feed nor a web page" in found.error and words in found.error


async def test_a_url_that_is_not_http_is_refused_without_a_request() -> None:
    found = await run("file:///etc/passwd")
    assert found.error == "could not fetch file:///etc/passwd: not an http(s) URL"


async def test_a_json_feed_announced_by_a_page_is_found(httpserver: HTTPServer) -> None:
    feed = (
        '{"version": "https://jsonfeed.org/version/1.1", "title": "JSON Lab",'
        ' "items": [{"id": "1", "content_text": "Hello", "url": "https://example.org/1"}]}'
    )
    serve(httpserver, "/feed.json", feed.encode(), "application/feed+json")
    head = '<link rel="alternate" type="application/feed+json" href="/feed.json">'
    url = serve(httpserver, "/home", page(head), "text/html")
    found = await run(url)
    assert [(f.title, f.items) for f in found.feeds] == [("JSON Lab", 1)]
