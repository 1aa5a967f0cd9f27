"""The newest rows' file (storage.newest): shown before the archive loads, so it
must agree with what the whole load puts on top, or not be read at all."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import storage.log_storage
from core.state import LibraryState, ViewFilter
from storage.newest import KEEP, NEWEST_FILE, read_newest
from storage.records import READ_FLAG, STARRED_FLAG, NewArticle
from storage.store import ArticleStore

START = datetime(2025, 1, 1, tzinfo=UTC)
REPO = Path(__file__).resolve().parents[1]


def item(n: int, **changes: object) -> NewArticle:
    # Dates out of step with the order of adding, some undated: the newest
    # rows are not simply the last ones added.
    fields: dict[str, object] = dict(
        feed_id=f"feed-{n % 3}",
        guid=f"guid-{n}",
        title=f"Title {n}",
        link=f"https://example.org/{n}",
        published=START + timedelta(minutes=(n * 37) % 1000) if n % 7 else None,
        date_precision="second" if n % 7 else "none",
        body=f"Body {n}.",
    )
    fields.update(changes)
    return NewArticle(**fields)  # type: ignore[arg-type]


def open_store(data_dir: Path, *, want_writer: bool = True) -> ArticleStore:
    store = ArticleStore(data_dir, want_writer=want_writer)
    store.open()
    return store


def whole_load_top(data_dir: Path) -> tuple[list[str], dict[str, int]]:
    """The top of the list as the dashboard builds it from the whole archive."""
    store = open_store(data_dir, want_writer=False)
    state = LibraryState()
    state.load(store.article_table(), store.user_flags())
    return state.view(ViewFilter()), store.user_flags()


def assert_agrees(data_dir: Path) -> list[str]:
    found = read_newest(data_dir)
    assert found is not None, "the newest rows were not readable"
    articles, flags = found
    preview = LibraryState()
    preview.load(articles, flags)
    shown = preview.view(ViewFilter())
    top, all_flags = whole_load_top(data_dir)
    assert shown == top[: len(shown)]
    assert flags == {i: all_flags[i] for i in shown if i in all_flags}
    stored = {a.id: a for a in open_store(data_dir, want_writer=False).articles()}
    assert all(article == stored[article.id] for article in articles)
    return shown


def test_the_newest_rows_are_what_the_whole_load_shows_on_top(data_dir: Path) -> None:
    store = open_store(data_dir)
    for start in range(0, 1200, 150):  # several shards
        store.add([item(n) for n in range(start, start + 150)], now=START)
    top, _ = whole_load_top(data_dir)
    store.set_flags([top[0], top[3]], read=True)
    store.set_flags([top[1]], starred=True)
    store.flush_user()
    shown = assert_agrees(data_dir)
    assert len(shown) == KEEP
    _, flags = read_newest(data_dir) or ([], {})
    assert flags == {top[0]: READ_FLAG, top[3]: READ_FLAG, top[1]: STARRED_FLAG}
    store.close()


def test_a_small_archive_is_all_newest_rows(data_dir: Path) -> None:
    store = open_store(data_dir)
    store.add([item(n) for n in range(10)], now=START)
    store.add([item(n) for n in range(10, 15)], now=START)
    assert len(assert_agrees(data_dir)) == 15
    store.close()


def test_rows_added_after_the_file_was_written_make_it_unreadable(data_dir: Path) -> None:
    """A crash between a shard's write and the newest rows' write leaves the
    previous file, which names the shard as it was: it is not read."""
    store = open_store(data_dir)
    store.add([item(n) for n in range(100)], now=START)
    before = (data_dir / "articles" / NEWEST_FILE).read_bytes()
    store.add([item(n) for n in range(100, 120)], now=START)
    store.close()
    (data_dir / "articles" / NEWEST_FILE).write_bytes(before)
    assert read_newest(data_dir) is None


def test_a_shard_gone_or_added_makes_it_unreadable(data_dir: Path) -> None:
    store = open_store(data_dir)
    store.add([item(n) for n in range(600)], now=START)  # two shards
    store.close()
    assert read_newest(data_dir) is not None
    articles = data_dir / "articles"
    extra = articles / "shard-000099.jsonl"
    shutil.copy(articles / "shard-000002.jsonl", extra)
    assert read_newest(data_dir) is None
    extra.unlink()
    assert read_newest(data_dir) is not None
    (articles / "shard-000002.jsonl").rename(articles / "shard-000002.jsonl.corrupt-x")
    assert read_newest(data_dir) is None


def test_removed_and_enriched_articles_are_shown_as_the_whole_load_shows_them(
    data_dir: Path,
) -> None:
    store = open_store(data_dir)
    store.add([item(n) for n in range(700)], now=START)
    top, _ = whole_load_top(data_dir)
    store.remove_articles(top[:5])
    store.update_articles({top[5]: {"entities": ("person:sam-altman",)}})
    shown = assert_agrees(data_dir)
    assert not set(top[:5]) & set(shown)
    found = read_newest(data_dir)
    assert found is not None
    assert next(a for a in found[0] if a.id == top[5]).entities == ("person:sam-altman",)
    store.close()


def test_a_new_date_that_moves_a_row_drops_the_file(data_dir: Path) -> None:
    store = open_store(data_dir)
    store.add([item(n) for n in range(300)], now=START)
    top, _ = whole_load_top(data_dir)
    store.update_articles({top[-1]: {"published": START + timedelta(days=30)}})
    assert read_newest(data_dir) is None
    store.close()


def test_a_failed_write_drops_the_file_and_the_next_open_keeps_it_again(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(data_dir)
    store.add([item(n) for n in range(50)], now=START)

    def fail(*_: object, **__: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.log_storage.AppendLogStorage, "flush", fail)
    with pytest.raises(OSError):
        store.add([item(n) for n in range(50, 60)], now=START)
    monkeypatch.undo()
    assert read_newest(data_dir) is None
    store.add([item(n) for n in range(60, 70)], now=START)
    assert read_newest(data_dir) is None  # not kept again until the archive is loaded whole
    store.close()

    again = open_store(data_dir)
    state = LibraryState()
    state.load(again.article_table(), again.user_flags())
    again.keep_newest(state.newest_ids)  # what the library does once it loaded
    assert_agrees(data_dir)
    again.close()


def test_a_reader_never_writes_it_and_a_writer_keeps_it_current(data_dir: Path) -> None:
    store = open_store(data_dir)
    store.add([item(n) for n in range(200)], now=START)
    store.close()
    (data_dir / "articles" / NEWEST_FILE).unlink()  # an archive of an older version
    reader = open_store(data_dir, want_writer=False)
    reader.keep_newest(lambda count: [a.id for a in reader.articles()][:count])
    assert not (data_dir / "articles" / NEWEST_FILE).exists()
    reader.close()
    writer = open_store(data_dir)
    assert not writer.newest_kept
    state = LibraryState()
    state.load(writer.article_table(), writer.user_flags())
    writer.keep_newest(state.newest_ids)
    writer.close()
    reopened = open_store(data_dir)
    assert reopened.newest_kept  # its file was current: taken over, not rebuilt
    reopened.add([item(n) for n in range(200, 260)], now=START + timedelta(days=1))
    assert_agrees(data_dir)
    reopened.close()


def test_a_store_asked_before_it_was_opened_opens_as_a_writer(data_dir: Path) -> None:
    """A search can reach the store before the library opens it: the store then
    opens itself, with the lock, and the later open changes nothing."""
    first = open_store(data_dir)
    first.add([item(n) for n in range(20)], now=START)
    first.close()
    store = ArticleStore(data_dir)
    assert len(store) == 20
    assert store.writer
    report = store.open()
    assert report is store.report and report.writer
    assert len(store.add([item(n) for n in range(20, 25)], now=START)) == 5
    store.close()


_KILLED_WRITER = r"""
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from storage.records import NewArticle
from storage.store import ArticleStore
store = ArticleStore(Path(sys.argv[1]))
store.open()
start = datetime(2025, 1, 1, tzinfo=UTC)
n = 0
while True:
    items = [NewArticle(feed_id="w", guid=f"w-{n + i}", title=f"W {n + i}", link=None,
                        published=start + timedelta(minutes=(n + i) * 7 % 5000), body="b")
             for i in range(40)]
    store.add(items)
    n += 40
    print(n, flush=True)
"""


def test_a_writer_killed_at_any_moment_leaves_rows_that_agree_or_none(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    for rounds in (3, 11, 26):
        writer = subprocess.Popen(
            [sys.executable, "-c", _KILLED_WRITER, str(data_dir)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        assert writer.stdout is not None
        for _ in range(rounds):
            writer.stdout.readline()
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
        if read_newest(data_dir) is not None:
            assert_agrees(data_dir)
        survivor = open_store(data_dir)  # every acknowledged row still loads
        assert len(survivor) >= rounds * 40
        survivor.close()
