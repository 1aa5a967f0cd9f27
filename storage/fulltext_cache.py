"""Extracted article pages, cached by URL so a page is never fetched twice.

One small JSON file per URL in `fulltext/` of the data directory, named by a
hash of the URL and replaced atomically (storage.atomic), so a kill leaves
either no entry or a whole one. A file that does not load is treated as
absent: the worst a damaged entry costs is one more fetch.

A failure is cached too, with the number of attempts, so a page that times
out is not fetched on every poll; it is tried again after a pause that grows
with each attempt, and given up after MAX_ATTEMPTS.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

from storage.atomic import CorruptDataFile, read_json_object, write_atomically

CACHE_DIR = "fulltext"
MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(hours=6)  # then 12 h, then given up


@dataclass(frozen=True, slots=True)
class CachedPage:
    url: str
    text: str | None  # None: the page failed, `error` says why
    error: str | None
    attempts: int
    when: datetime

    def worth_retrying(self, now: datetime) -> bool:
        if self.text is not None or self.attempts >= MAX_ATTEMPTS:
            return False
        return now - self.when >= RETRY_AFTER * self.attempts


class FullTextCache:
    def __init__(self, data_dir: Path) -> None:
        self.directory = data_dir / CACHE_DIR

    def _path(self, url: str) -> Path:
        digest = hashlib.blake2b(url.encode("utf-8", "surrogatepass"), digest_size=16)
        return self.directory / f"{digest.hexdigest()}.json"

    def get(self, url: str) -> CachedPage | None:
        try:
            data = read_json_object(self._path(url))
        except (CorruptDataFile, OSError):
            return None
        if not data or data.get("url") != url:
            return None  # absent, or (astronomically unlikely) another URL's hash
        try:
            return CachedPage(
                url,
                data.get("text"),
                data.get("error"),
                int(data.get("attempts", 1)),
                datetime.fromisoformat(data["when"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def put_text(self, url: str, text: str, *, now: datetime | None = None) -> None:
        self._write(url, {"text": text}, now)

    def put_failure(self, url: str, error: str, *, now: datetime | None = None) -> CachedPage:
        previous = self.get(url)
        attempts = (previous.attempts if previous and previous.text is None else 0) + 1
        self._write(url, {"error": error, "attempts": attempts}, now)
        cached = self.get(url)
        assert cached is not None
        return cached

    def _write(self, url: str, fields: dict[str, object], now: datetime | None) -> None:
        when = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        self.directory.mkdir(parents=True, exist_ok=True)
        write_atomically(self._path(url), orjson.dumps({"url": url, "when": when, **fields}))

    def forget(self, urls: Iterable[str]) -> int:
        """Drop the entries of these URLs (their articles were pruned)."""
        removed = 0
        for url in urls:
            path = self._path(url)
            if path.exists():
                path.unlink(missing_ok=True)
                removed += 1
        return removed
