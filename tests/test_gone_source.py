"""A source that answers 410 Gone: the feeds panel says so and the palette switches it off."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer

from tests.app_support import make_app, wait_for
from tests.test_keys import palette
from tui.widgets.feed_list import FeedList

CONFIG = """[settings]
default_interval = "6h"

# A wire that closed down.
[[sources]]
name = "Closed wire"
url = "{url}"
tags = ["news"]
"""


async def test_a_gone_source_is_marked_and_the_palette_disables_it(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/closed.xml").respond_with_data("gone", status=410)
    url = httpserver.url_for("/closed.xml")
    app = make_app(tmp_path, CONFIG.format(url=url), poll=True)
    config = tmp_path / "feeds.toml"
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        library = app.library
        await wait_for(pilot, lambda: any(s.gone for s in library.state.feeds.values()), timeout=60)
        feeds = app.screen.query_one("#feeds", FeedList)
        await wait_for(pilot, lambda: any("gone (410)" in str(o.prompt) for o in feeds.options))

        await palette(pilot, app, "Disable gone source: Closed wire", "disable gone")
        await wait_for(pilot, lambda: not library.config.sources[0].enabled, timeout=10)
        text = config.read_text()
        assert "enabled = false" in text
        assert "# A wire that closed down." in text and 'tags = ["news"]' in text
