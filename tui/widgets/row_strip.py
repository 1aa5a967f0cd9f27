"""A list row as a Strip, built from its styled pieces in one pass.

Drawing a row through rich Text (append, stylize, truncate, render, then
style the strip) costs most of a list frame whose rows are new: a poll's
arrivals and every page scrolled. This draws the same segments directly:
the same cut and padding, one segment per piece and per change of style, each
styled as Text would style it and then under the widget's base style.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

Piece = tuple[str, Style | None]  # text, and its style (None or a null style: unstyled)


class RowStyles:
    """The final style of each (piece style, cursor style) pair under one base style.

    A frame draws dozens of rows from a handful of styles; combining them
    once per frame rather than once per segment is most of the saving.
    """

    def __init__(self, base: Style) -> None:
        self.base = base
        self._final: dict[tuple[Style | None, Style | None], Style] = {}

    def final(self, style: Style | None, cursor: Style | None) -> Style:
        key = (style, cursor)
        found = self._final.get(key)
        if found is None:
            found = Style.null()
            if style:
                found = found + style
            if cursor:
                found = found + cursor
            found = self.base + found
            self._final[key] = found
        return found


def row_strip(
    pieces: Sequence[Piece],
    width: int,
    styles: RowStyles,
    *,
    overflow: str,
    cursor: Style | None = None,
) -> Strip:
    """`pieces` in a strip exactly `width` cells wide: cut with "…" (overflow
    "ellipsis") or plainly when too long, padded with unstyled spaces when short.

    `cursor` is laid over the row's text, not over its padding, as rich's
    Text.stylize would.
    """
    # Spans as rich Text keeps them: pieces without a style have none.
    spans: list[tuple[int, int, Style | None]] = []
    texts: list[str] = []
    offset = 0
    for text, style in pieces:
        if not text:
            continue
        text = strip_control_codes(text)
        texts.append(text)
        end = offset + len(text)
        if style:
            spans.append((offset, end, style))
        offset = end
    plain = "".join(texts)
    length = cell_len(plain)
    if overflow != "ignore" and length > width:
        # Spans past the cut make no segment: the edges below stop at the text's end.
        if overflow == "ellipsis":
            plain = strip_control_codes(set_cell_size(plain, width - 1) + "…")
        else:
            plain = strip_control_codes(set_cell_size(plain, width))
    # The cursor's span covers the text as it was, cut with it, never the padding.
    cursor_end = len(plain) if cursor else 0
    if length < width:
        plain += " " * (width - length)
    # A segment between each two neighbouring span edges, as Text.render cuts them.
    edges = {0, len(plain), cursor_end}
    for start, end, _ in spans:
        edges.add(start)
        edges.add(end)
    cuts = sorted(edge for edge in edges if edge <= len(plain))
    segments: list[Segment] = []
    span_index = 0
    final = styles.final
    for start, end in zip(cuts, cuts[1:], strict=False):
        while span_index < len(spans) and spans[span_index][1] <= start:
            span_index += 1
        style = None
        if span_index < len(spans) and spans[span_index][0] <= start:
            style = spans[span_index][2]
        on_cursor = cursor if end <= cursor_end else None
        segments.append(Segment(plain[start:end], final(style, on_cursor)))
    return Strip(segments, width)
