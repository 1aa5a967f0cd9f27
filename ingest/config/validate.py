"""Validation of parsed feeds.toml: the top level and [settings] here, then each section.

Works on tomllib's data and asks the locator where a key path lives, so every
problem names its line and key; all of them are reported at once, in file order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.config.checker import Checker, suggest
from ingest.config.display import key_text, show
from ingest.config.locator import Locator
from ingest.config.model import (
    MAX_ARTICLES,
    MAX_INTERVAL,
    MAX_KEEP,
    MIN_INTERVAL,
    MIN_KEEP,
    SETTINGS_KEYS,
    SOURCE_KEYS,
    TOP_LEVEL,
    Config,
    ConfigError,
    KeyPath,
    Settings,
)
from ingest.config.validate_entities import check_entities
from ingest.config.validate_notify import check_notify
from ingest.config.validate_outside import check_browser, check_save_dir
from ingest.config.validate_searches import check_searches
from ingest.config.validate_sources import check_sources


def validate(data: dict[str, Any], locator: Locator, file: str, path: Path | None) -> Config:
    """The Config that `data` describes, or ConfigError listing every problem in it."""
    checker = Checker(data, locator, file)
    _check_top_level(checker)
    settings = _check_settings(checker, path)
    sources = check_sources(checker, settings.default_interval)
    people = check_entities(checker, "people")
    companies = check_entities(checker, "companies")
    notify = check_notify(checker, (*people, *companies))
    searches = check_searches(checker)
    if checker.problems:
        # File order reads best; the sort is stable, so same-line problems keep their order.
        raise ConfigError(sorted(checker.problems, key=lambda p: (p.line is None, p.line or 0)))
    return Config(path, settings, sources, people, companies, notify, searches)


def _check_top_level(checker: Checker) -> None:
    for key, value in checker.data.items():
        if key in TOP_LEVEL:
            continue
        if key in SETTINGS_KEYS:
            hint = "settings go under a [settings] header"
        elif key in SOURCE_KEYS:
            hint = "is a [[sources]] line missing above it?"
        else:
            close = suggest(key, TOP_LEVEL)
            sections = ", ".join(f"[{name}]" for name in TOP_LEVEL)
            hint = f"did you mean [{close}]?" if close else f"the sections are {sections}"
        if isinstance(value, dict):
            checker.problem((key,), f"unknown section [{key_text(key)}]; {hint}")
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            checker.problem((key,), f"unknown section [[{key_text(key)}]]; {hint}")
        else:
            checker.problem((key,), f"unknown key at the top of the file; {hint}")


def _check_settings(checker: Checker, path_of_file: Path | None) -> Settings:
    path: KeyPath = ("settings",)
    table = checker.data.get("settings", {})
    if not isinstance(table, dict):
        hint = " (single brackets)" if isinstance(table, list) else ""
        checker.problem(path, f"must be one [settings] table{hint}, got {show(table)}")
        table = {}
    checker.unknown_keys(path, table, SETTINGS_KEYS, "[settings]")
    values: dict[str, Any] = {}
    checks: dict[str, Callable[[KeyPath, object], Any]] = {
        "default_interval": lambda p, v: checker.duration(p, v, MIN_INTERVAL, MAX_INTERVAL),
        "concurrency": lambda p, v: checker.integer(p, v, 1, 64),
        "per_host": lambda p, v: checker.integer(p, v, 1, 16),
        "timeout": lambda p, v: checker.duration(p, v, 1, 600),
        "max_feed_size": lambda p, v: checker.size(p, v, 64 * 1024, 256 * 1024**2),
        "bell": checker.boolean,
        "theme": lambda p, v: checker.text(p, v, max_length=100, example="textual-dark"),
        "keep": lambda p, v: checker.duration(p, v, MIN_KEEP, MAX_KEEP),
        "max_articles": lambda p, v: checker.integer(p, v, 1, MAX_ARTICLES),
        "browser": lambda p, v: check_browser(checker, p, v),
        "save_dir": lambda p, v: check_save_dir(checker, p, v, path_of_file),
    }
    for key, check in checks.items():
        if key in table:
            checked = check(path + (key,), table[key])
            if checked is not None:
                values[key] = checked
    keymap = _check_keymap(checker, path + ("keymap",), table.get("keymap"))
    top_keymap = _check_keymap(checker, ("keymap",), checker.data.get("keymap"))
    if "keymap" in table and "keymap" in checker.data:
        checker.problem(("keymap",), "keys are set both here and in [settings.keymap]; keep one")
    values["keymap"] = {**keymap, **top_keymap}
    return Settings(**values)  # anything not given keeps its default


def _check_keymap(checker: Checker, path: KeyPath, table: object) -> dict[str, str]:
    if table is None:
        return {}
    if not isinstance(table, dict):
        checker.problem(path, f'must be a table of binding = "keys", got {show(table)}')
        return {}
    keymap: dict[str, str] = {}
    for binding, keys in table.items():
        checked = checker.text(path + (binding,), keys, max_length=100, example="ctrl+r")
        if checked is not None:
            keymap[binding] = checked
    return keymap
