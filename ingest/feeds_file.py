"""Read and atomically replace the user's feeds.toml, keeping its byte order mark.

Every command that edits feeds.toml (add, remove, OPML import, affiliation)
goes through here, so a crash mid-write leaves either the old file or the new.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

BOM = b"\xef\xbb\xbf"


def split_bom(raw: bytes) -> tuple[bool, str]:
    """Whether the file starts with a byte order mark, and its text without it."""
    return raw.startswith(BOM), raw.removeprefix(BOM).decode("utf-8")


def with_bom(bom: bool, text: str) -> bytes:
    return (BOM if bom else b"") + text.encode("utf-8")


def replace_file(path: Path, payload: bytes) -> None:
    """Atomic replace, keeping the file's permissions; through a symlink, the target."""
    target = path.resolve()  # dotfile managers symlink feeds.toml; keep the link
    mode = target.stat().st_mode & 0o7777
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
