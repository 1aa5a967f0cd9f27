"""The HTTP client's transports, with TLS set up when the first https:// URL is fetched.

httpx builds an SSL context when a client is made, and loading the CA
certificates into it is most of the cost of starting a poll: a warm poll of
http:// feeds (an intranet, a local bridge, the benchmark) never needs it, and
a poll of https:// feeds pays it on its first request instead.
"""

from __future__ import annotations

import ssl
import urllib.request
from collections.abc import Callable
from typing import Any

import httpx


class _OnFirstRequest(httpx.AsyncBaseTransport):
    """A transport built by `build` when its first request comes."""

    def __init__(self, build: Callable[[], httpx.AsyncBaseTransport]) -> None:
        self._build = build
        self._transport: httpx.AsyncBaseTransport | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self._transport is None:
            self._transport = self._build()
        return await self._transport.handle_async_request(request)

    async def aclose(self) -> None:
        if self._transport is not None:
            await self._transport.aclose()


def transport_options(limits: httpx.Limits) -> dict[str, Any]:
    """Keyword arguments for httpx.AsyncClient: its limits and transports.

    With a proxy in the environment httpx sets everything up itself (its proxy
    transports need TLS anyway, and a transport given here would switch them off).
    """
    if urllib.request.getproxies():
        return {"limits": limits}
    # Only http:// requests go through this transport: its SSL context, with no
    # CA loaded, is never used (and would verify nothing if it were).
    unused = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return {
        "transport": httpx.AsyncHTTPTransport(verify=unused, limits=limits),
        "mounts": {"https://": _OnFirstRequest(lambda: httpx.AsyncHTTPTransport(limits=limits))},
    }
