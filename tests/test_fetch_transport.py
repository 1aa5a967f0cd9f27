"""TLS is set up for the first https:// fetch, never for a poll of http:// feeds alone."""

from __future__ import annotations

import shutil

import httpx
import pytest

from ingest.fetch_transport import transport_options
from tests.support.fault_server import FaultServer, Response

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


async def test_http_fetches_leave_tls_unbuilt_and_https_still_verifies() -> None:
    options = transport_options(httpx.Limits(max_connections=2))
    secure = options["mounts"]["https://"]
    async with httpx.AsyncClient(**options) as client:
        with FaultServer() as server:
            url = server.route("/feed", Response(body=FEED))
            assert (await client.get(url)).content == FEED
        assert secure._transport is None
        if shutil.which("openssl") is None:
            pytest.skip("needs the openssl command")
        with FaultServer(tls=True) as tls_server:
            url = tls_server.route("/feed", Response(body=FEED))
            with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
                await client.get(url)
        assert secure._transport is not None


def test_a_proxy_in_the_environment_is_left_to_httpx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    limits = httpx.Limits(max_connections=2)
    assert transport_options(limits) == {"limits": limits}
    client = httpx.AsyncClient(**transport_options(limits))
    assert any(pattern.scheme == "https" for pattern in client._mounts)  # httpx's proxy mount
