"""Saved searches: [[searches]] in feeds.toml, checked with line numbers, shown
in the feeds panel under the feeds with unread counts, chosen like a feed,
combined with the other filters, and reloaded when the file changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ingest.config import ConfigError, parse_config
from storage.records import NewArticle
from storage.store import ArticleStore
from tests.app_support import make_app, screen_text, wait_for
from tui.widgets.article_list import ArticleList
from tui.widgets.feed_list import SEARCH_PREFIX, FeedList

NOW = datetime.now(UTC)


class TestTheConfiguration:
    def test_searches_are_read_with_their_lines(self) -> None:
        config = parse_config(
            b'[settings]\n\n[[searches]]\nname = "AI safety"\n'
            b"query = 'safety OR alignment -rumour'\n\n"
            b'[[searches]]\nname = "Chips"\nquery = "title:chip"\n'
        )
        assert [(s.name, s.query, s.line) for s in config.searches] == [
            ("AI safety", "safety OR alignment -rumour", 3),
            ("Chips", "title:chip", 7),
        ]

    def test_no_searches_is_fine(self) -> None:
        assert parse_config(b"[settings]\n").searches == ()

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (b'[[searches]]\nname = "A"\n', "feeds.toml:1: searches[1].query: is missing"),
            (b'[[searches]]\nquery = "x"\n', "feeds.toml:1: searches[1].name: is missing"),
            (
                b'[[searches]]\nname = "A"\nquery = "x"\nqeury = "y"\n',
                "feeds.toml:4: searches[1].qeury: unknown key in a saved search; "
                "did you mean 'query'?",
            ),
            (
                b'[[searches]]\nname = "A"\nquery = "x"\n[[searches]]\nname = "a"\nquery = "y"\n',
                "feeds.toml:5: searches[2].name: 'a' is already the name of searches[1] (line 1)",
            ),
            (
                b'[[searches]]\nname = "A"\nquery = 3\n',
                "feeds.toml:3: searches[1].query: must be text",
            ),
            (
                b'[[searches]]\nname = "A"\nquery = "  "\n',
                "feeds.toml:3: searches[1].query: must not be empty",
            ),
            (
                b'[[searches]]\nname = "A"\nquery = \'"" -""\'\n',
                "feeds.toml:3: searches[1].query: has nothing to search for",
            ),
            (b'[searches]\nname = "A"\n', "feeds.toml:1: searches: write [[searches]] (double"),
        ],
    )
    def test_each_mistake_names_its_line(self, text: bytes, expected: str) -> None:
        with pytest.raises(ConfigError) as raised:
            parse_config(text)
        assert any(str(p).startswith(expected) for p in raised.value.problems), raised.value

    def test_every_mistake_at_once(self) -> None:
        with pytest.raises(ConfigError) as raised:
            parse_config(b'[[searches]]\nname = "A"\n[[searches]]\nquery = "x"\n')
        assert [p.line for p in raised.value.problems] == [1, 3]


CONFIG = """
[[sources]]
name = "Lab Blog"
url = "http://127.0.0.1:9/lab.xml"
tags = ["labs"]
[[sources]]
name = "News Wire"
url = "http://127.0.0.1:9/news.xml"
tags = ["news"]

[[searches]]
name = "Chips"
query = "chips -rumour"
"""

MORE = """
[[searches]]
name = "Segurança"
query = "seguranca"
"""


def _archive(tmp_path: Path) -> None:
    from ingest.config import load_config

    (tmp_path / "feeds.toml").write_text(CONFIG)
    lab, news = (s.id for s in load_config(tmp_path / "feeds.toml").sources)
    titles = [
        (lab, "New chips from the lab", "fabs"),
        (news, "Chips act passes", "policy"),
        (news, "Chips rumour mill", "unconfirmed"),
        (lab, "A model card", "nothing about silicon"),
        (news, "Quiet day", "more chips in the body"),
    ]
    store = ArticleStore(tmp_path / "data")
    store.open()
    store.add(
        [
            NewArticle(
                feed_id=feed,
                guid=f"g{n}",
                title=title,
                link=None,
                published=NOW - timedelta(days=n * 4),
                body=body,
                language="en",
            )
            for n, (feed, title, body) in enumerate(titles)
        ]
    )
    store.close()


def _row(feeds: FeedList, name: str):  # type: ignore[no-untyped-def]
    return feeds.row(SEARCH_PREFIX + name)


async def test_a_saved_search_is_a_row_chosen_like_a_feed_and_combines(tmp_path: Path) -> None:
    _archive(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        feeds = screen.query_one("#feeds", FeedList)
        articles = screen.query_one("#articles", ArticleList)
        state = app.library.state
        # The archive's 5 stories and the bundled seeds.
        await wait_for(pilot, lambda: len(articles.article_ids) > 5)
        # Under the feeds, with the unread among its 3 results.
        await wait_for(pilot, lambda: (row := _row(feeds, "Chips")) is not None and row.unread == 3)
        ids = [feeds.get_option_at_index(n).id for n in range(feeds.option_count)]
        assert ids.index(SEARCH_PREFIX + "Chips") == len(ids) - 1
        assert "⌕ Chips" in screen_text(app) and "3" in screen_text(app)

        pane = screen.query_one("#list-pane")
        feeds.focus()
        feeds.highlighted = ids.index(SEARCH_PREFIX + "Chips")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Chips" in str(pane.border_title))
        assert str(pane.border_title) == "2 saved search “Chips”"
        shown = {state.articles[i].title for i in articles.article_ids}
        assert shown == {"New chips from the lab", "Chips act passes", "Quiet day"}

        # Read one: the count follows; unread only and a tag combine with it.
        first = articles.article_ids[0]
        app.library.mark(first, read=True)
        await wait_for(pilot, lambda: _row(feeds, "Chips").unread == 2)
        articles.focus()
        await pilot.press("U")
        assert str(pane.border_title) == "2 saved search “Chips” · unread"
        assert first not in articles.article_ids and len(articles.article_ids) == 2
        await pilot.press("U", "t")  # the first tag: labs
        assert str(pane.border_title) == "2 saved search “Chips” · tag labs"
        assert [state.articles[i].title for i in articles.article_ids] == ["New chips from the lab"]
        await pilot.press("t", "t")  # news, then no tag
        await pilot.press("escape")
        assert str(pane.border_title) == "2 All articles"


async def test_saved_searches_follow_edits_to_the_file(tmp_path: Path) -> None:
    _archive(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 40)) as pilot:
        feeds = app.screen.query_one("#feeds", FeedList)
        await wait_for(pilot, lambda: _row(feeds, "Chips") is not None)
        # Accents never matter: the Portuguese seed holds "segurança".
        (tmp_path / "feeds.toml").write_text(CONFIG.replace('"Chips"', '"Silicon"') + MORE)
        await wait_for(pilot, lambda: _row(feeds, "Segurança") is not None, timeout=20)
        await wait_for(pilot, lambda: (_row(feeds, "Segurança").unread or 0) >= 1)
        assert _row(feeds, "Chips") is None
        assert _row(feeds, "Silicon") is not None
        # A broken file keeps the last good searches.
        (tmp_path / "feeds.toml").write_text(CONFIG + '[[searches]]\nname = "x"\n')
        await wait_for(pilot, lambda: app.library.status.config_error is not None, timeout=20)
        assert _row(feeds, "Segurança") is not None
