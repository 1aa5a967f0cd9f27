"""Messages the app sends to its screens when the library changes."""

from __future__ import annotations

from textual.message import Message

from core.events import ArchiveChanged
from core.state import ViewFilter
from storage.records import Article


class LibraryChanged(Message):
    """Storage changed; the state is already updated when this arrives."""

    def __init__(
        self,
        *,
        added: list[Article] | None = None,
        updated: list[Article] | None = None,
        flags_changed: bool = False,
        feeds_changed: bool = False,
        names_changed: bool = False,
        reset: bool = False,
    ) -> None:
        super().__init__()
        self.added = added or []
        self.updated = updated or []
        self.flags_changed = flags_changed
        # Feed states or counts changed: the summaries need redrawing.
        self.feeds_changed = feeds_changed
        # Source or watched names changed: every article row reads differently.
        self.names_changed = names_changed
        self.reset = reset

    @classmethod
    def from_event(cls, event: ArchiveChanged) -> LibraryChanged:
        return cls(
            added=event.added,
            updated=event.updated,
            flags_changed=event.flags_changed,
            feeds_changed=event.feeds_changed,
            names_changed=event.names_changed,
            reset=event.reset,
        )

    def can_replace(self, message: Message) -> bool:
        # A pure redraw request may be dropped in favour of a newer one.
        return (
            isinstance(message, LibraryChanged)
            and not (self.added or self.updated or self.reset)
            and not (message.added or message.updated or message.reset)
        )


class ShowView(Message):
    """Show the articles a filter selects (from the palette, for one).

    With keep_refinements, the current view's refinements (unread, starred,
    date, tag, language) stay and only the feed, entity or ids change.
    """

    def __init__(self, view_filter: ViewFilter, *, keep_refinements: bool = False) -> None:
        super().__init__()
        self.view_filter = view_filter
        self.keep_refinements = keep_refinements


class RefineView(Message):
    """Change one refinement of the current view: a named action of tui.screens.filtering."""

    def __init__(self, refinement: str, value: str | None = None) -> None:
        super().__init__()
        self.refinement = refinement  # "unread", "starred", "period", "tag", "language", "clear"
        self.value = value
