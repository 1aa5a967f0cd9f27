"""A feed that gives every item a new guid on every poll adds no duplicates."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.recent_items import DUPLICATE_WINDOW
from storage.records import NewArticle
from storage.store import ArticleStore
from tests.support.fault_server import FaultServer, Reply, Request, Response
from tests.support.python import run_python

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def item(guid: str, *, feed: str = "f", link: str | None = "https://ex.org/a", title: str = "A"):
    return NewArticle(feed_id=feed, guid=guid, title=title, link=link, published=None, body="text")


def open_store(data_dir: Path) -> ArticleStore:
    store = ArticleStore(data_dir)
    store.open()
    return store


def test_a_new_guid_on_the_same_link_and_title_is_the_same_item(data_dir: Path) -> None:
    store = open_store(data_dir)
    [first] = store.add([item("g1")], now=NOW)

    assert store.add([item("g2")], now=NOW + timedelta(minutes=30)) == []
    assert store.is_stored(item("g3"), now=NOW + timedelta(hours=1))
    assert [a.id for a in store.articles()] == [first.id]

    # Anything else that differs is another item.
    others = [
        item("g4", feed="other"),
        item("g5", title="A, updated"),
        item("g6", link="https://ex.org/b"),
    ]
    assert len(store.add(others, now=NOW + timedelta(hours=2))) == 3
    # Without a link, title and date identify an item: no guess is made.
    assert len(store.add([item("g7", link=None), item("g8", link=None)], now=NOW)) == 2
    store.close()


def test_the_same_item_twice_in_one_batch_is_stored_once(data_dir: Path) -> None:
    store = open_store(data_dir)
    added = store.add([item("g1"), item("g2"), item("g3", feed="other")], now=NOW)
    assert sorted(a.feed_id for a in added) == ["f", "other"]
    store.close()


def test_the_window_ends_and_a_restart_keeps_it(data_dir: Path) -> None:
    store = open_store(data_dir)
    store.add([item("g1")], now=NOW)
    store.close()

    store = open_store(data_dir)  # the index is built from what was loaded
    assert store.add([item("g2")], now=NOW + DUPLICATE_WINDOW - timedelta(days=1)) == []
    # Long after, the same link and title are taken as a re-post.
    later = NOW + DUPLICATE_WINDOW + timedelta(days=1)
    assert len(store.add([item("g3")], now=later)) == 1
    store.close()


def churning_feed() -> object:
    counter = itertools.count()

    def handler(request: Request, reply: Reply) -> None:
        poll = next(counter)
        items = "".join(
            f"<item><guid>urn:session-{poll}:{n}</guid><title>Story {n}</title>"
            f"<link>https://example.org/{n}</link></item>"
            for n in range(4)
        )
        body = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Churn</title>'
            f"<link>https://example.org/</link>{items}</channel></rss>"
        ).encode()
        Response(body=body)(request, reply)

    return handler


def test_polling_a_churning_feed_again_adds_nothing(tmp_path: Path) -> None:
    with FaultServer() as server:
        url = server.route("/churn.xml", churning_feed())  # type: ignore[arg-type]
        config = tmp_path / "feeds.toml"
        config.write_text(f'[settings]\ndefault_interval = "30m"\n[[sources]]\nurl = "{url}"\n')
        data = tmp_path / "data"
        news = []
        for _ in range(3):
            done = run_python(
                "-m", "tui.cli", "--config", str(config), "--data-dir", str(data),
                "fetch", "--json", timeout=180,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
            news.append(json.loads(done.stdout)["new_items"])
        assert sum(1 for r in server.requests if r.path == "/churn.xml") == 3

    assert news == [4, 0, 0]
    store = ArticleStore(data, want_writer=False)
    store.open()
    titles = sorted(a.title for a in store.articles() if a.feed_id != "seeds")
    assert titles == [f"Story {n}" for n in range(4)]
