"""Every key of the dashboard, declared once.

The bindings of each screen and widget, the footer, the help screen, the
keymap check and the README's key table are all made from KEYS, and the panel
keys and focus order from PANELS. Plain data: `aiwire check` reads it without
importing Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.dialog_keys import DIALOG_KEYS
from tui.key_model import Key


@dataclass(frozen=True, slots=True)
class Panel:
    id: str  # the widget's DOM id
    key: str
    title: str
    binding: str  # the binding id of its key


# The order of the panels: their number keys, and Tab's focus order.
PANELS: tuple[Panel, ...] = (
    Panel("feeds", "1", "Feeds", "main.panel_feeds"),
    Panel("articles", "2", "Articles", "main.panel_articles"),
    Panel("reader", "3", "Reader", "main.panel_reader"),
    Panel("watchlists", "4", "Watchlists", "main.panel_watch"),
)


SECTIONS = ("Moving", "Reading", "Filters", "Feeds", "Watchlists", "App")

_LIST_MOVES = (
    ("down,j", "cursor_down", "Down", "down"),
    ("up,k", "cursor_up", "Up", "up"),
    ("home,g", "first", "First", "first"),
    ("end,G", "last", "Last", "last"),
)


def _moves(owner: str) -> tuple[Key, ...]:
    return tuple(
        Key(f"{owner}.{action.removeprefix('cursor_')}", keys, action, label, help_text, "Moving")
        for keys, action, label, help_text in _LIST_MOVES
    )


KEYS: tuple[Key, ...] = (
    # The app: in force everywhere.
    # Help before quit: at 80 columns the footer has room for one of them, and
    # q is the key everyone tries anyway.
    Key(
        "app.help",
        "question_mark",
        "help",
        "Help",
        "this help: every key in force",
        "App",
        show=True,
    ),
    Key("app.quit", "q", "quit", "Quit", "quit", "App", show=True),
    Key("app.refresh", "r", "refresh_all", "Refresh", "refresh all feeds now", "Feeds", show=True),
    Key("app.edit_config", "e", "edit_config", "Edit feeds", "edit feeds.toml in $EDITOR", "Feeds"),
    Key(
        "app.palette",
        "ctrl+p",
        "command_palette",
        "Palette",
        "command palette: feeds, people, companies, commands",
        "App",
    ),
    # The dashboard screen: panels and what acts on the selected article.
    Key("main.next_panel", "tab", "next_panel", "Next panel", "next panel", "Moving"),
    Key("main.prev_panel", "shift+tab", "previous_panel", "Prev panel", "previous panel", "Moving"),
    *(
        Key(
            panel.binding,
            panel.key,
            f"focus_panel('{panel.id}')",
            panel.title,
            f"go to {panel.title.lower()}",
            "Moving",
        )
        for panel in PANELS
    ),
    Key(
        "main.back",
        "escape",
        "back",
        "Back",
        "back: close the reader, clear the search, clear the filter",
        "Moving",
        show=True,
    ),
    Key(
        "main.search",
        "slash",
        "search",
        "Search",
        'search the archive: words, "phrases", OR, -word, title: source: lang: tag: person:',
        "Reading",
        show=True,
    ),
    Key("main.next_unread", "n", "next_unread", "Next unread", "next unread", "Reading", show=True),
    Key("main.prev_unread", "N", "previous_unread", "Prev unread", "previous unread", "Reading"),
    Key("main.toggle_read", "m", "toggle_read", "Read", "toggle read", "Reading", show=True),
    Key("main.mark_view_read", "M", "mark_view_read", "All read", "mark this view read", "Reading"),
    Key(
        "main.undo_read",
        "u",
        "undo_mark_read",
        "Undo",
        "undo the last mark-all-read (this session)",
        "Reading",
    ),
    Key("main.star", "s", "toggle_star", "Star", "star / unstar", "Reading", show=True),
    Key("main.copy_link", "y", "copy_link", "Copy link", "copy the link (OSC 52)", "Reading"),
    Key(
        "main.open_link",
        "o",
        "open_link",
        "Open",
        "open the link in [settings] browser, $BROWSER, or copy it where there is none",
        "Reading",
    ),
    Key(
        "main.pipe",
        "vertical_line",
        "pipe_article",
        "Pipe",
        "pipe the article as text to a command (! first: give it the terminal)",
        "Reading",
    ),
    Key(
        "main.save",
        "S",
        "save_article",
        "Save",
        "save the article as Markdown in [settings] save_dir",
        "Reading",
    ),
    Key(
        "main.also_in",
        "a",
        "other_telling",
        "Also in",
        "read the same story as another outlet or language told it",
        "Reading",
    ),
    Key(
        "main.whole_text",
        "f",
        "whole_text",
        "Whole text",
        "fetch the whole article from its page (for feeds that send a summary)",
        "Reading",
    ),
    Key(
        "main.toggle_reader",
        "v",
        "toggle_reader_pane",
        "Reader pane",
        "show / hide the reader pane (beside the list when the terminal is wide)",
        "Reading",
    ),
    Key(
        "main.toggle_side",
        "backslash",
        "toggle_side_panels",
        "Panels",
        "show / hide the side panels (feeds, watchlists)",
        "Moving",
    ),
    Key("main.filter_unread", "U", "filter_unread", "Unread", "unread only / all", "Filters"),
    Key(
        "main.filter_starred",
        "asterisk",
        "filter_starred",
        "Starred",
        "starred only / all",
        "Filters",
    ),
    Key(
        "main.filter_period",
        "d",
        "filter_period",
        "Dates",
        "date range: today, 7 days, 30 days, any",
        "Filters",
    ),
    Key(
        "main.filter_tag",
        "t",
        "filter_tag",
        "Tag",
        "by tag: each of feeds.toml's tags, any",
        "Filters",
    ),
    Key(
        "main.filter_language",
        "l",
        "filter_language",
        "Language",
        "by language: each in the archive, any",
        "Filters",
    ),
    Key("main.refresh_feed", "R", "refresh_feed", "Refresh feed", "refresh this feed", "Feeds"),
    # The article list.
    *_moves("list"),
    Key("list.page_up", "pageup", "page_up", "Page up", "page up", "Moving"),
    Key("list.page_down", "pagedown", "page_down", "Page down", "page down", "Moving"),
    Key(
        "list.open",
        "enter",
        "open",
        "Open",
        "open the article (marks it read) / filter by the feed or entity",
        "Moving",
        show=True,
    ),
    # The feeds panel.
    *_moves("feeds"),
    # The reader.
    Key("reader.down", "down,j", "scroll_down", "Scroll down", "down", "Moving"),
    Key("reader.up", "up,k", "scroll_up", "Scroll up", "up", "Moving"),
    Key("reader.page_down", "space,pagedown", "page_down", "Page down", "page down", "Moving"),
    Key("reader.page_up", "b,pageup", "page_up", "Page up", "page up", "Moving"),
    Key("reader.top", "home,g", "scroll_home", "Top", "first", "Moving"),
    Key("reader.bottom", "end,G", "scroll_end", "Bottom", "last", "Moving"),
    # The watchlists panel.
    *_moves("watch"),
    Key(
        "watch.details",
        "i",
        "screen.entity_details",
        "Details",
        "details of a person or company: timeline, events, mentioned with",
        "Watchlists",
        show=True,
    ),
    Key(
        "app.ledger",
        "L",
        "ledger",
        "Ledger",
        "the events ledger: who left, joined, raised, launched, acquired",
        "Watchlists",
    ),
    Key(
        "watch.mute",
        "x",
        "screen.toggle_mute",
        "Mute",
        "mute / unmute the alerts of a person or company",
        "Watchlists",
        show=True,
    ),
    # The screens over the dashboard: ledger, since, mistakes, pipe (tui.dialog_keys).
    *DIALOG_KEYS,
)

# Which owner's keys are in force together (a key bound twice there is a mistake).
OWNERS = {
    "app": ("app",),
    "main": ("app", "main"),
    "list": ("app", "main", "list"),
    "feeds": ("app", "main", "feeds"),
    "reader": ("app", "main", "reader"),
    "watch": ("app", "main", "watch"),
    "ledger": ("app", "ledger"),
    "since": ("app", "since"),
    "prompt": ("app", "prompt"),
    "problems": ("app", "problems"),
    "output": ("app", "output"),
}

BY_ID: dict[str, Key] = {key.id: key for key in KEYS}


def keys_of(owner: str) -> tuple[Key, ...]:
    return tuple(key for key in KEYS if key.id.split(".", 1)[0] == owner)


# -- the README's table --------------------------------------------------------------


def help_rows() -> list[tuple[str, str, tuple[str, ...]]]:
    """(section, words, binding ids) in order; bindings with the same words share a row."""
    rows: dict[tuple[str, str], list[str]] = {}
    for section in SECTIONS:
        for key in KEYS:
            if key.section == section:
                rows.setdefault((section, key.help), []).append(key.id)
    return [(section, words, tuple(ids)) for (section, words), ids in rows.items()]


_README_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "space": "Space",
    "down": "↓",
    "up": "↑",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "ctrl+p": "Ctrl+P",
    "backslash": "\\",
    "asterisk": "*",
    "vertical_line": "|",
}


def readme_table() -> str:
    """The key table of README.md, made from KEYS with the default keys."""
    lines = ["| keys | section | does |", "|---|---|---|"]
    for section, words, ids in help_rows():
        names: dict[str, None] = {}
        for binding_id in ids:
            for key in BY_ID[binding_id].keys.split(","):
                names[_README_NAMES.get(key, key)] = None
        lines.append(f"| {' '.join(names)} | {section} | {words} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(readme_table(), end="")
