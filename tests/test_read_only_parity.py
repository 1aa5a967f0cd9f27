"""A read-only second instance shows what the writer shows: the story markers
(`+1`) and when feeds were last polled, from the writer's stored state."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

import core.following
from core.library import Library, LibraryOptions
from core.story_share import LAST_POLL_KEY, STORIES_KEY
from tests.app_support import make_app, screen_text, wait_for
from tui.widgets.article_list import ArticleList

# One story told in English and in Portuguese (grouped by the writer's worker).
FEED = """<rss version="2.0"><channel><title>Local wire</title>
<item><guid>en</guid>
<title>Former OpenAI engineer Calvin French-Owen describes the Codex sprint</title>
<pubDate>Wed, 16 Jul 2025 10:00:00 GMT</pubDate>
<description>Calvin French-Owen said OpenAI grew from 1,000 to 3,000 people. French-Owen built
Codex in seven weeks. Calvin French-Owen spoke about OpenAI.</description></item>
<item><guid>pt</guid><title>Ex-engenheiro do OpenAI descreve o sprint do Codex</title>
<pubDate>Thu, 17 Jul 2025 10:00:00 GMT</pubDate>
<description>Calvin French-Owen disse que o OpenAI cresceu de 1.000 para 3.000 pessoas.
French-Owen construiu o Codex em sete semanas. Calvin French-Owen falou sobre o OpenAI.
</description>
</item></channel></rss>"""


async def test_a_read_only_instance_shows_story_markers_and_the_last_poll(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, httpserver: HTTPServer
) -> None:
    monkeypatch.setattr(core.following, "FOLLOW_INTERVAL", 0.1)
    httpserver.expect_request("/feed.xml").respond_with_data(
        FEED, content_type="application/rss+xml"
    )
    config = tmp_path / "feeds.toml"
    config.write_text(
        '[settings]\ndefault_interval = "6h"\n'
        f'[[sources]]\nname = "Local wire"\nurl = "{httpserver.url_for("/feed.xml")}"\n'
        '[[people]]\nname = "Calvin French-Owen"\n[[companies]]\nname = "OpenAI"\n'
    )
    no_seeds = tmp_path / "no-seeds"
    no_seeds.mkdir()
    writer = Library(
        LibraryOptions(config_path=config, data_dir=tmp_path / "data", seeds_dir=no_seeds)
    )
    await writer.start()
    try:
        await _until(lambda: len(writer.state.stories) == 2)
        await _until(lambda: writer.service.store.meta(STORIES_KEY))
        first = writer.status.last_update
        assert first is not None
        # A second poll that brings nothing new: the feed's stored state may not
        # change, yet the follower must show this poll's time, as the writer does.
        writer.refresh_feeds()
        await _until(lambda: writer.status.last_update not in (None, first))
        polled = writer.status.last_update
        await _until(lambda: writer.service.store.meta(LAST_POLL_KEY) == polled.isoformat())

        follower = make_app(tmp_path, seeds_dir=no_seeds)
        async with follower.run_test(size=(120, 40)) as pilot:
            library = follower.library
            articles = follower.screen.query_one("#articles", ArticleList)
            await wait_for(pilot, lambda: library.open_report is not None)
            assert not library.writer
            await wait_for(pilot, lambda: len(library.state.stories) == 2)
            assert library.state.stories == writer.state.stories
            await wait_for(pilot, lambda: len(articles.article_ids) == 1)  # one row per story
            await wait_for(pilot, lambda: "+1" in screen_text(follower))
            # The last poll, as the writer's feed states tell it, not "not polled yet".
            assert library.status.last_update == polled
            status = screen_text(follower).splitlines()[-2]
            assert f"updated {polled.astimezone():%H:%M}" in status, status
            assert "not polled yet" not in status
            await pilot.press("q")
    finally:
        await writer.aclose()


async def _until(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)
