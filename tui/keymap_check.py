"""The keymap in feeds.toml checked against the key table: every mistake, named."""

from __future__ import annotations

import re

from tui.keytable import BY_ID, KEYS, OWNERS

_KEY_NAME = re.compile(
    r"(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*"
    r"(?:[a-zA-Z0-9]|f[0-9]{1,2}|[a-z_]+)"
)
_NAMED_KEY_WORDS = """
    up down left right home end pageup pagedown enter escape tab space backspace delete
    insert slash backslash question_mark exclamation_mark full_stop comma minus plus
    equals_sign colon semicolon apostrophe quotation_mark left_square_bracket
    right_square_bracket left_curly_bracket right_curly_bracket number_sign dollar_sign
    percent_sign ampersand asterisk circumflex_accent underscore grave_accent tilde
    vertical_line less_than_sign greater_than_sign at
"""
_NAMED_KEYS = frozenset(_NAMED_KEY_WORDS.split())


def binding_ids_for(name: str) -> list[str]:
    """Full binding ids a keymap name means: "main.star", or its short name "star"."""
    return [bid for bid in BY_ID if bid == name or bid.split(".", 1)[1] == name]


def _key_name_problem(key: str) -> str | None:
    if not _KEY_NAME.fullmatch(key):
        return f"{key!r} is not a key name"
    base = key.rsplit("+", 1)[-1]
    if len(base) == 1 or re.fullmatch(r"f[0-9]{1,2}", base) or base in _NAMED_KEYS:
        return None
    return f'{key!r} is not a key name (try e.g. "ctrl+r", "f5", "slash")'


def keymap_problems(keymap: dict[str, str]) -> list[tuple[str, str]]:
    """(keymap entry, what is wrong) for every mistake in a [settings.keymap] table."""
    problems: list[tuple[str, str]] = []
    bound = {key.id: key.keys for key in KEYS}
    rebound: set[str] = set()  # what the keymap changed: where a clash is told
    for name, value in keymap.items():
        ids = binding_ids_for(name)
        if not ids:
            problems.append((name, f"no key binding is called {name!r}"))
            continue
        keys = [k.strip() for k in str(value).split(",") if k.strip()]
        for key in keys:
            if (problem := _key_name_problem(key)) is not None:
                problems.append((name, problem))
        for binding_id in ids:
            bound[binding_id] = ",".join(keys)
            rebound.add(binding_id)
    told: set[tuple[str, str]] = set()
    for together in OWNERS.values():
        seen: dict[str, str] = {}
        for key in KEYS:
            if key.id.split(".", 1)[0] not in together:
                continue
            for name in filter(None, bound[key.id].split(",")):
                other = seen.setdefault(name, key.id)
                if other != key.id and (other, key.id) not in told:
                    told.add((other, key.id))
                    entry = other if other in rebound and key.id not in rebound else key.id
                    problems.append((entry, f"{name!r} is bound to both {other} and {key.id}"))
    for key in KEYS:
        if not bound[key.id].strip():
            problems.append((key.id, f"{key.id} is left without a key"))
    return problems
