"""Validation of the [[people]] and [[companies]] watchlists: names, aliases, clashes."""

from __future__ import annotations

import re
import unicodedata

from ingest.config.checker import Checker
from ingest.config.display import show
from ingest.config.model import (
    ALERT_MODES,
    ENTITY_KEYS,
    ENTITY_KINDS,
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    EntityConfig,
    KeyPath,
)


def _name_key(name: str) -> str:
    """Names that differ only in case, accents, spacing or punctuation are the same name
    (the watchlist derives entity ids the same way, so such names would collide there)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", plain).strip()


def check_entities(checker: Checker, section: str) -> tuple[EntityConfig, ...]:
    kind = noun = ENTITY_KINDS[section]
    entities: list[EntityConfig] = []
    claimed: dict[str, tuple[KeyPath, str]] = {}  # name key -> (entry, "name" | "alias")
    pending_aliases: list[tuple[KeyPath, list[tuple[int, str]]]] = []
    for path, table in checker.table_list(section, noun):
        checker.unknown_keys(path, table, ENTITY_KEYS, f"a {noun}")
        name = None
        if "name" not in table:
            checker.problem(path + ("name",), f"is missing: every [[{section}]] entry needs one")
        else:
            name = checker.text(path + ("name",), table["name"], max_length=MAX_NAME_LENGTH)
        aliases: tuple[str, ...] | None = ()
        if "aliases" in table:
            aliases = checker.text_list(
                path + ("aliases",),
                table["aliases"],
                max_length=MAX_NAME_LENGTH,
                example='["Open AI"]',
            )
        affiliation = note = None
        if "affiliation" in table:
            affiliation = checker.text(
                path + ("affiliation",), table["affiliation"], max_length=MAX_NAME_LENGTH
            )
        if "note" in table:
            note = checker.text(
                path + ("note",), table["note"], max_length=MAX_NOTE_LENGTH, multiline=True
            )
        alert = "headline"
        if "alert" in table:
            value = table["alert"]
            if value in ALERT_MODES:
                alert = value
            else:
                choices = ", ".join(f'"{mode}"' for mode in ALERT_MODES)
                checker.problem(path + ("alert",), f"must be one of {choices}, got {show(value)}")
        if name is None or aliases is None:
            continue
        name_key = _name_key(name)
        if name_key in claimed:
            checker.problem(
                path + ("name",),
                f"{name!r} is already listed as {checker.where(claimed[name_key][0])}",
            )
            continue
        claimed[name_key] = (path, "name")
        # An alias repeating the name or an earlier alias is harmless: drop it quietly.
        # Case variants stay ("Nvidia" for "NVIDIA"): the matcher decides what case means.
        seen = {name}
        kept: list[tuple[int, str]] = []
        for index, alias in enumerate(aliases):
            if alias not in seen:
                seen.add(alias)
                kept.append((index, alias))
        pending_aliases.append((path, kept))
        line = checker.line(path) or 1
        entities.append(
            EntityConfig(
                kind, name, tuple(alias for _, alias in kept), affiliation, note, line, alert
            )
        )
    # Aliases are checked once every name is known, so an alias also clashes
    # with a name listed further down the file.
    for path, kept in pending_aliases:
        for index, alias in kept:
            owner = claimed.setdefault(_name_key(alias), (path, "alias"))
            if owner[0] != path:
                role = "the name" if owner[1] == "name" else "an alias"
                checker.problem(
                    path + ("aliases", index),
                    f"{alias!r} is already {role} of {checker.where(owner[0])}",
                )
    return tuple(entities)
