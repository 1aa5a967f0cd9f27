"""How the fetcher's GETs go out: its own HTTP/1.1 transport, or httpx through a proxy.

Without a proxy in the environment, requests go straight to the transport
(ingest.fetch_wire), with the fetcher's headers and a cookie jar of its own:
httpx's client spends several times what the transport does on a 304 (its
hooks, auth and redirect machinery, cookie bookkeeping), and importing it
costs a warm poll more than its requests. httpx is imported only for what
needs it: a proxy (its client alone knows where each request must go), a
server that sets cookies, a URL out of the ordinary (ingest.fetch_url).

TLS is set up on the first https:// request: loading the CA certificates is
most of the cost of starting a poll, which a poll of http:// feeds (an
intranet, a local bridge, the benchmark) never needs.
"""

from __future__ import annotations

import os
import ssl
import sys
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

from ingest.fetch_url import FeedURL
from ingest.fetch_wire import WireTransport
from ingest.wire_response import Headers, WireResponse

if TYPE_CHECKING:
    import httpx


def _verifying_context() -> ssl.SSLContext:
    # httpx's own choice of CA bundle (certifi, or SSL_CERT_FILE / SSL_CERT_DIR).
    import httpx

    return httpx.create_ssl_context()


def proxies_configured(environ: Any = None) -> bool:
    """Whether urllib.request.getproxies() (what httpx reads) names any proxy.

    On Linux and the BSDs that is the environment alone, read here by the same
    rules (any *_proxy, lower-case names winning, HTTP_PROXY ignored under
    CGI) without importing urllib.request and http.client with it.
    """
    if sys.platform in ("darwin", "win32"):  # system settings count there too
        import urllib.request

        return bool(urllib.request.getproxies())
    environ = os.environ if environ is None else environ
    found: dict[str, str] = {}
    for name, value in environ.items():
        if value and name[-6:].lower() == "_proxy":
            found[name[:-6].lower()] = value
    if "REQUEST_METHOD" in environ:
        found.pop("http", None)
    for name, value in environ.items():
        if name[-6:] == "_proxy":
            if value:
                found[name[:-6]] = value
            else:
                found.pop(name[:-6], None)
    return bool(found)


class Sender:
    """Sends a GET and returns the response unread (streamed)."""

    def __init__(
        self,
        *,
        headers: dict[str, str],
        connect_timeout: float,
        read_timeout: float,
        connections: int,
    ) -> None:
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        # Names as written, in the order httpx's client would send them.
        self._headers = [
            (b"Connection", b"keep-alive"),
            *((name.encode(), value.encode()) for name, value in headers.items()),
        ]
        self._cookies: httpx.Cookies | None = None  # made when a server first sets one
        self._client: httpx.AsyncClient | None = None
        self._transport: WireTransport | None = None
        if proxies_configured():
            self._client = _proxied_client(headers, connect_timeout, read_timeout, connections)
        else:
            self._transport = WireTransport(_verifying_context, max_idle=connections)

    async def send(self, url: FeedURL, headers: dict[str, str]) -> WireResponse:
        if self._client is not None:
            request = self._client.build_request("GET", url.text, headers=headers)
            return _ProxiedAnswer.wrap(await self._client.send(request, stream=True), url)
        assert self._transport is not None
        sent = self._headers + [(name.encode(), value.encode()) for name, value in headers.items()]
        if self._cookies is not None and self._cookies.jar:
            sent = self._with_cookies(url, sent)
        response = await self._transport.get(
            url, sent, connect_timeout=self._connect_timeout, read_timeout=self._read_timeout
        )
        if "set-cookie" in response.headers or "set-cookie2" in response.headers:
            self._keep_cookies(url, sent, response)
        return response

    def _with_cookies(
        self, url: FeedURL, sent: list[tuple[bytes, bytes]]
    ) -> list[tuple[bytes, bytes]]:
        import httpx

        assert self._cookies is not None
        request = httpx.Request("GET", url.text, headers=sent)
        self._cookies.set_cookie_header(request)
        cookie = request.headers.get("cookie")
        return sent if cookie is None else [*sent, (b"Cookie", cookie.encode("latin-1"))]

    def _keep_cookies(
        self, url: FeedURL, sent: list[tuple[bytes, bytes]], response: WireResponse
    ) -> None:
        import httpx

        if self._cookies is None:
            self._cookies = httpx.Cookies()
        request = httpx.Request("GET", url.text, headers=sent)
        answer = httpx.Response(response.status_code, headers=response.headers.raw, request=request)
        self._cookies.extract_cookies(answer)

    async def aclose(self) -> None:
        if self._transport is not None:
            await self._transport.aclose()
        if self._client is not None:
            await self._client.aclose()


def _proxied_client(
    headers: dict[str, str], connect_timeout: float, read_timeout: float, connections: int
) -> httpx.AsyncClient:
    import httpx

    return httpx.AsyncClient(
        headers=headers,
        # The overall deadline is the fetcher's; httpx's own timeouts only back it up.
        timeout=httpx.Timeout(read_timeout, connect=connect_timeout, pool=None),
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        follow_redirects=False,
        event_hooks={"response": [_location_aside]},
    )


_LOCATION = "aiwire.location"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


async def _location_aside(response: httpx.Response) -> None:
    """Hide a redirect's Location from httpx; _ProxiedAnswer puts it back.

    Even with follow_redirects=False, httpx builds the next request for any redirect
    and raises on a Location it cannot parse (such as "javascript:alert(1)"), losing
    the response. Without the header it returns the response and lets the fetcher judge.
    """
    if response.status_code in _REDIRECTS and "location" in response.headers:
        raw = response.headers.raw
        response.extensions[_LOCATION] = [(n, v) for n, v in raw if n.lower() == b"location"]
        del response.headers["location"]


class _ProxiedAnswer:
    """An httpx response, read like the transport's own (ingest.wire_response)."""

    @staticmethod
    def wrap(response: httpx.Response, url: FeedURL) -> WireResponse:
        async def raw() -> AsyncIterator[bytes]:
            async for chunk in response.aiter_raw():
                yield chunk

        headers = [*response.headers.raw, *response.extensions.get(_LOCATION, ())]
        return WireResponse(response.status_code, Headers(headers), url, raw(), response.aclose)
