"""The fetcher's transport: its own HTTP/1.1 (ingest.fetch_wire), TLS set up on first use.

httpx builds an SSL context when a client is made, and loading the CA
certificates into it is most of the cost of starting a poll: a warm poll of
http:// feeds (an intranet, a local bridge, the benchmark) never needs it, and
a poll of https:// feeds pays it on its first request instead.
"""

from __future__ import annotations

import ssl
import urllib.request
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
