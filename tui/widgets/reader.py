"""The article reader: header, body as paragraphs, numbered links below.

Everything shown is built as rich Text from plain strings: feed text is
data, never markup.
"""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from core.reading import ReaderContent
from ingest.sanitize import clean_text, safe_link, strip_unsafe
from tui.formatting import long_time
from tui.keys import bindings_for
from tui.language_names import language_label
from tui.terminal_caps import glyphs

LABEL_COLUMN = 10  # the header's labels; values start after them


def hanging(value: str, width: int | None) -> str:
    """A header value wrapped to `width` with its later lines under the value
    column, not under the label (None: left to the widget to wrap)."""
    if width is None or width <= LABEL_COLUMN + 10:
        return value
    lines = textwrap.wrap(
        value, width - LABEL_COLUMN, break_long_words=True, break_on_hyphens=False
    )
    return ("\n" + " " * LABEL_COLUMN).join(lines) if lines else value


def render_article(content: ReaderContent, width: int | None = None) -> Text:
    """The reader's text; `width`, when known, lays header values out under their column."""
    article = content.article
    text = Text()
    text.append(clean_text(article.title, single_line=True) + "\n", style="bold")
    text.append("\n")

    def field(label: str, value: str) -> None:
        text.append(f"{label:<{LABEL_COLUMN}}", style="dim")
        text.append(hanging(clean_text(value, single_line=True), width) + "\n")

    field("Source", content.source_name)
    field("Date", long_time(article.published, article.date_precision))
    if article.language:
        field("Language", language_label(article.language))
    if article.author:
        field("Author", article.author)
    link = safe_link(article.link)
    if link:
        field("Link", link)
    if content.entity_names:
        field("Mentions", ", ".join(content.entity_names))
    if content.starred:
        field("Starred", glyphs().starred)
    for line in content.event_lines:
        field("Event", line)
    for line in content.also_in:
        field("Also in", line)
    text.append("\n")
    # Cleaned again, but not laid out again: code keeps its indentation and
    # nested lists their depth (the first line of a paragraph included).
    body = strip_unsafe(content.body).strip("\n").rstrip()
    if body:
        for paragraph in body.split("\n\n"):
            text.append(paragraph.strip("\n").rstrip() + "\n\n")
    else:
        text.append("(This article has no text. Press y to copy its link.)\n\n", style="dim")
    links = [url for url in (safe_link(u) for u in article.links) if url]
    if links:
        text.append("Links\n", style="bold")
        for number, url in enumerate(links, start=1):
            text.append(f"[{number}] ", style="dim")
            text.append(url + "\n")
    return text


class Reader(VerticalScroll, can_focus=True):
    BINDINGS = bindings_for("reader")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article_id: str | None = None
        self._content: ReaderContent | None = None
        self._laid_out_for = 0  # the width the text was laid out for

    def compose(self) -> ComposeResult:
        yield Static(
            Text("Select an article and press Enter to read it.", style="dim"), id="reader-text"
        )

    def show(self, content: ReaderContent) -> None:
        # The article shown again (its flags or enrichment changed) keeps its
        # scroll position: marking it read on opening must not jump to the top.
        same = content.article.id == self.article_id
        self.article_id = content.article.id
        self._content = content
        self._lay_out()
        if not same:
            self.scroll_home(animate=False)

    def _lay_out(self) -> None:
        if self._content is None:
            return
        # The text's own width: the pane less its padding and scroll bar.
        width = self.scrollable_content_region.width - 1
        self._laid_out_for = width
        text = render_article(self._content, width if width > 0 else None)
        self.query_one("#reader-text", Static).update(text)

    def on_resize(self) -> None:
        if self._content is not None and self.scrollable_content_region.width - 1 != (
            self._laid_out_for
        ):
            self._lay_out()

    def clear(self) -> None:
        self.article_id = None
        self._content = None
        self.query_one("#reader-text", Static).update(
            Text("Select an article and press Enter to read it.", style="dim")
        )
