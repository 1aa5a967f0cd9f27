"""How dates, counts and names are written on screen."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime

from core.names import middle_shorten
from tui.terminal_caps import glyphs


def local(moment: datetime) -> datetime:
    return moment.astimezone()


def short_time(
    moment: datetime | None, precision: str = "second", now: datetime | None = None
) -> str:
    """Compact list-column time: "14:05" today, "Jul 16 03:58" this year, else "2024-05-20"."""
    if moment is None:
        return "no date"
    now = now or datetime.now().astimezone()
    shown = local(moment) if precision == "second" else moment
    if precision != "second":
        return shown.strftime("%Y-%m-%d")
    if shown.date() == now.date():
        return shown.strftime("%H:%M")
    if shown.year == now.year:
        return shown.strftime("%b %d %H:%M")
    return shown.strftime("%Y-%m-%d")


def long_time(moment: datetime | None, precision: str = "second") -> str:
    """Reader header time, in the user's local zone: "Wed 16 Jul 2025 03:58 +0700"."""
    if moment is None:
        return "no date given by the source"
    if precision != "second":
        return moment.strftime("%a %d %b %Y")
    return local(moment).strftime("%a %d %b %Y %H:%M %z")


def sparkline(counts: list[int]) -> str:
    if not counts:
        return ""
    blocks = glyphs().spark  # ASCII levels where the locale is not UTF-8
    peak = max(counts)
    if peak == 0:
        return blocks[1] * len(counts)
    steps = len(blocks) - 1
    return "".join(blocks[max(1 if c else 0, round(c / peak * steps))] for c in counts)


DATE_COLUMN = 7  # "14:05" today, "Nov 02" this year, "2024-05" before


def column_time(
    moment: datetime | None, precision: str = "second", now: datetime | None = None
) -> str:
    """The article list's date column: at most DATE_COLUMN characters, "" when undated."""
    if moment is None:
        return ""
    now = now or datetime.now().astimezone()
    shown = local(moment) if precision == "second" else moment
    if precision == "second" and shown.date() == now.date():
        return shown.strftime("%H:%M")
    if shown.year == now.year:
        return shown.strftime("%b %d")
    return shown.strftime("%Y-%m")


class DistinctNames:
    """Short forms of names in a fixed width, never the same for two names.

    Middle shortening can still make two long names look alike; the later one
    then keeps more of its end, and as a last resort ends in a number.
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self._short: dict[str, str] = {}
        self._owner: dict[str, str] = {}  # short form -> the name that has it

    def prepare(self, names: Iterable[str]) -> None:
        """Names known up front: all those that would shorten alike show where they
        differ ("Local…wire 0", "Local…wire 1"), not only the ones met second."""
        width, mark = self.width, glyphs().ellipsis
        groups: dict[str, list[str]] = {}
        for name in dict.fromkeys(names):
            if len(name) > width and name not in self._short:
                groups.setdefault(middle_shorten(name, width, mark=mark), []).append(name)
        head = (width - 1) // 2
        window = width - 1 - head
        for group in groups.values():
            if len(group) < 2:
                continue
            start = max(head, len(os.path.commonprefix(group)) + 1 - window)
            for name in group:
                short = name[:head] + mark + name[start : start + window]
                if short not in self._owner:
                    self._short[name] = short
                    self._owner[short] = name

    def __call__(self, name: str) -> str:
        short = self._short.get(name)
        if short is not None:
            return short
        width = self.width
        mark = glyphs().ellipsis
        candidates = [middle_shorten(name, width, mark=mark)]
        rival = self._owner.get(candidates[0])
        if rival is not None and len(name) > width:
            # Show the part where the two names differ, after the same head.
            differ = next(
                (i for i, (a, b) in enumerate(zip(name, rival, strict=False)) if a != b),
                min(len(name), len(rival)),
            )
            head = (width - 1) // 2
            window = width - 1 - head
            start = max(head, differ + 1 - window)
            candidates.append(name[:head] + mark + name[start : start + window])
            candidates += [
                middle_shorten(name, width, tail, mark) for tail in range(width - 1, 0, -1)
            ]
        short = next((c for c in candidates if c not in self._owner), None)
        number = 2
        while short is None:
            numbered = f"{mark}{number}"
            candidate = name[: max(width - len(numbered), 0)] + numbered
            short = candidate if candidate not in self._owner else None
            number += 1
        self._short[name] = short
        self._owner[short] = name
        return short
