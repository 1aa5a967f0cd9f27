"""What a source is called on screen and in `aiwire list`.

A source named in feeds.toml keeps its name. One without a name takes the
feed's own title once it has been polled (feed text: sanitised, one line,
shortened), and until then host + path from its URL, so that a hundred
feeds of one host do not all read "127.0.0.1".
"""

from __future__ import annotations

from collections.abc import Mapping

from ingest.config import Config
from ingest.sanitize import clean_text
from storage.records import SEED_FEED_ID, Article, FeedState

MAX_TITLE_NAME = 60  # characters of a feed's own title used as its name
SEED_NAME = "Seed articles"


def title_name(title: str | None) -> str | None:
    """A feed's <title> as a source name, or None when it has none worth showing."""
    if not title:
        return None
    name = clean_text(title, single_line=True).strip()
    if not name:
        return None
    return name if len(name) <= MAX_TITLE_NAME else name[: MAX_TITLE_NAME - 1].rstrip() + "…"


def middle_shorten(text: str, width: int, tail: int | None = None, mark: str = "…") -> str:
    """`text` in at most `width` cells, cut in the middle: "Local wi…wire 1".

    The end of a name tells sources apart as often as its start ("… wire 0",
    "… wire 1"), so both survive. `tail` is how many end characters to keep.
    """
    if len(text) <= width:
        return text
    if width <= 1:
        return text[:width]
    keep = width - 1
    back = keep // 2 if tail is None else max(0, min(tail, keep))
    return text[: keep - back] + mark + (text[len(text) - back :] if back else "")


class SourceNames:
    def __init__(self) -> None:
        self._named: dict[str, str] = {}  # feed id -> name given in feeds.toml
        self._fallback: dict[str, str] = {}  # feed id -> host + path, for unnamed sources

    def apply(self, config: Config) -> None:
        self._named = {s.id: s.name for s in config.sources if s.named}
        self._fallback = {s.id: s.name for s in config.sources if not s.named}

    @property
    def titled_by_feed(self) -> bool:
        """Whether any source takes its name from its feed (and so can change name)."""
        return bool(self._fallback)

    def feed_name(self, feed_id: str, feeds: Mapping[str, FeedState]) -> str:
        if feed_id == SEED_FEED_ID:
            return SEED_NAME
        name = self._named.get(feed_id)
        if name is not None:
            return name
        state = feeds.get(feed_id)
        titled = title_name(state.title) if state is not None else None
        return titled or self._fallback.get(feed_id) or feed_id

    def feed_names(self, feed_ids: list[str], feeds: Mapping[str, FeedState]) -> dict[str, str]:
        names = {feed_id: self.feed_name(feed_id, feeds) for feed_id in feed_ids}
        names[SEED_FEED_ID] = SEED_NAME
        return names

    def source_name(self, article: Article, feeds: Mapping[str, FeedState]) -> str:
        if article.feed_id == SEED_FEED_ID:
            return article.source.outlet if article.source and article.source.outlet else "Seed"
        return self.feed_name(article.feed_id, feeds)
