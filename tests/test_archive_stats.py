"""`aiwire stats`: counts per source and month, and bytes on disk, beside a writer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.records import NewArticle
from storage.stats import archive_stats, bytes_by_part
from storage.store import ArticleStore
from tui.cli import main


def _item(feed: str, n: int, published: datetime) -> NewArticle:
    return NewArticle(
        feed_id=feed, guid=f"{feed}-{n}", title=f"{feed} {n}", link=None,
        published=published, body="x" * 200,
    )  # fmt: skip


def _archive(data_dir: Path) -> ArticleStore:
    store = ArticleStore(data_dir)
    store.open()
    store.add([_item("lab", n, datetime(2026, 10, 1 + n, tzinfo=UTC)) for n in range(3)])
    store.add([_item("news", n, datetime(2026, 11, 2, tzinfo=UTC)) for n in range(5)])
    store.set_flags([next(iter(store.articles())).id], starred=True, read=True)
    store.flush_user()
    return store


def test_counts_per_source_and_month_and_bytes_per_part(tmp_path: Path) -> None:
    writer = _archive(tmp_path / "data")  # still open: stats read beside the writer
    reader = ArticleStore(tmp_path / "data", want_writer=False)
    reader.open()
    stats = archive_stats(reader)
    assert stats.articles == 8 and stats.starred == 1 and stats.read == 1
    assert stats.per_source == {"news": 5, "lab": 3}
    assert stats.per_month == {"2026-10": 3, "2026-11": 5}
    parts = bytes_by_part(tmp_path / "data")
    assert parts["bodies"] >= 8 * 200 and parts["metadata"] > 0 and parts["state"] > 0
    on_disk = sum(p.stat().st_size for p in (tmp_path / "data").rglob("*") if p.is_file())
    assert stats.total_bytes == on_disk
    writer.close()


def test_the_command_names_sources_from_feeds_toml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _archive(tmp_path / "data").close()
    config = tmp_path / "feeds.toml"
    config.write_text('[[sources]]\nid = "lab"\nname = "The Lab"\nurl = "https://lab.test/f"\n')
    args = ["--config", str(config), "--data-dir", str(tmp_path / "data")]
    assert main([*args, "stats"]) == 0
    out = capsys.readouterr().out
    assert "articles     8 (1 starred, 1 read" in out
    assert "The Lab" in out and "news" in out and "2026-11        5" in out
    assert main([*args, "stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["per_source"] == {"news": 5, "lab": 3}
    assert data["bytes_on_disk"]["total"] > 0
