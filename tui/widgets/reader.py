"""The article reader: header, body as paragraphs, numbered links below.

Everything shown is built as rich Text from plain strings: feed text is
data, never markup.
"""

from __future__ import annotations

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


def render_article(content: ReaderContent) -> Text:
    article = content.article
    text = Text()
    text.append(clean_text(article.title, single_line=True) + "\n", style="bold")
    text.append("\n")

    def field(label: str, value: str) -> None:
        text.append(f"{label:<10}", style="dim")
        text.append(clean_text(value, single_line=True) + "\n")

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

    def compose(self) -> ComposeResult:
        yield Static(
            Text("Select an article and press Enter to read it.", style="dim"), id="reader-text"
        )

    def show(self, content: ReaderContent) -> None:
        # The article shown again (its flags or enrichment changed) keeps its
        # scroll position: marking it read on opening must not jump to the top.
        same = content.article.id == self.article_id
        self.article_id = content.article.id
        self.query_one("#reader-text", Static).update(render_article(content))
        if not same:
            self.scroll_home(animate=False)

    def clear(self) -> None:
        self.article_id = None
        self.query_one("#reader-text", Static).update(
            Text("Select an article and press Enter to read it.", style="dim")
        )
