"""One watched person or company: counts, trend, events, timeline, company kept.

Built from the app's state when opened; everything from feeds is drawn as
Text, never markup.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from core.entity_events import entity_events
from core.state import LibraryState
from core.watch import EntityProfile
from ingest.sanitize import clean_text
from storage.records import Article
from tui.formatting import short_time, sparkline

TIMELINE_LIMIT = 200
EVENT_LIMIT = 50


def entity_report(profile: EntityProfile, state: LibraryState, name_of, source_of) -> Text:  # type: ignore[no-untyped-def]
    mentioning: list[Article] = [
        state.articles[i]
        for i in state.view_order()
        if profile.entity_id in state.articles[i].entities
    ]
    unread = sum(1 for a in mentioning if not state.is_read(a.id))
    today = datetime.now(UTC).date()
    per_day = [0] * 30
    companions: Counter[str] = Counter()
    for article in mentioning:
        age = (today - article.sort_time.date()).days
        if 0 <= age < 30:
            per_day[29 - age] += 1
        companions.update(e for e in article.entities if e != profile.entity_id)

    text = Text()
    text.append(clean_text(profile.name, single_line=True), style="bold")
    text.append(f"  ({profile.kind})", style="dim")
    if profile.muted:
        text.append("  muted", style="yellow")
    text.append("\n")
    if profile.affiliation:
        text.append(clean_text(profile.affiliation, single_line=True) + "\n", style="dim")
    if profile.note:
        text.append(clean_text(profile.note, single_line=True) + "\n", style="dim italic")
    text.append(f"\n{len(mentioning)} articles mention them, {unread} unread.\n")
    text.append("Last 30 days  ", style="dim")
    text.append(sparkline(per_day) + "\n", style="cyan")

    text.append("\nEvents\n", style="bold underline")
    events = entity_events(profile.entity_id, mentioning, state.stories, EVENT_LIMIT)
    if not events:
        text.append("none tagged yet\n", style="dim")
    for event in events:
        # The event's own date stands out from an article's date.
        text.append(f"{event.when or 'no date':>12} ", style="" if event.dated_by_event else "dim")
        text.append(f"{event.kind:<12}", style="bold")
        text.append(clean_text(event.sentence, single_line=True) + "\n")

    text.append("\nMost often mentioned with\n", style="bold underline")
    if not companions:
        text.append("nobody yet\n", style="dim")
    for other, count in companions.most_common(10):
        text.append(f"{count:>5}  ", style="dim")
        text.append(clean_text(name_of(other), single_line=True) + "\n")

    text.append("\nTimeline\n", style="bold underline")
    if not mentioning:
        text.append("no articles yet\n", style="dim")
    for article in mentioning[:TIMELINE_LIMIT]:
        text.append("  " if state.is_read(article.id) else "● ", style="green")
        text.append(f"{short_time(article.published, article.date_precision):>12} ", style="dim")
        text.append(f"{clean_text(source_of(article), single_line=True)[:14]:<14} ", style="dim")
        text.append(clean_text(article.title, single_line=True) + "\n")
    if len(mentioning) > TIMELINE_LIMIT:
        text.append(f"… and {len(mentioning) - TIMELINE_LIMIT} older\n", style="dim")
    return text


class EntityScreen(Screen[str | None]):
    """Dismissed with the entity id when the user asks to filter the list to it."""

    CSS_PATH = "entity.tcss"
    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Back", id="entity.back"),
        Binding("enter,f", "show_articles", "Show articles", id="entity.show"),
        Binding("down,j", "scroll('down')", "Down", show=False),
        Binding("up,k", "scroll('up')", "Up", show=False),
        Binding("pagedown,space", "scroll('page_down')", "Page down", show=False),
        Binding("pageup,b", "scroll('page_up')", "Page up", show=False),
    ]

    def __init__(self, profile: EntityProfile, report: Text) -> None:
        super().__init__()
        self.profile = profile
        self._report = report

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="entity-body"):
            yield Static(self._report, id="entity-report")
        yield Footer()

    def on_mount(self) -> None:
        body = self.query_one("#entity-body", VerticalScroll)
        body.border_title = clean_text(self.profile.name, single_line=True)
        body.focus()

    def action_show_articles(self) -> None:
        self.dismiss(self.profile.entity_id)

    def action_scroll(self, how: str) -> None:
        body = self.query_one("#entity-body", VerticalScroll)
        {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
        }[how]()
