"""HTTP for the dashboard runs on a thread of its own; callers see the plain Fetcher."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest

from ingest.fetch import Fetcher, FetchResult
from ingest.network import BackgroundLoop, OffLoopFetcher
from tests.support.fault_server import FaultServer, Response, hang

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as s:
        yield s


class ThreadRecordingFetcher(Fetcher):
    """A real Fetcher that notes the thread each fetch ran on, and cancellations."""

    def __init__(self) -> None:
        super().__init__(deadline=10)
        self.threads: list[int] = []
        self.cancelled = asyncio.Event()

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        self.threads.append(threading.get_ident())
        try:
            return await super().fetch(url, etag=etag, last_modified=last_modified)
        except asyncio.CancelledError:
            self.cancelled.set()
            raise


async def test_a_fetch_runs_on_the_network_thread_and_returns_the_feed(
    server: FaultServer,
) -> None:
    url = server.route("/feed", Response(body=FEED, headers=[("ETag", '"v1"')]))
    recording = ThreadRecordingFetcher()
    fetcher = OffLoopFetcher(recording)
    try:
        result = await fetcher.fetch(url)
        again = await fetcher.fetch(url, etag='"v1"')
    finally:
        await fetcher.aclose()

    assert result.status == "ok" and result.body == FEED
    assert result.etag == '"v1"'
    assert again.status in ("ok", "not_modified")
    assert recording.threads and threading.get_ident() not in recording.threads


async def test_cancelling_the_caller_cancels_the_request_on_the_network_thread(
    server: FaultServer,
) -> None:
    url = server.route("/hang", hang)
    recording = ThreadRecordingFetcher()
    fetcher = OffLoopFetcher(recording)
    try:
        task = asyncio.create_task(fetcher.fetch(url))
        for _ in range(200):
            if recording.threads:
                break
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        for _ in range(200):
            if recording.cancelled.is_set():
                break
            await asyncio.sleep(0.01)
        assert recording.cancelled.is_set()
    finally:
        await fetcher.aclose()


def test_closing_the_background_loop_ends_its_thread() -> None:
    loop = BackgroundLoop(name="test-network")
    assert any(t.name == "test-network" for t in threading.enumerate())
    loop.close()
    assert not any(t.name == "test-network" for t in threading.enumerate())
