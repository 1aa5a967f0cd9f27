"""Specification of the feed fetcher, against real servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import socket
import time
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.fetch import (
    DEFAULT_USER_AGENT,
    Fetcher,
    FetchResult,
    body_hash,
    parse_retry_after,
)
from tests.support.fault_server import (
    FaultServer,
    MiB,
    Reply,
    Request,
    Response,
    bad_chunking,
    close_without_response,
    compressed,
    deflate_bomb,
    double_gzip_bomb,
    drip,
    gzip_bomb,
    hang,
    huge_headers,
    large_body,
    many_headers,
    raw,
    redirect,
    reset_mid_body,
    retry_after,
    sequence,
    slow_headers,
    status,
    truncated,
)

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
ETAG = '"v1"'
LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT"


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(deadline=5) as f:
        yield f


def assert_error(result: FetchResult, words: str) -> None:
    assert result.status == "error", result
    assert result.error is not None and words in result.error, result.error
    assert result.body is None


# --- a plain fetch ----------------------------------------------------------------------


async def test_a_feed_is_fetched_with_its_body_headers_and_validators(server, fetcher):
    url = server.route(
        "/feed",
        Response(body=FEED, etag=ETAG, last_modified=LAST_MODIFIED, headers={"X-Thing": "1"}),
    )

    result = await fetcher.fetch(url)

    assert result.status == "ok"
    assert result.http_status == 200
    assert result.body == FEED
    assert result.url == result.final_url == url
    assert result.permanent_url is None
    assert result.etag == ETAG and result.last_modified == LAST_MODIFIED
    assert result.error is None and result.retry_after is None
    assert result.headers["content-type"].startswith("application/rss+xml")
    assert result.headers["x-thing"] == "1", "header names are lower-case"
    assert result.bytes_read == len(FEED)
    assert 0 < result.elapsed < 5


async def test_it_identifies_itself_and_asks_only_for_encodings_it_can_bound(server, fetcher):
    url = server.route("/feed", Response(body=FEED))

    await fetcher.fetch(url)

    sent = server.requests[-1].headers
    assert sent["user-agent"] == DEFAULT_USER_AGENT
    assert sent["accept-encoding"] == "gzip, deflate"
    assert "rss" in sent["accept"]
    assert "if-none-match" not in sent and "if-modified-since" not in sent


async def test_a_custom_user_agent_is_sent(server):
    url = server.route("/feed", Response(body=FEED))
    async with Fetcher(user_agent="test-agent/1") as fetcher:
        await fetcher.fetch(url)
    assert server.requests[-1].headers["user-agent"] == "test-agent/1"


# --- conditional GET --------------------------------------------------------------------


async def test_conditional_get_returns_not_modified_after_a_first_200(server, fetcher):
    url = server.route("/feed", Response(body=FEED, etag=ETAG, last_modified=LAST_MODIFIED))

    first = await fetcher.fetch(url)
    second = await fetcher.fetch(url, etag=first.etag, last_modified=first.last_modified)

    assert first.status == "ok"
    assert second.status == "not_modified"
    assert second.http_status == 304
    assert second.body is None and second.error is None
    assert second.etag == ETAG and second.last_modified == LAST_MODIFIED
    sent = server.requests[-1].headers
    assert sent["if-none-match"] == ETAG
    assert sent["if-modified-since"] == LAST_MODIFIED


async def test_if_modified_since_alone_is_enough(server, fetcher):
    url = server.route("/feed", Response(body=FEED, last_modified=LAST_MODIFIED))

    result = await fetcher.fetch(url, last_modified=LAST_MODIFIED)

    assert result.status == "not_modified"
    assert result.last_modified == LAST_MODIFIED


async def test_a_304_without_validators_keeps_the_ones_we_sent(server, fetcher):
    url = server.route("/feed", status(304))

    result = await fetcher.fetch(url, etag=ETAG, last_modified=LAST_MODIFIED)

    assert result.status == "not_modified"
    assert result.etag == ETAG and result.last_modified == LAST_MODIFIED


async def test_a_304_with_new_validators_replaces_them(server, fetcher):
    url = server.route("/feed", status(304, headers={"ETag": '"v2"'}))

    result = await fetcher.fetch(url, etag=ETAG, last_modified=LAST_MODIFIED)

    assert result.etag == '"v2"' and result.last_modified == LAST_MODIFIED


async def test_unchanged_feeds_are_polled_over_one_kept_alive_connection(server, fetcher):
    # A warm poll of 500 unchanged feeds must not open 500 connections.
    answer = Response(body=FEED, etag=ETAG)
    clients: list[tuple[str, int]] = []

    def record(request: Request, reply: Reply) -> None:
        clients.append(reply._sock.getpeername())
        answer(request, reply)

    url = server.route("/feed", record)

    results = [await fetcher.fetch(url, etag=ETAG) for _ in range(5)]

    assert [r.status for r in results] == ["not_modified"] * 5
    assert len(set(clients)) == 1, f"{len(set(clients))} connections for 5 requests"


async def test_a_changed_feed_returns_the_new_body_and_validators(server, fetcher):
    url = server.route("/feed", Response(body=b"<rss>new</rss>", etag='"v2"'))

    result = await fetcher.fetch(url, etag=ETAG, last_modified=LAST_MODIFIED)

    assert result.status == "ok" and result.body == b"<rss>new</rss>"
    assert result.etag == '"v2"'
    assert result.last_modified is None, "a 200 without Last-Modified drops the old one"


async def test_errors_hand_back_the_validators_we_sent(server, fetcher):
    url = server.route("/feed", status(500))

    result = await fetcher.fetch(url, etag=ETAG, last_modified=LAST_MODIFIED)

    assert result.etag == ETAG and result.last_modified == LAST_MODIFIED


async def test_a_stored_validator_that_would_break_the_request_is_not_sent(server, fetcher):
    url = server.route("/feed", Response(body=FEED))

    result = await fetcher.fetch(url, etag='"v1"\r\nX-Injected: 1', last_modified="día")

    assert result.status == "ok"
    sent = server.requests[-1].headers
    assert "x-injected" not in sent and "if-none-match" not in sent
    assert "if-modified-since" not in sent


# --- compression ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "header"),
    [
        ("gzip", "gzip"),
        ("gzip", "x-gzip"),
        ("gzip", "GZip"),
        ("deflate", "deflate"),
        ("raw-deflate", "deflate"),  # raw deflate labelled "deflate": a common server bug
        ("gzip, gzip", "gzip, gzip"),
        ("deflate, gzip", "deflate, gzip"),
        ("identity", "identity"),
        ("gzip, identity", "gzip, identity"),
    ],
)
async def test_compressed_bodies_are_decoded(server, fetcher, encoding, header):
    body = FEED * 200
    url = server.route("/feed", compressed(body, encoding, header=header))

    result = await fetcher.fetch(url)

    assert result.status == "ok", result.error
    assert result.body == body
    if encoding != "identity":
        assert result.bytes_read < len(body)
    # Hashed as it was decoded: the same document is the same whatever the encoding.
    assert result.body_hash == hashlib.blake2b(body, digest_size=16).hexdigest()
    assert result.digest() == body_hash(body)


async def test_concatenated_gzip_members_are_all_decoded_and_trailing_junk_ignored(server, fetcher):
    one = compressed(b"<rss>", "gzip").body
    two = compressed(b"</rss>", "gzip").body
    assert isinstance(one, bytes) and isinstance(two, bytes)
    url = server.route(
        "/feed", Response(body=one + two + b"\0\0junk", headers={"Content-Encoding": "gzip"})
    )

    result = await fetcher.fetch(url)

    assert result.status == "ok", result.error
    assert result.body == b"<rss></rss>"


async def test_an_encoding_we_did_not_ask_for_is_an_error(server, fetcher):
    url = server.route("/feed", Response(body=b"\x8b\x00", headers={"Content-Encoding": "br"}))

    result = await fetcher.fetch(url)

    assert_error(result, "unsupported content-encoding: br")


async def test_a_body_that_is_not_what_its_encoding_says_is_an_error(server, fetcher):
    url = server.route("/feed", Response(body=FEED, headers={"Content-Encoding": "gzip"}))

    result = await fetcher.fetch(url)

    assert_error(result, "not valid gzip")


# --- size caps and bombs ----------------------------------------------------------------


async def fetch_with_peak(fetcher: Fetcher, url: str) -> tuple[FetchResult, int]:
    tracemalloc.start()
    try:
        result = await fetcher.fetch(url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


async def test_a_gzip_bomb_is_stopped_at_the_cap_without_inflating_in_memory(server, fetcher):
    url = server.route("/bomb", gzip_bomb(1024 * MiB))

    result, peak = await fetch_with_peak(fetcher, url)

    assert_error(result, "larger than 15 MiB")
    assert result.http_status == 200
    # 15 MiB of output kept, plus pieces and buffers; 1 GiB would be far beyond this.
    assert peak < 48 * MiB, f"peak {peak / MiB:.1f} MiB"
    assert result.bytes_read < 1 * MiB, "stopped reading soon after the cap"


@pytest.mark.parametrize(
    "bomb", [deflate_bomb(256 * MiB), deflate_bomb(256 * MiB, raw_deflate=True), double_gzip_bomb()]
)
async def test_deflate_and_nested_bombs_are_stopped_at_the_cap(server, bomb):
    url = server.route("/bomb", bomb)

    async with Fetcher(deadline=5, max_bytes=2 * MiB) as fetcher:
        result, peak = await fetch_with_peak(fetcher, url)

    assert_error(result, "larger than 2 MiB")
    assert peak < 16 * MiB, f"peak {peak / MiB:.1f} MiB"


async def test_a_body_near_the_cap_costs_about_its_own_size_in_memory(server, fetcher):
    body = b"<item/>" * (12 * MiB // 7)
    url = server.route("/feed", compressed(body, "gzip"))

    result, peak = await fetch_with_peak(fetcher, url)

    assert result.status == "ok" and result.body == body
    assert peak < 1.5 * len(body), f"peak {peak / MiB:.1f} MiB"


async def test_a_body_announced_larger_than_the_cap_is_refused_before_reading(server):
    url = server.route("/big", large_body(200 * MiB))

    async with Fetcher(deadline=5) as fetcher:
        result = await fetcher.fetch(url)

    assert_error(result, "larger than 15 MiB")
    assert result.bytes_read == 0
    assert result.headers["content-length"] == str(200 * MiB)


async def test_an_unannounced_oversized_body_is_cut_off_while_streaming(server):
    url = server.route("/big", large_body(200 * MiB, chunked=True))

    async with Fetcher(deadline=5, max_bytes=3 * MiB) as fetcher:
        result = await fetcher.fetch(url)

    assert_error(result, "larger than 3 MiB")
    assert 3 * MiB < result.bytes_read < 4 * MiB


async def test_a_body_exactly_at_the_cap_is_accepted(server):
    url = server.route("/exact", large_body(1 * MiB, chunked=True))

    async with Fetcher(max_bytes=1 * MiB) as fetcher:
        result = await fetcher.fetch(url)

    assert result.status == "ok" and result.body is not None
    assert len(result.body) == 1 * MiB


# --- redirects --------------------------------------------------------------------------


def chain(server: FaultServer, codes: list[int], final: Response | None = None) -> str:
    """Routes /r0 -> /r1 -> ... -> /final with the given redirect codes; returns /r0's URL."""
    for i, code in enumerate(codes):
        target = f"/r{i + 1}" if i + 1 < len(codes) else "/final"
        server.route(f"/r{i}", redirect(target, code))
    server.route("/final", final or Response(body=FEED))
    return server.url("/r0")


@pytest.mark.parametrize(
    ("codes", "moved"),
    [
        ([301], True),
        ([308], True),
        ([301, 308, 301], True),
        ([302], False),
        ([307], False),
        ([303], False),
        ([301, 302], False),
        ([302, 301], False),
        ([301, 307, 308], False),
    ],
)
async def test_the_new_url_is_remembered_only_when_every_hop_was_permanent(
    server, fetcher, codes, moved
):
    url = chain(server, codes)

    result = await fetcher.fetch(url)

    assert result.status == "ok" and result.body == FEED
    assert result.url == url
    assert result.final_url == server.url("/final")
    assert result.permanent_url == (server.url("/final") if moved else None)


async def test_a_permanent_move_to_a_failing_url_is_not_remembered(server, fetcher):
    url = chain(server, [301], final=status(404))

    result = await fetcher.fetch(url)

    assert_error(result, "HTTP 404")
    assert result.final_url == server.url("/final")
    assert result.permanent_url is None


async def test_a_permanent_move_answered_by_304_is_remembered(server, fetcher):
    url = chain(server, [301], final=Response(body=FEED, etag=ETAG))

    result = await fetcher.fetch(url, etag=ETAG)

    assert result.status == "not_modified"
    assert result.permanent_url == server.url("/final")
    assert server.requests[-1].headers["if-none-match"] == ETAG


async def test_relative_locations_are_resolved(server, fetcher):
    server.route("/a/b", redirect("../c?x=1", 302))
    server.route("/c", Response(body=FEED))

    result = await fetcher.fetch(server.url("/a/b"))

    assert result.status == "ok"
    assert result.final_url == server.url("/c?x=1")


async def test_redirects_up_to_the_cap_are_followed(server):
    url = chain(server, [302] * 3)
    async with Fetcher(max_redirects=3) as fetcher:
        result = await fetcher.fetch(url)
    assert result.status == "ok"


async def test_one_redirect_past_the_cap_is_an_error(server, fetcher):
    url = chain(server, [301] * 6)

    result = await fetcher.fetch(url)

    assert_error(result, "too many redirects (6)")
    assert result.permanent_url is None


async def test_a_redirect_loop_is_caught_by_the_cap(server, fetcher):
    server.route("/ping", redirect("/pong", 302))
    server.route("/pong", redirect("/ping", 302))

    result = await fetcher.fetch(server.url("/ping"))

    assert_error(result, "too many redirects (6)")
    assert len(server.requests) == 6


@pytest.mark.parametrize(
    "location", ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/feed", "data:,x"]
)
async def test_a_redirect_to_a_non_http_url_is_refused(server, fetcher, location):
    url = server.route("/feed", redirect(location, 301))

    result = await fetcher.fetch(url)

    assert_error(result, "redirect to a non-http(s) URL")
    assert result.http_status == 301


@pytest.mark.parametrize("location", ["http://[::1/feed", "http://127.0.0.1:99999/feed"])
async def test_a_redirect_to_an_unusable_url_is_refused(server, fetcher, location):
    url = server.route("/feed", redirect(location, 302))

    result = await fetcher.fetch(url)

    assert_error(result, "redirect to an invalid URL")
    assert result.headers["location"] == location


async def test_a_redirect_without_location_is_an_error(server, fetcher):
    url = server.route("/feed", redirect(None, 302))

    result = await fetcher.fetch(url)

    assert_error(result, "redirect (HTTP 302) without a Location")


# --- HTTP errors and throttling ---------------------------------------------------------


@pytest.mark.parametrize("code", [401, 403, 404, 410, 500, 502])
async def test_http_errors_are_reported_by_status(server, fetcher, code):
    url = server.route("/feed", status(code, b"nope"))

    result = await fetcher.fetch(url)

    assert_error(result, f"HTTP {code}")
    words = {401: "needs a login ", 403: "refused ", 410: "gone "}
    assert result.error.startswith(words.get(code, f"HTTP {code}"))
    assert result.http_status == code
    assert result.retry_after is None


async def test_429_with_retry_after_seconds(server, fetcher):
    url = server.route("/feed", retry_after("120"))

    before = datetime.now(UTC)
    result = await fetcher.fetch(url)

    assert result.error == "HTTP 429, retry after 120 s"
    assert result.http_status == 429
    assert result.retry_after is not None and result.retry_after.tzinfo is not None
    expected = before + timedelta(seconds=120)
    assert expected <= result.retry_after <= expected + timedelta(seconds=5)


async def test_503_with_retry_after_date(server, fetcher):
    when = (datetime.now(UTC) + timedelta(minutes=10)).replace(microsecond=0)
    url = server.route("/feed", retry_after(format_datetime(when, usegmt=True), 503))

    result = await fetcher.fetch(url)

    assert result.status == "error" and result.http_status == 503
    assert result.error is not None and result.error.startswith("HTTP 503, retry after ")
    assert result.retry_after == when


@pytest.mark.parametrize("value", ["soon", "-30", "1.5", ""])
async def test_unusable_retry_after_is_ignored(server, fetcher, value):
    url = server.route("/feed", retry_after(value))

    result = await fetcher.fetch(url)

    assert result.error == "HTTP 429"
    assert result.retry_after is None


async def test_a_huge_retry_after_is_clamped_to_a_day(server, fetcher):
    url = server.route("/feed", retry_after("99999999999999999999"))

    before = datetime.now(UTC)
    result = await fetcher.fetch(url)

    assert result.retry_after is not None
    assert result.retry_after - before <= timedelta(hours=24, seconds=5)
    assert result.error == "HTTP 429, retry after 86400 s"


NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", NOW),
        ("120", NOW + timedelta(seconds=120)),
        ("  60 ", NOW + timedelta(seconds=60)),
        ("Sun, 01 Mar 2026 12:30:00 GMT", NOW + timedelta(minutes=30)),
        ("Sun, 01 Mar 2026 13:30:00 +0100", NOW + timedelta(minutes=30)),
        ("Sun, 01 Mar 2026 12:30:00 -0000", NOW + timedelta(minutes=30)),
        ("Mon, 01 Mar 2027 12:00:00 GMT", NOW + timedelta(hours=24)),
        ("999999999999999999999999", NOW + timedelta(hours=24)),
        ("Sun, 01 Mar 2026 11:00:00 GMT", None),  # in the past: no constraint
        ("-1", None),
        ("1e3", None),
        ("٣٠", None),  # Arabic-Indic digits are digits to Python, not to HTTP
        ("tomorrow", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value, NOW) == expected


@given(st.one_of(st.none(), st.text(max_size=40)), st.datetimes(timezones=st.just(UTC)))
def test_parse_retry_after_never_raises_and_stays_within_a_day(value, now):
    result = parse_retry_after(value, now)
    if result is not None:
        assert result.tzinfo is not None
        assert now <= result <= now + timedelta(hours=24)


# --- slow, stuck and broken servers -----------------------------------------------------


@pytest.mark.parametrize(
    "handler",
    [drip(FEED, interval=1.0), slow_headers(10.0), hang],
    ids=["drip", "slow-headers", "hang"],
)
async def test_an_overall_deadline_stops_slow_servers(server, handler):
    url = server.route("/slow", handler)

    async with Fetcher(deadline=1.5) as fetcher:
        started = time.monotonic()
        result = await fetcher.fetch(url)
        took = time.monotonic() - started

    assert_error(result, "timed out after 1.5 s")
    assert result.error == "timed out after 1.5 s"
    assert 1.4 <= took < 2.5
    assert 1.4 <= result.elapsed < 2.5


async def test_a_body_shorter_than_its_content_length_is_an_error(server, fetcher):
    url = server.route("/feed", truncated(declared=1000, sent=500))

    result = await fetcher.fetch(url)

    assert_error(result, "server closed the connection mid-response (got 500 of 1000 bytes)")
    assert result.http_status == 200


async def test_a_connection_reset_mid_body_is_an_error(server, fetcher):
    url = server.route("/feed", reset_mid_body())

    result = await fetcher.fetch(url)

    assert_error(result, "connection reset")


async def test_a_connection_closed_before_any_response_is_an_error(server, fetcher):
    url = server.route("/feed", close_without_response)

    result = await fetcher.fetch(url)

    assert_error(result, "server closed the connection without a response")
    assert result.http_status is None


@pytest.mark.parametrize(
    "handler",
    [bad_chunking(), raw(b"SMTP ready\r\n\r\n"), raw(b"HTTP/1.1 abc OK\r\n\r\n")],
    ids=["bad-chunking", "not-http", "bad-status-line"],
)
async def test_malformed_responses_are_errors(server, fetcher, handler):
    url = server.route("/feed", handler)

    result = await fetcher.fetch(url)

    assert_error(result, "malformed response")


async def test_many_small_headers_are_fine(server, fetcher):
    url = server.route("/feed", many_headers(3000))

    result = await fetcher.fetch(url)

    assert result.status == "ok"
    assert result.headers["x-h2999"] == "1"


async def test_the_content_type_is_left_for_the_parser_to_judge(server, fetcher):
    url = server.route("/feed", Response(body=b"<html></html>", content_type="image/png"))

    result = await fetcher.fetch(url)

    assert result.status == "ok"
    assert result.headers["content-type"] == "image/png"


async def test_huge_response_headers_are_refused(server, fetcher):
    url = server.route("/feed", huge_headers())

    result = await fetcher.fetch(url)

    assert_error(result, "response headers too large")


async def test_a_refused_connection_is_an_error(fetcher):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket closes

    result = await fetcher.fetch(f"http://127.0.0.1:{port}/feed")

    assert_error(result, "connection refused")
    assert result.http_status is None and result.headers == {}


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
async def test_an_untrusted_certificate_is_refused(fetcher):
    with FaultServer(tls=True) as tls_server:
        url = tls_server.route("/feed", Response(body=FEED))
        assert url.startswith("https://")

        result = await fetcher.fetch(url)

    assert_error(result, "TLS certificate not accepted")
    assert "self" in (result.error or ""), "says why: self-signed"


async def test_tls_spoken_to_a_plain_http_port_is_a_tls_error(server, fetcher):
    server.route("/feed", Response(body=FEED))

    result = await fetcher.fetch(f"https://127.0.0.1:{server.port}/feed")

    assert_error(result, "TLS")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://example.com/feed", "not an http(s) URL"),
        ("javascript:alert(1)", "not an http(s) URL"),
        ("example.com/feed", "not an http(s) URL"),
        ("http://", "invalid URL"),
        ("http://exa\nmple.com/", "invalid URL"),
        ("https://xn--/", "invalid URL"),
        ("http://127.0.0.1:99999/feed", "invalid URL: bad port 99999"),
        ("http://[::1/feed", "invalid URL"),
    ],
)
async def test_urls_that_cannot_be_fetched_are_errors(fetcher, url, words):
    result = await fetcher.fetch(url)

    assert_error(result, words)
    assert result.url == url and result.elapsed == 0.0


async def test_cancelling_a_fetch_cancels_it(server, fetcher):
    url = server.route("/slow", hang)

    task = asyncio.create_task(fetcher.fetch(url))
    await asyncio.sleep(0.2)
    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task


# --- politeness: concurrency ------------------------------------------------------------


async def test_no_more_than_the_global_limit_of_requests_run_at_once(server):
    url = server.route("/feed", slow_headers(0.3, FEED))

    async with Fetcher(concurrency=3, per_host=10) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(url) for _ in range(9)))

    assert all(r.status == "ok" for r in results)
    assert server.max_in_flight == 3


async def test_no_more_than_the_per_host_limit_of_requests_hit_one_host(server):
    server.route("/feed", slow_headers(0.3, FEED))
    urls = [server.url("/feed")] * 6 + [server.url("/feed", host="localhost")] * 6

    async with Fetcher(concurrency=8, per_host=2) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(u) for u in urls))

    assert all(r.status == "ok" for r in results), [r.error for r in results]
    assert server.max_in_flight_for(f"127.0.0.1:{server.port}") == 2
    assert server.max_in_flight_for(f"localhost:{server.port}") == 2
    assert server.max_in_flight == 4


async def test_waiting_for_a_slot_does_not_count_against_the_deadline(server):
    url = server.route("/feed", slow_headers(0.5, FEED))

    async with Fetcher(deadline=1.5, per_host=1) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(url) for _ in range(4)))

    # The last one waited ~1.5 s for its turn, then took ~0.5 s: within its deadline.
    assert [r.status for r in results] == ["ok"] * 4
    assert all(r.elapsed < 1.5 for r in results)
    assert server.max_in_flight == 1


async def test_successive_responses_can_be_scripted_for_polling_tests(server, fetcher):
    url = server.route("/feed", sequence(Response(body=FEED, etag=ETAG), status(500)))

    first, second, third = [await fetcher.fetch(url) for _ in range(3)]

    assert first.status == "ok"
    assert second.error == third.error == "HTTP 500"


async def test_handlers_can_be_plain_functions(server, fetcher):
    def echo_agent(request: Request, reply: Reply) -> None:
        Response(body=request.headers["user-agent"].encode())(request, reply)

    url = server.route("/echo", echo_agent)

    result = await fetcher.fetch(url)

    assert result.body == DEFAULT_USER_AGENT.encode()
