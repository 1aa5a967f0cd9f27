"""An answer as the fetcher reads it: status, headers, the body streamed raw.

The headers read as httpx's do (names without case, repeated ones joined by
", ", decoded as ASCII, else UTF-8, else Latin-1), so what the fetcher
records is the same whichever path the request took.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable

from ingest.fetch_url import FeedURL


def _decoding(raw: list[tuple[bytes, bytes]]) -> str:
    for encoding in ("ascii", "utf-8"):
        try:
            for name, value in raw:
                name.decode(encoding)
                value.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return "iso-8859-1"


class Headers:
    """An answer's headers: (lower-case name, value) pairs in the order sent."""

    __slots__ = ("_pairs", "raw")

    def __init__(self, raw: Iterable[tuple[bytes, bytes]]) -> None:
        self.raw = [(bytes(name).lower(), bytes(value)) for name, value in raw]
        encoding = _decoding(self.raw)
        self._pairs = [(n.decode(encoding), v.decode(encoding)) for n, v in self.raw]

    def get_list(self, name: str) -> list[str]:
        name = name.lower()
        return [value for key, value in self._pairs if key == name]

    def get(self, name: str, default: str | None = None) -> str | None:
        values = self.get_list(name)
        return ", ".join(values) if values else default

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and any(key == name.lower() for key, _ in self._pairs)

    def items(self) -> list[tuple[str, str]]:
        """Each name once, its values joined."""
        joined: dict[str, str] = {}
        for key, value in self._pairs:
            joined[key] = f"{joined[key]}, {value}" if key in joined else value
        return list(joined.items())


class WireResponse:
    """Status, headers and a body read on demand; aclose() gives up what is unread."""

    __slots__ = ("_close", "_stream", "headers", "status_code", "url")

    def __init__(
        self,
        status_code: int,
        headers: Headers,
        url: FeedURL,
        stream: AsyncIterator[bytes],
        close: Callable[[], Awaitable[None]],
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.url = url
        self._stream = stream
        self._close = close

    def aiter_raw(self) -> AsyncIterator[bytes]:
        """The body as it came off the wire (no Content-Encoding undone)."""
        return self._stream

    async def aclose(self) -> None:
        await self._close()
