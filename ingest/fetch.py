"""Polite, bounded feed fetching over HTTP.

feedparser's own fetching has no timeout and no size limit, and httpx does not protect
itself either (DESIGN.md, "Fetching and parsing"): its timeouts are per read, so a server
dripping a byte a second never times out, and its decoders inflate a gzip bomb before any
cap can look at it. So this module:

- runs each fetch under one overall deadline (``asyncio.timeout``);
- streams the raw body and decompresses it itself, in bounded pieces, stopping as soon
  as either the wire bytes or the decompressed bytes pass ``max_bytes``;
- follows redirects by hand, so it can refuse odd schemes and tell whether every hop
  was permanent (only then should the stored feed URL change);
- sends conditional requests and reports 304 as "not_modified", keeping the connection;
- turns 429/503 Retry-After into a time, and every failure into a short human sentence.

``Fetcher.fetch`` never raises (apart from ``asyncio.CancelledError``): the scheduler
stores whatever comes back, errors included.
"""

from __future__ import annotations

import ast
import asyncio
import dataclasses
import io
import math
import re
import socket
import ssl
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Literal

import httpx

DEFAULT_USER_AGENT = "aiwire/0.1 (+https://github.com/aiwire/aiwire; terminal feed reader)"

FetchStatus = Literal["ok", "not_modified", "error"]

# Every format a source kind reads (ingest/kinds/), the declared feed types first.
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, */*;q=0.8"
)
# Only what we can decode with a bounded zlib: no br/zstd, whatever httpx has installed.
_ACCEPT_ENCODING = "gzip, deflate"
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_PERMANENT_STATUSES = frozenset({301, 308})
_THROTTLE_STATUSES = frozenset({429, 503})
_MAX_RETRY_AFTER = timedelta(hours=24)
# Statuses whose number alone tells a reader nothing about what to do.
_STATUS_WORDS = {
    401: "needs a login (HTTP 401)",
    403: "refused (HTTP 403), perhaps a bot wall",
    410: "gone (HTTP 410)",
}
# Decompressed output is produced in pieces of at most this size, so a bomb costs at
# most one piece beyond the cap.
_PIECE = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch produced. Error results still say how far the fetch got.

    ``etag``/``last_modified`` are the validators to send next time: the new ones on
    200, the new-or-previous ones on 304, and the ones passed in on errors.
    ``permanent_url`` is only set on success ("ok"/"not_modified") after at least one
    redirect, when every hop was 301/308. ``elapsed`` counts from the moment the fetch
    first got its concurrency slots (queueing for them counts neither there nor against
    the deadline); ``bytes_read`` counts raw body bytes off the wire.
    """

    url: str
    status: FetchStatus
    http_status: int | None
    body: bytes | None
    headers: dict[str, str]
    final_url: str
    permanent_url: str | None
    etag: str | None
    last_modified: str | None
    error: str | None
    retry_after: datetime | None
    elapsed: float
    bytes_read: int


class _Failure(Exception):
    """An expected way for a fetch to fail; the message is shown to the user as is."""


@dataclass(slots=True)
class _Progress:
    """What is known so far about one fetch."""

    url: str
    final_url: str
    etag: str | None
    last_modified: str | None
    http_status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    redirects: int = 0
    all_permanent: bool = True
    bytes_read: int = 0
    retry_after: datetime | None = None
    started: float | None = None


class Fetcher:
    """Fetches feeds with shared connections, global and per-host concurrency limits."""

    def __init__(
        self,
        *,
        user_agent: str = DEFAULT_USER_AGENT,
        deadline: float = 30.0,
        max_bytes: int = 15 * 1024 * 1024,
        max_redirects: int = 5,
        concurrency: int = 8,
        per_host: int = 2,
        connect_timeout: float = 10.0,
    ) -> None:
        self._deadline = deadline
        self._max_bytes = max_bytes
        self._max_redirects = max_redirects
        self._per_host = per_host
        self._connect_timeout = connect_timeout
        self._slots = asyncio.Semaphore(concurrency)
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._client = httpx.AsyncClient(
            headers={
                "User-Agent": user_agent,
                "Accept": _ACCEPT,
                "Accept-Encoding": _ACCEPT_ENCODING,
            },
            # The overall deadline is ours; httpx's own timeouts only back it up.
            timeout=httpx.Timeout(deadline, connect=connect_timeout, pool=None),
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            follow_redirects=False,
            event_hooks={"response": [_set_location_aside]},
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        progress = _Progress(url=url, final_url=url, etag=etag, last_modified=last_modified)
        # Started without a deadline: the clock starts once the first slots are held.
        deadline = asyncio.timeout(None)
        try:
            target = _start_url(url)
            async with deadline:
                return await self._follow(target, progress, deadline)
        except TimeoutError:
            return _error(progress, f"timed out after {self._deadline:g} s")
        except _Failure as exc:
            return _error(progress, str(exc))
        except httpx.HTTPError as exc:
            return _error(progress, _describe(exc, self._connect_timeout))
        except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
            return _error(progress, f"unexpected error: {type(exc).__name__}: {exc}")

    async def _follow(
        self, url: httpx.URL, progress: _Progress, deadline: asyncio.Timeout
    ) -> FetchResult:
        headers = _conditional_headers(progress.etag, progress.last_modified)
        held: asyncio.Semaphore | None = None  # the host slot this fetch holds
        try:
            while True:
                # A hop to the host whose slot we hold keeps it: giving it up
                # would queue the hop behind every feed waiting for that host.
                wanted = self._host_slot(url)
                if wanted is not held:
                    if held is not None:
                        self._release(held)
                        held = None
                    await self._acquire(wanted, progress, deadline)
                    held = wanted
                request = self._client.build_request("GET", url, headers=headers)
                response = await self._client.send(request, stream=True)
                try:
                    progress.final_url = str(response.url)
                    progress.http_status = response.status_code
                    progress.headers = {k.lower(): v for k, v in response.headers.items()}
                    location = response.extensions.get(_LOCATION)
                    if location is not None:
                        progress.headers["location"] = location
                    if response.status_code not in _REDIRECT_STATUSES:
                        return await self._complete(response, progress)
                    url = self._redirect_target(response, location, progress)
                finally:
                    # Unread bodies (redirects, errors, oversize) close the connection.
                    await response.aclose()
        finally:
            if held is not None:
                self._release(held)

    async def _acquire(
        self, host_slot: asyncio.Semaphore, progress: _Progress, deadline: asyncio.Timeout
    ) -> None:
        """Take a host slot, then a global one, with the deadline stopped meanwhile.

        The deadline covers the fetch, not the queue: time spent waiting for a
        busy host (at the start or at a redirect to another host) is not spent.
        Host slot first: a fetch waiting for a busy host holds no global slot.
        """
        loop = asyncio.get_running_loop()
        when = deadline.when()
        remaining = self._deadline if when is None else max(0.0, when - loop.time())
        deadline.reschedule(None)
        await host_slot.acquire()
        try:
            await self._slots.acquire()
        except BaseException:
            host_slot.release()
            raise
        if progress.started is None:
            progress.started = time.monotonic()
        deadline.reschedule(loop.time() + remaining)

    def _release(self, host_slot: asyncio.Semaphore) -> None:
        self._slots.release()
        host_slot.release()

    def _host_slot(self, url: httpx.URL) -> asyncio.Semaphore:
        host = url.raw_host.decode("ascii", "replace").lower()
        slot = self._host_slots.get(host)
        if slot is None:
            slot = self._host_slots[host] = asyncio.Semaphore(self._per_host)
        return slot

    def _redirect_target(
        self, response: httpx.Response, location: str | None, progress: _Progress
    ) -> httpx.URL:
        if progress.redirects >= self._max_redirects:
            raise _Failure(f"too many redirects ({progress.redirects + 1})")
        location = (location or "").strip()
        if not location:
            raise _Failure(f"redirect (HTTP {response.status_code}) without a Location")
        try:
            target = response.url.join(location).copy_with(fragment=None)
            host = target.host
        except (httpx.InvalidURL, ValueError) as exc:
            raise _Failure(f"redirect to an invalid URL: {exc}") from None
        if target.scheme not in ("http", "https") or not host:
            raise _Failure("redirect to a non-http(s) URL")
        if not _port_ok(target):
            raise _Failure(f"redirect to an invalid URL: bad port {target.port}")
        progress.redirects += 1
        progress.all_permanent &= response.status_code in _PERMANENT_STATUSES
        return target

    async def _complete(self, response: httpx.Response, progress: _Progress) -> FetchResult:
        code = response.status_code
        if code == 304:
            # A 304 has no body, but the connection only goes back to the pool once
            # its (empty) body has been read: closed unread, every 304 cost a new
            # connection (500 connects for 500 unchanged feeds instead of 8). Raw:
            # no Content-Encoding a hostile 304 names gets decoded.
            async for _ in response.aiter_raw():
                pass
            # A 304 may omit the validators; the old ones are still the right ones.
            progress.etag = response.headers.get("etag") or progress.etag
            progress.last_modified = response.headers.get("last-modified") or progress.last_modified
            return _result(progress, "not_modified")
        if code in _THROTTLE_STATUSES:
            now = datetime.now(UTC)
            progress.retry_after = parse_retry_after(response.headers.get("retry-after"), now)
            if progress.retry_after is None:
                raise _Failure(f"HTTP {code}")
            wait = math.ceil((progress.retry_after - now).total_seconds())
            raise _Failure(f"HTTP {code}, retry after {wait} s")
        if not 200 <= code < 300:
            raise _Failure(_STATUS_WORDS.get(code, f"HTTP {code}"))
        body = await self._read_body(response, progress)
        # On 200 the server's current validators replace ours, even by their absence.
        progress.etag = response.headers.get("etag")
        progress.last_modified = response.headers.get("last-modified")
        return _result(progress, "ok", body=body)

    async def _read_body(self, response: httpx.Response, progress: _Progress) -> bytes:
        too_large = _Failure(f"larger than {_size(self._max_bytes)}")
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self._max_bytes:
            raise too_large  # no need to read what we would throw away
        decoder = _Decoder(response.headers.get("content-encoding", ""))
        # BytesIO.getvalue() hands over its buffer without a copy, so a body near the
        # cap costs about the cap, not twice it as b"".join(parts) would.
        body = io.BytesIO()
        size = 0
        async for chunk in response.aiter_raw():
            progress.bytes_read += len(chunk)
            if progress.bytes_read > self._max_bytes:
                raise too_large
            # Pieces come lazily: stopping here stops the inflation too.
            for piece in decoder.feed(chunk):
                size += len(piece)
                if size > self._max_bytes:
                    raise too_large
                body.write(piece)
        for piece in decoder.finish():
            size += len(piece)
            if size > self._max_bytes:
                raise too_large
            body.write(piece)
        return body.getvalue()


_LOCATION = "aiwire.location"


async def _set_location_aside(response: httpx.Response) -> None:
    """Hide a redirect's Location from httpx; ``_follow`` reads it from the extensions.

    Even with follow_redirects=False, httpx builds the next request for any redirect
    and raises on a Location it cannot parse (such as "javascript:alert(1)"), losing
    the response. Without the header it returns the response and lets us judge.
    """
    if response.status_code in _REDIRECT_STATUSES and "location" in response.headers:
        response.extensions[_LOCATION] = response.headers.get_list("location")[0]
        del response.headers["location"]


def parse_retry_after(value: str | None, now: datetime) -> datetime | None:
    """When to try again, from a Retry-After value (delta-seconds or an HTTP date).

    Returns an aware UTC datetime no later than 24 h after ``now``; None when the
    value is missing, unparseable, negative or already past (no constraint then).
    """
    if value is None:
        return None
    value = value.strip()
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    now = now.astimezone(UTC)
    try:
        if value.isdigit() and value.isascii():
            # Clamp before building a timedelta: "99999999999999" would overflow it.
            seconds = min(int(value), int(_MAX_RETRY_AFTER.total_seconds()))
            return now + timedelta(seconds=seconds)
        when = parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)  # "-0000" means "UTC, source unknown"
        when = when.astimezone(UTC)
        if when < now:
            return None
        return min(when, now + _MAX_RETRY_AFTER)
    except (TypeError, ValueError, IndexError, OverflowError):
        # Garbage, or a "now" at the very end of datetime's range.
        return None


def _start_url(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url.strip())
        host = parsed.host  # decoded lazily: a bad IDNA label only fails here
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise _Failure(f"invalid URL: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        raise _Failure("not an http(s) URL")
    if not host:
        raise _Failure("invalid URL: no host")
    if not _port_ok(parsed):
        raise _Failure(f"invalid URL: bad port {parsed.port}")
    return parsed.copy_with(fragment=None)


def _port_ok(url: httpx.URL) -> bool:
    # httpx accepts any number; the socket layer then fails in unfriendly ways.
    return url.port is None or 0 < url.port < 65536


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    # Stored validators came from the network: never let one break the request line.
    if etag and _header_safe(etag):
        headers["If-None-Match"] = etag
    if last_modified and _header_safe(last_modified):
        headers["If-Modified-Since"] = last_modified
    return headers


def _header_safe(value: str) -> bool:
    return value.isascii() and value.isprintable()


def _result(progress: _Progress, status: FetchStatus, *, body: bytes | None = None) -> FetchResult:
    moved = progress.redirects > 0 and progress.all_permanent
    return FetchResult(
        url=progress.url,
        status=status,
        http_status=progress.http_status,
        body=body,
        headers=progress.headers,
        final_url=progress.final_url,
        permanent_url=(
            progress.final_url
            if moved and status != "error" and progress.final_url != progress.url
            else None
        ),
        etag=progress.etag,
        last_modified=progress.last_modified,
        error=None,
        retry_after=progress.retry_after,
        elapsed=0.0 if progress.started is None else time.monotonic() - progress.started,
        bytes_read=progress.bytes_read,
    )


def _error(progress: _Progress, message: str) -> FetchResult:
    return dataclasses.replace(_result(progress, "error"), error=message)


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return f"{n} bytes"


# --- decompression --------------------------------------------------------------------


class _Decoder:
    """Content-Encoding layers ("gzip, gzip" is decoded right to left), lazily.

    Each layer turns one input into output pieces of at most ``_PIECE`` bytes and the
    layers are chained generators, so a consumer that stops early stops every layer.
    """

    def __init__(self, header: str) -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip()]
        self._layers = [_layer(c) for c in reversed(codings) if c != "identity"]

    def feed(self, data: bytes) -> Iterator[bytes]:
        return self._through(0, data)

    def finish(self) -> Iterator[bytes]:
        return self._finish_from(0)

    def _through(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._layers):
            if data:
                yield data
            return
        for piece in self._layers[index].feed(data):
            yield from self._through(index + 1, piece)

    def _finish_from(self, index: int) -> Iterator[bytes]:
        # Each layer's leftovers go through the layers after it, which then finish too.
        if index == len(self._layers):
            return
        for piece in self._layers[index].finish():
            yield from self._through(index + 1, piece)
        yield from self._finish_from(index + 1)


def _layer(coding: str) -> _Inflater:
    if coding in ("gzip", "x-gzip"):
        return _Inflater(gzip=True)
    if coding == "deflate":
        return _Inflater(gzip=False)
    raise _Failure(f"unsupported content-encoding: {coding[:40]}")


class _Inflater:
    """One gzip or deflate layer with bounded output per step.

    gzip may hold several members back to back; junk after the last one is ignored
    (as gzip(1) does). "deflate" should be zlib-wrapped but some servers send raw
    deflate, so the first two bytes decide.
    """

    def __init__(self, *, gzip: bool) -> None:
        self._gzip = gzip
        self._obj: zlib._Decompress | None = None
        self._pending = b""  # deflate: bytes held until the header can be sniffed
        self._members = 0
        self._member_output = False
        self._ignoring = False  # junk after the end of the stream

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._ignoring or not data:
            return
        if self._obj is None:
            if not self._gzip and len(self._pending) + len(data) < 2:
                self._pending += data
                return
            data, self._pending = self._pending + data, b""
            self._obj = self._new_member(data)
        yield from self._inflate(data)

    def finish(self) -> Iterator[bytes]:
        if self._pending:  # a one-byte deflate body: let zlib judge it
            data, self._pending = self._pending, b""
            self._obj = self._new_member(data)
            yield from self._inflate(data)
        # A truncated stream ends here without complaint: browsers accept it too, and
        # the feed parser will judge what arrived.

    def _new_member(self, head: bytes) -> zlib._Decompress:
        self._members += 1
        self._member_output = False
        if self._gzip:
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        zlib_wrapped = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if zlib_wrapped else -zlib.MAX_WBITS)

    def _inflate(self, data: bytes) -> Iterator[bytes]:
        while True:
            assert self._obj is not None
            try:
                out = self._obj.decompress(data, _PIECE)
            except zlib.error as exc:
                if self._members > 1 and not self._member_output:
                    self._ignoring = True  # junk after a complete gzip member
                    return
                kind = "gzip" if self._gzip else "deflate"
                raise _Failure(f"the body is not valid {kind} data ({exc})") from None
            if out:
                self._member_output = True
                yield out
            if self._obj.eof:
                rest = self._obj.unused_data
                if not self._gzip or not rest:
                    # Further input (trailing junk, or the next gzip member) arrives
                    # with the next feed; a finished deflate stream ignores it.
                    self._ignoring = not self._gzip
                    if self._gzip:
                        self._obj = None
                    return
                self._obj = self._new_member(rest)
                data = rest
                continue
            data = self._obj.unconsumed_tail
            # A full piece may leave output inside zlib even with no input left.
            if not data and len(out) < _PIECE:
                return


# --- error wording --------------------------------------------------------------------


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


_LENGTH_MISMATCH = re.compile(r"received (\d+) bytes, expected (\d+)")
# h11 quotes what it could not parse as a Python repr: bytearray(b'...') or b'...'.
_BYTES_REPR = re.compile(r"""(?:bytearray\()?b('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)?""")
_SHOWN_BYTES = 60


def _readable(message: str) -> str:
    """The message with Python byte reprs turned into the quoted text they hold."""

    def quoted(match: re.Match[str]) -> str:
        try:
            data = ast.literal_eval("b" + match.group(1))
        except (SyntaxError, ValueError):
            return match.group(0)
        text = data.strip().decode("latin-1")
        text = "".join(ch if ch.isprintable() else "\ufffd" for ch in text)
        if len(text) > _SHOWN_BYTES:
            text = text[: _SHOWN_BYTES - 1] + "…"
        return f'"{text}"'

    return _BYTES_REPR.sub(quoted, message)


def _describe(exc: httpx.HTTPError, connect_timeout: float) -> str:
    """Short human words for what went wrong on the wire."""
    message = _readable(str(exc).strip())
    chain = list(_causes(exc))

    def caused_by(kind: type[BaseException]) -> BaseException | None:
        return next((c for c in chain if isinstance(c, kind)), None)

    if isinstance(exc, httpx.ConnectTimeout):
        return f"could not connect within {connect_timeout:g} s"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out"
    if (cert := caused_by(ssl.SSLCertVerificationError)) is not None:
        reason = getattr(cert, "verify_message", None) or cert
        return f"TLS certificate not accepted: {reason}"
    if (tls := caused_by(ssl.SSLError)) is not None:
        return f"TLS error: {getattr(tls, 'reason', None) or tls}"
    if isinstance(exc, httpx.ConnectError):
        if caused_by(ConnectionRefusedError):
            return "connection refused"
        if caused_by(socket.gaierror) or "Name or service not known" in message:
            return "could not resolve the host name"
        if caused_by(ConnectionResetError):
            return "connection reset"
        return f"could not connect: {message or type(exc).__name__}"
    if isinstance(exc, httpx.RemoteProtocolError):
        if (mismatch := _LENGTH_MISMATCH.search(message)) is not None:
            got, expected = mismatch.groups()
            return f"server closed the connection mid-response (got {got} of {expected} bytes)"
        if "without sending a response" in message:
            return "server closed the connection without a response"
        if "peer closed connection" in message or "unexpectedly closed" in message:
            return "server closed the connection mid-response"
        if "Receive buffer too long" in message:
            return "response headers too large"
        return f"malformed response: {message}"
    if isinstance(exc, httpx.ReadError | httpx.WriteError | httpx.CloseError):
        if caused_by(ConnectionResetError) or caused_by(BrokenPipeError):
            return "connection reset"
        return f"connection lost: {message or type(exc).__name__}"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "not an http(s) URL"
    if isinstance(exc, httpx.LocalProtocolError):
        return f"could not send the request: {message}"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
