"""`aiwire serve` lets in only the holder of its token, from its own pages.

A real server process and aiohttp's HTTP and WebSocket client: the page and
the socket without the token, with a wrong one, from a foreign Origin, under
a foreign Host name, past the session cap, and through a forwarded port as
`ssh -L` makes one.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import REPO_ROOT
from tests.test_serve import TOKEN, free_port, start_serving, stop
from tui.serve import ServeError, ServeOptions, allowed_origins, check_options, load_token


async def open_session(
    port: int, *, token: str = TOKEN, origin: str | None = None, host: str = "127.0.0.1"
) -> tuple[aiohttp.ClientSession, aiohttp.ClientWebSocketResponse]:
    session = aiohttp.ClientSession()
    headers = {"Origin": origin} if origin else {}
    try:
        websocket = await session.ws_connect(
            f"ws://{host}:{port}/ws/{token}?width=80&height=24", headers=headers
        )
    except BaseException:
        await session.close()
        raise
    return session, websocket


async def refused_status(port: int, **kwargs: str) -> int:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        session, websocket = await open_session(port, **kwargs)
        await websocket.close()
        await session.close()
    return refused.value.status


async def first_output(websocket: aiohttp.ClientWebSocketResponse) -> bytes | str:
    """The dashboard process answers: its first bytes arrive on the socket."""
    message = await websocket.receive(timeout=60)
    assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
    return message.data


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[int]:
    process, port, _ = start_serving(tmp_path, "--max-sessions", "1")
    try:
        yield port
    finally:
        stop(process)


async def test_the_page_needs_the_token(server: int) -> None:
    base = f"http://127.0.0.1:{server}"
    # unsafe: aiohttp's jar otherwise keeps no cookies from an IP address.
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        for url in (f"{base}/", f"{base}/?token=wrong-token-0123456789"):
            async with client.get(url) as response:
                assert response.status == 403
                assert "needs its token" in await response.text()

        async with client.get(f"{base}/?token={TOKEN}") as response:
            assert response.status == 200
            page = await response.text()
        # The page's socket carries the token; its font is the local copy.
        assert f"ws://127.0.0.1:{server}/ws/{TOKEN}" in page
        assert "googleapis" not in page and "/static/fonts/RobotoMono" in page
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]

        # The cookie set then lets a reload in without the query.
        async with client.get(f"{base}/") as response:
            assert response.status == 200

    # The scripts are textual-serve's own files and need no token.
    async with (
        aiohttp.ClientSession() as client,
        client.get(f"{base}/static/js/textual.js") as response,
    ):
        assert response.status == 200


async def test_a_foreign_host_name_is_refused_even_with_the_token(server: int) -> None:
    # DNS rebinding: evil.example resolved to 127.0.0.1 sends its own Host header.
    async with (
        aiohttp.ClientSession() as client,
        client.get(
            f"http://127.0.0.1:{server}/?token={TOKEN}",
            headers={"Host": f"evil.example:{server}"},
        ) as response,
    ):
        assert response.status == 403


async def test_the_socket_needs_the_token_and_our_origin(server: int) -> None:
    foreign = "http://evil.example"
    ours = f"http://127.0.0.1:{server}"
    assert await refused_status(server, origin=foreign, token="wrong-token-0123456789") == 403
    assert await refused_status(server, origin=foreign) == 403  # the token is not enough
    assert await refused_status(server, origin=ours, token="wrong-token-0123456789") == 403
    assert await refused_status(server, origin=f"http://127.0.0.1:{server + 1}") == 403

    session, websocket = await open_session(server, origin=ours)
    try:
        assert await first_output(websocket)
    finally:
        await websocket.close()
        await session.close()


async def test_sessions_beyond_the_cap_are_refused_until_one_closes(server: int) -> None:
    origin = f"http://localhost:{server}"
    session, websocket = await open_session(server, origin=origin)
    try:
        await first_output(websocket)
        assert await refused_status(server, origin=origin) == 503
    finally:
        await websocket.close()
        await session.close()

    # The closed session's place is free again.
    for _ in range(100):
        try:
            session, websocket = await open_session(server, origin=origin)
        except aiohttp.WSServerHandshakeError as error:
            assert error.status == 503
            await asyncio.sleep(0.1)
            continue
        await websocket.close()
        await session.close()
        break
    else:
        raise AssertionError("the session cap never freed up")


async def forward(listen_port: int, target_port: int) -> asyncio.Server:
    """A port forwarded to the server, as `ssh -L listen:localhost:target` makes one."""

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        target_reader, target_writer = await asyncio.open_connection("127.0.0.1", target_port)
        await asyncio.gather(pipe(reader, target_writer), pipe(target_reader, writer))

    return await asyncio.start_server(handle, "127.0.0.1", listen_port)


async def test_a_forwarded_port_works_with_public_url(tmp_path: Path) -> None:
    tunnel_port = free_port()
    public = f"http://localhost:{tunnel_port}"
    process, port, _ = start_serving(tmp_path, "--public-url", public)
    tunnel = await forward(tunnel_port, port)
    try:
        async with (
            aiohttp.ClientSession() as client,
            client.get(f"{public}/?token={TOKEN}") as response,
        ):
            assert response.status == 200
            page = await response.text()
        # The page names the tunnel's address, not the one the server binds.
        assert f"ws://localhost:{tunnel_port}/ws/{TOKEN}" in page
        assert f"{public}/static/js/textual.js" in page
        assert f"127.0.0.1:{port}" not in page

        session, websocket = await open_session(tunnel_port, origin=public, host="localhost")
        try:
            assert await first_output(websocket)
        finally:
            await websocket.close()
            await session.close()
    finally:
        tunnel.close()
        stop(process)


async def test_a_generated_token_is_printed_once_as_a_link(tmp_path: Path) -> None:
    process, port, log_path = start_serving(tmp_path, env={"AIWIRE_SERVE_TOKEN": ""})
    try:
        printed = log_path.read_text()
        links = re.findall(rf"http://127\.0\.0\.1:{port}/\?token=(\S+)", printed)
        assert len(links) == 1, printed
        assert links[0] != TOKEN and len(links[0]) >= 24
        async with (
            aiohttp.ClientSession() as client,
            client.get(f"http://127.0.0.1:{port}/?token={links[0]}") as response,
        ):
            assert response.status == 200
    finally:
        stop(process)


def run_serve(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "--config", str(tmp_path / "feeds.toml"),
         "--data-dir", str(tmp_path / "data"), "serve", "--port", str(free_port()), *extra],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_serving_beyond_this_machine_needs_allow_remote(tmp_path: Path) -> None:
    refused = run_serve(tmp_path, "--host", "0.0.0.0")
    assert refused.returncode == 2
    assert "refusing to serve on 0.0.0.0" in refused.stderr and "--allow-remote" in refused.stderr

    # Even allowed, every address needs the public address to check origins against.
    unnamed = run_serve(tmp_path, "--host", "0.0.0.0", "--allow-remote")
    assert unnamed.returncode == 2 and "--public-url" in unnamed.stderr


def test_remote_serving_checks_origins_against_the_public_url() -> None:
    options = ServeOptions(host="0.0.0.0", allow_remote=True, public_url="https://dash.example/")
    check_options(options)  # accepted
    assert allowed_origins(options) == {"https://dash.example"}

    local = allowed_origins(ServeOptions(port=8001))
    assert local == {"http://127.0.0.1:8001", "http://localhost:8001", "http://[::1]:8001"}
    with pytest.raises(ServeError):
        check_options(ServeOptions(public_url="javascript:alert(1)"))
    with pytest.raises(ServeError):
        check_options(ServeOptions(max_sessions=0))


def test_tokens_come_from_a_file_the_environment_or_chance(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("from-the-file-0123456789\n")
    assert load_token(token_file, {}) == ("from-the-file-0123456789", False)
    assert load_token(None, {"AIWIRE_SERVE_TOKEN": "from-the-env-0123456789"}) == (
        "from-the-env-0123456789",
        False,
    )
    first, generated = load_token(None, {})
    assert generated and first != load_token(None, {})[0]
    token_file.write_text("short")
    with pytest.raises(ServeError, match="at least 16"):
        load_token(token_file, {})
    with pytest.raises(ServeError, match="cannot read"):
        load_token(tmp_path / "missing", {})
