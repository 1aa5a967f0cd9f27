"""One key of the key table (tui.keytable): plain data, no Textual."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Key:
    id: str  # "<owner>.<name>": the owner is a screen or widget, see OWNERS
    keys: str  # default keys, comma-separated, in Textual's key names
    action: str
    label: str  # the footer's word
    help: str  # the help screen's and README's words; rows with equal words merge
    section: str
    show: bool = False  # in the footer
