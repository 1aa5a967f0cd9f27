"""Whole articles from a local article page: extraction, cache, failures, bounds, storage."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ingest.fetch import Fetcher
from ingest.fulltext import fetch_full_texts, store_full_texts
from storage.fulltext_cache import RETRY_AFTER, FullTextCache
from storage.records import NewArticle
from storage.retention import Pruner, RetentionPolicy, Rule
from storage.service import StoreService
from storage.store import ArticleStore

PARAGRAPHS = [
    "Ada Lovelace joined the research lab on Monday, the company said in a statement.",
    "She will lead a new group on analytical engines, reporting to the chief scientist.",
    "The lab has hired forty researchers this year, twice as many as the year before.",
    "Observers expect the group to publish its first results early next spring.",
]


def article_page(paragraphs: list[str] = PARAGRAPHS) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    nav = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(12))
    return (
        "<!doctype html><html><head><title>Lovelace joins lab</title></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header>"
        f"<main><article><h1>Lovelace joins lab</h1>{body}</article></main>"
        "<aside>Subscribe to our newsletter! Cookie settings.</aside>"
        "<footer>Copyright 2026 Example Media. All rights reserved.</footer>"
        "</body></html>"
    ).encode()


def serve_page(server: HTTPServer, path: str = "/story") -> str:
    server.expect_request(path).respond_with_data(article_page(), content_type="text/html")
    return server.url_for(path)


def requests_to(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


async def texts(pairs, cache: FullTextCache, **options: object):  # type: ignore[no-untyped-def]
    deadline = options.pop("deadline", 5)
    max_bytes = options.pop("max_bytes", 15 * 1024 * 1024)
    async with Fetcher(deadline=deadline, max_bytes=max_bytes) as fetcher:  # type: ignore[arg-type]
        return await fetch_full_texts(pairs, fetcher, cache, **options)  # type: ignore[arg-type]


async def test_the_main_text_is_extracted_without_the_page_around_it(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = serve_page(httpserver)
    [result] = await texts([("a1", url)], FullTextCache(tmp_path))
    assert result.error is None and result.fetched and result.text is not None
    assert result.text.split("\n\n")[-4:] == PARAGRAPHS
    for boilerplate in ("Section 3", "newsletter", "Copyright"):
        assert boilerplate not in result.text


async def test_a_page_extracted_once_is_never_fetched_again(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = serve_page(httpserver)
    first = await texts([("a1", url)], FullTextCache(tmp_path))
    assert requests_to(httpserver, "/story") == 1
    # Another article with the same link, and a new process (a new cache object).
    again = await texts([("a2", url)], FullTextCache(tmp_path))
    assert requests_to(httpserver, "/story") == 1
    assert again[0].text == first[0].text and not again[0].fetched


async def test_a_failed_page_keeps_the_summary_says_why_and_waits_to_retry(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    httpserver.expect_request("/paper.pdf").respond_with_data(
        b"%PDF-1.7", content_type="application/pdf"
    )
    cache = FullTextCache(tmp_path)
    gone, pdf, script = await texts(
        [("a", httpserver.url_for("/gone")), ("b", httpserver.url_for("/paper.pdf")),
         ("c", "javascript:alert(1)")],
        cache,
    )  # fmt: skip
    assert (gone.text, gone.error) == (None, "HTTP 404")
    assert (pdf.text, pdf.error) == (None, "not a web page (application/pdf)")
    assert (script.text, script.error) == (None, "no http(s) link to fetch")
    soon = await texts([("a", httpserver.url_for("/gone"))], cache)
    assert soon[0].error == "HTTP 404" and not soon[0].fetched
    assert requests_to(httpserver, "/gone") == 1
    later = datetime.now(UTC) + RETRY_AFTER + timedelta(minutes=1)
    await texts([("a", httpserver.url_for("/gone"))], cache, now=later)
    assert requests_to(httpserver, "/gone") == 2
    assert cache.get(httpserver.url_for("/gone")).attempts == 2  # type: ignore[union-attr]


async def test_a_page_without_article_text_says_so(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/empty").respond_with_data(
        "<!doctype html><html><body><nav><a href='/'>Home</a></nav></body></html>",
        content_type="text/html",
    )
    [result] = await texts([("a", httpserver.url_for("/empty"))], FullTextCache(tmp_path))
    assert (result.text, result.error) == (None, "no article text found on the page")


async def test_huge_and_slow_pages_are_cut_off_by_the_feed_bounds(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    huge = article_page(PARAGRAPHS * 5000)
    httpserver.expect_request("/huge").respond_with_data(huge, content_type="text/html")

    def slow(_request: Request) -> Response:
        time.sleep(1.5)
        return Response(article_page(), content_type="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    cache = FullTextCache(tmp_path)
    # One at a time: the local server answers one request at a time.
    [big] = await texts([("a", httpserver.url_for("/huge"))], cache, max_bytes=256 * 1024)
    assert big.error == "larger than 256 KiB"
    started = time.monotonic()
    [late] = await texts([("b", httpserver.url_for("/slow"))], cache, deadline=0.5)
    assert late.error == "timed out after 0.5 s"
    assert time.monotonic() - started < 1.4  # the slow page was not waited for


async def test_at_most_limit_pages_are_fetched_per_call(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    urls = [serve_page(httpserver, f"/story{n}") for n in range(5)]
    cache = FullTextCache(tmp_path)
    first = await texts([(f"a{n}", u) for n, u in enumerate(urls)], cache, limit=2)
    assert [r.article_id for r in first] == ["a0", "a1"]
    second = await texts([(f"a{n}", u) for n, u in enumerate(urls)], cache, limit=2)
    assert [(r.article_id, r.fetched) for r in second] == [
        ("a0", False), ("a1", False), ("a2", True), ("a3", True)
    ]  # fmt: skip
    assert sum(requests_to(httpserver, f"/story{n}") for n in range(5)) == 4


async def test_the_whole_text_is_stored_beside_the_summary_and_survives_a_prune(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    url = serve_page(httpserver)
    service = StoreService(ArticleStore(tmp_path / "data"), linger=0)
    await service.open()
    [article] = await service.add(
        [NewArticle("lab", "g1", "Lovelace joins lab", url, None, body="Two lines of summary.")]
    )
    others = [
        NewArticle("lab", f"o{n}", f"Other {n}", None, None, body="x" * 500) for n in range(40)
    ]
    await service.add(others)
    cache = FullTextCache(tmp_path / "data")
    async with Fetcher(deadline=5) as fetcher:
        [result] = await store_full_texts(service, fetcher, cache, [article])
        assert result.text is not None
        # Already stored: the next poll neither fetches nor stores it again.
        assert await store_full_texts(service, fetcher, cache, [article]) == []
    store = service.store
    assert store.body(article.id) == result.text
    assert store.summary(article.id) == "Two lines of summary."
    store.set_flags([article.id], starred=True)
    await service.call(Pruner(store, RetentionPolicy(Rule(max_articles=1))).run)
    assert len(store) == 2 and store.body(article.id) == result.text  # starred, and one more
    service.close()
    reopened = ArticleStore(tmp_path / "data", want_writer=False)
    reopened.open()
    assert reopened.body(article.id) == result.text
    assert reopened.summary(article.id) == "Two lines of summary."
    assert reopened.has_full_text(article.id)


def test_a_prune_drops_the_cached_pages_of_the_articles_it_removes(tmp_path: Path) -> None:
    store = ArticleStore(tmp_path / "data")
    store.open()
    old, new = store.add(
        [
            NewArticle("lab", "old", "Old", "https://example.org/old", None, body="a"),
            NewArticle("lab", "new", "New", "https://example.org/new", None, body="b"),
        ]
    )
    cache = FullTextCache(tmp_path / "data")
    cache.put_text(old.link, "old text")  # type: ignore[arg-type]
    cache.put_text(new.link, "new text")  # type: ignore[arg-type]
    Pruner(store, RetentionPolicy(Rule(max_articles=1))).run()
    [kept] = store.articles()
    gone = old if kept.id == new.id else new
    assert cache.get(gone.link) is None  # type: ignore[arg-type]
    assert cache.get(kept.link).text is not None  # type: ignore[arg-type, union-attr]


async def test_the_reader_key_retries_a_failed_page_but_never_an_extracted_one(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    cache = FullTextCache(tmp_path)
    httpserver.expect_oneshot_request("/flaky").respond_with_data("busy", status=503)
    url = httpserver.url_for("/flaky")
    [first] = await texts([("a", url)], cache)
    assert first.error == "HTTP 503"
    httpserver.expect_request("/flaky").respond_with_data(article_page(), content_type="text/html")
    [asked] = await texts([("a", url)], cache, retry_failed=True)
    assert asked.text is not None and asked.fetched
    [again] = await texts([("a", url)], cache, retry_failed=True)
    assert not again.fetched and requests_to(httpserver, "/flaky") == 2


async def test_the_whole_text_is_enriched_again(httpserver: HTTPServer, tmp_path: Path) -> None:
    from ingest.config import EntityConfig
    from ingest.enrichment import EnrichmentService

    url = serve_page(httpserver)
    service = StoreService(ArticleStore(tmp_path / "data"), linger=0)
    await service.open()
    ada = EntityConfig("person", "Ada Lovelace", (), None, None, 1)
    enrichment = EnrichmentService(service, [ada])
    try:
        [article] = await service.add(
            [NewArticle("lab", "g1", "A lab grows", url, None, body="Two lines of summary.")]
        )
        [article] = await enrichment.enrich([article])
        assert article.entities == ()  # the summary names nobody
        async with Fetcher(deadline=5) as fetcher:
            await store_full_texts(service, fetcher, FullTextCache(tmp_path / "data"), [article])
        [article] = await enrichment.reenrich([article])
        assert article.entities == ("person:ada-lovelace",)
        assert "hire" in {e["kind"] for e in article.events}  # "joined the research lab"
    finally:
        enrichment.close()
        service.close()


async def test_each_full_text_source_fetches_at_most_limit_pages_per_poll(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    from ingest.fulltext import fetch_for_sources

    service = StoreService(ArticleStore(tmp_path / "data"), linger=0)
    await service.open()
    now = datetime.now(UTC)
    items = []
    for feed in ("lab", "wire", "plain"):
        for n in range(4):
            url = serve_page(httpserver, f"/{feed}/{n}")
            published = now - timedelta(hours=n)
            items.append(NewArticle(feed, f"{feed}{n}", f"{feed} {n}", url, published, "summary"))
    await service.add(items)
    cache = FullTextCache(tmp_path / "data")
    async with Fetcher(deadline=5) as fetcher:
        first = await fetch_for_sources(service, fetcher, cache, ["lab", "wire"], limit=3)
        assert sorted(r.url.rsplit("/", 2)[-2] + r.url[-1] for r in first) == [
            "lab0", "lab1", "lab2", "wire0", "wire1", "wire2"
        ]  # fmt: skip
        second = await fetch_for_sources(service, fetcher, cache, ["lab", "wire"], limit=3)
    assert sorted(r.url.rsplit("/", 2)[-2] + r.url[-1] for r in second) == ["lab3", "wire3"]
    store = service.store
    with_text = {a.feed_id for a in store.articles() if store.has_full_text(a.id)}
    assert with_text == {"lab", "wire"}  # "plain" has no full_text: never fetched
    assert not any(requests_to(httpserver, f"/plain/{n}") for n in range(4))
    service.close()
