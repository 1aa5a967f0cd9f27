"""The parser pool, made when the first feed has something to parse.

ingest.parser_pool brings multiprocessing and concurrent.futures' process
pool with it: a poll where every feed answers 304 needs neither, so the
pool (and its imports) wait until a body arrives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ingest.parsed import ParsedFeed
    from ingest.parser_pool import ParserPool, ParseTarget


class ParserOnDemand:
    """A ParserPool's warm_up/parse/aclose, with the pool made on first use."""

    def __init__(self, *, workers: int, target: ParseTarget, background: bool) -> None:
        self._workers = workers
        self._target = target
        self._background = background
        self._pool: ParserPool | None = None
        self._closed = False

    @property
    def pool(self) -> ParserPool:
        if self._closed:
            raise RuntimeError("the parser pool is closed")
        if self._pool is None:
            from ingest.parser_pool import ParserPool

            self._pool = ParserPool(
                workers=self._workers, target=self._target, background=self._background
            )
        return self._pool

    @property
    def started(self) -> bool:
        """Whether worker processes run (they start with the first parse)."""
        return self._pool is not None and self._pool.started

    def warm_up(self) -> None:
        if not self._closed:
            self.pool.warm_up()

    async def parse(self, feed_id: str, data: bytes, **options: Any) -> ParsedFeed:
        return await self.pool.parse(feed_id, data, **options)

    async def aclose(self) -> None:
        self._closed = True
        if self._pool is not None:
            await self._pool.aclose()
