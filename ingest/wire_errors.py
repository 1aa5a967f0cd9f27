"""What can go wrong on the wire, named as httpx names it.

The fetcher's own transport raises these; with a proxy, httpx's client
raises its own classes of the same names. ingest.fetch_errors describes
either by the names in the exception's class hierarchy, so neither path
needs the other's module.
"""

from __future__ import annotations


class HTTPError(Exception):
    pass


class TransportError(HTTPError):
    pass


class TimeoutException(TransportError):
    pass


class ConnectTimeout(TimeoutException):
    pass


class ReadTimeout(TimeoutException):
    pass


class NetworkError(TransportError):
    pass


class ConnectError(NetworkError):
    pass


class ReadError(NetworkError):
    pass


class ProtocolError(TransportError):
    pass


class LocalProtocolError(ProtocolError):
    pass


class RemoteProtocolError(ProtocolError):
    pass


class UnsupportedProtocol(TransportError):
    pass


def kinds(exc: BaseException) -> frozenset[str]:
    """The names of httpx's classes or these that `exc` is an instance of."""
    return frozenset(
        cls.__name__
        for cls in type(exc).__mro__
        if cls.__module__ == __name__ or cls.__module__.partition(".")[0] == "httpx"
    )


def is_http_error(exc: BaseException) -> bool:
    return "HTTPError" in kinds(exc)
