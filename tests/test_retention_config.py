"""Retention in feeds.toml: the keys, their checks, and `aiwire prune` / `aiwire stats`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ingest.config import ConfigError, parse_config
from ingest.retention_policy import retention_policy
from storage.records import NewArticle
from storage.store import ArticleStore
from tui.cli import main

CONFIG = """\
[settings]
keep = "365d"
max_articles = 50000

[[sources]]
id = "lab"
url = "https://lab.example/feed"
keep = "30d"
full_text = true

[[sources]]
id = "wire"
url = "https://wire.example/feed"
max_articles = 5

[[people]]
name = "Ada Lovelace"
"""


def test_the_keys_are_read_for_the_archive_and_per_source() -> None:
    config = parse_config(CONFIG.encode())
    assert (config.settings.keep, config.settings.max_articles) == (365 * 86400, 50000)
    lab, wire = config.sources
    assert (lab.keep, lab.max_articles, lab.full_text) == (30 * 86400, None, True)
    assert (wire.keep, wire.max_articles, wire.full_text) == (None, 5, False)
    policy = retention_policy(config)
    assert policy.archive.keep == 365 * 86400 and policy.archive.max_articles == 50000
    assert set(policy.per_source) == {"lab", "wire"}
    assert policy.watched == frozenset({"person:ada-lovelace"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[settings]\nkeep = "5m"\n', "feeds.toml:2: settings.keep: must be between 1d and 36500d"),
        ("[settings]\nmax_articles = 0\n", "settings.max_articles: must be between 1 and"),
        (
            '[[sources]]\nurl = "https://a.example/f"\nfull_text = "yes"\n',
            "sources[1].full_text: must be true or false (without quotes)",
        ),
        ('[[sources]]\nurl = "https://a.example/f"\nkeep = "forever"\n', "sources[1].keep:"),
        ('[settings]\nkeeps = "1d"\n', "did you mean 'keep'"),
    ],
)
def test_wrong_values_are_reported_with_their_line(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        parse_config(text.encode())
    assert message in str(raised.value)


def test_prune_applies_feeds_toml_and_stats_show_the_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text(CONFIG)
    data = tmp_path / "data"
    store = ArticleStore(data)
    store.open()
    now = datetime.now(UTC)
    for days in range(0, 400, 20):  # an article every 20 days, a year and more back
        when = now - timedelta(days=days)
        store.add(
            [
                NewArticle(feed, f"{feed}-{days}", f"{feed} {days}", None, when, "text " * 300)
                for feed in ("lab", "wire", "other")
            ],
            now=when,
        )
    store.close()
    args = ["--config", str(config), "--data-dir", str(data)]
    assert main([*args, "prune"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("removed ") and "->" in out
    store = ArticleStore(data, want_writer=False)
    store.open()
    by_feed: dict[str, list[int]] = {}
    for article in store.articles():
        by_feed.setdefault(article.feed_id, []).append((now - article.sort_time).days)
    assert max(by_feed["lab"]) <= 30  # its own keep
    assert len(by_feed["wire"]) == 5  # its own max_articles
    assert max(by_feed["other"]) <= 365 and len(by_feed["other"]) == 19  # [settings] keep
    assert main([*args, "stats"]) == 0
    assert "articles     26 (" in capsys.readouterr().out


def test_prune_without_retention_settings_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text('[[sources]]\nurl = "https://a.example/f"\n')
    assert main(["--config", str(config), "--data-dir", str(tmp_path / "d"), "prune"]) == 0
    assert "no retention set" in capsys.readouterr().out
