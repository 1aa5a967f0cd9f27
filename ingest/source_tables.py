"""New [[sources]] tables for feeds.toml: how one is written, checked and inserted.

The file is hand edited and commented, so the new tables go in as one block
where tomlkit would append them, and everything that was there stays byte for
byte. OPML import and `aiwire add` both write sources this way.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import tomlkit
import tomlkit.items

from ingest.config import ConfigError, parse_config


class SourceTableError(Exception):
    """feeds.toml is laid out so that a source cannot be added without rewriting it."""


@dataclass(frozen=True, slots=True)
class NewSource:
    title: str  # as the OPML has it, for messages
    url: str
    name: str | None  # None: let the config name the source after its host
    tags: tuple[str, ...]
    interval: str | None = None  # as the user wrote it ("2h"); None: the default


def clean_text(value: str) -> str:
    """One line of printable text: feeds.toml refuses control characters in names."""
    value = unicodedata.normalize("NFC", value)
    value = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in value)
    return " ".join(value.split())


def _source_table(candidate: NewSource) -> tomlkit.items.Table:
    table = tomlkit.table()
    if candidate.name:
        table.add("name", candidate.name)
    table.add("url", candidate.url)
    if candidate.tags:
        table.add("tags", list(candidate.tags))
    if candidate.interval:
        table.add("interval", candidate.interval)
    return table


def render_source(candidate: NewSource) -> str:
    """One [[sources]] table as TOML text, quoting and escaping left to tomlkit."""
    document = tomlkit.document()
    entries = tomlkit.aot()
    entries.append(_source_table(candidate))
    document.add("sources", entries)
    return tomlkit.dumps(document)


def rejection(candidate: NewSource) -> str | None:
    """Why feeds.toml would refuse this source, in the config module's own words."""
    try:
        parse_config(render_source(candidate).encode("utf-8"))
    except ConfigError as error:
        return "; ".join(
            f"{problem.key}: {problem.message}" if problem.key else problem.message
            for problem in error.problems
        )
    return None


def append_sources(text: str, candidates: list[NewSource]) -> str:
    """`text` with the candidates' tables inserted where tomlkit would append them.

    tomlkit decides the place (the end of the [[sources]] array, wherever it
    sits in the file); the inserted text itself is laid out here, one blank
    line around each table, as a person would write it.
    """
    lf_text = text.replace("\r\n", "\n")
    position = _insertion_point(lf_text)
    before, after = lf_text[:position], lf_text[position:]
    lead = (
        "" if not before or before.endswith("\n\n") else "\n" if before.endswith("\n") else "\n\n"
    )
    trail = "" if not after or after.startswith("\n") else "\n"
    block = lead + "\n".join(render_source(candidate) for candidate in candidates) + trail
    if lf_text == text:
        return before + block + after
    # A CRLF file stays CRLF: map the position back to the original text, where
    # each "\n" before it may have been "\r\n".
    original_position = 0
    for _ in range(before.count("\n")):
        original_position = text.index("\n", original_position) + 1
    original_position += len(before) - (before.rfind("\n") + 1)
    block = block.replace("\n", "\r\n")
    return text[:original_position] + block + text[original_position:]


def _insertion_point(text: str) -> int:
    """Where tomlkit puts a table appended to [[sources]], at the start of a line."""
    document = tomlkit.parse(text)
    sources = document.get("sources")
    marker = tomlkit.table()
    marker.add("url", "https://aiwire.invalid/insertion-marker")
    if sources is None:
        entries = tomlkit.aot()
        entries.append(marker)
        document.add("sources", entries)
    elif isinstance(sources, tomlkit.items.AoT):
        # Comments and blank lines after the last source's keys belong, to a
        # reader, to whatever comes next (say, a heading for the watchlists):
        # keep them after the new sources, not between.
        body = sources.body[-1].value.body if sources.body else []
        trailing: list[tuple[Any, Any]] = []
        while body and body[-1][0] is None:
            trailing.insert(0, body.pop())
        sources.append(marker)
        marker.value.body.extend(trailing)
    else:
        raise SourceTableError(
            "feeds.toml lists its sources in an inline array; write each as a "
            "[[sources]] table to import into it"
        )
    new = tomlkit.dumps(document)
    inserted = len(new) - len(text)
    # The longest common prefix may run into the inserted text ("[[" of the next
    # table); step back to a line start where the rest of the file follows intact.
    position = 0
    while position < len(text) and text[position] == new[position]:
        position += 1
    while position > 0 and not (
        (position == len(text) or text[position - 1] == "\n")
        and new[position + inserted :] == text[position:]
    ):
        position -= 1
    if (
        inserted <= 0
        or new[:position] != text[:position]
        or new[position + inserted :] != text[position:]
    ):
        # tomlkit changed something besides adding a table; never write that.
        raise SourceTableError("could not add to feeds.toml without changing what is already there")
    return position
