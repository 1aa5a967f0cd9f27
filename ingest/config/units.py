"""Durations and sizes as people write them ("15m", "1h30m", "15MB"), and back."""

from __future__ import annotations

import math
import re

from ingest.config.display import show

_SECONDS_PER_UNIT = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("d", "day", "days"), 86400),
    **dict.fromkeys(("w", "week", "weeks"), 7 * 86400),
}
_DURATION_PART = re.compile(r"\s*(\d{1,12})\s*([a-z]+)")
_DURATION = re.compile(r"(?:\s*\d{1,12}\s*[a-z]+)+\s*")
_DURATION_HINT = 'must be a number of seconds or a duration like "90s", "15m", "2h" or "1d"'

_BYTES_PER_UNIT = {
    "b": 1,
    **dict.fromkeys(("k", "kb", "kib"), 1024),
    **dict.fromkeys(("m", "mb", "mib"), 1024**2),
    **dict.fromkeys(("g", "gb", "gib"), 1024**3),
}
_SIZE = re.compile(r"\s*(\d{1,12}(?:\.\d{1,6})?)\s*([a-z]*)\s*")


def parse_interval(value: object) -> int:
    """Seconds from an int (seconds) or a string such as "90s", "15m", "2h", "1d", "1h30m".

    Raises ValueError with a message ready to show after the key name. Range
    checks are the caller's business (intervals and timeouts differ).
    """
    if isinstance(value, bool):  # bool is an int subclass; `interval = true` is a mistake
        raise ValueError(f"{_DURATION_HINT}, got {show(value)}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"must be a finite duration, got {show(value)}")
        if value.is_integer():
            return int(value)
        raise ValueError(f"must be whole seconds, got {show(value)}")
    if isinstance(value, str):
        text = value.strip().lower()
        if text.isascii() and text.isdigit() and len(text) <= 12:
            return int(text)
        if _DURATION.fullmatch(text):
            total = 0
            for number, unit in _DURATION_PART.findall(text):
                if unit not in _SECONDS_PER_UNIT:
                    break
                total += int(number) * _SECONDS_PER_UNIT[unit]
            else:
                return total
    raise ValueError(f"{_DURATION_HINT}, got {show(value)}")


def parse_size(value: object) -> int:
    """Bytes from an int or "15MB"/"512 KiB"; K/M/G are binary units either way."""
    if isinstance(value, bool):
        raise ValueError(f'must be a size like "15MB" or a number of bytes, got {show(value)}')
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        match = _SIZE.fullmatch(value.lower())
        if match and match.group(2) in ("", *_BYTES_PER_UNIT):
            return int(float(match.group(1)) * _BYTES_PER_UNIT.get(match.group(2), 1))
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"must be a finite size, got {show(value)}")
    raise ValueError(f'must be a size like "15MB" or a number of bytes, got {show(value)}')


def human_duration(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def human_size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


def size_over(size: int, limit: int) -> str:
    """`size` beside a `limit` it exceeds: "over 10 MB" where rounding hides the difference."""
    shown = human_size(size)
    return f"over {human_size(limit)}" if shown == human_size(limit) else shown
