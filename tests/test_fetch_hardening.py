"""Fetching under load and the words a failed fetch is reported in."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest

from ingest.fetch import Fetcher
from tests.support.fault_server import (
    FaultServer,
    Response,
    bad_chunking,
    raw,
    redirect,
    slow_headers,
    status,
)

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


async def test_redirects_on_a_busy_host_are_not_queued_behind_slow_feeds(server):
    slow = server.route("/slow", slow_headers(0.6, FEED))
    server.route("/feed", Response(body=FEED))
    moved = server.route("/301", redirect("/feed", 301))
    moved_too = server.route("/308", redirect("/feed", 308))
    loop = server.route("/loop", redirect("/loop", 302))

    async with Fetcher(deadline=1.0, per_host=2, max_redirects=5) as fetcher:
        # Two slow feeds hold the host; the redirects queue; two more slow
        # feeds queue behind them. A hop that gave up its slot would wait
        # behind those too, on its own deadline's time.
        tasks = [asyncio.create_task(fetcher.fetch(slow)) for _ in range(2)]
        await asyncio.sleep(0.05)
        started = time.monotonic()
        redirected = [asyncio.create_task(fetcher.fetch(u)) for u in (moved, moved_too, loop)]
        await asyncio.sleep(0.05)
        tasks += [asyncio.create_task(fetcher.fetch(slow)) for _ in range(2)]
        first, second, looped = await asyncio.gather(*redirected)
        redirects_done = time.monotonic() - started
        slow_results = await asyncio.gather(*tasks)

    assert (first.status, first.final_url) == ("ok", server.url("/feed")), first.error
    assert first.permanent_url == server.url("/feed")
    assert (second.status, second.final_url) == ("ok", server.url("/feed")), second.error
    assert looped.status == "error" and looped.error == "too many redirects (6)"
    # Each ran only as long as its own requests took, once it had its slot.
    assert all(result.elapsed < 0.5 for result in (first, second, looped))
    assert redirects_done < 1.5  # behind the first two slow feeds only, not all four
    assert [r.status for r in slow_results] == ["ok"] * 4, [r.error for r in slow_results]
    assert server.max_in_flight_for(f"127.0.0.1:{server.port}") == 2


async def test_a_hop_to_another_host_queues_without_spending_the_deadline(server):
    slow = server.url("/slow", host="localhost")
    server.route("/slow", slow_headers(0.6, FEED))
    server.route("/feed", Response(body=FEED))
    to_busy_host = server.route("/away", redirect(server.url("/feed", host="localhost"), 301))

    async with Fetcher(deadline=0.5, per_host=1) as fetcher:
        busy = [asyncio.create_task(fetcher.fetch(slow)) for _ in range(2)]
        await asyncio.sleep(0.05)
        moved = await fetcher.fetch(to_busy_host)
        await asyncio.gather(*busy)

    # It waited ~1 s for localhost's only slot, twice its 0.5 s deadline.
    assert moved.status == "ok", moved.error
    assert moved.final_url == server.url("/feed", host="localhost")


# --- the words of a failure -------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (401, "needs a login (HTTP 401)"),
        (403, "refused (HTTP 403), perhaps a bot wall"),
        (410, "gone (HTTP 410)"),
        (500, "HTTP 500"),
    ],
)
async def test_a_status_says_what_it_means(server, code: int, words: str) -> None:
    async with Fetcher(deadline=5) as fetcher:
        result = await fetcher.fetch(server.route(f"/{code}", status(code)))
    assert (result.status, result.http_status, result.error) == ("error", code, words)


@pytest.mark.parametrize(
    ("reply", "shown"),
    [
        (b"HTTP/1.1 99x OK\r\n\r\n", '"HTTP/1.1 99x OK"'),
        (b"HTTP/1.1 200 OK\r\nBad Header\r\n\r\n", '"Bad Header"'),
        (b"\x00\x01gar'bage\r\n\r\n", "gar'bage\""),
    ],
)
async def test_a_malformed_reply_is_quoted_as_text_not_as_a_python_repr(
    server, reply: bytes, shown: str
) -> None:
    async with Fetcher(deadline=5) as fetcher:
        result = await fetcher.fetch(server.route("/bad", raw(reply)))
    assert result.status == "error"
    assert result.error.startswith("malformed response: ")
    assert shown in result.error
    assert "bytearray" not in result.error and "b'" not in result.error
    assert "\x00" not in result.error


async def test_a_bad_chunk_header_is_quoted_as_text(server) -> None:
    async with Fetcher(deadline=5) as fetcher:
        result = await fetcher.fetch(server.route("/chunks", bad_chunking()))
    assert result.error == 'malformed response: illegal chunk header: "zz-not-hex"'


@pytest.mark.parametrize("excess", [1, 1024])
def test_a_config_just_over_the_limit_does_not_read_as_the_limit(excess: int) -> None:
    from ingest.config import MAX_FILE_BYTES, ConfigError, parse_config

    with pytest.raises(ConfigError) as refused:
        parse_config(b"#" * (MAX_FILE_BYTES + excess))
    message = str(refused.value)
    assert "the file is over 10 MB; a configuration file may be at most 10 MB" in message

    with pytest.raises(ConfigError) as refused:
        parse_config(b"#" * (MAX_FILE_BYTES * 2))
    assert "the file is 20 MB" in str(refused.value)
