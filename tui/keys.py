"""Textual bindings made from the key table (tui.keytable), and the keys in force."""

from __future__ import annotations

import logging
from collections.abc import Callable

from textual.binding import Binding

from tui.keymap_check import binding_ids_for
from tui.keytable import BY_ID, help_rows, keys_of

log = logging.getLogger(__name__)


def bindings_for(owner: str) -> list[Binding]:
    """The BINDINGS of one screen or widget ("main", "list", "reader"...)."""
    return [
        Binding(key.keys, key.action, key.label, show=key.show, id=key.id) for key in keys_of(owner)
    ]


def app_bindings() -> list[Binding]:
    return bindings_for("app")


def resolve_keymap(keymap: dict[str, str]) -> dict[str, str]:
    """Textual's keymap (binding id -> keys) from feeds.toml's, whose names may be
    full binding ids ("app.refresh") or their short names ("refresh")."""
    resolved: dict[str, str] = {}
    for name, keys in keymap.items():
        matches = binding_ids_for(name)
        if not matches:
            log.warning("keymap: no binding called %r", name)
        for binding_id in matches:
            resolved[binding_id] = keys
    return resolved


def keys_in_force(keymap: dict[str, str], display: Callable[[Binding], str]) -> dict[str, str]:
    """Binding id -> the keys bound to it now (keymap included), as shown to people."""
    keys: dict[str, str] = {}
    for binding_id, key in BY_ID.items():
        bound = keymap.get(binding_id, key.keys)
        shown = [display(Binding(name, "")) for name in bound.split(",") if name]
        keys[binding_id] = " ".join(dict.fromkeys(shown))
    return keys


def help_table(keys_by_id: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help screen's sections: (title, [(keys, words)]), every key in force."""
    sections: dict[str, list[tuple[str, str]]] = {}
    for section, words, ids in help_rows():
        shown = " ".join(dict.fromkeys(k for i in ids for k in keys_by_id.get(i, "").split()))
        if shown:
            sections.setdefault(section, []).append((shown, words))
    return list(sections.items())
