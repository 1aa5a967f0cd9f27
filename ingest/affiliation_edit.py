"""Set or remove one person's `affiliation` in feeds.toml, keeping everything else.

tomlkit edits the one key of the one [[people]] entry and keeps every comment
and blank line; the result must load and differ from the file before in that
key alone, or nothing is written. The write is atomic.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomlkit

from ingest.config import parse_config
from ingest.feeds_file import replace_file, split_bom, with_bom


class AffiliationEditError(Exception):
    """The edit cannot be made; the message says why, for the user."""


def set_affiliation(path: Path, name: str, affiliation: str | None) -> None:
    """Give the person named `name` this affiliation (None: remove it)."""
    raw = path.read_bytes()
    bom, text = split_bom(raw)
    parse_config(raw, path)  # a broken file is the user's to fix first
    document = tomlkit.parse(text)
    people: Any = document.get("people")
    entry = next(
        (p for p in people or () if str(p.get("name", "")).casefold() == name.casefold()), None
    )
    if entry is None:
        raise AffiliationEditError(f"{name!r} is not in [[people]] of {path}")
    if affiliation is None:
        entry.pop("affiliation", None)
    else:
        entry["affiliation"] = affiliation
    new_text = tomlkit.dumps(document)
    before, after = tomllib.loads(text), tomllib.loads(new_text)
    index = list(people).index(entry)
    expected = dict(before["people"][index])
    expected.pop("affiliation", None)
    if affiliation is not None:
        expected["affiliation"] = affiliation
    before["people"][index] = expected
    if before != after:
        raise AffiliationEditError("could not edit feeds.toml without changing something else")
    new_raw = with_bom(bom, new_text)
    parse_config(new_raw, path)  # the last word: what is written must load
    replace_file(path, new_raw)
