"""Filters: unread, starred, date range, tag and language, combined with a feed,
an entity or a search, from keys and the palette, named in the list's title."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from core.state import LibraryState, ViewFilter
from storage.records import READ_FLAG, STARRED_FLAG, Article, NewArticle
from storage.store import ArticleStore
from tests.app_support import make_app, wait_for
from tui.messages import RefineView
from tui.widgets.article_list import ArticleList

NOW = datetime.now(UTC)


def article(
    n: int, feed: str, days_old: float, language: str, entities: tuple[str, ...] = ()
) -> Article:
    return Article(
        id=f"a{n}",
        feed_id=feed,
        identity=f"guid:{n}",
        title=f"t{n}",
        link=None,
        published=NOW - timedelta(days=days_old),
        first_seen=NOW,
        language=language,
        entities=entities,
    )


def test_refinements_combine_with_a_feed_and_an_entity() -> None:
    state = LibraryState()
    state.load(
        [
            article(1, "a", 0.01, "en", ("company:openai",)),
            article(2, "a", 3, "pt", ("company:openai",)),
            article(3, "a", 20, "pt"),
            article(4, "b", 0.02, "pt", ("company:openai",)),
            article(5, "b", 40, "en"),
        ],
        {"a1": READ_FLAG, "a2": STARRED_FLAG},
    )
    week = NOW - timedelta(days=7)
    assert state.view(ViewFilter(feed_id="a", since=week)) == ["a1", "a2"]
    assert state.view(ViewFilter(feed_id="a", unread_only=True, since=week)) == ["a2"]
    assert state.view(ViewFilter(language="pt", tag_feeds=frozenset({"b"}))) == ["a4"]
    assert state.view(ViewFilter(entity_id="company:openai", language="pt")) == ["a4", "a2"]
    assert state.view(ViewFilter(entity_id="company:openai", starred_only=True)) == ["a2"]
    assert state.matches("a4", ViewFilter(language="pt", since=week, unread_only=True))
    assert not state.matches("a5", ViewFilter(since=week))
    described = ViewFilter(
        feed_id="a", unread_only=True, period="7 days", since=week, tag="labs", language="pt"
    ).describe({"a": "Lab Blog"}, {})
    assert described == "Lab Blog · unread · 7 days · tag labs · language pt"
    # Choosing another feed keeps the refinements and drops the search.
    refined = ViewFilter(query="x", article_ids=frozenset(), unread_only=True, language="pt")
    assert refined.choosing(feed_id="b") == ViewFilter(feed_id="b", unread_only=True, language="pt")


CONFIG = """
[[sources]]
name = "Lab Blog"
url = "http://127.0.0.1:9/lab.xml"
tags = ["labs"]
[[sources]]
name = "News Wire"
url = "http://127.0.0.1:9/news.xml"
tags = ["news"]
"""


def _archive(tmp_path: Path) -> tuple[str, str]:
    from ingest.config import load_config

    (tmp_path / "feeds.toml").write_text(CONFIG)
    lab, news = (s.id for s in load_config(tmp_path / "feeds.toml").sources)
    store = ArticleStore(tmp_path / "data")
    store.open()
    store.add(
        [
            NewArticle(
                feed_id=lab if n % 2 else news,
                guid=f"g{n}",
                title=f"Story {n}",
                link=None,
                published=NOW - timedelta(days=n * 4),
                body="b",
            )
            for n in range(10)
        ]
    )
    store.close()
    return lab, news


async def test_keys_and_the_palette_refine_the_view_and_the_title_says_so(tmp_path: Path) -> None:
    lab, _news = _archive(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(articles.article_ids) == 15)
        state = app.library.state
        pane = app.screen.query_one("#list-pane")

        def title() -> str:
            return str(pane.border_title)

        await pilot.press("d")  # today
        assert title() == "2 today"
        assert all(state.articles[i].published for i in articles.article_ids)
        await pilot.press("d")  # 7 days: stories 0 and 1
        assert title() == "2 7 days" and len(articles.article_ids) == 2
        await pilot.press("t")  # the first tag, "labs"
        assert title() == "2 7 days · tag labs"
        assert [state.articles[i].feed_id for i in articles.article_ids] == [lab]
        await pilot.press("d", "d")  # 30 days, then any date
        assert title() == "2 tag labs" and len(articles.article_ids) == 5
        # Star one, then starred only; U for unread only.
        await pilot.press("s", "asterisk")
        assert title() == "2 starred · tag labs" and len(articles.article_ids) == 1
        await pilot.press("asterisk", "U")
        assert title() == "2 unread · tag labs"
        # Choosing a feed keeps the refinements.
        app.screen.query_one("#feeds").focus()
        await pilot.pause()
        feeds = app.screen.query_one("#feeds")
        feeds.highlighted = next(  # type: ignore[attr-defined]
            n
            for n in range(feeds.option_count)
            if feeds.get_option_at_index(n).id == lab  # type: ignore[attr-defined]
        )
        await pilot.press("enter")
        assert title() == "2 Lab Blog · unread · tag labs"
        # The palette's commands send the same refinements.
        app.screen.post_message(RefineView("language", "en"))
        await pilot.pause()
        assert title().endswith("· language en")
        app.screen.post_message(RefineView("clear"))
        await pilot.pause()
        assert title() == "2 Lab Blog" and len(articles.article_ids) == 5
        await pilot.press("escape")
        assert title() == "2 All articles"
