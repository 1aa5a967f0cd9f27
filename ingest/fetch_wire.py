"""HTTP/1.1 for the feed fetcher: h11 over asyncio connections, kept alive between feeds.

httpx's own transport goes through httpcore and anyio, whose per-request work
(wrapping every socket, events, a readability check of every pooled connection on
each request) costs several times the HTTP exchange itself when a poll is a
hundred 304s. A fetch only ever sends a GET and streams the answer, so this
transport does just that: one h11 state machine per connection, idle connections
reused while the server keeps them open, TLS built on the first https:// request.
Errors are raised as ingest.wire_errors, named as httpx names them and with
the messages httpx's transport gives, so callers describe both alike.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections import deque
from collections.abc import AsyncIterator, Callable

import h11

from ingest import wire_errors as errors
from ingest.fetch_url import FeedURL
from ingest.wire_response import Headers, WireResponse

# Headers past this size are refused (a hostile server could send them forever).
MAX_HEAD_BYTES = 100 * 1024
# A connection idle for longer may have been dropped by the server meanwhile.
KEEPALIVE_SECONDS = 5.0
# Reading pauses while this much is waiting unread (the reader caps the body itself).
_HIGH_WATER = 256 * 1024

Origin = tuple[str, str, int]


class _Wire(asyncio.Protocol):
    """One socket's incoming bytes, waited for one piece at a time."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self._pieces: deque[bytes] = deque()
        self._buffered = 0
        self._paused = False
        self._eof = False
        self._error: BaseException | None = None
        self._waiter: asyncio.Future[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self._pieces.append(data)
        self._buffered += len(data)
        if self._buffered > _HIGH_WATER and not self._paused and self.transport is not None:
            self._paused = True
            self.transport.pause_reading()
        self._wake()

    def eof_received(self) -> bool:
        self._eof = True
        self._wake()
        return False  # close our side too

    def connection_lost(self, exc: Exception | None) -> None:
        self._eof = True
        self._error = exc
        self._wake()

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    @property
    def usable(self) -> bool:
        """Idle and still open: nothing arrived unasked, the server has not closed it."""
        transport = self.transport
        return not (self._pieces or self._eof or transport is None or transport.is_closing())

    async def read(self) -> bytes:
        """The next piece received; b"" once the server has closed its side."""
        while not self._pieces:
            if self._error is not None:
                raise self._error
            if self._eof:
                return b""
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        data = self._pieces.popleft()
        self._buffered -= len(data)
        if self._paused and self._buffered <= _HIGH_WATER // 4:
            self._paused = False
            self.transport.resume_reading()  # type: ignore[union-attr]
        return data

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


class _Connection:
    def __init__(self, origin: Origin, wire: _Wire) -> None:
        self.origin = origin
        self.wire = wire
        self.h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD_BYTES)
        self.idle_since = 0.0

    def reusable(self, now: float) -> bool:
        return self.wire.usable and now - self.idle_since < KEEPALIVE_SECONDS

    def send(self, event: h11.Event) -> None:
        data = self.h11.send(event)
        if data:
            self.wire.transport.write(data)  # type: ignore[union-attr]

    async def next_event(self, read_timeout: float | None) -> h11.Event:
        while True:
            try:
                event = self.h11.next_event()
            except h11.RemoteProtocolError as exc:
                raise errors.RemoteProtocolError(str(exc)) from exc
            if event is not h11.NEED_DATA:
                return event  # type: ignore[return-value]
            try:
                async with asyncio.timeout(read_timeout):
                    data = await self.wire.read()
            except TimeoutError as exc:
                raise errors.ReadTimeout("timed out") from exc
            except OSError as exc:
                raise errors.ReadError(str(exc)) from exc
            if not data and self.h11.their_state is h11.SEND_RESPONSE:
                raise errors.RemoteProtocolError("Server disconnected without sending a response.")
            self.h11.receive_data(data)

    def close(self) -> None:
        self.wire.close()


class _Body:
    """The response body, read off the connection as the caller asks for it."""

    def __init__(
        self, transport: WireTransport, connection: _Connection, read_timeout: float | None
    ) -> None:
        self._transport = transport
        self._connection: _Connection | None = connection
        self._read_timeout = read_timeout

    async def __aiter__(self) -> AsyncIterator[bytes]:
        connection = self._connection
        if connection is None:
            return
        try:
            while True:
                event = await connection.next_event(self._read_timeout)
                if isinstance(event, h11.Data):
                    yield bytes(event.data)
                elif isinstance(event, h11.EndOfMessage):
                    break
        except BaseException:
            await self.aclose()
            raise
        self._connection = None
        self._transport.release(connection)

    async def aclose(self) -> None:
        # A body closed before its end leaves the connection mid-response: drop it.
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class WireTransport:
    """GETs over kept-alive HTTP/1.1 connections; at most `max_idle` kept between requests."""

    def __init__(self, ssl_context: Callable[[], ssl.SSLContext], max_idle: int) -> None:
        self._make_ssl_context = ssl_context
        self._ssl_context: ssl.SSLContext | None = None
        self._max_idle = max_idle
        self._idle: list[_Connection] = []
        self._closed = False

    async def get(
        self,
        url: FeedURL,
        headers: list[tuple[bytes, bytes]],
        *,
        connect_timeout: float | None,
        read_timeout: float | None,
    ) -> WireResponse:
        """GET `url` with `headers` (Host is added); the answer with its body unread."""
        if url.scheme not in ("http", "https"):
            raise errors.UnsupportedProtocol(
                f"Request URL has an unsupported protocol '{url.scheme}://'."
            )
        port = url.port or (443 if url.scheme == "https" else 80)
        origin: Origin = (url.scheme, url.host, port)
        connection = self._take_idle(origin) or await self._connect(origin, connect_timeout)
        try:
            head = [(b"Host", url.netloc.encode("ascii")), *headers]
            connection.send(h11.Request(method="GET", target=url.target, headers=head))
            connection.send(h11.EndOfMessage())
            while True:
                event = await connection.next_event(read_timeout)
                if isinstance(event, h11.Response):
                    break
                # 1xx interim answers come before the real one.
        except h11.LocalProtocolError as exc:
            connection.close()
            raise errors.LocalProtocolError(str(exc)) from exc
        except BaseException:
            connection.close()
            raise
        body = _Body(self, connection, read_timeout)
        return WireResponse(
            event.status_code, Headers(event.headers), url, aiter(body), body.aclose
        )

    def _take_idle(self, origin: Origin) -> _Connection | None:
        now = time.monotonic()
        for index in range(len(self._idle) - 1, -1, -1):
            connection = self._idle[index]
            if connection.origin == origin:
                del self._idle[index]
                if connection.reusable(now):
                    return connection
                connection.close()
        return None

    async def _connect(self, origin: Origin, timeout: float | None) -> _Connection:
        scheme, host, port = origin
        tls = None
        if scheme == "https":
            if self._ssl_context is None:
                self._ssl_context = self._make_ssl_context()
            tls = self._ssl_context
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                _, wire = await loop.create_connection(
                    _Wire, host, port, ssl=tls, server_hostname=host if tls else None
                )
        except TimeoutError as exc:
            raise errors.ConnectTimeout("timed out") from exc
        except OSError as exc:  # ssl.SSLError included
            raise errors.ConnectError(str(exc)) from exc
        return _Connection(origin, wire)

    def release(self, connection: _Connection) -> None:
        """A connection whose answer was read whole: kept for the next request if it can be."""
        state = connection.h11
        # Bytes past the answer's end (a 304 with a body, say) would be read as the
        # next answer: a connection holding any is not reused.
        done = state.our_state is h11.DONE and state.their_state is h11.DONE
        if self._closed or not done or state.trailing_data[0]:
            connection.close()
            return
        state.start_next_cycle()
        connection.idle_since = time.monotonic()
        self._idle.append(connection)
        if len(self._idle) > self._max_idle:
            self._idle.pop(0).close()  # the longest idle goes

    async def aclose(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()
