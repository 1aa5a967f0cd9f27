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

import asyncio
import dataclasses
import hashlib
import io
import math
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Literal

from ingest.fetch_body import Failure as _Failure
from ingest.fetch_body import _Decoder
from ingest.fetch_errors import _describe
from ingest.fetch_request import _conditional_headers, _port_ok, _start_url, parse_retry_after
from ingest.fetch_transport import Sender
from ingest.fetch_url import FeedURL, join_url
from ingest.wire_errors import is_http_error
from ingest.wire_response import WireResponse

DEFAULT_USER_AGENT = "aiwire/0.1 (+https://github.com/aiwire/aiwire; terminal feed reader)"

FetchStatus = Literal["ok", "not_modified", "error"]

# Every format a source kind reads (ingest/kinds/), the declared feed types first.
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, */*;q=0.8"
)
# Only what we can decode with a bounded zlib: no br/zstd, whatever httpx has installed.
_ACCEPT_ENCODING = "gzip, deflate"
_BODY_HASH_SIZE = 16
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_PERMANENT_STATUSES = frozenset({301, 308})
_THROTTLE_STATUSES = frozenset({429, 503})
# Statuses whose number alone tells a reader nothing about what to do.
_STATUS_WORDS = {
    401: "needs a login (HTTP 401)",
    403: "refused (HTTP 403), perhaps a bot wall",
    410: "gone (HTTP 410)",
}


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
    # body_hash(body), computed piece by piece as the body came in (None when
    # there is no body, or from a fetch that did not compute it).
    body_hash: str | None = None

    def digest(self) -> str | None:
        """The body's body_hash: what tells a feed's bytes from last time's."""
        if self.body is None:
            return None
        return self.body_hash if self.body_hash is not None else body_hash(self.body)


def body_hash(body: bytes) -> str:
    """The hash stored for a feed's last body (FeedState.body_hash): the same
    bytes again need no parse."""
    return hashlib.blake2b(body, digest_size=_BODY_HASH_SIZE).hexdigest()


class _Progress:
    """What is known so far about one fetch (a plain class: one per fetch, made often)."""

    __slots__ = (
        "all_permanent", "bytes_read", "etag", "final_url", "headers", "http_status",
        "last_modified", "redirects", "retry_after", "started", "url",
    )  # fmt: skip

    def __init__(
        self, url: str, final_url: str, etag: str | None, last_modified: str | None
    ) -> None:
        self.url = url
        self.final_url = final_url
        self.etag = etag
        self.last_modified = last_modified
        self.http_status: int | None = None
        self.headers: dict[str, str] = {}
        self.redirects = 0
        self.all_permanent = True
        self.bytes_read = 0
        self.retry_after: datetime | None = None
        self.started: float | None = None


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
        self._sender = Sender(
            headers={
                "User-Agent": user_agent,
                "Accept": _ACCEPT,
                "Accept-Encoding": _ACCEPT_ENCODING,
            },
            # The overall deadline is ours; the transport's timeouts only back it up.
            connect_timeout=connect_timeout,
            read_timeout=deadline,
            connections=concurrency,
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
        await self._sender.aclose()

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
        except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
            if is_http_error(exc):  # ingest.wire_errors, or httpx's through a proxy
                return _error(progress, _describe(exc, self._connect_timeout))
            return _error(progress, f"unexpected error: {type(exc).__name__}: {exc}")

    async def _follow(
        self, url: FeedURL, progress: _Progress, deadline: asyncio.Timeout
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
                response = await self._sender.send(url, headers)
                try:
                    progress.final_url = str(response.url)
                    progress.http_status = response.status_code
                    progress.headers = dict(response.headers.items())
                    locations = response.headers.get_list("location")
                    location = locations[0] if locations else None
                    if location is not None:  # the first, not all of them joined
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

    def _host_slot(self, url: FeedURL) -> asyncio.Semaphore:
        host = url.host.lower()
        slot = self._host_slots.get(host)
        if slot is None:
            slot = self._host_slots[host] = asyncio.Semaphore(self._per_host)
        return slot

    def _redirect_target(
        self, response: WireResponse, location: str | None, progress: _Progress
    ) -> FeedURL:
        if progress.redirects >= self._max_redirects:
            raise _Failure(f"too many redirects ({progress.redirects + 1})")
        location = (location or "").strip()
        if not location:
            raise _Failure(f"redirect (HTTP {response.status_code}) without a Location")
        try:
            target = join_url(response.url, location)
        except ValueError as exc:
            raise _Failure(f"redirect to an invalid URL: {exc}") from None
        if target.scheme not in ("http", "https") or not target.host:
            raise _Failure("redirect to a non-http(s) URL")
        if not _port_ok(target):
            raise _Failure(f"redirect to an invalid URL: bad port {target.port}")
        progress.redirects += 1
        progress.all_permanent &= response.status_code in _PERMANENT_STATUSES
        return target

    async def _complete(self, response: WireResponse, progress: _Progress) -> FetchResult:
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
        body, digest = await self._read_body(response, progress)
        # On 200 the server's current validators replace ours, even by their absence.
        progress.etag = response.headers.get("etag")
        progress.last_modified = response.headers.get("last-modified")
        return _result(progress, "ok", body=body, body_hash=digest)

    async def _read_body(self, response: WireResponse, progress: _Progress) -> tuple[bytes, str]:
        """The decoded body and its body_hash, hashed piece by piece as it comes in."""
        too_large = _Failure(f"larger than {_size(self._max_bytes)}")
        declared = response.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self._max_bytes:
            raise too_large  # no need to read what we would throw away
        decoder = _Decoder(response.headers.get("content-encoding", ""))
        # BytesIO.getvalue() hands over its buffer without a copy, so a body near the
        # cap costs about the cap, not twice it as b"".join(parts) would.
        body = io.BytesIO()
        digest = hashlib.blake2b(digest_size=_BODY_HASH_SIZE)
        size = 0
        async for chunk in response.aiter_raw():
            progress.bytes_read += len(chunk)
            if progress.bytes_read > self._max_bytes:
                raise too_large
            if decoder.identity:
                body.write(chunk)
                digest.update(chunk)
                continue
            # Pieces come lazily: stopping here stops the inflation too.
            for piece in decoder.feed(chunk):
                size += len(piece)
                if size > self._max_bytes:
                    raise too_large
                body.write(piece)
                digest.update(piece)
        for piece in decoder.finish():
            size += len(piece)
            if size > self._max_bytes:
                raise too_large
            body.write(piece)
            digest.update(piece)
        return body.getvalue(), digest.hexdigest()


def _result(
    progress: _Progress,
    status: FetchStatus,
    *,
    body: bytes | None = None,
    body_hash: str | None = None,
) -> FetchResult:
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
        body_hash=body_hash,
    )


def _error(progress: _Progress, message: str) -> FetchResult:
    return dataclasses.replace(_result(progress, "error"), error=message)


def _size(n: int) -> str:
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale and n % scale == 0:
            return f"{n // scale} {unit}"
    return f"{n} bytes"
