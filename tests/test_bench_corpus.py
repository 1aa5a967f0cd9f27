"""The bench's feeds stay the size and shape of real ones (bench/README.md states the figures).

A benchmark on toy items flatters the parser and the HTML-to-text step; these
tests keep the generated corpus from drifting there unnoticed.
"""

from __future__ import annotations

import statistics
import urllib.request
from urllib.error import HTTPError

import feedparser
import pytest

from bench.corpus import Corpus
from bench.html_bodies import BIG_FEED_EVERY, MAX_BODY, is_big_feed
from bench.server import FeedServer

ITEMS = 50


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(60, ITEMS)


@pytest.fixture(scope="module")
def bodies(corpus: Corpus) -> list[str]:
    """Item HTML of the regular (not full-text) feeds among the first 40."""
    return [
        item.html
        for feed in range(40)
        if not is_big_feed(feed)
        for item in corpus.feed_items(feed, 0)
    ]


def quantile(values: list[int], fraction: float) -> int:
    ordered = sorted(values)
    return ordered[int(fraction * (len(ordered) - 1))]


def test_item_bodies_have_a_2_kb_median_and_a_tail_to_10_kb(bodies: list[str]) -> None:
    sizes = [len(html) for html in bodies]
    assert 1_700 <= statistics.median(sizes) <= 2_400
    assert 3_000 <= quantile(sizes, 0.9) <= 5_500
    assert 7_000 <= max(sizes) <= MAX_BODY
    assert min(sizes) >= 150
    # In bytes too: the feeds are UTF-8 and the markup is mostly ASCII.
    assert statistics.median(len(html.encode()) for html in bodies) <= 2_600


def test_item_bodies_carry_the_markup_of_real_feeds(bodies: list[str]) -> None:
    def share(needle: str) -> float:
        return sum(needle in html for html in bodies) / len(bodies)

    assert share("<p>") == 1.0
    assert share("<a href=") >= 0.8
    assert share("<img ") == 1.0  # at least the tracking pixel
    assert share("<figure") >= 0.3
    assert 0.05 <= share("<pre>") <= 0.3
    assert share("&rsquo;") + share("&mdash;") + share("&nbsp;") >= 0.5
    assert share("&#8211;") == 1.0


def test_feeds_are_about_150_kb_and_a_few_are_1_mb(corpus: Corpus) -> None:
    sizes = {feed: len(corpus.document(feed, 0)) for feed in range(corpus.feeds)}
    big = [feed for feed in sizes if is_big_feed(feed)]
    assert big == [BIG_FEED_EVERY // 2]
    regular = [size for feed, size in sizes.items() if feed not in big]
    assert 100_000 <= statistics.median(regular) <= 200_000
    assert max(regular) < 400_000
    for feed in big:
        assert 900_000 <= sizes[feed] <= 1_500_000


@pytest.mark.parametrize("feed", [0, 1, BIG_FEED_EVERY // 2])
def test_every_document_is_a_well_formed_feed_of_all_its_items(corpus: Corpus, feed: int) -> None:
    parsed = feedparser.parse(corpus.document(feed, 0))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert len(parsed.entries) == ITEMS
    first = corpus.feed_items(feed, 0)[0]
    entry = parsed.entries[0]
    html = entry.content[0].value if "content" in entry else entry.summary
    assert len(html) >= 0.9 * len(first.html)


def test_every_answer_carries_etag_and_last_modified() -> None:
    with FeedServer(Corpus(2, 3)) as server:
        url = server.urls()[0]
        with urllib.request.urlopen(url) as response:
            body = response.read()
            etag, modified = response.headers["ETag"], response.headers["Last-Modified"]
        assert etag and modified
        request = urllib.request.Request(url, headers={"If-None-Match": etag})
        with pytest.raises(HTTPError) as answer:
            urllib.request.urlopen(request)
        assert answer.value.code == 304
        assert answer.value.headers["ETag"] == etag
        assert answer.value.headers["Last-Modified"] == modified

        server.ignore_validators = True
        with urllib.request.urlopen(request) as response:
            assert response.status == 200 and response.read() == body
            assert response.headers["ETag"] == etag


def test_items_carry_the_authors_categories_and_media_of_real_feeds(corpus: Corpus) -> None:
    """What feedparser finds beside the body: WordPress and news-site RSS, and Atom."""
    rss = [feedparser.parse(corpus.document(feed, 0)) for feed in range(0, 40, 2)]
    atom = [feedparser.parse(corpus.document(feed, 0)) for feed in range(1, 40, 2)]
    rss_items = [entry for parsed in rss for entry in parsed.entries]
    atom_items = [entry for parsed in atom for entry in parsed.entries]

    def share(entries: list, has) -> float:  # type: ignore[no-untyped-def,type-arg]
        return sum(bool(has(entry)) for entry in entries) / len(entries)

    assert 0.9 <= share(rss_items, lambda e: e.get("author")) < 1.0
    assert all(1 <= len(entry.get("tags", [])) <= 4 for entry in rss_items)
    assert statistics.mean(len(entry.tags) for entry in rss_items) >= 2
    assert 0.25 <= share(rss_items, lambda e: e.get("media_content") or e.get("enclosures")) <= 0.5
    assert 0.05 <= share(rss_items, lambda e: e.get("media_thumbnail")) <= 0.3
    assert 0.5 <= share(rss_items, lambda e: e.get("wfw_commentrss")) <= 0.7
    # One RSS feed in ten names its authors in <author> with an e-mail ...
    with_email = [p for p in rss if any("@" in e.get("author", "") for e in p.entries)]
    assert len(with_email) == 2
    # ... and one in ten gives its images a credit and a caption (media:credit).
    assert sum(any(e.get("media_credit") for e in p.entries) for p in rss) == 2
    # Atom: <author><name>, some with <email>; categories as terms with a scheme.
    assert 0.9 <= share(atom_items, lambda e: e.get("author_detail", {}).get("name")) < 1.0
    assert 0.1 <= share(atom_items, lambda e: e.get("author_detail", {}).get("email")) <= 0.4
    assert all(1 <= len(entry.get("tags", [])) <= 4 for entry in atom_items)
    assert all(tag.scheme for entry in atom_items for tag in entry.tags)
    # Reporters' names are not all ASCII, as in the wild.
    assert any(not e.get("author", "").isascii() for e in rss_items + atom_items)
