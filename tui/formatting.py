"""How dates, counts and names are written on screen."""

from __future__ import annotations

from datetime import datetime

SPARK_BLOCKS = " ▁▂▃▄▅▆▇█"


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
    peak = max(counts)
    if peak == 0:
        return SPARK_BLOCKS[1] * len(counts)
    steps = len(SPARK_BLOCKS) - 1
    return "".join(SPARK_BLOCKS[max(1 if c else 0, round(c / peak * steps))] for c in counts)
