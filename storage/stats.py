"""`aiwire stats`: how big the archive is, where it comes from, what it costs on disk.

Read from a read-only store, so it can run while the dashboard is writing.
Months are those of the date the article list shows (published, else first seen).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storage.records import READ_FLAG, STARRED_FLAG
from storage.store import ArticleStore

# Where the bytes are, by the first part of the path inside the data directory.
_PARTS = {"articles": "metadata", "bodies": "bodies", "fulltext": "page cache"}


@dataclass(slots=True)
class ArchiveStats:
    articles: int = 0
    starred: int = 0
    read: int = 0
    full_texts: int = 0
    per_source: dict[str, int] = field(default_factory=dict)
    per_month: dict[str, int] = field(default_factory=dict)
    bytes_on_disk: dict[str, int] = field(default_factory=dict)

    @property
    def total_bytes(self) -> int:
        return sum(self.bytes_on_disk.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "starred": self.starred,
            "read": self.read,
            "full_texts": self.full_texts,
            "per_source": self.per_source,
            "per_month": self.per_month,
            "bytes_on_disk": {**self.bytes_on_disk, "total": self.total_bytes},
        }


def bytes_by_part(data_dir: Path) -> dict[str, int]:
    parts: Counter[str] = Counter()
    if not data_dir.exists():
        return {}
    for path in data_dir.rglob("*"):
        try:
            if not path.is_file():
                continue
            size = path.stat().st_size
        except OSError:
            continue  # removed while we looked (a prune, a compaction)
        top = path.relative_to(data_dir).parts[0]
        parts[_PARTS.get(top, "state" if path.parent == data_dir else "other")] += size
    return dict(sorted(parts.items()))


def archive_stats(store: ArticleStore) -> ArchiveStats:
    stats = ArchiveStats()
    per_source: Counter[str] = Counter()
    per_month: Counter[str] = Counter()
    for article in store.articles():
        per_source[article.feed_id] += 1
        per_month[article.sort_time.strftime("%Y-%m")] += 1
    flags = store.user_flags()
    stats.articles = sum(per_source.values())
    stats.starred = sum(1 for value in flags.values() if value & STARRED_FLAG)
    stats.read = sum(1 for value in flags.values() if value & READ_FLAG)
    stats.full_texts = sum(1 for _, kind, _ in store.body_refs() if kind == "full")
    stats.per_source = dict(per_source.most_common())
    stats.per_month = dict(sorted(per_month.items()))
    stats.bytes_on_disk = bytes_by_part(store.data_dir)
    return stats


def human_bytes(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def format_stats(stats: ArchiveStats, names: Mapping[str, str] | None = None) -> str:
    """The report as text; `names` maps feed ids to the names feeds.toml gives them."""
    names = names or {}
    lines = [
        f"articles     {stats.articles:,} ({stats.starred:,} starred, {stats.read:,} read, "
        f"{stats.full_texts:,} with the whole article)",
        f"on disk      {human_bytes(stats.total_bytes)}  "
        + ", ".join(f"{part} {human_bytes(size)}" for part, size in stats.bytes_on_disk.items()),
        "",
        "per source",
    ]
    width = max((len(names.get(feed, feed)) for feed in stats.per_source), default=0)
    for feed, count in stats.per_source.items():
        lines.append(f"  {names.get(feed, feed):<{width}}  {count:>7,}")
    lines += ["", "per month"]
    for when, count in stats.per_month.items():
        lines.append(f"  {when}  {count:>7,}")
    return "\n".join(lines) + "\n"
