"""The reader's `f`: an article whose feed sends a summary gets its whole text from its page."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from pytest_httpserver import HTTPServer
from textual.widgets import Static

from tests.app_support import make_app, wait_for
from tests.test_fulltext import PARAGRAPHS, requests_to, serve_page
from tui.widgets.article_list import ArticleList


def summary_feed(link: str) -> bytes:
    when = format_datetime(datetime.now(UTC))
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Summaries</title>'
        "<link>https://example.org/</link><item><guid>lovelace</guid>"
        f"<title>Lovelace joins lab</title><link>{link}</link><pubDate>{when}</pubDate>"
        "<description>A short summary.</description></item></channel></rss>"
    ).encode()


def reader_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the reader holds, unwrapped (the screen wraps long sentences)."""
    return str(app.screen.query_one("#reader-text", Static).render())


async def test_f_fetches_the_whole_article_into_the_reader_once(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    page = serve_page(httpserver)
    httpserver.expect_request("/feed.xml").respond_with_data(
        summary_feed(page), content_type="application/rss+xml"
    )
    config = f'[[sources]]\nname = "Summaries"\nurl = "{httpserver.url_for("/feed.xml")}"\n'
    app = make_app(tmp_path, config, poll=True)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        library = app.library
        await wait_for(
            pilot,
            lambda: any(a.title == "Lovelace joins lab" for a in library.state.articles.values()),
            timeout=60,
        )
        [article] = [a for a in library.state.articles.values() if a.title == "Lovelace joins lab"]
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: article.id in articles.article_ids)
        assert articles.move_to(article.id)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "A short summary." in reader_text(app))
        assert PARAGRAPHS[1] not in reader_text(app)

        await pilot.press("f")
        await wait_for(pilot, lambda: PARAGRAPHS[1] in reader_text(app), timeout=30)
        assert "Cookie settings" not in reader_text(app)  # the page's furniture is left out
        # The reader redraws as the text is taken in; the notice follows it.
        await wait_for(
            pilot,
            lambda: any(
                "whole article is in the reader" in str(n.message) for n in app._notifications
            ),
        )
        assert library.service.store.has_full_text(article.id)

        await pilot.press("f")  # extracted already: the page is not fetched again
        await pilot.pause(1.0)
        assert requests_to(httpserver, "/story") == 1
