"""How the fetcher's GETs go out: its own HTTP/1.1 transport, TLS set up on first use.

httpx builds an SSL context when a client is made, and loading the CA
certificates into it is most of the cost of starting a poll: a warm poll of
http:// feeds (an intranet, a local bridge, the benchmark) never needs it, and
a poll of https:// feeds pays it on its first request instead.
"""

from __future__ import annotations

import ssl
import urllib.request
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from ingest.fetch_wire import WireTransport


def _verifying_context() -> ssl.SSLContext:
    # httpx's own choice of CA bundle (certifi, or SSL_CERT_FILE / SSL_CERT_DIR).
    return httpx.create_ssl_context()


def transport_options(limits: httpx.Limits) -> dict[str, Any]:
    """Keyword arguments for httpx.AsyncClient: its limits and transport.

    With a proxy in the environment httpx sets everything up itself (its proxy
    transports need TLS anyway, and a transport given here would switch them off).
    """
    if urllib.request.getproxies():
        return {"limits": limits}
    idle = limits.max_keepalive_connections or limits.max_connections or 8
    return {"transport": WireTransport(_verifying_context, max_idle=idle)}


class Sender:
    """Sends a GET and returns the response unread (streamed).

    httpx's client spends several times what the transport does on a 304 (its
    hooks, auth and redirect machinery, cookie bookkeeping through urllib's
    request objects), so requests go straight to the transport, with the
    client's headers, timeouts and a cookie jar of its own. With a proxy in the
    environment the client sends them, as it alone knows where each must go.
    """

    def __init__(
        self,
        *,
        headers: dict[str, str],
        timeout: httpx.Timeout,
        limits: httpx.Limits,
        on_response: Callable[[httpx.Response], Awaitable[None]],
    ) -> None:
        options = transport_options(limits)
        self._client = httpx.AsyncClient(
            headers=headers,
            timeout=timeout,
            follow_redirects=False,
            event_hooks={"response": [on_response]},
            **options,
        )
        self._transport: httpx.AsyncBaseTransport | None = options.get("transport")
        self._on_response = on_response
        # The client's headers (ours over httpx's defaults), names as written.
        self._headers = list(self._client.headers.raw)
        self._extensions = {"timeout": timeout.as_dict()}
        self._cookies = httpx.Cookies()

    async def send(self, url: httpx.URL, headers: dict[str, str]) -> httpx.Response:
        if self._transport is None:
            request = self._client.build_request("GET", url, headers=headers)
            return await self._client.send(request, stream=True)
        extra = [(name.encode(), value.encode()) for name, value in headers.items()]
        request = httpx.Request(
            "GET", url, headers=self._headers + extra, extensions=self._extensions
        )
        if self._cookies.jar:
            self._cookies.set_cookie_header(request)
        response = await self._transport.handle_async_request(request)
        response.request = request
        if "set-cookie" in response.headers or "set-cookie2" in response.headers:
            self._cookies.extract_cookies(response)
        await self._on_response(response)
        return response

    async def aclose(self) -> None:
        await self._client.aclose()
