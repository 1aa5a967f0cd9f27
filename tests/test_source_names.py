"""What a source is called: its name in feeds.toml, else the feed's own title,
else host + path; on screen, in the feeds panel and in `aiwire list`."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from core.listing import list_articles
from core.names import SourceNames, title_name
from ingest.config import load_config
from storage.records import FeedState, NewArticle
from storage.store import ArticleStore
from tests.app_support import make_app, screen_text, wait_for
from tests.conftest import SEEDS_DIR
from tui.widgets.article_list import ArticleList

CONFIG = """
[[sources]]
name = "Named wire"
url = "http://127.0.0.1:9/named.xml"
[[sources]]
url = "http://127.0.0.1:9/labs/one.xml"
[[sources]]
url = "http://127.0.0.1:9/labs/two.xml"
"""


def sources(tmp_path: Path) -> list:  # type: ignore[type-arg]
    path = tmp_path / "feeds.toml"
    path.write_text(CONFIG)
    return list(load_config(path).sources)


def test_unnamed_sources_take_the_feed_title_else_host_and_path(tmp_path: Path) -> None:
    named, one, two = sources(tmp_path)
    assert (one.name, two.name) == ("127.0.0.1/labs/one.xml", "127.0.0.1/labs/two.xml")
    assert named.named and not one.named
    names = SourceNames()
    names.apply(load_config(tmp_path / "feeds.toml"))
    feeds = {
        named.id: FeedState(named.id, named.url, title="The feed calls itself this"),
        one.id: FeedState(one.id, one.url, title="Lab One \x1b[31m News\n[bold]x[/bold]"),
    }
    assert names.feed_name(named.id, feeds) == "Named wire"  # feeds.toml wins
    shown = names.feed_name(one.id, feeds)
    assert shown.startswith("Lab One") and "\x1b" not in shown and "\n" not in shown
    assert names.feed_name(two.id, feeds) == "127.0.0.1/labs/two.xml"
    assert len(title_name("x" * 500) or "") <= 60


def _store(tmp_path: Path) -> tuple[str, str]:
    named, one, _two = sources(tmp_path)
    store = ArticleStore(tmp_path / "data")
    store.open()
    store.put_feed_state(FeedState(one.id, one.url, title="Lab One News"))
    store.add(
        [
            NewArticle(
                feed_id=feed,
                guid=feed,
                title=f"story from {feed}",
                link=None,
                published=datetime(2030, 1, 1, tzinfo=UTC),
                body="b",
            )
            for feed in (named.id, one.id)
        ]
    )
    store.close()
    return named.id, one.id


def test_aiwire_list_prints_source_names_not_feed_ids(tmp_path: Path) -> None:
    named, one = _store(tmp_path)
    out = io.StringIO()
    list_articles(
        tmp_path / "data",
        SEEDS_DIR,
        out,
        as_json=False,
        limit=None,
        config_path=tmp_path / "feeds.toml",
    )
    lines = out.getvalue().splitlines()
    named_line = next(line for line in lines if f"story from {named}" in line)
    one_line = next(line for line in lines if f"story from {one}" in line)
    assert "Named wire" in named_line and f" {named} " not in named_line
    assert "Lab One News" in one_line


async def test_the_feeds_panel_and_the_list_use_the_feed_title(tmp_path: Path) -> None:
    _store(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(200, 40)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(articles.article_ids) >= 7)
        await wait_for(pilot, lambda: "Lab One News" in screen_text(app))
        text = screen_text(app)
        assert "Named wire" in text and "127.0.0.1/labs/two.xml"[:15] in text


def test_aiwire_list_puts_undated_seeds_after_dated_news(tmp_path: Path) -> None:
    """The same order as the dashboard: stored today, a seed is still not today's news."""
    _store(tmp_path)
    out = io.StringIO()
    list_articles(tmp_path / "data", SEEDS_DIR, out, as_json=False, limit=None)
    lines = out.getvalue().splitlines()
    assert len(lines) == 7  # two stored, five seeds
    assert all("story from" in line for line in lines[:2])
    assert [line[2:9] for line in lines[-2:]] == ["no date", "no date"]
