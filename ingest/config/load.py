"""Reading feeds.toml: bytes to a validated Config, or one ConfigError naming every problem."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ingest.config.locator import Locator
from ingest.config.model import (
    DEFAULT_CONFIG_NAME,
    MAX_FILE_BYTES,
    Config,
    ConfigError,
    ConfigProblem,
)
from ingest.config.syntax import deep_nesting_line, key_at_line, syntax_problem
from ingest.config.units import human_size, size_over
from ingest.config.validate import validate

_BOM = b"\xef\xbb\xbf"


def parse_config(raw: bytes, path: Path | None = None) -> Config:
    """The configuration in `raw`, or ConfigError listing every problem in it."""
    file = str(path) if path is not None else DEFAULT_CONFIG_NAME
    if len(raw) > MAX_FILE_BYTES:
        # Checked before parsing: a huge file is never hand-written configuration,
        # and parsing it would stall the app for no benefit.
        raise ConfigError(
            [
                ConfigProblem(
                    None,
                    None,
                    None,
                    f"the file is {size_over(len(raw), MAX_FILE_BYTES)}; a configuration "
                    f"file may be at most {human_size(MAX_FILE_BYTES)}",
                    file,
                )
            ]
        )
    raw = raw.removeprefix(_BOM)  # Windows editors add one; it carries no meaning
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        # Columns count characters, as an editor shows them, not bytes.
        column = len(raw[line_start : error.start].decode("utf-8", "replace")) + 1
        line_end = raw.find(b"\n", error.start)
        prefix = raw[: line_end if line_end >= 0 else len(raw)]
        key = key_at_line(prefix.decode("utf-8", "replace").replace("\r\n", "\n"), line)
        byte = raw[error.start]
        raise ConfigError(
            [
                ConfigProblem(
                    line,
                    column,
                    key,
                    f"the file is not valid UTF-8 (byte 0x{byte:02x}); save it as UTF-8",
                    file,
                )
            ]
        ) from None
    # tomllib accepts CRLF, but the locator counts "\n" only; line numbers are unchanged.
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        # A bare CR (classic Mac line ending) would otherwise read as "text after the value".
        position = text.index("\r")
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        message = "contains a bare carriage return (\\r); save the file with \\n line endings"
        raise ConfigError([ConfigProblem(line, column, None, message, file)])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([syntax_problem(text, error, file)]) from None
    except RecursionError:
        line = deep_nesting_line(text)
        raise ConfigError(
            [ConfigProblem(line, None, None, "lists or tables are nested too deeply", file)]
        ) from None
    return validate(data, Locator(text), file, path)


def read_limited(path: Path) -> bytes:
    """The file's bytes; never more than MAX_FILE_BYTES + 1 so a huge file costs nothing."""
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def read_problem(path: Path, error: OSError) -> ConfigError:
    if isinstance(error, FileNotFoundError):
        reason = "file not found"
    elif isinstance(error, IsADirectoryError):
        reason = "is a directory, not a file"
    elif isinstance(error, PermissionError):
        reason = "cannot read the file: permission denied"
    else:
        reason = f"cannot read the file: {error.strerror or error}"
    return ConfigError([ConfigProblem(None, None, None, reason, str(path))])


def load_config(path: Path) -> Config:
    """The configuration at `path`; ConfigError (also for unreadable files) otherwise."""
    try:
        raw = read_limited(path)
    except OSError as error:
        raise read_problem(path, error) from None
    return parse_config(raw, path)
