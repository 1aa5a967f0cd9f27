"""A response body's Content-Encoding undone in bounded pieces, so a gzip bomb
stops at the size cap instead of filling memory."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

# Decompressed output is produced in pieces of at most this size, so a bomb costs at
# most one piece beyond the cap.
PIECE = 64 * 1024


class Failure(Exception):
    """An expected way for a fetch to fail; the message is shown to the user as is."""


class _Decoder:
    """Content-Encoding layers ("gzip, gzip" is decoded right to left), lazily.

    Each layer turns one input into output pieces of at most ``PIECE`` bytes and the
    layers are chained generators, so a consumer that stops early stops every layer.
    """

    def __init__(self, header: str) -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip()]
        self._layers = [_layer(c) for c in reversed(codings) if c != "identity"]
        # Nothing to undo: the bytes off the wire are the body (the usual case).
        self.identity = not self._layers

    def feed(self, data: bytes) -> Iterator[bytes]:
        return self._through(0, data)

    def finish(self) -> Iterator[bytes]:
        return self._finish_from(0)

    def _through(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._layers):
            if data:
                yield data
            return
        for piece in self._layers[index].feed(data):
            yield from self._through(index + 1, piece)

    def _finish_from(self, index: int) -> Iterator[bytes]:
        # Each layer's leftovers go through the layers after it, which then finish too.
        if index == len(self._layers):
            return
        for piece in self._layers[index].finish():
            yield from self._through(index + 1, piece)
        yield from self._finish_from(index + 1)


def _layer(coding: str) -> _Inflater:
    if coding in ("gzip", "x-gzip"):
        return _Inflater(gzip=True)
    if coding == "deflate":
        return _Inflater(gzip=False)
    raise Failure(f"unsupported content-encoding: {coding[:40]}")


class _Inflater:
    """One gzip or deflate layer with bounded output per step.

    gzip may hold several members back to back; junk after the last one is ignored
    (as gzip(1) does). "deflate" should be zlib-wrapped but some servers send raw
    deflate, so the first two bytes decide.
    """

    def __init__(self, *, gzip: bool) -> None:
        self._gzip = gzip
        self._obj: zlib._Decompress | None = None
        self._pending = b""  # deflate: bytes held until the header can be sniffed
        self._members = 0
        self._member_output = False
        self._ignoring = False  # junk after the end of the stream

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._ignoring or not data:
            return
        if self._obj is None:
            if not self._gzip and len(self._pending) + len(data) < 2:
                self._pending += data
                return
            data, self._pending = self._pending + data, b""
            self._obj = self._new_member(data)
        yield from self._inflate(data)

    def finish(self) -> Iterator[bytes]:
        if self._pending:  # a one-byte deflate body: let zlib judge it
            data, self._pending = self._pending, b""
            self._obj = self._new_member(data)
            yield from self._inflate(data)
        # A truncated stream ends here without complaint: browsers accept it too, and
        # the feed parser will judge what arrived.

    def _new_member(self, head: bytes) -> zlib._Decompress:
        self._members += 1
        self._member_output = False
        if self._gzip:
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        zlib_wrapped = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if zlib_wrapped else -zlib.MAX_WBITS)

    def _inflate(self, data: bytes) -> Iterator[bytes]:
        while True:
            assert self._obj is not None
            try:
                out = self._obj.decompress(data, PIECE)
            except zlib.error as exc:
                if self._members > 1 and not self._member_output:
                    self._ignoring = True  # junk after a complete gzip member
                    return
                kind = "gzip" if self._gzip else "deflate"
                raise Failure(f"the body is not valid {kind} data ({exc})") from None
            if out:
                self._member_output = True
                yield out
            if self._obj.eof:
                rest = self._obj.unused_data
                if not self._gzip or not rest:
                    # Further input (trailing junk, or the next gzip member) arrives
                    # with the next feed; a finished deflate stream ignores it.
                    self._ignoring = not self._gzip
                    if self._gzip:
                        self._obj = None
                    return
                self._obj = self._new_member(rest)
                data = rest
                continue
            data = self._obj.unconsumed_tail
            # A full piece may leave output inside zlib even with no input left.
            if not data and len(out) < PIECE:
                return
