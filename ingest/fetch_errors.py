"""Short human words for what went wrong on the wire (no Python reprs)."""

from __future__ import annotations

import ast
import re
import socket
import ssl
from collections.abc import Iterator

from ingest.wire_errors import kinds


def _causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


_LENGTH_MISMATCH = re.compile(r"received (\d+) bytes, expected (\d+)")
# h11 quotes what it could not parse as a Python repr: bytearray(b'...') or b'...'.
_BYTES_REPR = re.compile(r"""(?:bytearray\()?b('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)?""")
_SHOWN_BYTES = 60


def _readable(message: str) -> str:
    """The message with Python byte reprs turned into the quoted text they hold."""

    def quoted(match: re.Match[str]) -> str:
        try:
            data = ast.literal_eval("b" + match.group(1))
        except (SyntaxError, ValueError):
            return match.group(0)
        text = data.strip().decode("latin-1")
        text = "".join(ch if ch.isprintable() else "\ufffd" for ch in text)
        if len(text) > _SHOWN_BYTES:
            text = text[: _SHOWN_BYTES - 1] + "…"
        return f'"{text}"'

    return _BYTES_REPR.sub(quoted, message)


def _describe(exc: BaseException, connect_timeout: float) -> str:
    """Short human words for what went wrong on the wire (an httpx.HTTPError
    or one of ingest.wire_errors, told apart by class name)."""
    message = _readable(str(exc).strip())
    chain = list(_causes(exc))
    kind = kinds(exc)

    def caused_by(cause: type[BaseException]) -> BaseException | None:
        return next((c for c in chain if isinstance(c, cause)), None)

    if "ConnectTimeout" in kind:
        return f"could not connect within {connect_timeout:g} s"
    if "TimeoutException" in kind:
        return "timed out"
    if (cert := caused_by(ssl.SSLCertVerificationError)) is not None:
        reason = getattr(cert, "verify_message", None) or cert
        return f"TLS certificate not accepted: {reason}"
    if (tls := caused_by(ssl.SSLError)) is not None:
        return f"TLS error: {getattr(tls, 'reason', None) or tls}"
    if "ConnectError" in kind:
        if caused_by(ConnectionRefusedError):
            return "connection refused"
        if caused_by(socket.gaierror) or "Name or service not known" in message:
            return "could not resolve the host name"
        if caused_by(ConnectionResetError):
            return "connection reset"
        return f"could not connect: {message or type(exc).__name__}"
    if "RemoteProtocolError" in kind:
        if (mismatch := _LENGTH_MISMATCH.search(message)) is not None:
            got, expected = mismatch.groups()
            return f"server closed the connection mid-response (got {got} of {expected} bytes)"
        if "without sending a response" in message:
            return "server closed the connection without a response"
        if "peer closed connection" in message or "unexpectedly closed" in message:
            return "server closed the connection mid-response"
        if "Receive buffer too long" in message:
            return "response headers too large"
        return f"malformed response: {message}"
    if kind & {"ReadError", "WriteError", "CloseError"}:
        if caused_by(ConnectionResetError) or caused_by(BrokenPipeError):
            return "connection reset"
        return f"connection lost: {message or type(exc).__name__}"
    if "UnsupportedProtocol" in kind:
        return "not an http(s) URL"
    if "LocalProtocolError" in kind:
        return f"could not send the request: {message}"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
