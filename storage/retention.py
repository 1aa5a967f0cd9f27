"""Retention: keep the archive in bounds, and give the disk space back.

What goes: articles older than `keep`, and beyond `max_articles` (per source
and for the whole archive), oldest first by the date the list shows. What
stays regardless: starred articles, articles with an event on a watched
entity, and the bundled seed articles.

Pruning removes an article's metadata row and its read/starred flags, then
compacts the body files so the space really is freed. Body files are append
only and referenced by (file, offset, length), so a file is never rewritten in
place: its live records are copied to a new file (temp file, fsync, rename,
fsync of the folder), the rows are pointed at the copy (an append-log flush,
durable on return), and only then is the old file deleted. A kill at any
moment leaves each row pointing at a complete file that holds its text; a copy
nobody points at yet, or an old file nobody points at any more, is deleted by
the next prune.

The work is split into steps, each bounded (one chunk of rows, one body file,
one shard's worth of pointers), so the owner can run them on the storage
thread between other calls: Pruner.step() does one and says whether more is
left. Between steps other calls may add or star articles: each step looks
again at what is stored now, never at a plan made earlier.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.atomic import fsync_directory
from storage.bodies import BodyRef
from storage.fulltext_cache import FullTextCache
from storage.records import SEED_FEED_ID, STARRED_FLAG, Article
from storage.store import ArticleStore

REMOVE_CHUNK = 500  # rows per step: about one shard's worth of appended lines
RELOCATE_CHUNK = 1000  # pointers per step
# A body file is copied when at least this share of it is dead: copying a file
# to free 2% of it would rewrite the whole archive for every pruned article.
COMPACT_DEAD_SHARE = 0.25
# An item first seen this recently may still be in its feed; its id is kept so
# the next poll does not bring it back. Feeds list days or weeks of items.
REMEMBER_PRUNED = timedelta(days=90)
# Files in the data directory only the store writes (ui.json is the UI's own).
_STORE_FILES = ("user.json", "pruned.json", "state.jsonl", "state.json")


@dataclass(frozen=True, slots=True)
class Rule:
    keep: int | None = None  # seconds; None: no age limit
    max_articles: int | None = None


_NO_RULE = Rule()


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """`archive` applies to every source (its max_articles to the archive as a
    whole); `per_source` maps a feed id to its own rule, whose values win."""

    archive: Rule = Rule()
    per_source: Mapping[str, Rule] = field(default_factory=dict)
    # Entity ids on the watchlist; None: an event on any entity keeps an article.
    watched: frozenset[str] | None = None

    @property
    def active(self) -> bool:
        rules = [self.archive, *self.per_source.values()]
        return any(rule.keep is not None or rule.max_articles is not None for rule in rules)


@dataclass(slots=True)
class PruneReport:
    removed: int = 0
    removed_ids: list[str] = field(default_factory=list)  # for the owner's views of the list
    files_compacted: int = 0
    files_deleted: int = 0
    shards_deleted: int = 0  # metadata shards the removal left without rows
    bytes_before: int = 0
    bytes_after: int = 0
    skipped: str | None = None  # why the body files were left as they are


def kept_regardless(article: Article, flags: int, watched: frozenset[str] | None) -> bool:
    if flags & STARRED_FLAG or article.feed_id == SEED_FEED_ID:
        return True
    return any(watched is None or event.get("entity_id") in watched for event in article.events)


@dataclass(frozen=True, slots=True)
class Plan:
    """What a prune removes (oldest first), and the links of what stays."""

    victims: list[str]
    kept_links: frozenset[str]


def _newest_key(article: Article) -> tuple[datetime, str]:
    return (article.published or article.first_seen, article.id)


def plan_prune(
    articles: list[Article], flags: Mapping[str, int], policy: RetentionPolicy, now: datetime
) -> Plan:
    """Pure, over a snapshot: the owner may run it off the storage thread (~1 s
    for 100,000 articles); each removal judges its articles again anyway."""
    newest_first = sorted(articles, key=_newest_key, reverse=True)
    default_cutoff = (
        None if policy.archive.keep is None else now - timedelta(seconds=policy.archive.keep)
    )
    cutoffs = {
        feed: now - timedelta(seconds=rule.keep)
        for feed, rule in policy.per_source.items()
        if rule.keep is not None
    }
    caps = {
        feed: rule.max_articles
        for feed, rule in policy.per_source.items()
        if rule.max_articles is not None
    }
    seen: dict[str, int] = dict.fromkeys(caps, 0)
    doomed: set[str] = set()
    for article in newest_first:
        feed = article.feed_id
        cutoff = cutoffs.get(feed, default_cutoff)
        if cutoff is not None and (article.published or article.first_seen) < cutoff:
            doomed.add(article.id)
        elif feed in caps:
            seen[feed] += 1
            if seen[feed] > caps[feed]:
                doomed.add(article.id)
    if policy.archive.max_articles is not None:
        survivors = [a for a in newest_first if a.id not in doomed]
        doomed.update(a.id for a in survivors[policy.archive.max_articles :])
    victims = [
        a.id
        for a in reversed(newest_first)
        if a.id in doomed and not kept_regardless(a, flags.get(a.id, 0), policy.watched)
    ]
    gone = set(victims)
    kept_links = frozenset(a.link for a in articles if a.link and a.id not in gone)
    return Plan(victims, kept_links)


def disk_usage(data_dir: Path) -> int:
    total = 0
    for path in data_dir.rglob("*"):
        with contextlib.suppress(OSError):
            if path.is_file():
                total += path.stat().st_size
    return total


class Pruner:
    """One prune, run a step at a time: `while pruner.step(): ...`."""

    def __init__(
        self,
        store: ArticleStore,
        policy: RetentionPolicy,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        plan: Plan | None = None,
    ) -> None:
        """`plan`: made beforehand by plan_prune (off the storage thread); else
        the first step makes it."""
        self.store = store
        self.policy = policy
        self.now = now
        self.plan = plan
        self.report = PruneReport()
        self._steps = self._run()

    def step(self) -> bool:
        """Do one bounded piece of work; False once the prune is complete."""
        return next(self._steps, False)

    def run(self) -> PruneReport:
        while self.step():
            pass
        return self.report

    @property
    def bodies_dir(self) -> Path:
        return self.store.data_dir / "bodies"

    def _run(self) -> Iterator[bool]:
        store = self.store
        self.report.bytes_before = disk_usage(store.data_dir)
        if not store.writer:
            self.report.skipped = "another aiwire instance is writing"
            return
        if self.policy.active:
            if self.plan is None:
                articles = list(store.articles())
                self.plan = plan_prune(articles, store.user_flags(), self.policy, self.now())
                yield True
            victims = self.plan.victims
            for start in range(0, len(victims), REMOVE_CHUNK):
                self._remove(victims[start : start + REMOVE_CHUNK])
                yield True
        if store.report.moved_aside or store.report.unreadable:
            # A file set aside may still be repaired by hand; its texts must
            # stay, and nothing here refers to them.
            self.report.skipped = "a damaged file was set aside; body files left as they are"
        else:
            yield from self._compact_bodies()
        self.report.bytes_after = disk_usage(store.data_dir)

    def _remove(self, chunk: list[str]) -> None:
        """Remove a chunk, judged again now: it may have been starred meanwhile."""
        store = self.store
        flags = store.user_flags()
        now = self.now()
        gone = []
        for article_id in chunk:
            article = store.get(article_id)
            if article is not None and not kept_regardless(
                article, flags.get(article_id, 0), self.policy.watched
            ):
                gone.append(article)
        if not gone:
            return
        # Remembered first: a kill between the two only remembers an id early.
        pruned = {
            article_id: when
            for article_id, when in store.pruned_ids().items()
            if now - datetime.fromisoformat(when) < REMEMBER_PRUNED
        }
        stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
        pruned.update(
            (article.id, stamp) for article in gone if now - article.first_seen < REMEMBER_PRUNED
        )
        if pruned != store.pruned_ids():
            store.set_pruned_ids(pruned)
        self.report.removed += store.remove_articles(article.id for article in gone)
        self.report.shards_deleted += store.drop_empty_shards()
        self.report.removed_ids.extend(article.id for article in gone)
        # Their extracted pages go too, unless an article staying links to one.
        FullTextCache(store.data_dir).forget(
            {a.link for a in gone if a.link and a.link not in self.plan.kept_links}
        )

    # -- body files --------------------------------------------------------

    def _remove_leftovers(self) -> None:
        """Temp files of writes a kill interrupted: only the writer, on this
        thread, writes these files, so none of them is being written now."""
        data_dir = self.store.data_dir
        leftovers = [*(data_dir / "bodies").glob(".*.tmp"), *(data_dir / "articles").glob(".*.tmp")]
        for name in _STORE_FILES:
            leftovers += data_dir.glob(f".{name}.*.tmp")
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)

    def _compact_bodies(self) -> Iterator[bool]:
        self._remove_leftovers()
        directory = self.bodies_dir
        if not directory.exists():
            return
        # Taken together in one step, so no append falls between the two: a file
        # whose size changes later has rows this snapshot does not know of.
        usage = self.store.texts_by_file()
        sizes = {path.name: path.stat().st_size for path in directory.glob("*.jsonl")}
        deleted = False
        for name in sorted(sizes):
            if name not in usage:
                (directory / name).unlink(missing_ok=True)
                self.report.files_deleted += 1
                deleted = True
        if deleted:
            fsync_directory(directory)
        yield True
        # Two generations of one month mean a compaction was cut short (a kill
        # between copying and relocating): whatever is dead in them goes.
        months = Counter(_month_of(name) for name in sizes)
        for name, entries in sorted(usage.items()):
            size = sizes.get(name)
            if size is None:
                continue  # rows pointing at a lost file: nothing to copy
            dead = size - sum(length for _, _, _, length in entries)
            share = 0.0 if months[_month_of(name)] > 1 else COMPACT_DEAD_SHARE
            if dead > 0 and dead >= share * size:
                yield from self._compact_file(directory / name, entries, size)

    def _compact_file(
        self, path: Path, entries: list[tuple[str, str, int, int]], size: int
    ) -> Iterator[bool]:
        target = _next_generation(path)
        moves = _copy_records(path, target, entries)
        yield True
        items = list(moves.items())
        for start in range(0, len(items), RELOCATE_CHUNK):
            # A text removed or moved meanwhile is skipped: it no longer points here.
            self.store.relocate_texts(dict(items[start : start + RELOCATE_CHUNK]))
            yield True
        if path.stat().st_size != size:
            return  # appended to since the snapshot: rows point at it that were not copied
        path.unlink()
        fsync_directory(path.parent)
        self.report.files_compacted += 1


def _month_of(name: str) -> str:
    """ "2026-11.c2.jsonl" -> "2026-11": the file's month, whatever its generation."""
    stem = name.removesuffix(".jsonl")
    base, _, generation = stem.rpartition(".c")
    return base if base and generation.isdigit() else stem


def _next_generation(path: Path) -> Path:
    """ "2026-11.jsonl" -> "2026-11.c1.jsonl" -> "2026-11.c2.jsonl": a name not in use."""
    stem = path.name.removesuffix(".jsonl")
    base, _, generation = stem.rpartition(".c")
    number = int(generation) + 1 if base and generation.isdigit() else 1
    base = base if base and generation.isdigit() else stem
    while True:
        candidate = path.with_name(f"{base}.c{number}.jsonl")
        if not candidate.exists():
            return candidate
        number += 1


def _copy_records(
    source: Path, target: Path, entries: list[tuple[str, str, int, int]]
) -> dict[tuple[str, str], tuple[BodyRef, BodyRef]]:
    """Copy the referenced records into a new file, durable once this returns."""
    moves: dict[tuple[str, str], tuple[BodyRef, BodyRef]] = {}
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as old:
            offset = 0
            for article_id, kind, start, length in sorted(entries, key=lambda entry: entry[2]):
                old.seek(start)
                record = old.read(length)
                if len(record) != length:
                    continue  # a pointer past the end: leave it where it is
                out.write(record)
                moves[(article_id, kind)] = (
                    BodyRef(source.name, start, length),
                    BodyRef(target.name, offset, length),
                )
                offset += length
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    fsync_directory(target.parent)
    return moves
