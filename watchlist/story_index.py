"""Articles filed by a key (an entity, an event, an amount) and by day, so
that the story grouper finds an article's candidates without a scan."""

from __future__ import annotations

Days = dict[int | None, set[str]]  # day number (None: undated) -> article ids


def near(days: Days, day: int | None, slack: int) -> set[str]:
    """The ids filed within `slack` days of `day`, and the undated ones; all for an undated day."""
    if day is None or len(days) <= 2 * slack + 2:
        return set().union(*days.values())
    found = set(days.get(None, ()))
    for other_day in range(day - slack, day + slack + 1):
        found |= days.get(other_day, set())
    return found


def file_at(index: dict, key: object, day: int | None, article_id: str) -> None:
    index.setdefault(key, {}).setdefault(day, set()).add(article_id)


def unfile_at(index: dict, key: object, day: int | None, article_id: str) -> None:
    days = index[key]
    days[day].discard(article_id)
    if not days[day]:
        del days[day]
        if not days:
            del index[key]
