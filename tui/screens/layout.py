"""Where the dashboard's panes go at a given terminal width.

Headlines come first: the reader sits beside the list only when both get a
useful width, and otherwise replaces the list while an article is open; the
side panels (feeds, watchlists) give way on narrow terminals. The user can
hide or show the reader pane and the side panels; that choice is a UI
preference kept in ui.json, not configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tui.theme_memory import load_setting, save_setting

# From this width the reader sits beside the list (unless hidden by the user).
READER_BESIDE_MIN_WIDTH = 160
# Below this width the side panels are hidden unless the user shows them.
SIDE_PANELS_MIN_WIDTH = 100

READER_KEY = "reader_pane"
SIDE_KEY = "side_panels"


@dataclass(slots=True)
class LayoutChoice:
    reader_pane: bool = True  # beside the list, where there is room
    side_panels: bool | None = None  # None: shown where there is room

    @classmethod
    def load(cls, data_dir: Path) -> LayoutChoice:
        reader = load_setting(data_dir, READER_KEY)
        side = load_setting(data_dir, SIDE_KEY)
        return cls(
            reader_pane=reader if isinstance(reader, bool) else True,
            side_panels=side if isinstance(side, bool) else None,
        )

    def save(self, data_dir: Path) -> None:
        save_setting(data_dir, READER_KEY, self.reader_pane)
        if self.side_panels is not None:
            save_setting(data_dir, SIDE_KEY, self.side_panels)


@dataclass(frozen=True, slots=True)
class Layout:
    reader_beside: bool  # False: the reader replaces the list while open
    side_panels: bool
    slim_side: bool  # the side panels narrower, to leave the titles their room


def layout_for(width: int, choice: LayoutChoice) -> Layout:
    side = choice.side_panels if choice.side_panels is not None else width >= SIDE_PANELS_MIN_WIDTH
    return Layout(
        reader_beside=choice.reader_pane and width >= READER_BESIDE_MIN_WIDTH,
        side_panels=side,
        slim_side=width < READER_BESIDE_MIN_WIDTH,
    )
