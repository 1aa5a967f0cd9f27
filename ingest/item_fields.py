"""Second looks at what feedparser hands over for an item: titles and dates.

- A title is text. Feeds that escape their HTML once too often (or wrap it
  in CDATA and escape it too) arrive as "<b>Bold</b>" after decoding; a
  title that holds HTML tags is read as HTML, so "Bold" is what shows.
  Only the tags of inline HTML count, so "Vec<T>" and "x < y" stay as they are.
- feedparser's ISO 8601 reader rolls impossible dates over instead of
  refusing them ("-0001-11-30" becomes 2000-01-01, month 13 the next
  January); an impossible date is no date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ingest.htmltext import html_to_line

__all__ = ["impossible_iso_date", "title_as_text"]

_INLINE_TAG = re.compile(
    r"</?(?:a|abbr|b|big|br|cite|code|del|dfn|div|em|font|i|img|ins|kbd|mark|p|q|s|samp|"
    r"small|span|strike|strong|sub|sup|time|tt|u|var)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\s*(-?)(\d{4,})-(\d{1,2})(?:-(\d{1,2}))?")


def title_as_text(title: str) -> str:
    """The title with any inline HTML it carries read as HTML."""
    if "<" not in title or _INLINE_TAG.search(title) is None:
        return title
    return html_to_line(title)


def impossible_iso_date(raw: str, moment: datetime) -> bool:
    """Whether an ISO 8601 `raw` date names no real day, or not the one feedparser made of it."""
    match = _ISO_DATE.match(raw)
    if match is None:
        return False  # another format: feedparser's RFC 822 reader refuses bad ones itself
    negative, year, month, day = match.groups()
    if negative:
        return True
    try:
        named = date(int(year), int(month), int(day or 1))
    except (ValueError, OverflowError):
        return True
    # A time-zone offset moves the UTC day by one at most.
    return abs(moment.date() - named) > timedelta(days=1)
