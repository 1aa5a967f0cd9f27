"""Delivering one notification: a command, a webhook or an ntfy topic.

Each delivery is bounded: an overall deadline, a cap on what a program may
print and on the response read back, no redirects followed. A failure is a
DeliveryError whose words are safe to log and show: never the URL (it may
hold a token), never the token, never a server's reply.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import logging
import os
import signal
from dataclasses import dataclass, field
from typing import Any

from ingest.config.model import NotifyConfig
from ingest.sanitize import clean_text

OUTPUT_CAP = 64 * 1024  # what a command may print, or a server answer, before we stop reading
STDIN_CAP = 64 * 1024
ARGUMENT_CAP = 4000  # each argument the alert adds to a command line
USER_AGENT = "aiwire (notifications)"
REAP_TIMEOUT = 5.0  # seconds to collect a killed program (it cannot take long)


class DeliveryError(Exception):
    """A delivery failed; `retry` says whether trying again may help."""

    def __init__(self, message: str, *, retry: bool = True) -> None:
        super().__init__(message)
        self.retry = retry


@dataclass(frozen=True, slots=True)
class AlertItem:
    """One alert, every string cleaned to one line; the link http(s) or None."""

    title: str
    link: str | None
    source: str
    why: tuple[str, ...]
    entities: tuple[str, ...] = ()  # names
    events: tuple[str, ...] = ()  # event kinds

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "link": self.link,
            "source": self.source,
            "why": list(self.why),
            "entities": list(self.entities),
            "events": list(self.events),
        }


@dataclass(frozen=True, slots=True)
class Message:
    summary: str  # one line
    text: str  # lines, no control characters but newlines
    items: tuple[AlertItem, ...] = field(default_factory=tuple)


# Values read from environment variables: httpx logs every request's URL (at
# debug level in aiwire's log), so its records are scrubbed of them.
_SECRETS: set[str] = set()


class _Scrub(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if _SECRETS:
            text = record.getMessage()
            if any(value in text for value in _SECRETS):
                for value in _SECRETS:
                    text = text.replace(value, "[secret]")
                record.msg, record.args = text, None
        return True


for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).addFilter(_Scrub())


def secret(name: str | None) -> str | None:
    """An environment variable's value, or None when unset or empty."""
    if not name:
        return None
    value = os.environ.get(name) or None
    if value:
        _SECRETS.add(value)
    return value


async def deliver(block: NotifyConfig, message: Message) -> None:
    """Send one message as the block says; DeliveryError when it did not go."""
    try:
        async with asyncio.timeout(block.timeout):
            if block.kind == "command":
                await _run_command(block, message)
            else:
                await _post(block, message)
    except TimeoutError:
        raise DeliveryError(f"no answer within {block.timeout} s") from None


# --- a command ----------------------------------------------------------------------


async def _run_command(block: NotifyConfig, message: Message) -> None:
    argv = [*block.command, message.summary[:ARGUMENT_CAP], message.text[:ARGUMENT_CAP]]
    try:
        process = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            # Its own process group: a timeout stops whatever it started too.
            start_new_session=True,
        )
    except FileNotFoundError:
        raise DeliveryError(f"{block.command[0]!r} was not found", retry=False) from None
    except PermissionError:
        raise DeliveryError(f"{block.command[0]!r} may not be run", retry=False) from None
    except OSError as error:
        raise DeliveryError(f"{block.command[0]!r} did not start: {error.strerror}") from None
    try:
        await _talk_to(process, message.text.encode("utf-8")[:STDIN_CAP])
    finally:
        _kill(process)
        await _reap(process)


async def _talk_to(process: asyncio.subprocess.Process, stdin: bytes) -> None:
    assert process.stdin and process.stdout and process.stderr
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        process.stdin.write(stdin)
        await process.stdin.drain()
        process.stdin.close()
    readers = [asyncio.ensure_future(_read_capped(s)) for s in (process.stdout, process.stderr)]
    try:
        # Whichever stream floods first stops the program: waiting for the other
        # would wait for a program blocked on a full pipe.
        pending: set[asyncio.Future[bytes]] = set(readers)
        while pending:
            done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            if any(len(reader.result()) > OUTPUT_CAP for reader in done):
                raise DeliveryError(
                    f"printed more than {OUTPUT_CAP // 1024} KB; stopped", retry=False
                )
    finally:
        for reader in readers:
            reader.cancel()
        await asyncio.gather(*readers, return_exceptions=True)
    printed = [reader.result() for reader in readers]
    status = await process.wait()
    if status != 0:
        said = clean_text(printed[1][:500].decode("utf-8", "replace"), single_line=True)[:200]
        raise DeliveryError(f"exited with status {status}" + (f": {said}" if said else ""))


async def _read_capped(stream: asyncio.StreamReader) -> bytes:
    """What the program printed, up to one chunk past the cap (then it is stopped)."""
    read = bytearray()
    while len(read) <= OUTPUT_CAP:
        chunk = await stream.read(16 * 1024)
        if not chunk:
            break
        read += chunk
    return bytes(read)


async def _reap(process: asyncio.subprocess.Process) -> None:
    """Wait for the stopped program. Its pipes are read to their end first: a
    pipe left full pauses its reader, and asyncio reaps a process only once
    every pipe has closed. The program is dead, so the end comes soon."""
    assert process.stdout and process.stderr
    with contextlib.suppress(Exception):
        await asyncio.wait_for(
            asyncio.gather(process.stdout.read(), process.stderr.read(), process.wait()),
            REAP_TIMEOUT,
        )


def _kill(process: asyncio.subprocess.Process) -> None:
    if process.returncode is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            process.kill()


# --- HTTP: a webhook or an ntfy topic ---------------------------------------------------------


def _target(block: NotifyConfig) -> str:
    url = block.url or secret(block.url_env)
    if not url:
        raise DeliveryError(f"the environment variable {block.url_env} is not set", retry=False)
    if not url.startswith(("http://", "https://")):
        raise DeliveryError(f"{block.url_env} does not hold an http(s) URL", retry=False)
    return url


def _header_text(text: str) -> str:
    """A header value: ASCII as is, else RFC 2047 (ntfy reads both)."""
    if text.isascii():
        return text
    return "=?UTF-8?B?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="


def slack_text(text: str) -> str:
    """Slack reads &, < and > as markup (<url|label>, <!channel>): escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def request_for(block: NotifyConfig, message: Message) -> tuple[dict[str, str], bytes]:
    """(headers, body) of the POST."""
    headers = {"User-Agent": USER_AGENT}
    token = secret(block.token_env)
    if block.token_env and not token:
        raise DeliveryError(f"the environment variable {block.token_env} is not set", retry=False)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if block.kind == "ntfy":
        headers["Title"] = _header_text(message.summary[:250])
        headers["Tags"] = "newspaper"
        first_link = next((i.link for i in message.items if i.link), None)
        if first_link and first_link.isascii():
            headers["Click"] = first_link
        return headers, message.text.encode("utf-8")
    headers["Content-Type"] = "application/json"
    if block.slack:
        payload: dict[str, Any] = {
            "text": slack_text(f"{message.summary}\n{message.text}"),
            "unfurl_links": False,
        }
    else:
        payload = {
            "source": "aiwire",
            "summary": message.summary,
            "text": message.text,
            "alerts": [item.to_dict() for item in message.items],
        }
    return headers, json.dumps(payload, ensure_ascii=False).encode("utf-8")


async def _post(block: NotifyConfig, message: Message) -> None:
    import httpx  # here: the dashboard's first frame must not wait for it

    url = _target(block)
    headers, body = request_for(block, message)
    timeout = httpx.Timeout(block.timeout, pool=None)
    try:
        async with (
            httpx.AsyncClient(timeout=timeout, follow_redirects=False, trust_env=False) as client,
            client.stream("POST", url, headers=headers, content=body) as response,
        ):
            read = 0
            async for chunk in response.aiter_raw():
                read += len(chunk)
                if read > OUTPUT_CAP:
                    break  # what it says back is not needed; a flood is not read
            status = response.status_code
    except httpx.TimeoutException:
        raise DeliveryError(f"no answer within {block.timeout} s") from None
    except httpx.ConnectError:
        raise DeliveryError("could not connect") from None
    except httpx.HTTPError as error:
        # The message may quote the URL; the kind of failure is enough.
        raise DeliveryError(f"failed ({type(error).__name__})") from None
    if 200 <= status < 300:
        return
    if 300 <= status < 400:
        raise DeliveryError(f"answered HTTP {status}; redirects are not followed", retry=False)
    retry = status == 429 or status >= 500
    raise DeliveryError(f"answered HTTP {status}", retry=retry)
