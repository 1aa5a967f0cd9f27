"""The checks every value in feeds.toml goes through, each reporting one clear problem.

A Checker collects problems instead of stopping at the first, so the user sees
every mistake in the file at once. The sections (validate, validate_sources,
validate_entities) say which keys hold which kind of value.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from ingest.config.display import format_key, show
from ingest.config.locator import Locator
from ingest.config.model import ConfigProblem, KeyPath
from ingest.config.units import human_duration, human_size, parse_interval, parse_size

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_NEWLINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# Words people reach for that are not the key's name; difflib cannot guess these.
_SYNONYMS = {
    "feed": "sources",
    "feeds": "sources",
    "person": "people",
    "company": "companies",
    "link": "url",
    "href": "url",
    "title": "name",
    "disabled": "enabled",
}


def suggest(key: str, known: tuple[str, ...]) -> str | None:
    """The known key the user probably meant, if any."""
    lowered = key.lower()
    if _SYNONYMS.get(lowered) in known:
        return _SYNONYMS[lowered]
    import difflib  # only a mistake in feeds.toml needs it

    close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.7)
    if close:
        return close[0]
    # "interval" in [settings] means "default_interval"; the reverse ("nickname"
    # for "name") is a different thing, not a typo.
    containing = [name for name in known if len(lowered) >= 3 and lowered in name]
    return containing[0] if len(containing) == 1 else None


class Checker:
    def __init__(self, data: dict[str, Any], locator: Locator, file: str) -> None:
        self.data = data
        self._locator = locator
        self._file = file
        self.problems: list[ConfigProblem] = []

    # Reporting ----------------------------------------------------------

    def line(self, path: KeyPath) -> int | None:
        return self._locator.line_of(path)

    def problem(self, path: KeyPath, message: str) -> None:
        key = format_key(path) if path else None
        self.problems.append(ConfigProblem(self.line(path), None, key, message, self._file))

    def where(self, path: KeyPath) -> str:
        """'sources[2] (line 14)': how a message points at another entry."""
        line = self.line(path)
        return f"{format_key(path)} (line {line})" if line else format_key(path)

    def unknown_keys(
        self, path: KeyPath, table: dict[str, Any], known: tuple[str, ...], what: str
    ) -> None:
        for key, value in table.items():
            if key in known:
                continue
            close = suggest(key, known)
            hint = f"did you mean {close!r}?" if close else f"{what} takes: {', '.join(known)}"
            kind = "table" if isinstance(value, dict) else "key"
            self.problem(path + (key,), f"unknown {kind} in {what}; {hint}")

    # Typed values -------------------------------------------------------

    def text(
        self,
        path: KeyPath,
        value: object,
        *,
        max_length: int,
        multiline: bool = False,
        example: str = "text",
    ) -> str | None:
        if not isinstance(value, str):
            self.problem(path, f'must be text in quotes, like "{example}", got {show(value)}')
            return None
        value = unicodedata.normalize("NFC", value.strip())
        if not value:
            self.problem(path, "must not be empty")
            return None
        if len(value) > max_length:
            self.problem(path, f"is too long ({len(value):,} characters; at most {max_length:,})")
            return None
        control = _CONTROL_EXCEPT_NEWLINE if multiline else _CONTROL
        if control.search(value):
            self.problem(path, "contains control characters (tabs, line breaks or escapes)")
            return None
        return value

    def boolean(self, path: KeyPath, value: object) -> bool | None:
        if isinstance(value, bool):
            return value
        hint = " (without quotes)" if isinstance(value, str) else ""
        self.problem(path, f"must be true or false{hint}, got {show(value)}")
        return None

    def integer(self, path: KeyPath, value: object, low: int, high: int) -> int | None:
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(path, f"must be a finite whole number, got {show(value)}")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"must be a whole number, got {show(value)}")
            return None
        if not low <= value <= high:
            self.problem(path, f"must be between {low} and {high}, got {show(value)}")
            return None
        return value

    def duration(self, path: KeyPath, value: object, low: int, high: int) -> int | None:
        try:
            seconds = parse_interval(value)
        except ValueError as error:
            self.problem(path, str(error))
            return None
        if not low <= seconds <= high:
            self.problem(
                path,
                f"must be between {human_duration(low)} and {human_duration(high)}, "
                f"got {show(value)}",
            )
            return None
        return seconds

    def size(self, path: KeyPath, value: object, low: int, high: int) -> int | None:
        try:
            size = parse_size(value)
        except ValueError as error:
            self.problem(path, str(error))
            return None
        if not low <= size <= high:
            self.problem(
                path,
                f"must be between {human_size(low)} and {human_size(high)}, got {show(value)}",
            )
            return None
        return size

    def text_list(
        self, path: KeyPath, value: object, *, max_length: int, example: str
    ) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            self.problem(path, f"must be a list of text like {example}, got {show(value)}")
            return None
        items: list[str] = []
        ok = True
        for index, item in enumerate(value):
            text = self.text(path + (index,), item, max_length=max_length)
            if text is None:
                ok = False
            else:
                items.append(text)
        return tuple(items) if ok else None

    def table_list(self, key: str, noun: str) -> list[tuple[KeyPath, dict[str, Any]]]:
        """The entries of an array of tables such as [[sources]]."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, dict):
            self.problem(
                (key,),
                f"write [[{key}]] (double brackets) before each {noun}, not [{key}]",
            )
            return []
        if not isinstance(value, list):
            self.problem((key,), f"must be a list of [[{key}]] entries, got {show(value)}")
            return []
        entries = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                entries.append(((key, index), item))
            else:
                self.problem(
                    (key, index),
                    f'each {noun} must be a table like {{ name = "..." }}, got {show(item)}',
                )
        return entries
