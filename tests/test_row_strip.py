"""A list row drawn in one pass has exactly the segments rich Text would give it:
the same cut, the same "…", the same padding and the same styles, cursor or not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.widgets.row_strip import Piece, RowStyles, row_strip

CONSOLE = Console(width=200, color_system="truecolor")
BASE = Style(color="#e0e0e0", bgcolor="#101010")
STYLES = [
    None,
    Style.null(),
    Style(color="red"),
    Style(dim=True),
    Style(bold=True, color="#33aaff"),
    Style(italic=True),
]
CURSORS = [None, Style(reverse=True), Style(bgcolor="blue", bold=True) + Style(bold=False)]
# Wide, combining, zero-width and control characters: where cells and characters differ.
ALPHABET = st.sampled_from(list("ab Z9-…●★|") + ["中", "界", "é", "\u0301", "\u200b", "\x07", "\r"])


def through_text(pieces: list[Piece], width: int, overflow: str, cursor: Style | None) -> Strip:
    """The row as rich Text draws it: the reference the one-pass row must match."""
    text = Text(no_wrap=True, overflow=overflow)  # type: ignore[arg-type]
    for piece, style in pieces:
        text.append(piece, style)
    if cursor:
        text.stylize(cursor)
    text.truncate(width, overflow=overflow, pad=True)  # type: ignore[arg-type]
    segments = list(text.render(CONSOLE, end=""))
    return Strip(segments).apply_style(BASE).adjust_cell_length(width, BASE)


pieces_strategy = st.lists(
    st.tuples(st.text(ALPHABET, max_size=24), st.sampled_from(STYLES)), max_size=8
)


@settings(max_examples=600, deadline=None)
@given(
    pieces=pieces_strategy,
    width=st.integers(min_value=1, max_value=70),
    overflow=st.sampled_from(["ellipsis", "crop"]),
    cursor=st.sampled_from(CURSORS),
)
def test_a_row_has_the_segments_rich_text_would_draw(
    pieces: list[Piece], width: int, overflow: str, cursor: Style | None
) -> None:
    expected = through_text(pieces, width, overflow, cursor)
    drawn = row_strip(pieces, width, RowStyles(BASE), overflow=overflow, cursor=cursor)

    assert drawn.cell_length == expected.cell_length == width
    assert [(s.text, s.style) for s in drawn] == [(s.text, s.style) for s in expected]


def test_a_long_title_is_cut_with_an_ellipsis_in_its_own_style() -> None:
    title = Style(bold=True)
    pieces: list[Piece] = [("● ", Style(color="red")), ("A very long headline indeed", title)]

    drawn = row_strip(pieces, 12, RowStyles(BASE), overflow="ellipsis")

    assert drawn.text == "● A very lo…"
    assert [s.text for s in drawn] == ["● ", "A very lo…"]
    assert list(drawn)[-1].style == BASE + title


def test_the_cursor_covers_the_text_and_not_the_padding() -> None:
    cursor = Style(reverse=True)

    drawn = list(row_strip([("short", None)], 9, RowStyles(BASE), overflow="crop", cursor=cursor))

    assert [s.text for s in drawn] == ["short", "    "]
    assert drawn[0].style == BASE + cursor and drawn[1].style == BASE
