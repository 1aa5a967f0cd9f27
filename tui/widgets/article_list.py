"""The article list: a Line API widget that renders only the rows on screen.

DataTable and OptionList build every row up front (10-18 s for 100,000
articles here); this list keeps a list of ids and renders the visible ones
on demand, so it opens instantly at any archive size.

Feed text is drawn as segments built from plain strings, never
from markup, so a title like "[@click=app.quit]" is shown, not executed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from rich.style import Style
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from core.state import LibraryState, ViewFilter
from ingest.sanitize import clean_text
from storage.records import Article
from tui.formatting import DATE_COLUMN, DistinctNames, column_time
from tui.keys import bindings_for
from tui.terminal_caps import glyphs
from tui.widgets.row_strip import Piece, RowStyles, row_strip
from tui.widgets.scroll_thumb import move_thumb

MAX_DRAWN_ROWS = 1_000  # a few screens' worth; cleared when full
# Fixed columns before the title, so the title gets the rest of the row:
# unread dot, star, "+N" more tellings of the story; date; source.
MARKER_COLUMN = 5
SOURCE_COLUMN_NARROW = 12
SOURCE_COLUMN_WIDE = 16
WIDE_ROW = 110  # rows at least this wide get the wider source column


def source_column(width: int) -> int:
    return SOURCE_COLUMN_WIDE if width >= WIDE_ROW else SOURCE_COLUMN_NARROW


def story_marker(others: int) -> str:
    """The "+N" of N more tellings, in two cells."""
    if not others:
        return "  "
    return f"+{others}" if others < 10 else "9+"


class ArticleList(ScrollView, can_focus=True):
    # Rows are cut to the list's width, never scrolled sideways: a horizontal
    # scroll bar would only take the bottom row.
    DEFAULT_CSS = """
    ArticleList {
        overflow-x: hidden;
    }
    """
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--marker",
        "article-list--meta",
        "article-list--entities",
        "article-list--empty",
    }
    BINDINGS = bindings_for("list")

    # repaint=False: watch_cursor repaints the two rows the cursor leaves and enters.
    # init=False: only a real move places the cursor (see show_ids).
    cursor: reactive[int] = reactive(0, always_update=True, repaint=False, init=False)

    class Highlighted(Message):
        def __init__(self, article_id: str | None) -> None:
            super().__init__()
            self.article_id = article_id

    class Opened(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(
        self,
        state: LibraryState,
        source_name: Callable[[Article], str],
        entity_name: Callable[[str], str],
        feed_names: Callable[[], Mapping[str, str]] = dict,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._state = state
        self._source_name = source_name
        self._entity_name = entity_name
        self._feed_names = feed_names  # every source's name, to tell alike ones apart
        self._ids: list[str] = []
        # Whether the cursor was put where it is (keys, a click, an opened
        # article) since the list was last shown from its top; until then new
        # articles arriving above leave the newest on screen.
        self._placed = False
        self._showing = False
        self._empty_message = "No articles."
        # Drawn rows by article id, with what they were drawn from: new
        # articles landing near the top shift every row on screen, and
        # redrawing the same rows at new heights was a third of a frame.
        self._drawn: dict[str, tuple[tuple[object, ...], Strip]] = {}
        self._row_styles = RowStyles(Style.null())  # replaced when the base style changes
        # What every line of one frame shares, worked out once per frame
        # (the base style walks every ancestor's styles): set by render_lines.
        self._frame: tuple[Style, date, int] | None = None
        self._short_names = self._new_short_names(SOURCE_COLUMN_NARROW)

    def _new_short_names(self, width: int) -> DistinctNames:
        names = DistinctNames(width)
        names.prepare(clean_text(name, single_line=True) for name in self._feed_names().values())
        return names

    @property
    def empty_message(self) -> str:
        """What the list says while it has no rows."""
        return self._empty_message

    @empty_message.setter
    def empty_message(self, message: str) -> None:
        if message != self._empty_message:
            self._empty_message = message
            if not self._ids:
                self.refresh()

    def on_mount(self) -> None:
        # Rows in the state before the archive has loaded are its newest
        # (storage.newest): shown at once, in the view every screen starts with.
        if self._state.articles and not self._ids:
            self.show_ids(self._state.view(ViewFilter()), keep_position=False)

    # -- data --------------------------------------------------------------

    @property
    def article_ids(self) -> list[str]:
        return self._ids

    @property
    def current_id(self) -> str | None:
        if 0 <= self.cursor < len(self._ids):
            return self._ids[self.cursor]
        return None

    def show_ids(self, ids: list[str], *, keep_position: bool = True) -> None:
        """Show a new list of ids.

        With keep_position, once the cursor has been placed the article under
        it stays at the same screen row, even when new articles slot in above
        it: someone reading is never pulled away from where they were. Until
        then the list stays at its top, so the newest articles are on screen.
        """
        current = self.current_id
        screen_row = self.cursor - round(self.scroll_y)
        rows_before = self._rows_on_screen()
        self._ids = ids
        virtual_size = Size(self._row_width(), len(ids))
        if virtual_size != self.virtual_size:
            # A scrollbar shown before and after only needs its thumb moved; a
            # layout pass reflows the whole screen, the costliest part of a
            # frame while a poll lengthens the list. Not through the reactive,
            # whose refresh repaints every row.
            bar_stays = (
                self.show_vertical_scrollbar
                and virtual_size.width == self.virtual_size.width
                and virtual_size.height > self.container_size.height
            )
            self.set_reactive(ArticleList.virtual_size, virtual_size)
            if bar_stays:
                # What Widget._scroll_update does for a bar that stays shown.
                window = self.container_size.height - self.scrollbar_size_horizontal
                move_thumb(self.vertical_scrollbar, virtual_size.height, window)
                self.scroll_y = self.validate_scroll_y(self.scroll_y)
            else:
                self.refresh(repaint=False, layout=True)
        if not keep_position:
            self._placed = False
        keep = self._placed and current is not None
        new_cursor = 0
        if keep:
            try:
                new_cursor = ids.index(current)  # type: ignore[arg-type]
            except ValueError:
                new_cursor = min(self.cursor, max(len(ids) - 1, 0))
            self.scroll_to(y=max(new_cursor - screen_row, 0), animate=False, immediate=True)
        else:
            self.scroll_to(y=0, animate=False, immediate=True)
        # The same article under the cursor at the same index (a poll's batch
        # landed below it): no move, and no Highlighted for the reader to load
        # the article it shows again.
        if new_cursor != self.cursor or self.current_id != current:
            self._showing = True
            try:
                self.cursor = new_cursor
            finally:
                self._showing = False
        self._repaint_changed_rows(rows_before)

    def refresh_rows(self) -> None:
        """Redraw every row: what they show changed (flags, enrichment, names)."""
        self._drawn.clear()
        self._short_names = self._new_short_names(self._short_names.width)
        self.refresh()

    def notify_style_update(self) -> None:
        self._drawn.clear()  # a new theme or stylesheet: every row looks different
        super().notify_style_update()

    def _rows_on_screen(self) -> list[tuple[str | None, bool]]:
        """What each screen row shows: its article id (None past the end) and
        whether the cursor is on it, which draws it differently."""
        top = round(self.scroll_y)
        ids = self._ids[top : top + self.size.height]
        rows = [(article_id, top + y == self.cursor) for y, article_id in enumerate(ids)]
        rows += [(None, False)] * (self.size.height - len(rows))
        return rows

    def _repaint_changed_rows(self, rows_before: list[tuple[str | None, bool]]) -> None:
        """Repaint only the screen rows that show another article than before.

        While a poll pours articles in, most batches land below the rows on
        screen; repainting all of them (and the frame around) took 10-30 ms
        of the event loop per batch. A scroll repaints everything by itself.
        """
        rows_after = self._rows_on_screen()
        if not self._ids or len(rows_before) != len(rows_after):
            self.refresh()
            return
        width = self.size.width
        for y, (before, after) in enumerate(zip(rows_before, rows_after, strict=True)):
            if before != after:
                self.refresh(Region(0, y, width, 1))

    # -- cursor ------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._ids) - 1)) if self._ids else 0

    def watch_cursor(self, old: int, new: int) -> None:
        if not self._showing:
            self._placed = True
        self._scroll_cursor_into_view()  # a scroll repaints every row itself
        self.refresh_line(old)
        self.refresh_line(new)
        self.post_message(self.Highlighted(self.current_id))

    def _scroll_cursor_into_view(self) -> None:
        if not self._ids or self.size.height == 0:
            return
        region = Region(0, self.cursor, 1, 1)
        self.scroll_to_region(region, animate=False, immediate=True, force=True)

    def move_to(self, article_id: str) -> bool:
        try:
            self.cursor = self._ids.index(article_id)
        except ValueError:
            return False
        return True

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._ids) - 1

    def action_page_down(self) -> None:
        self.cursor += max(self.size.height - 1, 1)

    def action_page_up(self) -> None:
        self.cursor -= max(self.size.height - 1, 1)

    def action_open(self) -> None:
        if (article_id := self.current_id) is not None:
            self.post_message(self.Opened(article_id))

    def on_click(self, event: object) -> None:
        offset = getattr(event, "y", None)
        if offset is not None:
            self.cursor = round(self.scroll_y) + int(offset)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- rendering ---------------------------------------------------------

    def _row_width(self) -> int:
        """The columns a row gets: the list's width less the scroll bar's."""
        return self.scrollable_content_region.width

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame = (self.rich_style, date.today(), self._row_width())
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        base, today, width = self._frame or (self.rich_style, date.today(), self._row_width())
        if self._row_styles.base != base:
            self._row_styles = RowStyles(base)
        if not self._ids:
            if y == 0:
                message = (self.empty_message, self.get_component_rich_style("article-list--empty"))
                return row_strip([message], width, self._row_styles, overflow=glyphs().overflow)
            return Strip.blank(width, base)
        if index >= len(self._ids):
            return Strip.blank(width, base)
        article_id = self._ids[index]
        article = self._state.articles.get(article_id)
        if article is None:
            return Strip.blank(width, base)
        on_cursor = index == self.cursor
        state = self._state
        drawn_from = (
            article,
            width,
            on_cursor and (1 + self.has_focus),
            state.is_read(article_id),
            state.is_starred(article_id),
            len(state.also_in(article_id)),
            today,  # times show as "14:05" today, with the date on other days
        )
        drawn = self._drawn.get(article_id)
        if drawn is not None and drawn[0] == drawn_from:
            return drawn[1]
        cursor_style = None
        if on_cursor:
            cursor_style = self.get_component_rich_style("article-list--cursor")
            if not self.has_focus:
                cursor_style = cursor_style + Style(bold=False)
        strip = row_strip(
            self._row_pieces(article, width),
            width,
            self._row_styles,
            overflow=glyphs().overflow,
            cursor=cursor_style,
        )
        if len(self._drawn) >= MAX_DRAWN_ROWS:
            self._drawn.clear()
        self._drawn[article_id] = (drawn_from, strip)
        return strip

    def _source_short(self, article: Article, width: int) -> str:
        column = source_column(width)
        if self._short_names.width != column:
            self._short_names = self._new_short_names(column)
        name = clean_text(self._source_name(article), single_line=True)
        return f"{self._short_names(name):<{column}}"

    def _row_pieces(self, article: Article, width: int) -> list[Piece]:
        read = self._state.is_read(article.id)
        starred = self._state.is_starred(article.id)
        marker_style = self.get_component_rich_style("article-list--marker")
        meta_style = self.get_component_rich_style("article-list--meta")
        entities_style = self.get_component_rich_style("article-list--entities")
        title_style = self.get_component_rich_style(
            "article-list--read" if read else "article-list--unread"
        )
        marks = glyphs()
        # A story told by several outlets is one row; "+N" says how many more.
        others = len(self._state.also_in(article.id))
        when = column_time(article.published, article.date_precision)
        pieces: list[Piece] = [
            (marks.unread if not read else " ", marker_style),
            (marks.starred if starred else " ", marker_style),
            (story_marker(others), entities_style),
            (" " * (MARKER_COLUMN - 4), None),
            (f"{when:>{DATE_COLUMN}} ", meta_style),
            (f"{self._source_short(article, width)} ", meta_style),
            # Stored titles are clean already; cleaning again at the last step means
            # a record written by an older or buggy ingester still cannot reach
            # the terminal with escape sequences in it.
            (clean_text(article.title, single_line=True), title_style),
        ]
        if article.entities:
            names = ", ".join(self._entity_name(entity) for entity in article.entities[:3])
            pieces.append((f"  {names}", entities_style))
        return pieces
