"""The fetcher's HTTP/1.1 transport: TLS on first use, connections kept only while sound."""

from __future__ import annotations

import asyncio
import shutil
import ssl

import httpx
import pytest

from ingest.fetch_transport import transport_options
from ingest.fetch_wire import WireTransport
from tests.support.fault_server import FaultServer, Reply, Request, Response, raw

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


def _peers(server: FaultServer, path: str, answer: Response) -> tuple[str, list[object]]:
    """Route `path` to `answer`, recording which client connection asked each time."""
    peers: list[object] = []

    def record(request: Request, reply: Reply) -> None:
        peers.append(reply._sock.getpeername())
        answer(request, reply)

    return server.route(path, record), peers


async def test_http_fetches_leave_tls_unbuilt_and_https_still_verifies() -> None:
    transport = transport_options(httpx.Limits(max_connections=2))["transport"]
    assert isinstance(transport, WireTransport)
    async with httpx.AsyncClient(transport=transport) as client:
        with FaultServer() as server:
            url = server.route("/feed", Response(body=FEED))
            assert (await client.get(url)).content == FEED
        assert transport._ssl_context is None
        if shutil.which("openssl") is None:
            pytest.skip("needs the openssl command")
        with FaultServer(tls=True) as tls_server:
            url = tls_server.route("/feed", Response(body=FEED))
            with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
                await client.get(url)
        assert transport._ssl_context is not None


async def test_https_with_a_trusted_certificate_is_fetched_over_one_connection() -> None:
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command")
    with FaultServer(tls=True) as server:
        trusted = ssl.create_default_context(cafile=str(server.cert_path))
        transport = WireTransport(lambda: trusted, max_idle=2)
        url, peers = _peers(server, "/feed", Response(body=FEED, etag='"v1"'))
        async with httpx.AsyncClient(transport=transport) as client:
            first = await client.get(url)
            again = await client.get(url, headers={"If-None-Match": '"v1"'})
    assert (first.status_code, first.content) == (200, FEED)
    assert again.status_code == 304
    assert len(set(peers)) == 1


async def test_a_body_left_unread_closes_its_connection_rather_than_reusing_it() -> None:
    with FaultServer() as server:
        url, peers = _peers(server, "/feed", Response(body=FEED * 100))
        async with httpx.AsyncClient(transport=WireTransport(ssl.create_default_context, 2)) as c:
            async with c.stream("GET", url) as response:
                assert response.status_code == 200  # the body is never read
            whole = await c.get(url)
    assert whole.content == FEED * 100, "the next answer is not mixed with the unread body"
    assert len(set(peers)) == 2


async def test_a_connection_the_server_closed_while_idle_is_not_reused() -> None:
    with FaultServer() as server:
        peers: list[object] = []

        def answer_then_hang_up(request: Request, reply: Reply) -> None:
            peers.append(reply._sock.getpeername())
            Response(body=FEED)(request, reply)
            reply.keep_alive = False  # well framed, kept-alive by HTTP/1.1, then closed

        url = server.route("/feed", answer_then_hang_up)
        async with httpx.AsyncClient(transport=WireTransport(ssl.create_default_context, 2)) as c:
            answers = []
            for _ in range(3):
                answers.append(await c.get(url))
                await asyncio.sleep(0.2)  # the server's close arrives while the connection idles
    assert [a.content for a in answers] == [FEED] * 3
    assert len(set(peers)) == 3


async def test_connection_close_from_the_server_is_honoured() -> None:
    with FaultServer() as server:
        url, peers = _peers(server, "/feed", Response(body=FEED, headers={"Connection": "close"}))
        async with httpx.AsyncClient(transport=WireTransport(ssl.create_default_context, 2)) as c:
            answers = [await c.get(url) for _ in range(3)]
    assert [a.content for a in answers] == [FEED] * 3
    assert len(set(peers)) == 3


async def test_interim_answers_are_skipped_and_a_body_until_close_is_read_whole() -> None:
    with FaultServer() as server:
        interim = b"HTTP/1.1 100 Continue\r\n\r\n"
        final = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + FEED
        url = server.route("/feed", raw(interim + final))
        async with httpx.AsyncClient(transport=WireTransport(ssl.create_default_context, 2)) as c:
            response = await c.get(url)
    assert (response.status_code, response.content) == (200, FEED)


async def test_only_http_and_https_are_spoken() -> None:
    transport = WireTransport(ssl.create_default_context, 2)
    with pytest.raises(httpx.UnsupportedProtocol):
        await transport.handle_async_request(httpx.Request("GET", "ftp://127.0.0.1/feed"))


def test_a_proxy_in_the_environment_is_left_to_httpx(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:3128")
    limits = httpx.Limits(max_connections=2)
    assert transport_options(limits) == {"limits": limits}
    client = httpx.AsyncClient(**transport_options(limits))
    assert any(pattern.scheme == "https" for pattern in client._mounts)  # httpx's proxy mount


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
    from ingest.fetch_transport import Sender

    async def nothing(response: httpx.Response) -> None:
        pass

    def sender() -> Sender:
        return Sender(
            headers={"User-Agent": "t"},
            timeout=httpx.Timeout(5),
            limits=httpx.Limits(max_connections=2),
            on_response=nothing,
        )

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
        async with httpx.AsyncClient(transport=WireTransport(ssl.create_default_context, 2)) as c:
            first = await c.get(url, headers={"If-None-Match": '"v1"'})
            second = await c.get(url)
    assert first.status_code == 304
    assert (second.status_code, second.content) == (200, FEED)
