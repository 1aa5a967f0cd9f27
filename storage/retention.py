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


@dataclass(frozen=True, slots=True)
class Rule:
    keep: int | None = None  # seconds; None: no age limit
    max_articles: int | None = None


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
    files_compacted: int = 0
    files_deleted: int = 0
    bytes_before: int = 0
    bytes_after: int = 0
    skipped: str | None = None  # why the body files were left as they are


def kept_regardless(article: Article, flags: int, watched: frozenset[str] | None) -> bool:
    if flags & STARRED_FLAG or article.feed_id == SEED_FEED_ID:
        return True
    return any(watched is None or event.get("entity_id") in watched for event in article.events)


def select_prunable(
    articles: list[Article], flags: Mapping[str, int], policy: RetentionPolicy, now: datetime
) -> list[str]:
    """Ids the policy removes, oldest first."""
    newest_first = sorted(articles, key=lambda a: (a.sort_time, a.id), reverse=True)
    doomed: set[str] = set()
    per_feed_seen: dict[str, int] = {}
    for article in newest_first:
        rule = policy.per_source.get(article.feed_id, Rule())
        keep = rule.keep if rule.keep is not None else policy.archive.keep
        seen = per_feed_seen[article.feed_id] = per_feed_seen.get(article.feed_id, 0) + 1
        too_old = keep is not None and (now - article.sort_time).total_seconds() > keep
        if too_old or (rule.max_articles is not None and seen > rule.max_articles):
            doomed.add(article.id)
    if policy.archive.max_articles is not None:
        survivors = [a for a in newest_first if a.id not in doomed]
        doomed.update(a.id for a in survivors[policy.archive.max_articles :])
    return [
        a.id
        for a in reversed(newest_first)
        if a.id in doomed and not kept_regardless(a, flags.get(a.id, 0), policy.watched)
    ]


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
    ) -> None:
        self.store = store
        self.policy = policy
        self.now = now
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
            victims = select_prunable(
                list(store.articles()), store.user_flags(), self.policy, self.now()
            )
            yield True
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
        # Their extracted pages go too, unless an article still here links to one.
        still_linked = {article.link for article in store.articles()}
        FullTextCache(store.data_dir).forget(
            {a.link for a in gone if a.link and a.link not in still_linked}
        )

    # -- body files --------------------------------------------------------

    def _usage(self) -> dict[str, list[tuple[str, str, BodyRef]]]:
        by_file: dict[str, list[tuple[str, str, BodyRef]]] = {}
        for article_id, kind, ref in self.store.body_refs():
            by_file.setdefault(ref.file, []).append((article_id, kind, ref))
        return by_file

    def _compact_bodies(self) -> Iterator[bool]:
        directory = self.bodies_dir
        if not directory.exists():
            return
        for leftover in directory.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)  # a copy a kill interrupted
        usage = self._usage()
        deleted = False
        for path in sorted(directory.glob("*.jsonl")):
            if path.name not in usage:
                path.unlink(missing_ok=True)
                self.report.files_deleted += 1
                deleted = True
        if deleted:
            fsync_directory(directory)
        yield True
        for name, entries in sorted(usage.items()):
            path = directory / name
            try:
                size = path.stat().st_size
            except FileNotFoundError:
                continue  # rows pointing at a lost file: nothing to copy
            live = sum(ref.length for _, _, ref in entries)
            if size - live <= 0 or (size - live) < COMPACT_DEAD_SHARE * size:
                continue
            yield from self._compact_file(path)

    def _compact_file(self, path: Path) -> Iterator[bool]:
        # Looked at again: articles may have been added or removed since.
        entries = self._usage().get(path.name, [])
        target = _next_generation(path)
        moves = _copy_records(path, target, entries)
        yield True
        items = list(moves.items())
        for start in range(0, len(items), RELOCATE_CHUNK):
            self.store.relocate_texts(dict(items[start : start + RELOCATE_CHUNK]))
            yield True
        if path.name in self._usage():
            return  # something new points at it (an append meanwhile): next prune
        path.unlink(missing_ok=True)
        fsync_directory(path.parent)
        self.report.files_compacted += 1


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
    source: Path, target: Path, entries: list[tuple[str, str, BodyRef]]
) -> dict[tuple[str, str], tuple[BodyRef, BodyRef]]:
    """Copy the referenced records into a new file, durable once this returns."""
    moves: dict[tuple[str, str], tuple[BodyRef, BodyRef]] = {}
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as old:
            offset = 0
            for article_id, kind, ref in sorted(entries, key=lambda entry: entry[2].offset):
                old.seek(ref.offset)
                record = old.read(ref.length)
                if len(record) != ref.length:
                    continue  # a pointer past the end: leave it where it is
                out.write(record)
                moves[(article_id, kind)] = (ref, BodyRef(target.name, offset, ref.length))
                offset += ref.length
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    fsync_directory(target.parent)
    return moves
