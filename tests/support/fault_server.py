"""A local HTTP server that misbehaves on demand, for fetcher, feed and benchmark tests.

Real sockets on 127.0.0.1 with an ephemeral port, no mocks: what the fetcher sees is
exactly what a hostile or broken server on the internet could send. Routes are
registered at runtime, so each test describes the server it needs:

    with FaultServer() as server:
        url = server.route("/feed", Response(body=b"<rss/>", etag='"v1"'))
        url = server.route("/loop", redirect("/loop"))
        url = server.route("/bomb", gzip_bomb())

A route is any callable ``handler(request, reply)``; ``Response`` covers well-formed
replies (including 304 handling and slow or streamed bodies) and the helpers below
cover the faults. Everything is bounded: handlers that wait or drip give up when the
server stops, threads are daemons, and ``stop()`` closes every open connection.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import socket
import socketserver
import ssl
import struct
import subprocess
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any, BinaryIO

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB

_MAX_HEAD = 64 * KiB
_BLOCK = 64 * KiB
_RSS = "application/rss+xml"


@dataclass(frozen=True, slots=True)
class Request:
    """One request as the server saw it."""

    method: str
    target: str  # path and query, as sent
    path: str
    headers: dict[str, str]  # lower-case keys
    host: str  # the Host header, which is how tests tell "127.0.0.1" from "localhost"


class Reply:
    """The handler's side of one connection: raw writes plus a few well-known faults."""

    def __init__(self, sock: socket.socket, stopping: threading.Event) -> None:
        self._sock = sock
        self._stopping = stopping
        # Handlers that leave the connection in a well-framed state set this so the
        # connection can serve the next request (httpx reuses connections).
        self.keep_alive = False
        # When the last write began: the client cannot have the whole answer before.
        self.last_send: float | None = None

    def send(self, data: bytes) -> None:
        self.last_send = time.monotonic()
        self._sock.sendall(data)

    def send_head(
        self, status: int, headers: Iterable[tuple[str, str]] = (), reason: str | None = None
    ) -> None:
        if reason is None:
            try:
                reason = HTTPStatus(status).phrase
            except ValueError:
                reason = "Whatever"
        lines = [f"HTTP/1.1 {status} {reason}"]
        lines += [f"{name}: {value}" for name, value in headers]
        self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def sleep(self, seconds: float) -> bool:
        """Wait, but wake up early when the server stops; False means "stop now"."""
        return not self._stopping.wait(seconds)

    def reset(self) -> None:
        """Abort the connection with a TCP RST instead of a clean FIN."""
        self.keep_alive = False
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self._sock.close()


Handler = Callable[[Request, Reply], None]

# Bodies can be bytes or a factory of chunks, so 200 MB never sits in memory.
Body = bytes | Callable[[], Iterable[bytes]]
Headers = Mapping[str, str] | Sequence[tuple[str, str]]


@dataclass
class Response:
    """A well-formed reply, optionally slow, streamed, or conditional.

    With ``etag`` or ``last_modified`` set, a matching If-None-Match (or, when that is
    absent, an If-Modified-Since not older than ``last_modified``) gets a 304.
    ``length=None`` with a callable body means chunked transfer encoding.
    """

    status: int = 200
    body: Body = b""
    headers: Headers = ()
    content_type: str | None = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    length: int | None = None  # Content-Length for callable bodies; None means chunked
    delay: float = 0.0  # before the status line ("slow headers")
    chunk_delay: float = 0.0  # between body chunks ("drip")

    def __call__(self, request: Request, reply: Reply) -> None:
        if self.delay and not reply.sleep(self.delay):
            return
        if self._not_modified(request):
            reply.send_head(304, self._validators())
            reply.keep_alive = True
            return
        head = list(_pairs(self.headers))
        if self.content_type is not None:
            head.append(("Content-Type", self.content_type))
        head += self._validators()
        if isinstance(self.body, bytes):
            chunks: Iterable[bytes] = [self.body] if self.body else []
            length: int | None = len(self.body)
        else:
            chunks, length = self.body(), self.length
        framing = ("Content-Length", str(length)) if length is not None else None
        head.append(framing or ("Transfer-Encoding", "chunked"))
        reply.send_head(self.status, head)
        for chunk in chunks:
            if self.chunk_delay and not reply.sleep(self.chunk_delay):
                return
            if not chunk:
                continue
            reply.send(chunk if length is not None else b"%x\r\n%s\r\n" % (len(chunk), chunk))
        if length is None:
            reply.send(b"0\r\n\r\n")
        reply.keep_alive = True

    def _validators(self) -> list[tuple[str, str]]:
        found = []
        if self.etag is not None:
            found.append(("ETag", self.etag))
        if self.last_modified is not None:
            found.append(("Last-Modified", self.last_modified))
        return found

    def _not_modified(self, request: Request) -> bool:
        if self.status != 200:
            return False
        if_none_match = request.headers.get("if-none-match")
        if if_none_match is not None:
            # RFC 9110: when If-None-Match is present, If-Modified-Since is ignored.
            tags = {tag.strip() for tag in if_none_match.split(",")}
            return self.etag is not None and (self.etag in tags or "*" in tags)
        since = request.headers.get("if-modified-since")
        if since is None or self.last_modified is None:
            return False
        try:
            return parsedate_to_datetime(since) >= parsedate_to_datetime(self.last_modified)
        except (TypeError, ValueError):
            return False


def _pairs(headers: Headers) -> list[tuple[str, str]]:
    return list(headers.items()) if isinstance(headers, Mapping) else list(headers)


# --- well-known replies ---------------------------------------------------------------


def status(code: int, body: bytes = b"", headers: Headers = ()) -> Response:
    return Response(status=code, body=body, headers=headers, content_type="text/plain")


def redirect(location: str | None, code: int = 301) -> Response:
    """A redirect; ``location=None`` leaves the Location header out."""
    headers = [] if location is None else [("Location", location)]
    return Response(status=code, headers=headers, content_type=None)


def retry_after(value: str, code: int = 429) -> Response:
    return Response(status=code, headers=[("Retry-After", value)], content_type="text/plain")


def drip(body: bytes, interval: float = 1.0) -> Response:
    """Send the headers at once, then the body one byte per ``interval`` seconds."""

    def one_byte_at_a_time() -> Iterator[bytes]:
        return (body[i : i + 1] for i in range(len(body)))

    return Response(body=one_byte_at_a_time, length=len(body), chunk_delay=interval)


def slow_headers(delay: float, body: bytes = b"<rss/>") -> Response:
    return Response(body=body, delay=delay)


def hang(request: Request, reply: Reply) -> None:
    """Accept the request and never answer (until the server stops)."""
    reply.sleep(3600)


def close_without_response(request: Request, reply: Reply) -> None:
    pass


def raw(data: bytes) -> Handler:
    """Send exactly these bytes and close: for malformed responses."""

    def handler(request: Request, reply: Reply) -> None:
        reply.send(data)

    return handler


def truncated(declared: int, sent: int) -> Handler:
    """Announce a Content-Length, send less, close cleanly (a length mismatch)."""

    def handler(request: Request, reply: Reply) -> None:
        reply.send_head(200, [("Content-Type", _RSS), ("Content-Length", str(declared))])
        reply.send(b"x" * sent)

    return handler


def reset_mid_body(declared: int = 100 * KiB, sent: int = 10 * KiB) -> Handler:
    """Send part of the body, then abort the connection with a TCP RST."""

    def handler(request: Request, reply: Reply) -> None:
        reply.send_head(200, [("Content-Type", _RSS), ("Content-Length", str(declared))])
        reply.send(b"x" * sent)
        reply.sleep(0.05)  # let the bytes leave before the reset overtakes them
        reply.reset()

    return handler


def bad_chunking() -> Handler:
    return raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n5\r\n<rss>\r\nzz-not-hex\r\nboom\r\n0\r\n\r\n"
    )


def huge_headers(total: int = 1 * MiB, each: int = 4 * KiB) -> Response:
    """Many big headers; past ~100 KiB httpx refuses to buffer them."""
    count = max(1, total // each)
    return Response(body=b"<rss/>", headers=[(f"X-Filler-{i}", "a" * each) for i in range(count)])


def many_headers(count: int = 5000) -> Response:
    return Response(body=b"<rss/>", headers=[(f"X-H{i}", "1") for i in range(count)])


def large_body(size: int = 200 * MiB, *, chunked: bool = False) -> Response:
    """``size`` bytes of plausible XML streamed from a generator (never held in memory)."""
    item = b"<item><title>filler</title></item>\n"
    block = (item * (_BLOCK // len(item) + 1))[:_BLOCK]

    def blocks() -> Iterator[bytes]:
        full, rest = divmod(size, _BLOCK)
        for _ in range(full):
            yield block
        if rest:
            yield block[:rest]

    return Response(body=blocks, length=None if chunked else size)


def compressed(
    body: bytes, encoding: str = "gzip", *, header: str | None = None, **kwargs: Any
) -> Response:
    """A compressed body; ``encoding`` may be a list like "gzip, gzip" (applied left to
    right). ``header`` overrides the Content-Encoding sent, to imitate servers that lie
    (raw deflate labelled "deflate", "x-gzip")."""
    data = body
    for coding in (c.strip() for c in encoding.split(",")):
        data = _encode(data, coding)
    headers = [("Content-Encoding", header or encoding)]
    return Response(body=data, headers=headers, **kwargs)


def _encode(data: bytes, coding: str) -> bytes:
    if coding == "gzip":
        c = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    elif coding == "deflate":
        c = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS)
    elif coding == "raw-deflate":  # what some servers wrongly send as "deflate"
        c = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    elif coding == "identity":
        return data
    else:
        raise ValueError(coding)
    return c.compress(data) + c.flush()


# --- decompression bombs --------------------------------------------------------------
#
# Compressing 1 GiB of zeros would take seconds, so the stream is assembled instead:
# a full flush makes a deflate segment independent of what came before, so one segment
# for 1 MiB of zeros (~1 KB) repeated N times is a valid stream of N MiB. Only the
# checksum trailer needs the whole input, and it is computed lazily, once, only if a
# client reads that far.


@functools.cache
def _zero_segment() -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(bytes(MiB)) + c.flush(zlib.Z_FULL_FLUSH)


_FINAL_EMPTY_BLOCK = b"\x03\x00"


@functools.cache
def _zero_checksums(mebibytes: int) -> tuple[int, int]:
    zeros = bytes(MiB)
    crc, adler = 0, 1
    for _ in range(mebibytes):
        crc, adler = zlib.crc32(zeros, crc), zlib.adler32(zeros, adler)
    return crc, adler


def _zero_stream(size: int, wrapper: str) -> tuple[Callable[[], Iterator[bytes]], int]:
    """(chunk factory, length) for ``size`` zero bytes (a multiple of 1 MiB) compressed."""
    mebibytes = max(1, size // MiB)
    segment = _zero_segment()
    if wrapper == "gzip":
        head, tail_len = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff", 8
    elif wrapper == "zlib":
        head, tail_len = b"\x78\xda", 4
    else:  # raw deflate
        head, tail_len = b"", 0
    length = len(head) + len(segment) * mebibytes + len(_FINAL_EMPTY_BLOCK) + tail_len

    def chunks() -> Iterator[bytes]:
        yield head
        per_chunk = max(1, _BLOCK // len(segment))
        for done in range(0, mebibytes, per_chunk):
            yield segment * min(per_chunk, mebibytes - done)
        yield _FINAL_EMPTY_BLOCK
        if wrapper == "gzip":
            crc, _ = _zero_checksums(mebibytes)
            yield struct.pack("<II", crc, (mebibytes * MiB) & 0xFFFFFFFF)
        elif wrapper == "zlib":
            _, adler = _zero_checksums(mebibytes)
            yield struct.pack(">I", adler)

    return chunks, length


def gzip_bomb(size: int = GiB) -> Response:
    """``size`` zero bytes gzip-compressed (~1 MB on the wire per GiB)."""
    chunks, length = _zero_stream(size, "gzip")
    return Response(body=chunks, length=length, headers=[("Content-Encoding", "gzip")])


def deflate_bomb(size: int = GiB, *, raw_deflate: bool = False) -> Response:
    chunks, length = _zero_stream(size, "raw" if raw_deflate else "zlib")
    return Response(body=chunks, length=length, headers=[("Content-Encoding", "deflate")])


@functools.cache
def _double_gzip(size: int) -> bytes:
    chunks, _ = _zero_stream(size, "gzip")
    outer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return b"".join(outer.compress(chunk) for chunk in chunks()) + outer.flush()


def double_gzip_bomb(size: int = GiB) -> Response:
    """gzip(gzip(zeros)): a few KB that inflate to ~1 MB, then to ``size``."""
    return Response(body=_double_gzip(size), headers=[("Content-Encoding", "gzip, gzip")])


def sequence(*handlers: Handler) -> Handler:
    """Answer successive requests with successive handlers (the last one repeats)."""
    lock = threading.Lock()
    calls = itertools.count()

    def handler(request: Request, reply: Reply) -> None:
        with lock:
            index = min(next(calls), len(handlers) - 1)
        handlers[index](request, reply)

    return handler


# --- the server -----------------------------------------------------------------------


@dataclass
class _Stats:
    """Each request's host, arrival and the start of its answer's last write.

    A request counts as in flight until its last write begins, not until its
    handler returns: the client may read the answer and send its next request
    before the handler's thread gets the interpreter back, which would count
    one request too many."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    # [host, arrival, end], end None while the handler still runs.
    spans: list[list[Any]] = field(default_factory=list)

    def most_at_once(self, host: str | None = None) -> int:
        with self.lock:
            spans = [list(s) for s in self.spans if host is None or s[0] == host]
        # Ends sort before starts at the same moment: back to back is not at once.
        edges = [(start, 1) for _, start, _ in spans]
        edges += [(end, -1) for _, _, end in spans if end is not None]
        edges.sort()
        most = now = 0
        for _, step in edges:
            now += step
            most = max(most, now)
        return most


class FaultServer:
    """Threaded HTTP/1.1 server on 127.0.0.1; use as a context manager or start()/stop()."""

    def __init__(self, host: str = "127.0.0.1", *, tls: bool = False) -> None:
        """``tls=True`` serves HTTPS with a throwaway self-signed certificate for
        127.0.0.1/localhost (made with the openssl command; see ``cert_path``)."""
        self._routes: dict[str, Handler] = {}
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._stats = _Stats()
        self.requests: list[Request] = []
        self._server = _TCPServer((host, 0), _make_handler_class(self))
        self.port: int = self._server.server_address[1]
        self._tls = _server_tls_context() if tls else None
        self.scheme = "https" if tls else "http"
        self.cert_path: Path | None = _self_signed_certificate()[0] if tls else None
        self.base_url = f"{self.scheme}://{host}:{self.port}"
        self._thread: threading.Thread | None = None

    def route(self, path: str, handler: Handler) -> str:
        """Serve ``path`` (exact match, query ignored) with ``handler``; returns its URL."""
        self._routes[path] = handler
        return self.url(path)

    def url(self, path: str, host: str | None = None) -> str:
        """The URL of ``path``; ``host="localhost"`` gives a second host name for tests."""
        return f"{self.scheme}://{host}:{self.port}{path}" if host else self.base_url + path

    @property
    def max_in_flight(self) -> int:
        return self._stats.most_at_once()

    def max_in_flight_for(self, host: str) -> int:
        """Most requests in flight at once whose Host header was ``host`` (with port)."""
        return self._stats.most_at_once(host)

    def start(self) -> FaultServer:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        for conn in list(self._connections):
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        if self._thread is not None:
            self._thread.join(timeout=2)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # Called from connection threads.
    def _serve_connection(self, sock: socket.socket) -> None:
        sock.settimeout(30)  # a safety net: no connection thread outlives a stuck client
        self._connections.add(sock)
        try:
            if self._tls is not None:
                # A client that rejects the certificate makes this raise: that is fine.
                self._connections.discard(sock)
                sock = self._tls.wrap_socket(sock, server_side=True)
                self._connections.add(sock)
            rfile = sock.makefile("rb")
            if self._tls is None and rfile.peek(1)[:1] == b"\x16":
                # A TLS ClientHello on this plain port: answer in plain HTTP, as real
                # servers do, so the client's handshake fails at once.
                Reply(sock, self._stopping).send_head(400, [("Connection", "close")])
                return
            while not self._stopping.is_set():
                request = _read_request(rfile)
                if request is None:
                    return
                self.requests.append(request)
                reply = Reply(sock, self._stopping)
                self._dispatch(request, reply)
                if not reply.keep_alive or request.headers.get("connection") == "close":
                    return
        except (OSError, ValueError):
            return  # the client went away, was reset, or sent garbage: normal here
        finally:
            self._connections.discard(sock)

    def _dispatch(self, request: Request, reply: Reply) -> None:
        handler = self._routes.get(request.path, _not_found)
        stats = self._stats
        span: list[Any] = [request.host, time.monotonic(), None]
        with stats.lock:
            stats.spans.append(span)
        try:
            handler(request, reply)
        finally:
            with stats.lock:
                span[2] = reply.last_send if reply.last_send is not None else time.monotonic()


def _not_found(request: Request, reply: Reply) -> None:
    status(404, b"no such route")(request, reply)


def _read_request(rfile: BinaryIO) -> Request | None:
    """Parse a request head; None when the client closed the connection."""
    lines: list[bytes] = []
    size = 0
    while True:
        line = rfile.readline(_MAX_HEAD)
        if not line:
            return None
        size += len(line)
        if size > _MAX_HEAD:
            return None
        if line in (b"\r\n", b"\n"):
            if lines:
                break
            continue  # tolerate stray blank lines between requests
        lines.append(line.rstrip(b"\r\n"))
    method, target, _version = lines[0].decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    for raw_line in lines[1:]:
        name, _, value = raw_line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    if length:
        rfile.read(length)
    path = target.split("?", 1)[0]
    return Request(method, target, path, headers, headers.get("host", ""))


@functools.cache
def _self_signed_certificate() -> tuple[Path, Path]:
    """(certificate, key) files, made once per process with the openssl command."""
    folder = Path(tempfile.mkdtemp(prefix="aiwire-fault-tls-"))
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    return cert, key


def _server_tls_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*_self_signed_certificate())
    return context


class _TCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    block_on_close = False  # stop() must not wait for a handler that is dripping
    # socketserver's default backlog of 5 makes the sixth of eight concurrent
    # connections wait for a SYN retry (about a second) before it is accepted.
    request_queue_size = 128


def _make_handler_class(server: FaultServer) -> type[socketserver.BaseRequestHandler]:
    class _Connection(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            server._serve_connection(self.request)

    return _Connection


def wait_until(predicate: Callable[[], bool], timeout: float = 2.0) -> bool:
    """Poll ``predicate`` (for server-side effects that trail the client a little)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()
