"""A loopback HTTP server for the generated feeds: ETag, Last-Modified, 304.

Every answer, 200 or 304, carries both validators.

ThreadingHTTPServer with HTTP/1.1 keep-alive: clients reuse a handful of
connections, so a thread per connection is cheap, and every document is
rendered before a measurement starts, so serving is a dict lookup plus a
socket write. The backlog is raised from socketserver's default of 5, which
refuses connections when 500 fetches start at once.
"""

from __future__ import annotations

import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bench.corpus import Corpus, etag_for


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024
    # Set by FeedServer.
    feeds: FeedServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass  # a line per request would cost more than serving it

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        feeds = self.server.feeds
        feeds.requests += 1
        if feeds.latency:
            time.sleep(feeds.latency)
        index = _feed_index(self.path)
        if index is None or index >= feeds.corpus.feeds:
            self._reply(404, b"not found", {"Content-Type": "text/plain"})
            return
        generation = feeds.generation
        etag = etag_for(index, generation)
        modified = feeds.last_modified[generation]
        if not feeds.ignore_validators and (
            self.headers.get("If-None-Match") == etag
            or (
                "If-None-Match" not in self.headers
                and self.headers.get("If-Modified-Since") == modified
            )
        ):
            feeds.not_modified += 1
            self._reply(304, b"", {"ETag": etag, "Last-Modified": modified})
            return
        body = feeds.document(index, generation)
        kind = "application/rss+xml" if index % 2 == 0 else "application/atom+xml"
        self._reply(
            200,
            body,
            {"Content-Type": f"{kind}; charset=utf-8", "ETag": etag, "Last-Modified": modified},
        )
        if feeds.first_answer is None:
            feeds.first_answer = time.monotonic()

    def _reply(self, code: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(code)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


def _feed_index(path: str) -> int | None:
    # /feeds/0042.xml
    if not path.startswith("/feeds/") or not path.endswith(".xml"):
        return None
    number = path[len("/feeds/") : -len(".xml")]
    return int(number) if number.isdigit() else None


class FeedServer:
    """Serves Corpus documents at /feeds/NNNN.xml; `generation` switches content."""

    def __init__(self, corpus: Corpus, *, latency: float = 0.0) -> None:
        self.corpus = corpus
        self.latency = latency
        self.generation = 0
        # Like the many servers that send validators but never answer 304:
        # every GET gets the whole document, identical bytes while nothing changed.
        self.ignore_validators = False
        self.requests = 0
        self.not_modified = 0
        # CLOCK_MONOTONIC when the first whole document went out (None: not yet);
        # the same clock in every process, so an app's probe can be timed from it.
        self.first_answer: float | None = None
        self._documents: dict[tuple[int, int], bytes] = {}
        self.last_modified: dict[int, str] = {}
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.feeds = self
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def prepare(self, generation: int) -> None:
        """Render every document of a generation now, outside any measurement."""
        for index in range(self.corpus.feeds):
            self.document(index, generation)
        self.last_modified.setdefault(
            generation, formatdate(1_700_000_000 + generation, usegmt=True)
        )

    def document(self, index: int, generation: int) -> bytes:
        key = (index, generation)
        found = self._documents.get(key)
        if found is None:
            found = self._documents[key] = self.corpus.document(index, generation)
        return found

    def switch(self, generation: int) -> None:
        self.prepare(generation)
        self.generation = generation

    def urls(self, count: int | None = None) -> list[str]:
        """The URLs of the first `count` feeds (all by default)."""
        total = self.corpus.feeds if count is None else min(count, self.corpus.feeds)
        return [f"{self.base_url}/feeds/{i:04d}.xml" for i in range(total)]

    def start(self) -> FeedServer:
        self.prepare(0)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
