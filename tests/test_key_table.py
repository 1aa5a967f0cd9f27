"""One key table: the bindings, the help, the keymap check and the README all come from it."""

from __future__ import annotations

import re
from pathlib import Path

from tui.keymap_check import keymap_problems
from tui.keys import bindings_for, help_table, keys_in_force
from tui.keytable import BY_ID, KEYS, PANELS, keys_of, readme_table

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_key_table() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- keys:start -->\n(.*?)<!-- keys:end -->", text, re.S)
    assert found, "README.md has no key table between <!-- keys:start --> and <!-- keys:end -->"
    return found.group(1)


def test_the_readme_key_table_is_the_key_table() -> None:
    assert readme_key_table() == readme_table(), "run: python -m tui.keytable > the table"


def test_every_binding_of_every_panel_comes_from_the_table() -> None:
    from tui.app import AiwireApp
    from tui.screens.command_output import CommandOutputScreen, CommandPrompt
    from tui.screens.config_problems import ConfigProblemsScreen
    from tui.screens.ledger import LedgerScreen
    from tui.screens.main import MainScreen
    from tui.screens.since import SinceScreen
    from tui.widgets.article_list import ArticleList
    from tui.widgets.feed_list import FeedList
    from tui.widgets.reader import Reader
    from tui.widgets.watchlist_panel import WatchlistPanel

    owners = {
        "app": AiwireApp,
        "main": MainScreen,
        "list": ArticleList,
        "feeds": FeedList,
        "reader": Reader,
        "watch": WatchlistPanel,
        "ledger": LedgerScreen,
        "since": SinceScreen,
        "prompt": CommandPrompt,
        "output": CommandOutputScreen,
        "problems": ConfigProblemsScreen,
    }
    for owner, cls in owners.items():
        declared = [(b.id, b.key, b.action) for b in cls.BINDINGS]
        assert declared == [(k.id, k.keys, k.action) for k in keys_of(owner)], owner
    assert {k.id.split(".")[0] for k in KEYS} == set(owners)


def test_the_panel_keys_follow_the_panel_list() -> None:
    keys = [(BY_ID[p.binding].keys, BY_ID[p.binding].action) for p in PANELS]
    assert keys == [
        ("1", "focus_panel('feeds')"),
        ("2", "focus_panel('articles')"),
        ("3", "focus_panel('reader')"),
        ("4", "focus_panel('watchlists')"),
    ]


def test_the_help_lists_every_key_in_force_keymap_included() -> None:
    shown = keys_in_force({"main.star": "ctrl+s"}, lambda b: b.key)
    table = help_table(shown)
    rows = {words: keys for _, entries in table for keys, words in entries}
    assert rows["star / unstar"] == "ctrl+s"
    listed = " ".join(keys for _, entries in table for keys, _ in entries).split()
    for key in KEYS:
        if key.id == "main.star":
            continue
        for name in key.keys.split(","):
            assert name in listed, key.id
    for words in (
        "read the same story as another outlet or language told it",
        "details of a person or company: timeline, events, mentioned with",
        "mute / unmute the alerts of a person or company",
    ):
        assert words in rows  # a, i, x


def test_the_footer_words_and_ids_are_declared_once() -> None:
    assert len(BY_ID) == len(KEYS)
    footer = [b.description for b in bindings_for("main") if b.show]
    assert footer == ["Back", "Search", "Next unread", "Read", "Star"]


def test_the_default_keymap_has_no_mistake() -> None:
    assert keymap_problems({}) == []


def test_each_keymap_mistake_is_named() -> None:
    problems = dict(keymap_problems({"bogus": "x"}))
    assert problems == {"bogus": "no key binding is called 'bogus'"}
    problems = keymap_problems({"refresh": "ctrl+notakey"})
    assert problems and "not a key name" in problems[0][1]
    # Star moved onto j: in the article list j moves down, so star would have no key there.
    texts = [text for _, text in keymap_problems({"star": "j"})]
    assert "'j' is bound to both main.star and list.down" in texts
    texts = [text for _, text in keymap_problems({"main.back": ""})]
    assert texts == ["main.back is left without a key"]
    # Short names and full ids both work, and a sound keymap passes.
    assert keymap_problems({"refresh": "ctrl+r", "main.star": "ctrl+s"}) == []
