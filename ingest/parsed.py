"""What one parse produces, and the caps every source kind applies.

Sizes are capped (items, title, body) so one feed cannot exhaust memory; the
JSON Feed kind reads with the same caps as feedparser's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from storage.records import NewArticle

MAX_ITEMS = 5_000
MAX_TITLE_CHARS = 1_000
MAX_BODY_CHARS = 200_000
# HTML beyond this is not converted: 200,000 characters of text rarely need more.
MAX_HTML_CHARS = 2_000_000
MAX_GUID_CHARS = 2_000
MAX_AUTHOR_CHARS = 200
MAX_LINK_CHARS = 8_000
# Titleless items (Mastodon, some microblogs) get their first words as a title,
# after a mark that says the title is made up: "… first words of the post".
FALLBACK_TITLE_CHARS = 120
DERIVED_TITLE_MARK = "… "
# Clocks differ a little; beyond this a date "in the future" is a lie.
FUTURE_TOLERANCE = timedelta(minutes=10)
# Older dates are placeholders (1970 epochs, 1900 defaults), not publication times.
OLDEST_PLAUSIBLE = datetime(1990, 1, 1, tzinfo=UTC)


@dataclass(slots=True)
class ParsedFeed:
    """What one parse produced. `error` set means: nothing usable, say why."""

    feed_title: str | None = None
    feed_link: str | None = None
    language: str | None = None
    items: list[NewArticle] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    # Ids of the feed's entries left out because the caller has them stored
    # already (the `known` ids a parse is given): nothing of theirs is read.
    skipped: list[str] = field(default_factory=list)

    @classmethod
    def failed(cls, error: str) -> ParsedFeed:
        return cls(error=error)
