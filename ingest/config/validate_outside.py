"""The [settings] keys that reach outside the dashboard: `browser` and `save_dir`."""

from __future__ import annotations

import shlex
from pathlib import Path

from ingest.config.checker import Checker
from ingest.config.model import KeyPath


def check_browser(checker: Checker, path: KeyPath, value: object) -> str | None:
    """A command line such as "w3m %u": split like a shell would, run without one."""
    text = checker.text(path, value, max_length=500, example="w3m %u")
    if text is None:
        return None
    try:
        words = shlex.split(text)
    except ValueError as error:
        checker.problem(path, f'is not a command line ({error}), e.g. "w3m %u"')
        return None
    if not words:
        checker.problem(path, 'names no program, e.g. "w3m %u"')
        return None
    if sum(word.count("%u") for word in words) > 1:
        checker.problem(path, "has %u more than once; it stands for the one link")
        return None
    return text


def check_save_dir(
    checker: Checker, path: KeyPath, value: object, config_file: Path | None
) -> Path | None:
    """A folder; "~" is the home, and a relative one is beside feeds.toml."""
    text = checker.text(path, value, max_length=4096, example="~/Documents/aiwire")
    if text is None:
        return None
    folder = Path(text).expanduser()
    if not folder.is_absolute():
        base = config_file.parent if config_file is not None else Path.cwd()
        folder = base / folder
    if folder.exists() and not folder.is_dir():
        checker.problem(path, f"{folder} is a file, not a folder")
        return None
    return folder
