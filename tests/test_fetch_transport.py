"""The fetcher's HTTP/1.1 transport: TLS on first use, connections kept only while sound."""

from __future__ import annotations

import asyncio
import os
import shutil
import ssl
import urllib.request

import pytest

from ingest import wire_errors
from ingest.fetch_transport import Sender, proxies_configured
from ingest.fetch_url import parse_url
from ingest.fetch_wire import WireTransport
from tests.support.fault_server import FaultServer, Reply, Request, Response, raw, redirect

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


def sender() -> Sender:
    return Sender(headers={"User-Agent": "t"}, connect_timeout=5, read_timeout=5, connections=2)


def wire() -> WireTransport:
    return WireTransport(ssl.create_default_context, 2)


async def get(
    transport: WireTransport, url: str, headers: dict[str, str] | None = None, *, read: bool = True
) -> tuple[int, bytes]:
    """GET `url`; the status and (when `read`) the body."""
    sent = [(b"User-Agent", b"t")] + [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    response = await transport.get(parse_url(url), sent, connect_timeout=5, read_timeout=5)
    try:
        body = b"".join([chunk async for chunk in response.aiter_raw()]) if read else b""
    finally:
        await response.aclose()
    return response.status_code, body


def _peers(server: FaultServer, path: str, answer: Response) -> tuple[str, list[object]]:
    """Route `path` to `answer`, recording which client connection asked each time."""
    peers: list[object] = []

    def record(request: Request, reply: Reply) -> None:
        peers.append(reply._sock.getpeername())
        answer(request, reply)

    return server.route(path, record), peers


async def test_http_fetches_leave_tls_unbuilt_and_https_still_verifies() -> None:
    transport = sender()._transport
    assert isinstance(transport, WireTransport)
    try:
        with FaultServer() as server:
            url = server.route("/feed", Response(body=FEED))
            assert await get(transport, url) == (200, FEED)
        assert transport._ssl_context is None
        if shutil.which("openssl") is None:
            pytest.skip("needs the openssl command")
        with FaultServer(tls=True) as tls_server:
            url = tls_server.route("/feed", Response(body=FEED))
            with pytest.raises(wire_errors.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
                await get(transport, url)
        assert transport._ssl_context is not None
    finally:
        await transport.aclose()


async def test_https_with_a_trusted_certificate_is_fetched_over_one_connection() -> None:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    with FaultServer(tls=True) as server:
        trusted = ssl.create_default_context(cafile=str(server.cert_path))
        transport = WireTransport(lambda: trusted, max_idle=2)
        url, peers = _peers(server, "/feed", Response(body=FEED, etag='"v1"'))
        first = await get(transport, url)
        again = await get(transport, url, {"If-None-Match": '"v1"'})
        await transport.aclose()
    assert first == (200, FEED)
    assert again == (304, b"")
    assert len(set(peers)) == 1


async def test_a_body_left_unread_closes_its_connection_rather_than_reusing_it() -> None:
    with FaultServer() as server:
        url, peers = _peers(server, "/feed", Response(body=FEED * 100))
        transport = wire()
        assert await get(transport, url, read=False) == (200, b"")  # the body is never read
        whole = await get(transport, url)
    assert whole == (200, FEED * 100), "the next answer is not mixed with the unread body"
    assert len(set(peers)) == 2


async def test_a_connection_the_server_closed_while_idle_is_not_reused() -> None:
    with FaultServer() as server:
        peers: list[object] = []

        def answer_then_hang_up(request: Request, reply: Reply) -> None:
            peers.append(reply._sock.getpeername())
            Response(body=FEED)(request, reply)
            reply.keep_alive = False  # well framed, kept-alive by HTTP/1.1, then closed

        url = server.route("/feed", answer_then_hang_up)
        transport = wire()
        answers = []
        for _ in range(3):
            answers.append(await get(transport, url))
            await asyncio.sleep(0.2)  # the server's close arrives while the connection idles
    assert answers == [(200, FEED)] * 3
    assert len(set(peers)) == 3


async def test_connection_close_from_the_server_is_honoured() -> None:
    with FaultServer() as server:
        url, peers = _peers(server, "/feed", Response(body=FEED, headers={"Connection": "close"}))
        transport = wire()
        answers = [await get(transport, url) for _ in range(3)]
    assert answers == [(200, FEED)] * 3
    assert len(set(peers)) == 3


async def test_interim_answers_are_skipped_and_a_body_until_close_is_read_whole() -> None:
    with FaultServer() as server:
        interim = b"HTTP/1.1 100 Continue\r\n\r\n"
        final = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + FEED
        url = server.route("/feed", raw(interim + final))
        assert await get(wire(), url) == (200, FEED)


async def test_only_http_and_https_are_spoken() -> None:
    with pytest.raises(wire_errors.UnsupportedProtocol):
        await get(wire(), "ftp://127.0.0.1/feed")


def test_a_proxy_in_the_environment_is_left_to_httpx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    client = sender()._client
    assert client is not None
    assert any(pattern.scheme == "https" for pattern in client._mounts)  # httpx's proxy mount


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"PATH": "/bin", "HOME": "/root"},
        {"HTTP_PROXY": "http://p:3128"},
        {"https_proxy": "http://p:3128"},
        {"NO_PROXY": "localhost"},
        {"HTTP_PROXY": ""},
        {"HTTP_PROXY": "http://p:3128", "http_proxy": ""},
        {"HTTP_PROXY": "http://p:3128", "REQUEST_METHOD": "GET"},
        {"http_proxy": "http://p:3128", "REQUEST_METHOD": "GET"},
        {"ALL_PROXY": "socks5://p:1080"},
        {"Ftp_Proxy": "http://p:3128"},
        {"PROXY": "http://p:3128", "MY_PROXYX": "x"},
    ],
)
def test_proxies_are_found_as_urllib_finds_them(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str]
) -> None:
    for name in list(os.environ):
        if name.lower().endswith("_proxy") or name == "REQUEST_METHOD":
            monkeypatch.delenv(name)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert proxies_configured() == bool(urllib.request.getproxies_environment())


async def test_cookies_a_server_sets_are_sent_back_as_a_client_would() -> None:
    # Some bot walls set a cookie and redirect to the same feed: without it, a loop.
    from ingest.fetch import Fetcher

    def wall(request: Request, reply: Reply) -> None:
        if "seen=1" in request.headers.get("cookie", ""):
            Response(body=FEED)(request, reply)
            return
        reply.send_head(302, [("Location", "/feed"), ("Set-Cookie", "seen=1; Path=/")])
        reply.send(b"")
        reply.keep_alive = False

    with FaultServer() as server:
        url = server.route("/feed", wall)
        async with Fetcher(deadline=5) as fetcher:
            result = await fetcher.fetch(url)
    assert (result.status, result.body) == ("ok", FEED)


def test_with_a_proxy_in_the_environment_the_client_sends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    assert isinstance(sender()._transport, WireTransport)
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:3128")
    assert sender()._transport is None, "httpx routes each request through the proxy"


async def test_bytes_after_an_answer_are_never_read_as_the_next_answer() -> None:
    # A hostile server smuggles a second answer after a 304 on a kept-alive connection.
    smuggled = b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil"

    def answer(request: Request, reply: Reply) -> None:
        if request.headers.get("if-none-match") == '"v1"':
            reply.send(b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\n\r\n' + smuggled)
        else:
            Response(body=FEED)(request, reply)
        reply.keep_alive = True

    with FaultServer() as server:
        url = server.route("/feed", answer)
        transport = wire()
        first = await get(transport, url, {"If-None-Match": '"v1"'})
        second = await get(transport, url)
    assert first[0] == 304
    assert second == (200, FEED)


async def test_through_a_proxy_answers_read_as_the_transport_s_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """httpx sends through the proxy; redirects, validators and bodies read the same."""
    from ingest.fetch import Fetcher

    with FaultServer() as proxy:
        # A proxy is asked for the whole URL: the fault server routes it by that.
        proxy.route("http://feeds.invalid/feed.xml", Response(body=FEED, etag='"v1"'))
        proxy.route("http://feeds.invalid/old.xml", redirect("/feed.xml", 301))
        monkeypatch.setenv("HTTP_PROXY", proxy.base_url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        async with Fetcher(deadline=5) as fetcher:
            assert fetcher._sender._client is not None
            moved = await fetcher.fetch("http://feeds.invalid/old.xml")
            again = await fetcher.fetch("http://feeds.invalid/feed.xml", etag='"v1"')
    assert (moved.status, moved.body, moved.etag) == ("ok", FEED, '"v1"')
    assert moved.permanent_url == "http://feeds.invalid/feed.xml"
    assert moved.headers["etag"] == '"v1"'
    assert again.status == "not_modified"
