"""Every hostile document through parse_feed (and ParserPool for the costly ones).

For each: no exception, a stated time bound, clean output (no C0/C1 controls
but \\n and \\t, no ESC, no bidi overrides or zero-width characters), only
http(s) links, nothing from /etc/passwd, and a human error message when
nothing usable came out. Memory is measured in a fresh subprocess for the
blowup and size cases (VmHWM growth over the interpreter at rest).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ingest.parse import MAX_ITEMS, MAX_TITLE_CHARS, ParserPool, parse_feed
from storage.records import NewArticle
from storage.store import ArticleStore
from tests.hostile import corpus
from tests.hostile.corpus import Case
from tests.hostile.invariants import all_text, assert_clean_parsed, contains_all

NOW = datetime(2025, 6, 1, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[2]

# What a person may read in the feed list when nothing came out.
HUMAN_ERRORS = re.compile(
    r"^(empty response|not a feed(: (an HTML page|JSON))?|parsing took longer than [\d.]+ s)$"
)

SMALL = corpus.small_cases()


def parse(case: Case):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    parsed = parse_feed("hostile", case.data, headers=case.headers, url=case.url, now=NOW)
    return parsed, time.perf_counter() - started


@pytest.mark.parametrize("case", SMALL, ids=[c.name for c in SMALL])
def test_every_hostile_document_parses_clean_and_in_time(case: Case) -> None:
    parsed, seconds = parse(case)
    assert seconds < case.bound, f"{case.name} took {seconds:.2f} s (bound {case.bound} s)"
    assert_clean_parsed(parsed)
    if case.error is not None:
        assert parsed.error is not None and case.error in parsed.error, parsed.error
        assert HUMAN_ERRORS.match(parsed.error), parsed.error
        assert parsed.items == []
    else:
        assert parsed.error is None or HUMAN_ERRORS.match(parsed.error), parsed.error
        assert len(parsed.items) >= case.min_items, (parsed.error, parsed.warnings)
    missing = contains_all(all_text(parsed), case.visible)
    assert not missing, f"visible text lost by cleaning: {missing}"


_PAYLOADS = (
    corpus.MARK_OSC52_B64,  # the clipboard payload is removed whole
    f"]0;{corpus.MARK_TITLE}",
    f"]52;c;{corpus.MARK_OSC52_B64}",
    f"8;;{corpus.MARK_OSC8}",
)
_CHAR_REF_CASES = ("attacks-as-char-refs", "attacks-decimal-refs")


def test_terminal_sequences_leave_no_control_even_as_character_references() -> None:
    """Security: whatever the spelling, no ESC/BEL/C1 survives (checked on every case
    by assert_clean_parsed); here explicitly for &#x1b; / &#27; / &#x9b; / &#7;."""
    for case in SMALL:
        if case.name in _CHAR_REF_CASES:
            text = all_text(parse(case)[0])
            assert not any(c in text for c in "\x1b\x07\x9b\x9d"), case.name
            assert "REF" in text or "DEC" in text


@pytest.mark.xfail(
    strict=True,
    reason="KNOWN: an 8-bit CSI written as a character reference (&#x9b;2J) leaves '\u203a2J' "
    "as visible text. feedparser maps C1 references to their windows-1252 glyphs on purpose "
    "(that is what makes &#146; apostrophes work), so nothing reaches the terminal; removing "
    "C1 references would cost real text. ESC/BEL references are already removed whole.",
)
def test_escape_sequences_spelt_as_character_references_are_removed_whole() -> None:
    for name in _CHAR_REF_CASES:
        [case] = [c for c in SMALL if c.name == name]
        text = all_text(parse(case)[0])
        for payload in (f"]0;{corpus.MARK_TITLE}", "[31m", "2J"):
            assert payload not in text, (name, payload)


def test_terminal_markers_never_survive_inside_escape_sequences() -> None:
    """The markers' words may show; the sequences that carried them may not."""
    for case in SMALL:
        if case.name in _CHAR_REF_CASES:
            continue  # see the xfail above
        text = all_text(parse(case)[0])
        for payload in _PAYLOADS:
            assert payload not in text, (case.name, payload)


def test_external_entities_are_never_resolved() -> None:
    for case in SMALL:
        if not case.name.startswith("xxe"):
            continue
        parsed, _ = parse(case)
        assert parsed.error is None and parsed.items, case.name
        assert corpus.PASSWD_SIGNATURE not in all_text(parsed)
        assert "/bin/bash" not in all_text(parsed) and "nologin" not in all_text(parsed)


def test_the_network_external_entity_is_never_fetched() -> None:
    """An external entity (and an external DTD) pointing at a live local server."""
    from tests.support.fault_server import FaultServer, Response

    with FaultServer() as server:
        secret = server.route(
            "/secret", Response(body=b"NETWORK-SECRET", content_type="text/plain")
        )
        dtd = server.route(
            "/dtd", Response(body=b'<!ENTITY e "DTD-SECRET">', content_type="text/plain")
        )
        documents = [
            corpus.rss(
                [corpus.item("A&net;B", raw=True, guid="n")],
                doctype=f'<!DOCTYPE rss [<!ENTITY net SYSTEM "{secret}">]>',
            ),
            corpus.rss(
                [corpus.item("C&e;D", raw=True, guid="d")],
                doctype=f'<!DOCTYPE rss SYSTEM "{dtd}">',
            ),
            corpus.rss(
                [corpus.item("E", guid="p")],
                doctype=f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{dtd}"> %p;]>',
            ),
        ]
        for document in documents:
            parsed = parse_feed(
                "x", document.encode(), headers={}, url="https://feeds.example.com/", now=NOW
            )
            assert_clean_parsed(parsed)
            assert "SECRET" not in all_text(parsed)
        time.sleep(0.1)
        assert server.requests == [], "the parser fetched an external entity"


def test_a_future_1970_or_unparseable_date_is_dropped_not_invented() -> None:
    for case in SMALL:
        if not case.name.startswith("date-"):
            continue
        parsed, _ = parse(case)
        [article] = parsed.items
        if case.name in ("date-future", "date-epoch", "date-unparseable", "date-year-zero",
                         "date-huge-year", "date-control-chars"):  # fmt: skip
            assert article.published is None, (case.name, article.published)
        assert article.published is None or article.published <= NOW


def test_links_only_http_and_relative_ones_resolved() -> None:
    [case] = [c for c in SMALL if c.name == "links-of-every-kind"]
    parsed, _ = parse(case)
    links = {a.title: a.link for a in parsed.items}
    assert links["rel"] == "https://feeds.example.com/relative/path?a=1"
    assert links["rel2"] == "https://feeds.example.com/up"
    assert links["proto"] == "https://other.example.com/p"
    for unsafe in ("js", "JS", "data", "file", "ctl", "vbs", "ftp", "huge", "bad"):
        assert links[unsafe] is None, (unsafe, links[unsafe])
    assert links["esc"] is None or corpus.MARK_TITLE not in links["esc"]


def test_scripts_and_forms_in_bodies_leave_only_their_readable_text() -> None:
    [case] = [c for c in SMALL if c.name == "scripts-and-forms"]
    parsed, _ = parse(case)
    [article] = parsed.items
    for gone in ("SCRIPTBODY", "FORMVALUE", "FORMBUTTON", "IFRAMETEXT", "alert(", "onerror"):
        assert gone not in article.body, gone
    assert "rellink[1]" in article.body
    assert article.links == ("https://feeds.example.com/rel",)  # javascript: got no number


def test_a_nul_in_the_charset_header_still_reads_the_feed() -> None:
    """h11 refuses such a header on the wire, so this only bites direct callers."""
    data = corpus.rss([corpus.GOOD_ITEM]).encode()
    parsed = parse_feed(
        "x", data, headers={"content-type": "text/xml; charset=utf-8\x1b[2J"}, url="https://a.b/",
        now=NOW,
    )  # fmt: skip
    assert_clean_parsed(parsed)
    assert len(parsed.items) == 1


def test_a_nul_in_the_charset_header_is_ignored_not_fatal() -> None:
    data = corpus.rss([corpus.GOOD_ITEM]).encode()
    parsed = parse_feed(
        "x", data, headers={"content-type": "text/xml; charset=utf\x00-8"}, url="https://a.b/",
        now=NOW,
    )  # fmt: skip
    assert parsed.error is None and len(parsed.items) == 1


# -- the big ones ------------------------------------------------------------------


def test_ten_thousand_items_are_capped_with_a_warning_within_10_s() -> None:
    data = corpus.many_items(10_000)
    started = time.perf_counter()
    parsed = parse_feed("many", data, headers={}, url="https://a.example/", now=NOW)
    seconds = time.perf_counter() - started
    assert seconds < 10, seconds  # measured ~1.8 s
    assert parsed.error is None
    assert len(parsed.items) == MAX_ITEMS
    assert any("ignored" in w for w in parsed.warnings)
    assert len({a.id for a in parsed.items}) == MAX_ITEMS
    for article in parsed.items[:50]:
        assert article.link and article.link.startswith("https://example.com/")


def test_a_1_mb_title_is_cut_to_the_cap_and_cleaned_within_5_s() -> None:
    data = corpus.huge_title()
    started = time.perf_counter()
    parsed = parse_feed("title", data, headers={}, url="https://a.example/", now=NOW)
    assert time.perf_counter() - started < 5  # measured ~0.06 s
    [article] = parsed.items
    assert 0 < len(article.title) <= MAX_TITLE_CHARS
    assert corpus.MARK_TITLE not in article.title  # the OSC 0 payloads went whole
    assert_clean_parsed(parsed)


def test_a_20_mb_feed_parses_within_15_s() -> None:
    data = corpus.big_feed()
    assert len(data) >= 20 * 1024 * 1024
    started = time.perf_counter()
    parsed = parse_feed("big", data, headers={}, url="https://a.example/", now=NOW)
    assert time.perf_counter() - started < 15  # measured ~2.2 s
    assert parsed.error is None and len(parsed.items) == 8
    assert all(len(a.body) <= 200_000 for a in parsed.items)
    assert_clean_parsed(parsed)


def test_ten_thousand_levels_of_nesting_within_5_s() -> None:
    for data in (corpus.deep_nesting(), corpus.deep_unclosed()):
        started = time.perf_counter()
        parsed = parse_feed("deep", data, headers={}, url="https://a.example/", now=NOW)
        assert time.perf_counter() - started < 5  # measured ~0.3 s
        assert_clean_parsed(parsed)
    deep = parse_feed("deep", corpus.deep_nesting(), headers={}, url="https://a.example/", now=NOW)
    assert deep.items and "deep html" in deep.items[0].body


# -- memory, in a fresh process ----------------------------------------------------

_MEASURE = r"""
import json, sys, time

def peak_mib():
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across exec.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

from datetime import UTC, datetime
from ingest.parse import parse_feed
from tests.hostile import corpus
name = sys.argv[1]
if name in ("many_items", "huge_title", "big_feed", "deep_nesting"):
    data = getattr(corpus, name)()
else:
    data = next(c.data for c in corpus.small_cases() if c.name == name)
before = peak_mib()
started = time.perf_counter()
parsed = parse_feed("m", data, headers={}, url="https://a.example/", now=datetime.now(UTC))
seconds = time.perf_counter() - started
after = peak_mib()
print(json.dumps({"mib": after - before, "peak_mib": after, "seconds": seconds,
                  "items": len(parsed.items), "input_mib": len(data) / 2**20}))
"""

# (case, MiB of peak growth allowed, seconds allowed). Measured here (VmHWM growth):
# billion laughs 0 MiB, quadratic 5 MiB, 1 MB title 7 MiB, 10k items 19 MiB,
# 20 MB feed 16 MiB over the 20 MB input already held (peak 110 MiB).
MEMORY_BOUNDS = [
    ("billion-laughs", 50, 5),
    ("quadratic-blowup", 50, 5),
    ("huge_title", 50, 5),
    ("many_items", 150, 10),
    ("big_feed", 200, 15),
]


def test_blowups_and_big_feeds_stay_within_memory_bounds() -> None:
    results = {}
    for name, mib, seconds in MEMORY_BOUNDS:
        done = subprocess.run(
            [sys.executable, "-c", _MEASURE, name],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        )
        assert done.returncode == 0, done.stderr[-2000:]
        measured = json.loads(done.stdout.strip().splitlines()[-1])
        results[name] = measured
        assert measured["mib"] < mib, (name, measured)
        assert measured["seconds"] < seconds, (name, measured)
    print(json.dumps(results, indent=1))


# -- through the process pool --------------------------------------------------------


async def test_the_costly_cases_through_the_parser_pool() -> None:
    expensive = [c for c in SMALL if c.name in ("billion-laughs", "quadratic-blowup", "xxe-file")]
    documents = [(c.name, c.data) for c in expensive] + [
        ("many_items", corpus.many_items()),
        ("huge_title", corpus.huge_title()),
        ("deep_nesting", corpus.deep_nesting()),
        ("big_feed", corpus.big_feed()),
    ]
    async with ParserPool(workers=2) as pool:
        started = time.perf_counter()
        for name, data in documents:
            one = time.perf_counter()
            parsed = await pool.parse(
                name, data, headers={}, url="https://a.example/", now=NOW, timeout=20
            )
            assert time.perf_counter() - one < 20, name
            assert parsed.error is None, (name, parsed.error)
            assert parsed.items, name
            assert_clean_parsed(parsed)
        assert time.perf_counter() - started < 40


async def test_a_parse_that_hangs_is_cut_off_by_the_pool_timeout() -> None:
    async with ParserPool(workers=1, target=_slow_parse) as pool:
        started = time.perf_counter()
        parsed = await pool.parse(
            "s", b"<rss/>", headers={}, url="https://a/", now=NOW, timeout=0.5
        )
        assert time.perf_counter() - started < 3
        assert parsed.error == "parsing took longer than 0.5 s"


def _slow_parse(*args, **kwargs):  # type: ignore[no-untyped-def]
    time.sleep(30)


# -- identity through the store ----------------------------------------------------


def _store(tmp_path: Path) -> ArticleStore:
    store = ArticleStore(tmp_path / "data")
    store.open()
    return store


def _parsed(feed_id: str, *items: str, url: str = "https://feeds.example.com/feed.xml"):  # type: ignore
    data = corpus.rss(items).encode()
    parsed = parse_feed(feed_id, data, headers={}, url=url, now=NOW)
    assert parsed.error is None
    return parsed.items


def test_duplicate_guids_are_stored_once(tmp_path: Path) -> None:
    store = _store(tmp_path)
    items = _parsed("a", *(corpus.item(f"Copy {i}", guid="same") for i in range(3)))
    assert len(items) == 3
    assert len(store.add(items)) == 1
    assert store.add(items) == []  # the next poll brings them again
    assert len(store) == 1
    store.close()


def test_the_same_guid_in_two_feeds_is_two_articles(tmp_path: Path) -> None:
    store = _store(tmp_path)
    one = _parsed("feed-one", corpus.item("Shared", guid="shared-guid"))
    two = _parsed("feed-two", corpus.item("Shared", guid="shared-guid"))
    added = store.add(one + two)
    assert len(added) == 2 and {a.feed_id for a in added} == {"feed-one", "feed-two"}
    store.close()


def test_a_changed_guid_is_a_new_article_unless_link_and_title_are_the_same(
    tmp_path: Path,
) -> None:
    store = _store(tmp_path)
    store.add(_parsed("a", corpus.item("Story", guid="v1", link="https://e.com/s")))
    # A feed that makes up guids: the same link and title are the same item.
    assert store.add(_parsed("a", corpus.item("Story", guid="v2", link="https://e.com/s"))) == []
    added = store.add(_parsed("a", corpus.item("Story 2", guid="v3", link="https://e.com/s")))
    assert len(added) == 1 and len(store) == 2
    store.close()


def test_items_without_guid_or_link_get_stable_distinct_identities(tmp_path: Path) -> None:
    store = _store(tmp_path)
    items = [
        corpus.item("Only a title"),
        corpus.item("Other title"),
        corpus.item(None, description="Only a body"),
        corpus.item("Dated", date="Mon, 01 Jan 2024 00:00:00 GMT"),
        corpus.item("Dated", date="Tue, 02 Jan 2024 00:00:00 GMT"),
    ]
    assert len(store.add(_parsed("a", *items))) == 5
    assert store.add(_parsed("a", *items)) == []
    store.close()


def test_hostile_items_round_trip_through_the_store_clean(tmp_path: Path) -> None:
    store = _store(tmp_path)
    batch: list[NewArticle] = []
    for case in SMALL:
        parsed, _ = parse(case)
        batch.extend(parsed.items)
    added = store.add(batch)
    assert added
    store.close()
    reopened = ArticleStore(tmp_path / "data", want_writer=False)
    reopened.open()
    for article in reopened.articles():
        from tests.hostile.invariants import assert_clean_text, assert_safe_link

        assert_clean_text(article.title, what="stored title", single_line=True)
        assert_clean_text(reopened.body(article.id), what="stored body")
        assert_safe_link(article.link)
