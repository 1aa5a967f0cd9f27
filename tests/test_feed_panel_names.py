"""The feeds panel: long source names shortened so no two rows look alike, and
its marks in ASCII where the locale cannot show them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tui.terminal_caps import use_ascii
from tui.widgets.feed_list import FeedList, FeedRow, feed_prompt


@pytest.fixture(autouse=True)
def _unicode_after() -> Iterator[None]:
    yield
    use_ascii(False)


def _panel(names: list[str]) -> FeedList:
    panel = FeedList()
    panel._rows = [FeedRow(f"f{i}", name, 12, "ok") for i, name in enumerate(names)]
    return panel


def test_sources_that_shorten_alike_stay_apart_in_the_panel() -> None:
    names = [f"Local wire {n} with a long name" for n in range(5)]
    panel = _panel(names)
    for width in (16, 20, 24):
        shown = [panel.prompt(row, width).plain for row in panel.rows]
        assert len(set(shown)) == len(shown), shown
        assert all(len(line) <= width for line in shown)
        assert all(line.endswith(" 12") for line in shown)


def test_a_long_name_is_cut_in_the_middle_so_its_end_shows() -> None:
    shown = feed_prompt(FeedRow("f", "Reuters Technology News wire 7", 0, "ok"), 20).plain
    assert "…" in shown and "7" in shown and shown.startswith("✓ Reuters")


def test_the_panel_marks_are_ascii_where_the_locale_is_not_utf8() -> None:
    rows = [FeedRow("a", "Alpha", 1, health) for health in ("ok", "failing", "never", "gone")]
    unicode_lines = [feed_prompt(row, 30).plain for row in rows]
    assert [line[0] for line in unicode_lines] == ["✓", "✗", "·", "⊘"]
    use_ascii(True)
    ascii_lines = [feed_prompt(row, 30).plain for row in rows]
    assert all(line.isascii() for line in ascii_lines), ascii_lines
    assert len({line[0] for line in ascii_lines}) == 4


def test_names_are_cleaned_once_per_list_of_rows_and_again_when_it_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tui.widgets import feed_list

    cleaned: list[str] = []
    real = feed_list.clean_text

    def counting(text: str, **kwargs: bool) -> str:
        cleaned.append(text)
        return real(text, **kwargs)

    monkeypatch.setattr(feed_list, "clean_text", counting)
    names = [f"Local wire {n} with a long name" for n in range(200)]
    panel = _panel(names)
    shown = [panel.prompt(row, 20).plain for row in panel.rows]
    # Each row's own name, and every name once for the shortener: linear, not 200 x 200.
    assert len(cleaned) <= 2 * len(names)
    assert len(set(shown)) == len(shown)
    # A renamed feed in a new list of rows is shortened among the new names.
    renamed = [*names[:-1], "Local wire 0 with a long name, again"]
    panel._rows = [FeedRow(f"f{i}", name, 12, "ok") for i, name in enumerate(renamed)]
    shown = [panel.prompt(row, 20).plain for row in panel.rows]
    assert len(set(shown)) == len(shown), shown
