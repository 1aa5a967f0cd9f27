"""The article list draws only what changed: rows that show another article, or
rows whose article reads differently. A poll pouring articles in must not
redraw the whole list for each batch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.app import App, ComposeResult

from core.state import LibraryState, ViewFilter
from storage.records import Article
from tests.app_support import screen_text
from tui.widgets.article_list import ArticleList

BASE = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
ROWS = 10  # screen rows of the list in these tests


def article(number: int) -> Article:
    """Article `number`: higher numbers are newer, so they sort nearer the top."""
    return Article(
        id=f"a{number:05d}",
        feed_id="f1",
        identity=f"guid:{number}",
        title=f"title {number}",
        link=None,
        published=BASE + timedelta(minutes=number),
        first_seen=BASE,
    )


class CountingList(ArticleList):
    """An ArticleList that counts the rows it builds from scratch."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.built: list[str] = []

    def _row_pieces(self, article, width):  # type: ignore[no-untyped-def]
        self.built.append(article.id)
        return super()._row_pieces(article, width)


class ListApp(App[None]):
    CSS = f"CountingList {{ height: {ROWS}; }}"

    def __init__(self, state: LibraryState) -> None:
        super().__init__()
        self.state = state

    def compose(self) -> ComposeResult:
        yield CountingList(self.state, lambda a: "Feed", lambda e: e, id="articles")


def state_with(numbers: range) -> LibraryState:
    state = LibraryState()
    state.load([article(n) for n in numbers], {})
    return state


async def shown(app: ListApp, pilot) -> CountingList:  # type: ignore[no-untyped-def]
    """The list, showing the whole view of the app's state."""
    listing = app.query_one(CountingList)
    listing.show_ids(app.state.view(ViewFilter()))
    await pilot.pause()
    return listing


def adding(state: LibraryState, articles: list[Article]):  # type: ignore[no-untyped-def]
    """A change that adds `articles` as a poll's batch would."""

    def add(listing: CountingList) -> None:
        state.add(articles)
        listing.show_ids(state.insert_into_view(listing.article_ids, articles, ViewFilter()))

    return add


async def drawn_after(app: ListApp, pilot, change) -> list[str]:  # type: ignore[no-untyped-def]
    listing = app.query_one(CountingList)
    await pilot.pause()
    listing.built = []
    change(listing)
    await pilot.pause()
    return listing.built


async def test_articles_added_below_the_screen_redraw_no_row() -> None:
    state = state_with(range(100, 200))
    app = ListApp(state)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = await shown(app, pilot)
        assert len(listing.built) == ROWS

        older = [article(n) for n in range(10, 20)]  # older: they sort below the screen
        assert await drawn_after(app, pilot, adding(state, older)) == []
        assert len(listing.article_ids) == 110


async def test_rows_pushed_down_by_newer_articles_are_not_built_again() -> None:
    state = state_with(range(100, 200))
    app = ListApp(state)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = await shown(app, pilot)
        listing.focus()
        listing.cursor = 5  # reading further down: the cursor keeps its screen row
        await pilot.pause()
        under_cursor = listing.current_id
        newer = [article(n) for n in range(300, 303)]

        built = await drawn_after(app, pilot, adding(state, newer))
        # The list scrolled by three to keep the cursor's article in place; the
        # rows that were on screen already are reused, the cursor row too.
        assert listing.current_id == under_cursor
        assert listing.cursor - round(listing.scroll_y) == 5
        assert built == []


async def test_until_the_cursor_is_placed_newer_articles_arrive_on_screen() -> None:
    # A cold poll fills the list in batches, newest not first: someone who has
    # not touched the list yet sees the newest articles, not the first batch's.
    state = LibraryState()  # a first start: the list is empty when it mounts
    app = ListApp(state)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = app.query_one(CountingList)
        listing.focus()
        await pilot.pause()
        await drawn_after(app, pilot, adding(state, [article(n) for n in range(100, 200)]))
        await drawn_after(app, pilot, adding(state, [article(n) for n in range(300, 303)]))
        assert round(listing.scroll_y) == 0 and listing.cursor == 0
        assert listing.current_id == "a00302"
        assert "title 302" in screen_text(app)

        await pilot.press("down", "up")  # placed, even back on the top row
        await drawn_after(app, pilot, adding(state, [article(n) for n in range(400, 402)]))
        assert listing.current_id == "a00302"
        assert listing.cursor - round(listing.scroll_y) == 0
        assert "title 401" not in screen_text(app)

        # Another view (a new filter) is shown from its top: new arrivals show again.
        listing.show_ids(state.view(ViewFilter()), keep_position=False)
        await drawn_after(app, pilot, adding(state, [article(n) for n in range(500, 502)]))
        assert listing.current_id == "a00501" and round(listing.scroll_y) == 0


async def test_a_row_whose_article_changed_is_drawn_again() -> None:
    state = state_with(range(100, 200))
    app = ListApp(state)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = await shown(app, pilot)
        top = listing.article_ids[0]

        def mark_read(listing: CountingList) -> None:
            state.set_flags([top], read=True)
            listing.refresh_rows()

        assert top in await drawn_after(app, pilot, mark_read)
        line = listing.render_line(0).text
        assert "●" not in line and "title 199" in line


async def test_moving_the_cursor_redraws_the_two_rows_it_leaves_and_enters() -> None:
    state = state_with(range(100, 200))
    app = ListApp(state)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = await shown(app, pilot)
        listing.focus()
        await pilot.pause()
        ids = listing.article_ids

        def down(listing: CountingList) -> None:
            listing.action_cursor_down()

        assert sorted(await drawn_after(app, pilot, down)) == sorted(ids[:2])


async def test_the_empty_message_is_drawn_when_it_changes() -> None:
    app = ListApp(LibraryState())
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = app.query_one(CountingList)
        listing.empty_message = "Loading…"
        await pilot.pause()
        assert "Loading…" in screen_text(app)
        listing.empty_message = "No articles here yet."
        await pilot.pause()
        assert "No articles here yet." in screen_text(app)
        assert "Loading…" not in screen_text(app)


async def test_the_scrollbar_follows_a_list_that_grows() -> None:
    """Growing the list moves the scrollbar's thumb; the list can scroll to its new end."""
    state = state_with(range(100, 130))
    app = ListApp(state)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = await shown(app, pilot)
        assert listing.show_vertical_scrollbar
        assert listing.vertical_scrollbar.window_virtual_size == 30

        older = [article(n) for n in range(10, 80)]  # below the screen: nothing moves
        await drawn_after(app, pilot, adding(state, older))
        assert listing.vertical_scrollbar.window_virtual_size == 100
        assert listing.max_scroll_y == 100 - listing.scrollable_content_region.height
        listing.action_last()
        await pilot.pause()
        assert listing.current_id == "a00010"
        assert "title 10" in screen_text(app)


async def test_the_scrollbar_appears_when_the_list_outgrows_the_screen() -> None:
    state = state_with(range(100, 105))
    app = ListApp(state)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = await shown(app, pilot)
        assert not listing.show_vertical_scrollbar

        older = [article(n) for n in range(10, 40)]
        await drawn_after(app, pilot, adding(state, older))
        assert listing.show_vertical_scrollbar
        assert listing.vertical_scrollbar.window_virtual_size == 35
        listing.action_last()
        await pilot.pause()
        assert listing.current_id == "a00010"


async def test_a_frame_works_out_the_list_style_once() -> None:
    """Rows drawn in one frame share the base style worked out for the frame."""
    state = state_with(range(100, 200))
    app = ListApp(state)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = await shown(app, pilot)
        looked_up = []
        real = type(listing).rich_style

        class Watched(type(listing)):  # type: ignore[misc, valid-type]
            @property
            def rich_style(self):  # type: ignore[no-untyped-def]
                looked_up.append(1)
                return real.fget(self)

        listing.__class__ = Watched
        listing.refresh_rows()
        await pilot.pause()
        assert len(listing.built) >= ROWS
        assert len(looked_up) == 1


async def test_a_long_list_uses_every_row_and_ends_titles_before_the_scrollbar() -> None:
    from dataclasses import replace

    state = LibraryState()
    state.load([replace(article(n), title=f"long title {n} " + "x" * 200) for n in range(100)], {})
    app = ListApp(state)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = await shown(app, pilot)
        assert listing.show_vertical_scrollbar and not listing.show_horizontal_scrollbar
        bar = listing.scrollable_content_region.width  # the scroll bar's first column
        lines = screen_text(app).splitlines()[:ROWS]
        # No horizontal scroll bar takes the bottom row: every row lists an article.
        assert all("long title" in line for line in lines), lines
        # Each title is cut with its ellipsis in the last column left of the bar.
        assert all(line[bar - 1] == "…" for line in lines), lines


def bar_cells(app: ListApp) -> list[str]:
    """The scroll bar's column as drawn, colours included (its thumb is reversed blanks)."""
    import io

    from rich.console import Console
    from rich.segment import Segment

    console = Console(width=app.size.width, file=io.StringIO(), color_system="truecolor")
    update = app.screen._compositor.render_update(full=True)
    lines = Segment.split_lines(console.render(update))
    return [repr(list(Segment.divide(line, [78, 80]))[1]) for line in list(lines)[:ROWS]]


async def test_the_scroll_bar_is_drawn_as_a_fresh_one_after_the_list_grows() -> None:
    """Whether growth repaints the bar or not, it shows what a new bar would."""
    grown = state_with(range(100, 130))
    app = ListApp(grown)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        await shown(app, pilot)
        for older in (range(80, 100), range(20, 80), range(19, 20)):
            await drawn_after(app, pilot, adding(grown, [article(n) for n in older]))
        drawn = bar_cells(app)
    fresh = ListApp(state_with(range(19, 130)))
    async with fresh.run_test(size=(80, ROWS + 2)) as pilot:
        await shown(fresh, pilot)
        assert bar_cells(fresh) == drawn


async def test_growth_that_leaves_the_thumb_in_place_does_not_repaint_the_bar() -> None:
    from textual.scrollbar import ScrollBar

    state = state_with(range(5000, 10000))
    app = ListApp(state)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = await shown(app, pilot)
        painted: list[int] = []
        real = ScrollBar.render

        def render(bar: ScrollBar):  # type: ignore[no-untyped-def]
            painted.append(bar.window_virtual_size)
            return real(bar)

        ScrollBar.render = render  # type: ignore[method-assign]
        try:
            # A thousand rows more, below the screen: the one-cell thumb stays on top.
            await drawn_after(app, pilot, adding(state, [article(n) for n in range(4000, 5000)]))
            assert listing.vertical_scrollbar.window_virtual_size == 6000
            assert painted == []
            listing.action_last()  # the thumb moves: the bar is drawn again
            await pilot.pause()
            assert painted and painted[-1] == 6000
        finally:
            ScrollBar.render = real  # type: ignore[method-assign]


async def test_highlighted_is_posted_only_when_the_article_under_the_cursor_changes() -> None:
    # The reader beside the list loads whatever is highlighted: a poll's batch
    # that leaves the same article under the cursor must not reload it.
    state = state_with(range(100, 200))
    app = ListApp(state)
    async with app.run_test(size=(80, ROWS + 2)) as pilot:
        listing = await shown(app, pilot)
        posted: list[str | None] = []
        real = listing.post_message

        def post(message):  # type: ignore[no-untyped-def]
            if isinstance(message, ArticleList.Highlighted):
                posted.append(message.article_id)
            return real(message)

        listing.post_message = post  # type: ignore[method-assign]
        await drawn_after(app, pilot, adding(state, [article(n) for n in range(10, 20)]))
        assert posted == []
        # Newer ones on top of a list whose cursor was never placed: the newest is highlighted.
        await drawn_after(app, pilot, adding(state, [article(n) for n in range(300, 302)]))
        assert posted == ["a00301"]
