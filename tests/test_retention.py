"""Retention: what is pruned, what is kept, the space freed, and kills mid-prune."""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.records import SEED_FEED_ID, NewArticle
from storage.retention import Pruner, RetentionPolicy, Rule, disk_usage
from storage.service import StoreService
from storage.store import ArticleStore

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 12, 1, tzinfo=UTC)
DAY = 86400
EVENT = {"kind": "hire", "entity_id": "person-ada", "sentence": "Ada joins.", "language": "en"}
OTHER_EVENT = {**EVENT, "entity_id": "person-bob", "sentence": "Bob joins."}


def month(index: int) -> datetime:
    """The first day of the index-th month before NOW's month (0: NOW's month)."""
    year, mon = divmod(NOW.year * 12 + NOW.month - 1 - index, 12)
    return datetime(year, mon + 1, 1, tzinfo=UTC)


def body_for(feed: str, number: int) -> str:
    return f"Body of {feed} {number}. " * 12


def new(feed: str, number: int, published: datetime, **extra: object) -> NewArticle:
    return NewArticle(
        feed_id=feed,
        guid=f"{feed}-{number}",
        title=f"{feed} {number}",
        link=f"https://example.org/{feed}/{number}",
        published=published,
        body=body_for(feed, number),
        **extra,  # type: ignore[arg-type]
    )


def build_archive(data_dir: Path, *, months: int = 24, per_month: int = 30) -> ArticleStore:
    """Two feeds, one batch a month (so one body file a month), first seen when published."""
    store = ArticleStore(data_dir)
    store.open()
    for index in range(months - 1, -1, -1):
        when = month(index)
        batch = [
            new(feed, index * 1000 + n, when + timedelta(hours=n))
            for feed in ("a", "b")
            for n in range(per_month)
        ]
        store.add(batch, now=when)
    return store


def ids_of(store: ArticleStore) -> set[str]:
    return {article.id for article in store.articles()}


def snapshot(store: ArticleStore) -> dict[str, tuple[str, int]]:
    flags = store.user_flags()
    return {a.id: (store.body(a.id), flags.get(a.id, 0)) for a in store.articles()}


def prune(store: ArticleStore, policy: RetentionPolicy):  # type: ignore[no-untyped-def]
    return Pruner(store, policy, now=lambda: NOW).run()


class TestWhatIsPruned:
    def test_old_articles_go_and_starred_or_watched_ones_stay(self, tmp_path: Path) -> None:
        store = build_archive(tmp_path / "data")
        old = [a for a in store.articles() if (NOW - a.sort_time).days > 365]
        recent = [a for a in store.articles() if (NOW - a.sort_time).days <= 365]
        assert old and recent
        starred, read = old[0], old[1]
        store.set_flags([starred.id], starred=True)
        store.set_flags([read.id], read=True)
        watched = store.add([new("a", 99_001, month(20), events=(EVENT,))], now=month(20))[0]
        unwatched = store.add([new("a", 99_002, month(20), events=(OTHER_EVENT,))], now=month(20))
        seed = store.add([new(SEED_FEED_ID, 99_003, month(23))], now=month(23))[0]
        store.flush_user()
        policy = RetentionPolicy(Rule(keep=365 * DAY), watched=frozenset({"person-ada"}))

        report = prune(store, policy)

        expected = {a.id for a in recent} | {starred.id, watched.id, seed.id}
        assert ids_of(store) == expected
        assert unwatched[0].id not in ids_of(store)
        assert report.removed == len(old) - 1 + 1  # old minus the starred, plus unwatched
        assert store.user_state(starred.id).starred
        assert read.id not in store.user_flags()  # the pruned article's flags went too
        store.close()
        reopened = ArticleStore(tmp_path / "data", want_writer=False)
        reopened.open()
        assert ids_of(reopened) == expected
        for article in reopened.articles():
            number = int(article.identity.rsplit("-", 1)[1])
            assert reopened.body(article.id) == body_for(article.feed_id, number)

    def test_max_articles_per_source_and_for_the_archive(self, tmp_path: Path) -> None:
        store = build_archive(tmp_path / "data", months=4, per_month=10)
        newest_first = sorted(store.articles(), key=lambda a: a.sort_time, reverse=True)
        a_newest = [x.id for x in newest_first if x.feed_id == "a"][:15]
        policy = RetentionPolicy(Rule(max_articles=30), per_source={"a": Rule(max_articles=15)})
        prune(store, policy)
        kept = ids_of(store)
        assert len(kept) == 30
        assert set(a_newest) <= kept
        b_kept = [x for x in newest_first if x.feed_id == "b" and x.id in kept]
        assert b_kept == [x for x in newest_first if x.feed_id == "b"][:15]

    def test_a_source_keep_overrides_the_archive_keep(self, tmp_path: Path) -> None:
        store = build_archive(tmp_path / "data", months=6, per_month=5)
        policy = RetentionPolicy(Rule(keep=400 * DAY), per_source={"b": Rule(keep=45 * DAY)})
        prune(store, policy)
        b_dates = [a.sort_time for a in store.articles() if a.feed_id == "b"]
        a_count = sum(a.feed_id == "a" for a in store.articles())
        assert a_count == 30
        assert b_dates and all((NOW - d).days <= 45 for d in b_dates)

    def test_no_policy_prunes_nothing(self, tmp_path: Path) -> None:
        store = build_archive(tmp_path / "data", months=3, per_month=5)
        before = snapshot(store)
        report = prune(store, RetentionPolicy())
        assert report.removed == 0 and snapshot(store) == before

    def test_a_pruned_item_still_in_its_feed_is_not_stored_again(self, tmp_path: Path) -> None:
        store = ArticleStore(tmp_path / "data")
        store.open()
        items = [new("a", n, NOW - timedelta(days=n)) for n in range(10)]
        store.add(items, now=NOW)
        prune(store, RetentionPolicy(per_source={"a": Rule(max_articles=5)}))
        assert len(store) == 5
        assert store.add(items, now=NOW) == []  # the next poll brings the same feed
        store.close()
        again = ArticleStore(tmp_path / "data")
        again.open()
        assert again.add(items, now=NOW) == []
        assert len(again.add([new("a", 100, NOW)], now=NOW)) == 1


class TestSpace:
    def test_the_files_shrink_and_every_kept_body_still_loads(self, tmp_path: Path) -> None:
        data_dir = tmp_path / "data"
        store = build_archive(data_dir)
        bodies_before = sum(p.stat().st_size for p in (data_dir / "bodies").glob("*.jsonl"))
        files_before = len(list((data_dir / "bodies").glob("*.jsonl")))
        # Half of every recent month goes too, so those files are copied, not just deleted.
        policy = RetentionPolicy(Rule(keep=365 * DAY), per_source={"b": Rule(max_articles=60)})
        report = prune(store, policy)
        kept = snapshot(store)
        bodies_after = sum(p.stat().st_size for p in (data_dir / "bodies").glob("*.jsonl"))
        assert report.bytes_after < report.bytes_before
        assert bodies_after < 0.45 * bodies_before
        assert report.files_deleted >= 10 and report.files_compacted >= 8
        assert len(list((data_dir / "bodies").glob("*.jsonl"))) < files_before
        assert not list(data_dir.rglob("*.tmp"))
        store.close()
        # Read-only: a writer opening it would also write the changed shards' snapshots.
        reopened = ArticleStore(data_dir, want_writer=False)
        reopened.open()
        assert snapshot(reopened) == kept
        # Live texts only: every record in every body file is referenced.
        live = sum(ref.length for _, _, ref in reopened.body_refs())
        assert live == sum(p.stat().st_size for p in (data_dir / "bodies").glob("*.jsonl"))
        assert disk_usage(data_dir) == report.bytes_after

    def test_temp_files_a_kill_left_behind_are_removed(self, tmp_path: Path) -> None:
        data_dir = tmp_path / "data"
        store = build_archive(data_dir, months=2, per_month=5)
        left = [
            data_dir / "articles" / ".shard-000001.jsonl.abc.tmp",
            data_dir / "bodies" / ".2026-12.c1.jsonl.abc.tmp",
            data_dir / ".user.json.abc.tmp",
        ]
        theirs = data_dir / ".ui.json.abc.tmp"  # the UI's own file: may be being written
        for path in [*left, theirs]:
            path.write_bytes(b"half")
        prune(store, RetentionPolicy())
        assert not any(path.exists() for path in left) and theirs.exists()

    def test_an_article_added_between_steps_keeps_its_body(self, tmp_path: Path) -> None:
        store = build_archive(tmp_path / "data", months=2, per_month=20)
        pruner = Pruner(store, RetentionPolicy(Rule(max_articles=10)), now=lambda: NOW)
        added = []
        number = 0
        while pruner.step():
            number += 1
            # Lands in this month's body file, the one being compacted.
            added += store.add([new("c", number, NOW)], now=NOW)
        assert added
        for article in added:
            assert article.id in ids_of(store)
            assert store.body(article.id) == body_for("c", int(article.identity.split("-")[1]))
        Pruner(store, RetentionPolicy(), now=lambda: NOW).run()  # whatever was left over
        assert all(store.body(a.id) for a in store.articles())

    def test_a_star_set_between_steps_saves_the_article(self, tmp_path: Path) -> None:
        store = build_archive(tmp_path / "data", months=3, per_month=5)
        oldest = min(store.articles(), key=lambda a: a.sort_time)
        pruner = Pruner(store, RetentionPolicy(Rule(max_articles=5)), now=lambda: NOW)
        assert pruner.step()  # the plan is made, nothing removed yet
        store.set_flags([oldest.id], starred=True)
        pruner.run()
        assert oldest.id in ids_of(store) and store.body(oldest.id)

    def test_a_follower_learns_of_the_removal(self, tmp_path: Path) -> None:
        writer = build_archive(tmp_path / "data", months=3, per_month=5)
        follower = ArticleStore(tmp_path / "data", want_writer=False)
        follower.open()
        prune(writer, RetentionPolicy(Rule(max_articles=10)))
        result = follower.refresh()
        assert len(result.removed_ids) == 20
        assert ids_of(follower) == ids_of(writer)
        assert all(follower.body(a.id) for a in follower.articles())

    def test_the_service_prunes_in_steps(self, tmp_path: Path) -> None:
        build_archive(tmp_path / "data", months=3, per_month=5).close()

        async def run() -> int:
            service = StoreService(ArticleStore(tmp_path / "data"))
            await service.open()
            report = await service.prune(RetentionPolicy(Rule(max_articles=12)))
            count = len(service.store)
            service.close()
            return report.removed if count == 12 else -1

        assert asyncio.run(run()) == 18

    def test_polls_stored_while_the_service_prunes_are_kept_whole(self, tmp_path: Path) -> None:
        build_archive(tmp_path / "data", months=6, per_month=40).close()

        async def run() -> tuple[set[str], dict[str, tuple[str, int]], list[datetime]]:
            service = StoreService(ArticleStore(tmp_path / "data"), linger=0)
            await service.open()
            policy = RetentionPolicy(Rule(keep=100 * DAY))
            batches = [[new("c", b * 10 + n, NOW) for n in range(10)] for b in range(8)]
            prune_task = asyncio.create_task(service.prune(policy))
            added: set[str] = set()
            for batch in batches:  # interleaved with the prune's steps
                added |= {a.id for a in await service.add(batch)}
                await asyncio.sleep(0)
            await prune_task
            kept = snapshot(service.store)
            dates = [a.sort_time for a in service.store.articles()]
            service.close()
            return added, kept, dates

        added, kept, dates = asyncio.run(run())
        assert len(added) == 80 and added <= set(kept)
        for article_id in added:
            assert kept[article_id][0].startswith("Body of c ")
        assert all((NOW - when).days <= 100 for when in dates)


# -- a kill at any moment ----------------------------------------------------------------

_PRUNER = r"""
import sys
from datetime import datetime
from pathlib import Path
from storage.retention import Pruner, RetentionPolicy, Rule
from storage.store import ArticleStore
import storage.retention as retention
retention.REMOVE_CHUNK = 150  # more, smaller steps: more places to be killed
retention.RELOCATE_CHUNK = 40
store = ArticleStore(Path(sys.argv[1]))
assert store.open().writer
now = datetime.fromisoformat(sys.argv[2])
policy = RetentionPolicy(Rule(keep=365 * 86400), per_source={"b": Rule(max_articles=60)})
pruner = Pruner(store, policy, now=lambda: now)
step = 0
while True:
    print("STEP", step, flush=True)
    if not pruner.step():
        break
    step += 1
print("DONE", flush=True)
store.close()
"""

POLICY = RetentionPolicy(Rule(keep=365 * DAY), per_source={"b": Rule(max_articles=60)})


def _run_pruner(data_dir: Path, kill_at: int | None, delay: float) -> tuple[int, int]:
    process = subprocess.Popen(
        [sys.executable, "-c", _PRUNER, str(data_dir), NOW.isoformat()],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    steps = 0
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("STEP"):
                steps = int(line.split()[1])
                if kill_at is not None and steps == kill_at:
                    time.sleep(delay)  # lands inside step `kill_at` (or between)
                    process.send_signal(signal.SIGKILL)
                    break
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
    return steps, process.returncode


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, set[str]]:
    data_dir = tmp_path_factory.mktemp("template") / "data"
    store = build_archive(data_dir, months=18, per_month=25)
    old_starred = [a.id for a in store.articles() if (NOW - a.sort_time).days > 400][:3]
    store.set_flags(old_starred, starred=True)
    store.set_flags([a.id for a in list(store.articles())[::7]], read=True)
    store.flush_user()
    before = snapshot(store)
    store.close()
    expected_probe = ArticleStore(tmp_path_factory.mktemp("probe") / "data")
    shutil.rmtree(expected_probe.data_dir, ignore_errors=True)
    shutil.copytree(data_dir, expected_probe.data_dir)
    expected_probe.open()
    prune(expected_probe, POLICY)
    stays = ids_of(expected_probe)
    expected_probe.close()
    assert 0 < len(stays) < len(before)
    return data_dir, before, stays


def test_a_kill_at_any_step_of_a_prune_loses_nothing_that_should_stay(
    tmp_path: Path, template: tuple[Path, dict, set[str]]
) -> None:
    source, before, stays = template
    full = tmp_path / "full"
    shutil.copytree(source, full)
    total_steps, code = _run_pruner(full, None, 0)
    assert code == 0 and total_steps >= 8
    rng = random.Random(16)
    kills = [(step, 0.0) for step in range(1, total_steps)]
    kills += [(rng.randrange(1, total_steps), rng.uniform(0.0005, 0.01)) for _ in range(4)]
    for round_number, (kill_at, delay) in enumerate(kills):
        data_dir = tmp_path / f"round-{round_number}"
        shutil.copytree(source, data_dir)
        _run_pruner(data_dir, kill_at, delay)
        store = ArticleStore(data_dir)
        report = store.open()
        assert report.writer and not report.moved_aside and not report.unreadable
        now_there = snapshot(store)
        for article_id in stays:
            # Present, with its exact text and flags, after a kill at step `kill_at`.
            assert now_there.get(article_id) == before[article_id], (kill_at, delay)
        assert set(now_there) <= set(before)
        # The next prune finishes the job: same result as an uninterrupted one.
        prune(store, POLICY)
        assert ids_of(store) == stays
        assert snapshot(store) == {k: before[k] for k in stays}
        live = sum(ref.length for _, _, ref in store.body_refs())
        on_disk = sum(p.stat().st_size for p in (data_dir / "bodies").glob("*.jsonl"))
        assert live == on_disk, (kill_at, delay)
        assert not list(data_dir.rglob("*.tmp"))
        store.close()
