"""Moving a vertical scroll bar's thumb without repainting a bar that looks the same.

A poll lengthens the article list hundreds of times; at the list's top the
thumb of a list of thousands of rows stays one cell at the top, yet each new
length repainted the whole bar, among the costliest widgets of a frame. This
works out the thumb's extent as Textual's ScrollBarRender draws it (textual
is pinned exactly in pyproject.toml; tests/test_article_list.py covers it).
"""

from __future__ import annotations

from math import ceil

from textual.scrollbar import ScrollBar, ScrollBarRender

STEPS = len(ScrollBarRender.VERTICAL_BARS)  # a cell's eighths


def thumb(size: int, virtual: int, window: int, position: float) -> tuple[int, int] | None:
    """The thumb's first and last eighth of a cell; None when no thumb is drawn."""
    window = ceil(window if window < virtual else 0)
    if not (window and size and virtual and size != virtual):
        return None
    thumb_size = max(1, window / (virtual / size))
    start = int((size - thumb_size) * (position / (virtual - window)) * STEPS)
    return start, start + ceil(thumb_size * STEPS)


def move_thumb(bar: ScrollBar, virtual: int, window: int) -> None:
    """Give `bar` a new virtual and window size; repaint it only if its thumb moved."""
    height = bar.size.height
    before = thumb(height, bar.window_virtual_size, bar.window_size, bar.position)
    bar.set_reactive(ScrollBar.window_virtual_size, virtual)
    bar.set_reactive(ScrollBar.window_size, window)
    if thumb(height, virtual, window, bar.position) != before:
        bar.refresh()
