"""Edit feeds.toml one source at a time: add, remove, disable, enable.

feeds.toml is hand edited and commented, so every edit changes the touched
[[sources]] block and nothing else, byte for byte. Adding reuses the OPML
import's writer (tomlkit decides where the block goes, the block is laid out
as a person would write it). Removing and switching a source on or off edit
the block's own lines; the result is then parsed and compared with the file
before: every other source and section must be exactly what it was, and the
file must still load, or nothing is written. The write is atomic.

A source is named by its `name` (case does not matter), its `id`, or its URL
(http/https, "www." and a trailing slash do not matter, as in the config).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ingest.config import (
    MAX_NAME_LENGTH,
    Config,
    SourceConfig,
    derive_feed_id,
    parse_config,
    parse_interval,
)
from ingest.config.ids import normal_url
from ingest.feeds_file import replace_file, split_bom, with_bom
from ingest.source_tables import (
    NewSource,
    SourceTableError,
    append_sources,
    clean_text,
    rejection,
)

_HEADER = re.compile(r"\s*\[\[\s*sources\s*\]\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"\s*\[")
_ENABLED = re.compile(r"^(\s*enabled\s*=\s*)(true|false)(?![\w-])")


class SourceEditError(Exception):
    """The edit cannot be made; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class _File:
    path: Path
    bom: bool
    text: str
    config: Config

    @classmethod
    def read(cls, path: Path) -> _File:
        raw = path.read_bytes()
        config = parse_config(raw, path)  # a broken file is the user's to fix first
        return cls(path, *split_bom(raw), config)

    def write(self, text: str) -> None:
        raw = with_bom(self.bom, text)
        parse_config(raw, self.path)  # the last word: what is written must load
        replace_file(self.path, raw)


def feed_name(title: str | None) -> str | None:
    """A feed's own title as a source name: one line of printable text, bounded."""
    name = clean_text(title or "")[:MAX_NAME_LENGTH].strip()
    return name or None


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _unique_name(name: str, url: str, config: Config) -> str:
    taken = {_name_key(source.name) for source in config.sources}
    if _name_key(name) not in taken:
        return name
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    candidate = f"{name} ({host})"[:MAX_NAME_LENGTH]
    number = 2
    while _name_key(candidate) in taken:
        candidate = f"{name} ({host} {number})"[:MAX_NAME_LENGTH]
        number += 1
    return candidate


def add_source(
    path: Path,
    url: str,
    *,
    name: str | None = None,
    tags: tuple[str, ...] = (),
    interval: str | None = None,
) -> SourceConfig:
    """Append a [[sources]] block for `url`; returns the source as the config reads it."""
    current = _File.read(path)
    try:
        normal = normal_url(urlsplit(url))
    except ValueError:
        raise SourceEditError(f"not a valid URL: {url!r}") from None
    for source in current.config.sources:
        if normal_url(urlsplit(source.url)) == normal:
            raise SourceEditError(f"{url} is already in {path.name} as {source.name!r}")
        if source.id == derive_feed_id(url):
            raise SourceEditError(f"its feed id is already used by {source.name!r}")
    if interval is not None:
        try:
            parse_interval(interval)
        except ValueError as error:
            raise SourceEditError(f"--interval: {error}") from None
    clean = feed_name(name)
    if clean is not None:
        clean = _unique_name(clean, url, current.config)
    tags = tuple(dict.fromkeys(tag.strip().lower() for tag in tags if tag.strip()))
    candidate = NewSource(clean or url, url, clean, tags, interval)
    reason = rejection(candidate)
    if reason:
        raise SourceEditError(reason)
    try:
        new_text = append_sources(current.text, [candidate])
    except SourceTableError as error:
        raise SourceEditError(str(error)) from None
    current.write(new_text)
    added = [s for s in parse_config(path.read_bytes(), path).sources if s.url == url]
    return added[-1]


def find_source(config: Config, key: str) -> SourceConfig:
    """The one source `key` names (name, id or URL), or a SourceEditError saying why not."""
    wanted = key.strip()
    matches = [
        source
        for source in config.sources
        if _name_key(source.name) == _name_key(wanted) or source.id == wanted
    ]
    if not matches and "://" in wanted:
        try:
            normal = normal_url(urlsplit(wanted))
        except ValueError:
            normal = None
        matches = [s for s in config.sources if normal_url(urlsplit(s.url)) == normal]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(f"{s.name!r} <{s.url}>" for s in matches)
        raise SourceEditError(f"{key!r} names several sources ({listed}); use the URL")
    names = [source.name for source in config.sources]
    close = difflib.get_close_matches(wanted, names, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise SourceEditError(f"no source {key!r} in feeds.toml{hint}")


def _block(lines: list[str], source: SourceConfig) -> tuple[int, int]:
    """[start, end) of the source's header and key lines (comments after it excluded)."""
    start = source.line - 1
    if not (0 <= start < len(lines)) or not _HEADER.match(lines[start].rstrip("\r\n")):
        raise SourceEditError(
            f"{source.name!r} is not written as a [[sources]] table (line {source.line}); "
            "edit it by hand"
        )
    end = start + 1
    while end < len(lines) and not _ANY_HEADER.match(lines[end]):
        end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip()[:1] == "#"):
        end -= 1
    return start, end


def _check_only_source_changed(
    before: str, after: str, index: int, expected: dict[str, Any] | None
) -> None:
    """Refuse an edit that changed anything but source `index` (to `expected`, or removed)."""
    try:
        old, new = tomllib.loads(before), tomllib.loads(after)
    except tomllib.TOMLDecodeError:
        raise SourceEditError("could not edit feeds.toml without breaking it") from None
    sources = list(old.get("sources", []))
    if expected is None:
        del sources[index]
    else:
        sources[index] = expected
    if sources:
        old["sources"] = sources
    else:
        old.pop("sources", None)
    if old != new:
        raise SourceEditError("could not edit feeds.toml without changing something else")


def _index_of(config: Config, source: SourceConfig) -> int:
    return [s.line for s in config.sources].index(source.line)


def remove_source(path: Path, key: str) -> SourceConfig:
    current = _File.read(path)
    source = find_source(current.config, key)
    lines = current.text.splitlines(keepends=True)
    start, end = _block(lines, source)
    kept = lines[:start] + lines[end:]
    # The blank line that separated the block from the next goes with it.
    at = start
    if at < len(kept) and not kept[at].strip():
        del kept[at]
    elif at == len(kept) and at > 0 and not kept[at - 1].strip():
        del kept[at - 1]
    new_text = "".join(kept)
    _check_only_source_changed(current.text, new_text, _index_of(current.config, source), None)
    current.write(new_text)
    return source


def set_enabled(path: Path, key: str, enabled: bool) -> tuple[SourceConfig, bool]:
    """Switch a source on or off; returns it and whether the file changed."""
    current = _File.read(path)
    source = find_source(current.config, key)
    if source.enabled == enabled:
        return source, False
    lines = current.text.splitlines(keepends=True)
    start, end = _block(lines, source)
    value = "true" if enabled else "false"
    for number in range(start + 1, end):
        match = _ENABLED.match(lines[number])
        if match:
            lines[number] = match.group(1) + value + lines[number][match.end() :]
            break
    else:
        newline = "\r\n" if lines[start].endswith("\r\n") else "\n"
        if not lines[end - 1].endswith("\n"):
            lines[end - 1] += newline
        lines.insert(end, f"enabled = {value}{newline}")
    new_text = "".join(lines)
    index = _index_of(current.config, source)
    expected = dict(tomllib.loads(current.text)["sources"][index], enabled=enabled)
    _check_only_source_changed(current.text, new_text, index, expected)
    current.write(new_text)
    return source, True
