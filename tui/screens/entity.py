"""One watched person or company: counts, trend, events, timeline, company kept.

Built from the app's state when opened; everything from feeds is drawn as
Text, never markup.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from core.entity_events import entity_events
from core.ledger import roles_text
from core.state import LibraryState
from core.watch import EntityProfile
from ingest.config import ConfigError
from ingest.sanitize import clean_text
from storage.records import Article
from tui.formatting import short_time, sparkline
from tui.messages import LibraryChanged
from tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from core.drift import Drift
    from core.library import Library

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
    if state.partial:
        # Counts of the newest rows alone would be wrong; the screen redraws
        # when the whole archive is in.
        text.append("\nCounting: the archive is still loading.\n", style="dim")
    else:
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
        # As the ledger says them: "OpenAI -> Anthropic", "investor Google, USD 2B".
        orgs = roles_text(event.roles, event.amount, name_of)
        if orgs:
            text.append(clean_text(orgs, single_line=True) + "  ", style="cyan")
        if event.told_by > 1:
            text.append(f"told by {event.told_by}  ", style="dim")
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


def drift_of(profile: EntityProfile, library: Library) -> Drift | None:
    """Whether the person's events say they moved away from their affiliation."""
    from core.drift import affiliation_drift
    from core.ledger import build_ledger

    state = library.state
    articles = [
        a
        for a in state.articles.values()
        if any(e.get("entity_id") == profile.entity_id for e in a.events)
    ]
    rows = build_ledger(articles, state.stories, library.source_name)
    return affiliation_drift(profile.entity_id, profile.affiliation, rows)


def drift_text(drift: Drift, name_of: Callable[[str], str]) -> Text:
    from core.ledger import date_text

    def name(entity: str) -> str:
        return clean_text(name_of(entity), single_line=True)

    moves = []
    if drift.left:
        moves.append(f"left {name(drift.left)}")
    if drift.joined:
        moves.append(f"joined {name(drift.joined)}")
    text = Text()
    text.append("Affiliation out of date? ", style="bold yellow")
    text.append(f"The news says they {' and '.join(moves)} ({date_text(drift.evidence)}); ")
    text.append(f'feeds.toml says "{clean_text(drift.affiliation, single_line=True)}".\n')
    text.append(clean_text(drift.evidence.sentence, single_line=True) + "\n", style="italic dim")
    offer = f'set it to "{name(drift.joined)}"' if drift.joined else "remove it"
    text.append(f"Press u to {offer} (comments in the file are kept).\n", style="bold")
    return text


class EntityScreen(Screen[str | None]):
    """Dismissed with the entity id when the user asks to filter the list to it."""

    CSS_PATH = "entity.tcss"
    BINDINGS = [
        Binding("escape,q", "dismiss(None)", "Back", id="entity.back"),
        Binding("enter,f", "show_articles", "Show articles", id="entity.show"),
        Binding("u", "update_affiliation", "Update affiliation", id="entity.affiliation"),
        Binding("down,j", "scroll('down')", "Down", show=False),
        Binding("up,k", "scroll('up')", "Up", show=False),
        Binding("pagedown,space", "scroll('page_down')", "Page down", show=False),
        Binding("pageup,b", "scroll('page_up')", "Page up", show=False),
    ]

    def __init__(
        self, profile: EntityProfile, report: Text, rebuild: Callable[[], Text] | None = None
    ) -> None:
        super().__init__()
        self.profile = profile
        self._report = report
        # Draws the report again: opened before the archive had loaded, it is
        # drawn again from the whole archive once that is in.
        self._rebuild = rebuild
        self.drift: Drift | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="entity-body"):
            yield Static(id="entity-drift")
            yield Static(self._report, id="entity-report")
        yield KeyFooter(compact=getattr(self.app, "ascii_only", False))

    def on_mount(self) -> None:
        body = self.query_one("#entity-body", VerticalScroll)
        body.border_title = clean_text(self.profile.name, single_line=True)
        body.focus()
        self._find_drift()

    def _find_drift(self) -> None:
        library = getattr(self.app, "library", None)
        if library is not None and self.profile.kind == "person" and not library.state.partial:
            self.drift = drift_of(self.profile, library)
        self._show_drift()

    def on_library_changed(self, message: LibraryChanged) -> None:
        if message.reset and self._rebuild is not None:
            self.query_one("#entity-report", Static).update(self._rebuild())
            self._find_drift()

    def _show_drift(self) -> None:
        shown = self.query_one("#entity-drift", Static)
        shown.display = self.drift is not None
        if self.drift is not None:
            shown.update(drift_text(self.drift, self.app.library.watchlist.name))  # type: ignore[attr-defined]

    def action_update_affiliation(self) -> None:
        drift = self.drift
        if drift is None:
            self.notify("Nothing to update: the events agree with feeds.toml.", timeout=3)
            return
        library = self.app.library  # type: ignore[attr-defined]
        new = library.watchlist.name(drift.joined) if drift.joined else None
        self.run_worker(self._write_affiliation(new), group="affiliation", exclusive=True)

    async def _write_affiliation(self, new: str | None) -> None:
        # Here: tomlkit and the file editor load only for an edit.
        from ingest.affiliation_edit import AffiliationEditError, set_affiliation

        app = self.app
        try:
            await asyncio.to_thread(
                set_affiliation,
                app.options.config_path,  # type: ignore[attr-defined]
                self.profile.name,
                new,
            )
        except (OSError, AffiliationEditError, ConfigError) as error:
            self.notify(f"feeds.toml not changed: {error}", severity="error", markup=False)
            return
        words = f'affiliation = "{new}"' if new else "affiliation removed"
        self.notify(f"{self.profile.name}: {words} in feeds.toml.", timeout=4, markup=False)
        self.drift = None
        self._show_drift()
        app.apply_config_change()  # type: ignore[attr-defined]

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
