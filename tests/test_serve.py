"""`aiwire serve`: the dashboard in a real (headless) Chromium.

The browser is driven over the Chrome DevTools Protocol with aiohttp's
websocket client (aiohttp comes with textual-serve), so no browser automation
package is needed. Debian's chromium is required; .ci/run installs it.

xterm.js draws on a canvas, so the page's DOM holds no text. A script added
before the page loads keeps a reference to the xterm Terminal object when
textual-serve's page creates it; the test reads the screen from its buffer:
exactly the characters and colours the user sees.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import pytest

from tests.conftest import REPO_ROOT
from tui.cli import build_parser
from tui.serve import app_command, is_loopback

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOT_COPY = Path("/tmp/aiwire-serve.png")

CONFIG = '[settings]\ndefault_interval = "30m"\n'  # no sources: the seed articles show, no network

# Runs in the page before textual-serve's script: the first object that gets a
# `terminal` property is its session, and the value is the xterm Terminal.
KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true});
    window.__aiwireTerminal = value;
  },
});
"""

# Each screen row as [text, background colour of every cell].
READ_SCREEN = """(() => {
  const term = window.__aiwireTerminal;
  if (!term) return null;
  const buffer = term.buffer.active, rows = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    const backgrounds = [];
    for (let x = 0; x < term.cols; x++) backgrounds.push(line.getCell(x).getBgColor());
    rows.push([line.translateToString(true), backgrounds]);
  }
  return rows;
})()"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"aiwire serve exited early with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listened on port {port} within {timeout}s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a process started in its own session, with everything it started."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


TOKEN = "test-token-0123456789abcdef"


def start_serving(tmp_path: Path, *extra: str, env: dict[str, str] | None = None):
    """`aiwire serve` on a free port, as the user would start it; (process, port, log path)."""
    config = tmp_path / "feeds.toml"
    config.write_text(CONFIG)
    port = free_port()
    command = [sys.executable, "-m", "tui.cli", "--config", str(config)]
    command += ["--data-dir", str(tmp_path / "data"), "serve", "--port", str(port), *extra]
    log_path = tmp_path / f"serve-{port}.log"
    environment = {**os.environ, **(env if env is not None else {"AIWIRE_SERVE_TOKEN": TOKEN})}
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, env=environment,
        )  # fmt: skip
    try:
        wait_for_port(port, process)
    except BaseException:
        stop(process)
        raise
    return process, port, log_path


@pytest.fixture
def served(tmp_path: Path) -> Iterator[int]:
    process, port, _ = start_serving(tmp_path)
    try:
        yield port
    finally:
        stop(process)


class Page:
    """Just enough of the DevTools protocol: commands on one page target."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self._websocket = websocket
        self._next_id = 0
        self.requested: list[str] = []  # every URL the page asked for (Network domain)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        request_id = self._next_id
        await self._websocket.send_json({"id": request_id, "method": method, "params": params})
        while True:  # events arrive in between; only the answer matters here
            message = await self._websocket.receive_json(timeout=30)
            if message.get("method") == "Network.requestWillBeSent":
                self.requested.append(message["params"]["request"]["url"])
            elif message.get("method") == "Network.webSocketCreated":
                self.requested.append(message["params"]["url"])
            if message.get("id") == request_id:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message["result"]

    async def evaluate(self, expression: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def screen(self) -> list[tuple[str, list[int]]]:
        return [(text, backgrounds) for text, backgrounds in await self.evaluate(READ_SCREEN) or []]

    async def screen_text(self) -> str:
        return "\n".join(text for text, _ in await self.screen())

    async def wait_for_text(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = await self.screen_text()
            if text in screen:
                return screen
            await asyncio.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    async def press(self, key: str) -> None:
        code = f"Key{key.upper()}"
        await self.call(
            "Input.dispatchKeyEvent", type="keyDown", key=key, code=code, text=key,
            windowsVirtualKeyCode=ord(key.upper()),
        )  # fmt: skip
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code)

    async def screenshot(self, path: Path) -> bytes:
        png = base64.b64decode((await self.call("Page.captureScreenshot", format="png"))["data"])
        path.write_bytes(png)
        return png


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[Page]:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run does)")
    profile = tmp_path / "chromium-profile"
    process = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",  # CI runs as root, where the sandbox refuses to start
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",  # Chromium picks a port and writes it to the profile
            "--window-size=1280,800",
            # Only localhost resolves: the page's web-font link fails at once, and
            # nothing leaves the machine.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "chromium.log").open("wb"),
        start_new_session=True,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().splitlines()) >= 2):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("chromium did not start; see chromium.log")
            await asyncio.sleep(0.05)
        devtools_port = int(port_file.read_text().splitlines()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{devtools_port}/json/list") as response:
            targets = json.load(response)
        (page_target,) = [target for target in targets if target["type"] == "page"]
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(page_target["webSocketDebuggerUrl"], max_msg_size=0) as websocket,
        ):
            page = Page(websocket)
            await page.call("Page.enable")
            await page.call("Network.enable")
            await page.call("Page.addScriptToEvaluateOnNewDocument", source=KEEP_TERMINAL)
            yield page
    finally:
        stop(process)


def highlighted_rows(screen: list[tuple[str, list[int]]], border: int) -> list[int]:
    """Rows of the panel whose left border is at `border` that stand out: the cursor."""
    inside = [row for row, (text, _) in enumerate(screen) if text[border : border + 1] == "│"]
    backgrounds = {row: screen[row][1][border + 5] for row in inside}
    usual = max(set(backgrounds.values()), key=list(backgrounds.values()).count)
    return [row for row, background in backgrounds.items() if background != usual]


async def test_the_dashboard_runs_in_a_browser_and_answers_keys(
    served: int, browser: Page, tmp_path: Path
) -> None:
    await browser.call("Page.navigate", url=f"http://127.0.0.1:{served}/?token={TOKEN}")

    # The terminal appears and the app draws into it, seed articles loaded.
    screen = await browser.wait_for_text("Seed articles")
    # Under 160 columns the reader opens in the list's place, not beside it.
    assert "Feeds" in screen and "All articles" in screen
    await browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
    await asyncio.sleep(0.5)  # let the first paint settle before reading colours
    rows = await browser.screen()
    border = next(text for text, _ in rows if "All articles" in text).index("╭─ 2 All articles")
    before = highlighted_rows(rows, border)

    await browser.press("j")
    await asyncio.sleep(0.2)
    after = before
    for _ in range(50):
        after = highlighted_rows(await browser.screen(), border)
        if after != before:
            break
        await asyncio.sleep(0.1)

    assert len(before) == 1 and len(after) == 1, (before, after)
    assert after[0] == before[0] + 1  # "j" moved the article cursor one row down
    screenshot = await browser.screenshot(tmp_path / "aiwire-serve.png")
    assert screenshot.startswith(b"\x89PNG")
    with contextlib.suppress(OSError):
        SCREENSHOT_COPY.write_bytes(screenshot)  # for people reviewing a run

    # Everything the page loaded came from the server itself: no web fonts,
    # nothing from any other host.
    hosts = {urlsplit(url).hostname for url in browser.requested if url.startswith(("http", "ws"))}
    assert hosts == {"127.0.0.1"}, browser.requested
    assert any("/static/" in url for url in browser.requested)


async def test_the_page_without_its_token_shows_how_to_get_in(served: int, browser: Page) -> None:
    await browser.call("Page.navigate", url=f"http://127.0.0.1:{served}/")
    await asyncio.sleep(1.0)
    body = await browser.evaluate("document.body.innerText")
    assert "needs its token" in body
    assert await browser.evaluate("window.__aiwireTerminal === undefined")


# -- the pieces, without a browser -------------------------------------------------


def test_the_served_app_gets_the_same_paths_as_aiwire_itself(tmp_path: Path) -> None:
    config = tmp_path / "my configs" / "feeds.toml"  # a space: the command goes through a shell
    data = tmp_path / "it's data"

    argv = shlex.split(app_command(config, data, debug=True))

    assert argv[:3] == [sys.executable, "-m", "tui.cli"]
    args = build_parser().parse_args(argv[3:])
    assert (Path(args.config), Path(args.data_dir), args.debug) == (config, data, True)
    assert args.command is None  # the dashboard itself


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("::", False),
     ("192.168.1.5", False), ("example.org", False)],
)  # fmt: skip
def test_only_loopback_addresses_count_as_private(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_port_in_use_is_one_clear_message(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "tui.cli", "--config", str(tmp_path / "feeds.toml"),
             "--data-dir", str(tmp_path / "data"), "serve", "--port", str(port)],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip

    assert result.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr
