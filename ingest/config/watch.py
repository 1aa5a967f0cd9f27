"""Noticing edits to feeds.toml while the app runs, cheaply and without false alarms."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from ingest.config.load import parse_config, read_limited, read_problem
from ingest.config.model import Config, ConfigError


class ConfigWatcher:
    """Notices edits to the configuration file while the app runs.

    poll() is cheap to call every second or two: it reads the file only when
    its inode, mtime or size changed, or when its mtime is too recent to trust
    (an edit within the filesystem's timestamp granularity can keep mtime and
    size). A change is confirmed by a content hash, so saving without changes
    or `touch` reloads nothing.
    """

    # Timestamps on some filesystems are coarse (FAT: 2 s); within this window
    # of the last read an unchanged mtime proves nothing.
    _RACY_NS = 2_000_000_000

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stat_key: tuple[int, int, int] | None = None
        self._read_at_ns = 0
        self._digest: bytes | None = None
        self._polled = False

    def poll(self) -> Config | ConfigError | None:
        """The new Config or ConfigError when the file changed since the last poll, else None.

        The first poll always reports. A missing file is reported once as a
        ConfigError; the app should keep running on its last good Config.
        """
        try:
            stat = os.stat(self.path)
        except OSError as error:
            return self._report(b"missing", partial(read_problem, self.path, error))
        stat_key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if (
            self._polled
            and stat_key == self._stat_key
            and stat.st_mtime_ns < self._read_at_ns - self._RACY_NS
        ):
            return None
        read_at = time.time_ns()
        try:
            raw = read_limited(self.path)
        except OSError as error:
            return self._report(b"unreadable", partial(read_problem, self.path, error))
        self._stat_key = stat_key
        self._read_at_ns = read_at
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        return self._report(digest, partial(self._parse, raw))

    def _parse(self, raw: bytes) -> Config | ConfigError:
        try:
            return parse_config(raw, self.path)
        except ConfigError as error:
            return error

    def _report(
        self, digest: bytes, outcome: Callable[[], Config | ConfigError]
    ) -> Config | ConfigError | None:
        if self._polled and digest == self._digest:
            return None
        if digest in (b"missing", b"unreadable"):
            self._stat_key = None  # whatever appears next must be read
        self._polled = True
        self._digest = digest
        return outcome()
