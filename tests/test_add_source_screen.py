"""Add source… from the palette: a page's feeds are found, one is chosen, feeds.toml grows."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer
from textual.command import CommandList, CommandPalette
from textual.widgets import OptionList

from tests.app_support import make_app, wait_for
from tui.screens.add_source import AddSourceScreen

CONFIG = """# My sources, with a comment that must stay.
[settings]
default_interval = "6h"
"""


def rss(title: str) -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        "<link>https://example.org/</link><item><guid>a</guid><title>One story</title>"
        "<link>https://example.org/a</link></item></channel></rss>"
    ).encode()


async def test_a_page_with_two_feeds_lets_the_user_choose_and_adds_it(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    page = (
        "<html><head><title>Lab</title>"
        '<link rel="alternate" type="application/rss+xml" title="Posts" href="/posts.xml">'
        '<link rel="alternate" type="application/rss+xml" title="Papers" href="/papers.xml">'
        "</head><body>Hello</body></html>"
    )
    httpserver.expect_request("/").respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/posts.xml").respond_with_data(rss("Lab posts"))
    httpserver.expect_request("/papers.xml").respond_with_data(rss("Lab papers"))
    app = make_app(tmp_path, CONFIG)
    config = tmp_path / "feeds.toml"
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: app.library.config_loaded and app.library.writer)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"add source")
        hits = app.screen.query_one(CommandList)
        await wait_for(
            pilot,
            lambda: (
                hits.option_count > 0 and "Add source" in str(hits.get_option_at_index(0).prompt)
            ),
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AddSourceScreen))
        await pilot.press(*httpserver.url_for("/"), "enter")
        options = app.screen.query_one("#add-feeds", OptionList)
        await wait_for(pilot, lambda: options.option_count == 2, timeout=20)
        await pilot.press("down", "enter")  # the second: Papers
        await wait_for(
            pilot,
            lambda: [s.name for s in app.library.config.sources] == ["Lab papers"],
            timeout=20,
        )
        text = config.read_text()
        assert text.startswith("# My sources, with a comment that must stay.")
        assert httpserver.url_for("/papers.xml") in text and "/posts.xml" not in text


async def test_an_address_without_a_feed_says_so_and_adds_nothing(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/").respond_with_data(
        "<html><body>no feeds</body></html>", content_type="text/html"
    )
    app = make_app(tmp_path, CONFIG)
    config = tmp_path / "feeds.toml"
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.library.config_loaded and app.library.writer)
        app.push_screen(AddSourceScreen(app.library))
        await wait_for(pilot, lambda: isinstance(app.screen, AddSourceScreen))
        await pilot.press(*httpserver.url_for("/"), "enter")
        status = app.screen.query_one("#add-status")
        await wait_for(
            pilot,
            lambda: (
                "feed" in str(status.render()).lower() and "Looking" not in str(status.render())
            ),
            timeout=20,
        )
        assert config.read_text() == CONFIG
