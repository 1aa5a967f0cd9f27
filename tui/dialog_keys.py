"""The keys of the screens shown over the dashboard, part of the key table
(tui.keytable): the events ledger, what arrived since the last look, the
mistakes of feeds.toml, and the command an article is piped to."""

from __future__ import annotations

from tui.key_model import Key

DIALOG_KEYS: tuple[Key, ...] = (
    # The events ledger.
    Key("ledger.back", "escape", "back", "Back", "back: close the ledger", "Moving", show=True),
    Key(
        "ledger.open",
        "enter",
        "open_story",
        "Read",
        "ledger: read the story the event comes from",
        "Watchlists",
        show=True,
    ),
    Key(
        "ledger.why",
        "w",
        "show_sentence",
        "Why",
        "ledger: show / hide the sentence that tells the event",
        "Watchlists",
        show=True,
    ),
    Key(
        "ledger.kind",
        "t",
        "cycle_kind",
        "Kind",
        "ledger: only one kind of event",
        "Watchlists",
        show=True,
    ),
    Key(
        "ledger.entity",
        "p",
        "filter_entity",
        "Who",
        "ledger: only the highlighted person or company",
        "Watchlists",
        show=True,
    ),
    Key(
        "ledger.dates",
        "d",
        "cycle_dates",
        "Dates",
        "ledger: past 30 days, year, 5 years",
        "Watchlists",
        show=True,
    ),
    # What arrived since the last session, shown at start.
    Key(
        "since.close",
        "escape,enter",
        "close",
        "Close",
        "close the summary of what arrived since you last looked",
        "Moving",
        show=True,
    ),
    # The mistakes of a feeds.toml that could not be used.
    Key(
        "problems.close",
        "escape,enter",
        "dismiss",
        "Close",
        "feeds.toml mistakes: close (the file is applied once fixed)",
        "App",
        show=True,
    ),
    Key("problems.down", "down,j", "scroll('down')", "Down", "down", "Moving"),
    Key("problems.up", "up,k", "scroll('up')", "Up", "up", "Moving"),
    # The command an article is piped to, and what it printed.
    Key("prompt.cancel", "escape", "cancel", "Cancel", "pipe: cancel the command", "Moving"),
    Key(
        "output.close",
        "escape,enter",
        "close",
        "Close",
        "pipe: close what the command printed",
        "Moving",
        show=True,
    ),
)
