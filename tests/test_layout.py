"""Headlines first: how much of a title the list shows at common terminal sizes,
where the reader goes, and the layout choices the user makes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.records import NewArticle
from storage.store import ArticleStore
from tests.app_support import make_app, screen_text, wait_for
from tui.formatting import DistinctNames, middle_shorten
from tui.terminal_caps import glyphs
from tui.widgets.article_list import ArticleList
from tui.widgets.watchlist_panel import WatchlistPanel

LONG_TITLE = (
    "Anthropic and OpenAI agree on a shared evaluation suite for frontier model safety, "
    "with results published quarterly by an independent lab"
)
SOURCES = """
[[sources]]
name = "Local wire 0 with a long name for the column"
url = "http://127.0.0.1:9/feed0.xml"
[[sources]]
name = "Local wire 1 with a long name for the column"
url = "http://127.0.0.1:9/feed1.xml"
"""


def store_long_titles(tmp_path: Path) -> None:
    from ingest.config import load_config

    (tmp_path / "feeds.toml").write_text(SOURCES)
    feeds = [source.id for source in load_config(tmp_path / "feeds.toml").sources]
    store = ArticleStore(tmp_path / "data")
    store.open()
    store.add(
        [
            NewArticle(
                feed_id=feed,
                guid=f"long-{n}",
                title=f"{LONG_TITLE} {n}",
                link=None,
                published=datetime(2030, 1, 1, 12, n, tzinfo=UTC),
                body="b",
            )
            for n, feed in enumerate(feeds)
        ]
    )
    store.close()


def visible_title(text: str) -> str:
    """The longest stretch of LONG_TITLE on any line of the screen."""
    best = ""
    for line in text.splitlines():
        start = line.find(LONG_TITLE[:20])
        if start < 0:
            continue
        shown = line[start:]
        length = 0
        while (
            length < len(shown) and length < len(LONG_TITLE) and shown[length] == LONG_TITLE[length]
        ):
            length += 1
        best = max(best, shown[:length], key=len)
    return best


async def capture(tmp_path: Path, size: tuple[int, int]) -> tuple[str, object]:
    store_long_titles(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        articles = app.screen.query_one("#articles", ArticleList)
        await wait_for(pilot, lambda: len(articles.article_ids) >= 2)
        await pilot.pause(0.3)
        text = screen_text(app)
        reader_shown = app.screen.query_one("#reader").display
        side_shown = app.screen.query_one("#sidebar").display
    print(f"--- {size[0]}x{size[1]} ---\n{text}")
    return text, (reader_shown, side_shown)


@pytest.mark.parametrize(
    ("size", "at_least", "reader", "side"),
    [((80, 24), 45, False, False), ((120, 40), 70, False, True), ((200, 50), 70, True, True)],
    ids=["80x24", "120x40", "200x50"],
)
async def test_the_title_gets_the_room(
    tmp_path: Path, size: tuple[int, int], at_least: int, reader: bool, side: bool
) -> None:
    text, shown = await capture(tmp_path, size)
    title = visible_title(text)
    print(f"visible title at {size}: {len(title)} characters: {title!r}")
    assert len(title) >= at_least, text
    assert shown == (reader, side)
    # Two sources whose names differ only at the end never look the same.
    rows = [line for line in text.splitlines() if LONG_TITLE[:20] in line]
    assert len(rows) == 2
    assert rows[0].split(LONG_TITLE[:20])[0] != rows[1].split(LONG_TITLE[:20])[0]
    # Both show where they differ, not only the one met second.
    sources = " ".join(row.split(LONG_TITLE[:20])[0] for row in rows)
    assert all(f"wire {n}" in sources or f"e {n} " in sources for n in (0, 1)), sources


def test_names_are_shortened_in_the_middle_and_stay_distinct() -> None:
    short = middle_shorten("Local wire 0 with a long name", 12)
    assert len(short) == 12 and short.startswith("Local") and short.endswith("name")
    names = DistinctNames(12)
    first = names("Local wire 0 with a long name")
    second = names("Local wire 1 with a long name")
    assert first != second and len(second) <= 12
    assert names("Local wire 0 with a long name") == first  # stable
    assert names("Short") == "Short"
    # A literal name equal to another's short form still looks different.
    assert names(first) != first


async def test_keys_hide_the_reader_and_the_side_panels_and_the_choice_is_remembered(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        reader = app.screen.query_one("#reader")
        sidebar = app.screen.query_one("#sidebar")
        articles = app.screen.query_one("#articles", ArticleList)
        assert reader.display and sidebar.display
        wide_list = articles.size.width
        await pilot.press("v", "backslash")
        await pilot.pause()
        assert not reader.display and not sidebar.display
        assert articles.size.width > wide_list + 80
    saved = json.loads((tmp_path / "data" / "ui.json").read_text())
    assert saved["reader_pane"] is False and saved["side_panels"] is False

    app = make_app(tmp_path)
    async with app.run_test(size=(200, 50)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        assert not app.screen.query_one("#reader").display
        assert not app.screen.query_one("#sidebar").display
        await pilot.press("v", "backslash")
        await pilot.pause()
        assert app.screen.query_one("#reader").display
        assert app.screen.query_one("#sidebar").display


async def test_narrow_v_opens_the_reader_in_place_of_the_list_and_closes_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        reader = app.screen.query_one("#reader")
        listing = app.screen.query_one("#list-pane")
        assert not reader.display and listing.display
        await pilot.press("v")
        await pilot.pause()
        assert reader.display and not listing.display
        await pilot.press("v")
        await pilot.pause()
        assert not reader.display and listing.display


async def test_help_is_in_the_footer_of_the_focused_list_at_80_columns(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        await pilot.pause(0.3)
        assert app.focused is app.screen.query_one("#articles", ArticleList)
        footer = screen_text(app).splitlines()[-1]
        assert "? Help" in footer, footer
        assert "⏎ Open" in footer and "/ Search" in footer and "^p Palette" in footer


def test_a_slim_watchlist_panel_keeps_the_name_before_the_total() -> None:
    from core.watch import EntityRow
    from tui.widgets.watchlist_panel import entity_prompt

    row = EntityRow(
        entity_id="company:openai", name="OpenAI", kind="company", total=144, unread=142
    )
    slim = entity_prompt(row, 17).plain
    assert "OpenAI" in slim and "142" in slim and "144" not in slim
    wide = entity_prompt(row, 30).plain
    assert "OpenAI" in wide and "144/142" in wide


def test_a_watchlist_row_fills_its_width_with_the_name_and_counts() -> None:
    from core.watch import EntityRow
    from tui.widgets.watchlist_panel import entity_prompt

    row = EntityRow(
        entity_id="company:tml", name="Thinking Machines Lab", kind="company", total=128, unread=0
    )
    # 16 columns is what the panel gets at 120 columns: glyph, name, one space, total.
    shown = entity_prompt(row, 16).plain
    assert len(shown) == 16 and shown.endswith(" 128"), shown
    # The cut falls after "Thinking ": the ellipsis follows the word, not a blank.
    assert shown[2:12] == "Thinking" + glyphs().ellipsis + " ", shown
    short = EntityRow(entity_id="company:xai", name="xAI", kind="company", total=7, unread=0)
    assert entity_prompt(short, 16).plain.endswith("xAI" + " " * 9 + " 7")


async def test_watchlist_names_keep_ten_characters_at_120_columns(tmp_path: Path) -> None:
    config = "\n".join(
        f'[[companies]]\nname = "{name}"\n'
        for name in ("OpenAI", "Thinking Machines Lab", "Safe Superintelligence", "xAI")
    )
    app = make_app(tmp_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
        panel = app.screen.query_one("#watchlists", WatchlistPanel)
        await wait_for(pilot, lambda: panel.option_count == 4, timeout=30)
        await pilot.pause(0.3)
        left, width = panel.region.x, panel.region.width
        cells = [line[left + 1 : left + width - 1] for line in screen_text(app).splitlines()]
        rows = [c for c in cells if c[:1] in ("■", "●", "⊘")]
        assert rows, screen_text(app)
        cut = [c for c in rows if glyphs().ellipsis in c]
        assert cut, rows
        # A cut name takes every column its counts leave: at most the scroll bar's is blank.
        assert all(len(c.rstrip()) >= len(c) - 2 for c in cut), cut
        assert all(len(c[2:].rsplit(" ", 1)[0].rstrip()) >= 10 for c in cut), cut


def test_names_known_up_front_all_show_where_they_differ() -> None:
    names = DistinctNames(12)
    wires = [f"Local wire {n} with a longer name" for n in range(5)]
    names.prepare([*wires, "Short", "Another long source name here"])
    shown = [names(wire) for wire in wires]
    assert shown == [f"Local…wire {n}" for n in range(5)]
    assert names("Short") == "Short"
    assert len(set(shown)) == 5
