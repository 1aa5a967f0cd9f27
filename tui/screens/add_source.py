"""Add a source from the dashboard: an address in, its feeds found, one chosen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from core.sources import add_feed, discover_feeds
from ingest.sanitize import clean_text

if TYPE_CHECKING:
    from core.library import Library


class AddSourceScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    AddSourceScreen { align: center middle; }
    #add-box { width: 80%; max-width: 100; height: auto; border: round $accent;
               padding: 0 1; background: $surface; }
    #add-feeds { height: auto; max-height: 12; display: none; }
    """
    BINDINGS = [Binding("escape", "dismiss", "Close", id="add.close")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        with Vertical(id="add-box"):
            yield Static(Text("Add a source: a feed's address, or a site's page"))
            yield Input(placeholder="https://…", id="add-url")
            yield Static(id="add-status")
            yield OptionList(id="add-feeds")

    def _status(self, text: str) -> None:
        self.query_one("#add-status", Static).update(Text(text))

    @on(Input.Submitted, "#add-url")
    def url_given(self, event: Input.Submitted) -> None:
        url = event.value.strip()
        if url:
            self._status(f"Looking for feeds at {url} …")
            self.find(url)

    @work(exclusive=True, exit_on_error=False)
    async def find(self, url: str) -> None:
        discovery = await discover_feeds(self.library, url)
        if not discovery.feeds:
            self._status(discovery.error or "No feed found there.")
            return
        if len(discovery.feeds) == 1:
            [feed] = discovery.feeds
            await add_feed(self.library, feed.url, feed.title or feed.link_title)
            self.dismiss()
            return
        self._status(f"{len(discovery.feeds)} feeds found: choose one (Enter)")
        options = self.query_one("#add-feeds", OptionList)
        options.clear_options()
        for feed in discovery.feeds:
            title = clean_text(feed.title or feed.link_title or "(untitled)", single_line=True)
            label = Text(f"{title}  ")
            label.append(clean_text(feed.url, single_line=True), style="dim")
            label.append(f"  {feed.items} items", style="dim")
            options.add_option(Option(label, id=feed.url))
        self._feeds = {feed.url: feed for feed in discovery.feeds}
        options.display = True
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#add-feeds")
    async def chosen(self, event: OptionList.OptionSelected) -> None:
        feed = self._feeds.get(event.option.id or "")
        if feed is not None:
            await add_feed(self.library, feed.url, feed.title or feed.link_title)
            self.dismiss()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
