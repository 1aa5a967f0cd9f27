"""Mark-all-read, undoable within the session.

Marking a whole view read is one key away from losing track of what was
unread; each mark-all remembers the articles it changed, and undo marks
the last such batch unread again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.library import Library

MAX_UNDO = 20  # mark-alls remembered; older ones cannot be undone


class ReadUndo:
    def __init__(self, library: Library) -> None:
        self._library = library
        self._batches: list[list[str]] = []  # the ids each mark-all turned read

    def mark_all_read(self, article_ids: Iterable[str]) -> int:
        """Mark the articles read; returns how many were unread (what undo restores)."""
        library = self._library
        unread = [i for i in article_ids if not library.state.is_read(i)]
        if not unread or not library.writer:
            library.mark_many(unread, read=True)  # a read-only instance says why not
            return 0
        library.mark_many(unread, read=True)
        self._batches.append(unread)
        del self._batches[:-MAX_UNDO]
        return len(unread)

    @property
    def can_undo(self) -> bool:
        return bool(self._batches)

    def undo(self) -> int:
        """Mark the last mark-all's articles unread again; returns how many (0: none)."""
        if not self._batches:
            return 0
        batch = self._batches.pop()
        self._library.mark_many(batch, read=False)
        return len(batch)
