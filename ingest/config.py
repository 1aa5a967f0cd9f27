"""feeds.toml: the user's sources, watchlists and settings, validated with care.

The file is the user's interface: people edit it by hand, often while the app
runs. So a mistake must produce one clear message that names the line and the
key, and every mistake in the file is reported at once (fix-rerun-fix loops are
the worst part of hand-edited configuration).

tomllib parses the file but gives no line numbers for values, so after it
succeeds a light scanner (_Locator) walks the same text and records the line
of every table header, key and array item. Validation works on the parsed
data and asks the locator where a key path lives.

Decisions worth knowing:
- A source without `name` is named after its URL's host ("www." dropped).
- A source's id is its explicit `id`, else derived from the normalised URL
  (see derive_feed_id), so renaming or reordering sources keeps their history.
- URLs that differ only in http/https, a leading "www.", a trailing slash or a
  #fragment are the same feed (duplicates, same derived id).
- Entry indexes in messages count from 1 ("sources[3]" is the third
  [[sources]] entry), because they are read by people, not programs.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import hashlib
import json
import math
import os
import re
import time
import tomllib
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit

__all__ = [
    "Config",
    "ConfigError",
    "ConfigProblem",
    "ConfigWatcher",
    "EntityConfig",
    "Settings",
    "SourceConfig",
    "derive_feed_id",
    "load_config",
    "parse_config",
    "parse_interval",
]

KeyPath = tuple[str | int, ...]

MAX_FILE_BYTES = 10 * 1024 * 1024
MIN_INTERVAL = 60
MAX_INTERVAL = 7 * 24 * 3600
MAX_URL_LENGTH = 2000
MAX_NAME_LENGTH = 200
MAX_TAG_LENGTH = 40
MAX_NOTE_LENGTH = 2000
# The seed articles are stored under this feed id (storage.records.SEED_FEED_ID);
# a source must not claim it or its articles would mix with the seeds.
_RESERVED_IDS = frozenset({"seeds"})
_DEFAULT_CONFIG_NAME = "feeds.toml"


@dataclass(frozen=True, slots=True)
class SourceConfig:
    id: str  # explicit `id`, else derive_feed_id(url): stable across renames and reordering
    name: str
    url: str
    interval: int  # seconds
    tags: tuple[str, ...]
    enabled: bool
    line: int  # line of the [[sources]] header (or inline entry), for messages


@dataclass(frozen=True, slots=True)
class EntityConfig:
    kind: str  # "person" | "company"
    name: str
    aliases: tuple[str, ...]
    affiliation: str | None
    note: str | None
    line: int


@dataclass(frozen=True, slots=True)
class Settings:
    default_interval: int = 1800  # seconds
    concurrency: int = 8
    per_host: int = 2
    timeout: int = 30  # overall per-fetch deadline, seconds
    max_feed_size: int = 15 * 1024 * 1024
    bell: bool = False  # terminal bell on watchlist alerts
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys


@dataclass(frozen=True, slots=True)
class Config:
    path: Path | None
    settings: Settings
    sources: tuple[SourceConfig, ...]
    people: tuple[EntityConfig, ...]
    companies: tuple[EntityConfig, ...]


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    line: int | None
    column: int | None
    key: str | None
    message: str
    file: str = _DEFAULT_CONFIG_NAME  # as shown to the user; the path they gave

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.key:
            return f"{where}: {self.key}: {self.message}"
        return f"{where}: {self.message}"


class ConfigError(Exception):
    """Every problem found in the file, in file order (not just the first)."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


# --------------------------------------------------------------------------
# Durations and sizes

_SECONDS_PER_UNIT = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("d", "day", "days"), 86400),
    **dict.fromkeys(("w", "week", "weeks"), 7 * 86400),
}
_DURATION_PART = re.compile(r"\s*(\d{1,12})\s*([a-z]+)")
_DURATION = re.compile(r"(?:\s*\d{1,12}\s*[a-z]+)+\s*")
_DURATION_HINT = 'must be a number of seconds or a duration like "90s", "15m", "2h" or "1d"'

_BYTES_PER_UNIT = {
    "b": 1,
    **dict.fromkeys(("k", "kb", "kib"), 1024),
    **dict.fromkeys(("m", "mb", "mib"), 1024**2),
    **dict.fromkeys(("g", "gb", "gib"), 1024**3),
}
_SIZE = re.compile(r"\s*(\d{1,12}(?:\.\d{1,6})?)\s*([a-z]*)\s*")


def parse_interval(value: object) -> int:
    """Seconds from an int (seconds) or a string such as "90s", "15m", "2h", "1d", "1h30m".

    Raises ValueError with a message ready to show after the key name. Range
    checks are the caller's business (intervals and timeouts differ).
    """
    if isinstance(value, bool):  # bool is an int subclass; `interval = true` is a mistake
        raise ValueError(f"{_DURATION_HINT}, got {_show(value)}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"must be a finite duration, got {_show(value)}")
        if value.is_integer():
            return int(value)
        raise ValueError(f"must be whole seconds, got {_show(value)}")
    if isinstance(value, str):
        text = value.strip().lower()
        if text.isascii() and text.isdigit() and len(text) <= 12:
            return int(text)
        if _DURATION.fullmatch(text):
            total = 0
            for number, unit in _DURATION_PART.findall(text):
                if unit not in _SECONDS_PER_UNIT:
                    break
                total += int(number) * _SECONDS_PER_UNIT[unit]
            else:
                return total
    raise ValueError(f"{_DURATION_HINT}, got {_show(value)}")


def _parse_size(value: object) -> int:
    """Bytes from an int or "15MB"/"512 KiB"; K/M/G are binary units either way."""
    if isinstance(value, bool):
        raise ValueError(f'must be a size like "15MB" or a number of bytes, got {_show(value)}')
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        match = _SIZE.fullmatch(value.lower())
        if match and match.group(2) in ("", *_BYTES_PER_UNIT):
            return int(float(match.group(1)) * _BYTES_PER_UNIT.get(match.group(2), 1))
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"must be a finite size, got {_show(value)}")
    raise ValueError(f'must be a size like "15MB" or a number of bytes, got {_show(value)}')


def _human_duration(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _human_size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


def _size_over(size: int, limit: int) -> str:
    """`size` beside a `limit` it exceeds: "over 10 MB" where rounding hides the difference."""
    shown = _human_size(size)
    return f"over {_human_size(limit)}" if shown == _human_size(limit) else shown


# --------------------------------------------------------------------------
# Feed ids


def _normal_url(parts: SplitResult) -> str:
    """The part of a URL that identifies a feed: no scheme, "www.", trailing
    slash, default port or fragment, because changing those does not change
    the feed and must not lose its history."""
    host = (parts.hostname or "").rstrip(".")
    host = host.removeprefix("www.")
    port = parts.port
    if port not in (None, 80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def derive_feed_id(url: str) -> str:
    """A readable, stable id for a feed URL: host and path slug plus a short hash.

    "https://openai.com/news/rss.xml" -> "openai-com-news-rss-xml-<8 hex>". The
    slug is for people reading the data files; the hash (of the normalised URL,
    case kept) keeps ids distinct when slugs are truncated or collide.
    """
    normal = _normal_url(urlsplit(url.strip()))
    slug = re.sub(r"[^a-z0-9]+", "-", normal.lower()).strip("-")[:40].rstrip("-")
    digest = hashlib.blake2b(normal.encode(), digest_size=4).hexdigest()
    return f"{slug}-{digest}" if slug else digest


# --------------------------------------------------------------------------
# Where keys live: a light scanner over TOML that tomllib already accepted


class _GiveUp(Exception):
    """The text is not TOML the scanner understands; keep what was found so far."""


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL_STRING = re.compile(r"'[^'\n]*'")
_ML_BASIC_STRING = re.compile(r'"""(?:[^"\\]|\\.|""?(?!"))*"""(?:""?)?', re.S)
_ML_LITERAL_STRING = re.compile(r"'''(?:[^']|''?(?!'))*'''(?:''?)?", re.S)
_SCALAR = re.compile(r"[^,\]}#\n]+")
_BLANK = re.compile(r"(?:[ \t\r]|#[^\n]*)*")
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_MAX_NESTING = 64


class _Locator:
    """Line numbers of table headers, keys and array items, by key path.

    Paths use 0-based indexes for arrays of tables and array items:
    ("sources", 2, "url"). Only needs to be right for valid TOML; on anything
    else it stops early and keeps what it found (it never raises).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._newlines = [match.start() for match in re.finditer("\n", text)]
        self._i = 0
        self._array_tables: dict[KeyPath, int] = {}  # resolved array path -> entries seen
        self.lines: dict[KeyPath, int] = {}
        self.table: KeyPath = ()  # the table the scan ended in
        self.last_path: KeyPath = ()  # the last key path recorded, for syntax errors
        with contextlib.suppress(_GiveUp, IndexError, ValueError, RecursionError):
            self._scan()

    def line_of(self, path: KeyPath) -> int | None:
        """Line of `path`, else of its nearest recorded parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None

    # Recording --------------------------------------------------------

    def _line_at(self, position: int) -> int:
        return bisect.bisect_left(self._newlines, position) + 1

    def _record(self, path: KeyPath, position: int, *, explicit: bool = True) -> None:
        line = self._line_at(position)
        for end in range(1, len(path)):  # parents made implicitly by dotted keys
            self.lines.setdefault(path[:end], line)
        if explicit:
            self.lines[path] = line
        else:
            self.lines.setdefault(path, line)
        self.last_path = path

    def _resolve(self, parts: Iterable[str]) -> KeyPath:
        """A header's key path with the current index of each array of tables in it."""
        path: KeyPath = ()
        for part in parts:
            path += (part,)
            if path in self._array_tables:
                path += (self._array_tables[path] - 1,)
        return path

    # Scanning ---------------------------------------------------------

    def _skip(self, pattern: re.Pattern[str]) -> None:
        match = pattern.match(self._text, self._i)
        if match:
            self._i = match.end()

    def _peek(self, token: str) -> bool:
        return self._text.startswith(token, self._i)

    def _expect(self, token: str) -> None:
        if not self._peek(token):
            raise _GiveUp
        self._i += len(token)

    def _scan(self) -> None:
        text = self._text
        while True:
            self._skip(_BLANK_LINES)
            if self._i >= len(text):
                return
            start = self._i
            if self._peek("[["):
                self._i += 2
                parts = self._key()
                self._skip(_BLANK)
                self._expect("]]")
                array = self._resolve(parts[:-1]) + (parts[-1],)
                index = self._array_tables.get(array, 0)
                self._array_tables[array] = index + 1
                self._record(array, start, explicit=False)
                self.table = array + (index,)
                self._record(self.table, start)
            elif self._peek("["):
                self._i += 1
                parts = self._key()
                self._skip(_BLANK)
                self._expect("]")
                self.table = self._resolve(parts)
                self._record(self.table, start)
            else:
                parts = self._key()
                self._skip(_BLANK)
                self._expect("=")
                self._skip(_BLANK)
                path = self.table + tuple(parts)
                self._record(path, start)
                self._value(path, 0)
            if self._i <= start:
                raise _GiveUp  # never loop without progress on odd input

    def _key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self._skip(_BLANK)
            if self._peek('"'):
                match = _BASIC_STRING.match(self._text, self._i)
                if not match:
                    raise _GiveUp
                parts.append(_decode_basic_string(match.group()))
            elif self._peek("'"):
                match = _LITERAL_STRING.match(self._text, self._i)
                if not match:
                    raise _GiveUp
                parts.append(match.group()[1:-1])
            else:
                match = _BARE_KEY.match(self._text, self._i)
                if not match:
                    raise _GiveUp
                parts.append(match.group())
            self._i = match.end()
            self._skip(_BLANK)
            if not self._peek("."):
                return parts
            self._i += 1

    def _value(self, path: KeyPath, depth: int) -> None:
        if depth > _MAX_NESTING:
            raise _GiveUp
        for pattern in (_ML_BASIC_STRING, _ML_LITERAL_STRING, _BASIC_STRING, _LITERAL_STRING):
            match = pattern.match(self._text, self._i)
            if match:
                self._i = match.end()
                return
        if self._peek("["):
            self._i += 1
            self._array(path, depth)
        elif self._peek("{"):
            self._i += 1
            self._inline_table(path, depth)
        else:
            match = _SCALAR.match(self._text, self._i)
            if not match:
                raise _GiveUp
            self._i = match.end()

    def _array(self, path: KeyPath, depth: int) -> None:
        index = 0
        while True:
            self._skip(_BLANK_LINES)
            if self._peek("]"):
                self._i += 1
                return
            if self._i >= len(self._text):
                raise _GiveUp
            self._record(path + (index,), self._i)
            self._value(path + (index,), depth + 1)
            index += 1
            self._skip(_BLANK_LINES)
            if self._peek(","):
                self._i += 1
            elif not self._peek("]"):
                raise _GiveUp

    def _inline_table(self, path: KeyPath, depth: int) -> None:
        while True:
            self._skip(_BLANK_LINES)
            if self._peek("}"):
                self._i += 1
                return
            start = self._i
            key = path + tuple(self._key())
            self._skip(_BLANK)
            self._expect("=")
            self._skip(_BLANK)
            self._record(key, start)
            self._value(key, depth + 1)
            self._skip(_BLANK_LINES)
            if self._peek(","):
                self._i += 1
            elif not self._peek("}"):
                raise _GiveUp


def _decode_basic_string(quoted: str) -> str:
    # tomllib knows every escape; a quoted key is rare enough that this costs nothing.
    try:
        return str(tomllib.loads(f"k = {quoted}")["k"])
    except (tomllib.TOMLDecodeError, RecursionError):
        return quoted[1:-1]


_NESTING_LIMIT = 100


def _deep_nesting_line(text: str) -> int | None:
    """The line where brackets first nest deeper than anyone writes by hand.

    tomllib gives up on deep nesting with a RecursionError and no position, so
    the line is found by counting brackets outside strings and comments.
    """
    depth = 0
    quote: str | None = None
    line = 1
    in_comment = False
    for char in text:
        if char == "\n":
            line += 1
            in_comment = False
            if quote is not None and quote in ("'", '"'):
                quote = None  # a basic string cannot span lines
            continue
        if in_comment:
            continue
        if quote is not None:
            if char == quote:
                quote = None
            continue
        if char in ("'", '"'):
            quote = char
        elif char == "#":
            in_comment = True
        elif char in "[{":
            depth += 1
            if depth > _NESTING_LIMIT:
                return line
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None


# --------------------------------------------------------------------------
# Showing keys and values in messages


def _format_key(path: KeyPath) -> str:
    """("sources", 2, "url") -> "sources[3].url" (indexes count from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
            continue
        text = part if _BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
        if len(text) > 60:
            text = text[:57] + "..."
        out += f".{text}" if out else text
    return out


def _show(value: object) -> str:
    """A value as a short, single-line, quoted-if-text snippet for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else "a huge number"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return str(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return "a date/time"


def _key_text(key: str) -> str:
    return _format_key((key,))


# --------------------------------------------------------------------------
# Syntax errors: tomllib's messages made human

_TOML_ERROR = re.compile(
    r"^(?P<message>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$", re.S
)
_SYNTAX_MESSAGES: tuple[tuple[str, str], ...] = (
    (
        "Invalid value",
        'this value is not valid TOML; text needs quotes (name = "OpenAI"), '
        "true/false and numbers do not",
    ),
    ("Cannot overwrite a value", "this key is set twice; each key may appear once per table"),
    (
        "Cannot mutate immutable namespace",
        "this adds to a table or list that was already written in full",
    ),
    ("Cannot redefine namespace", "this table clashes with a key defined earlier"),
    ("Expected '=' after a key", "expected '=' after the key: write key = value"),
    (
        "Invalid initial character for a key",
        "a key must be letters, digits, '_' or '-' (or be quoted)",
    ),
    ("Unclosed array", "this list is not closed: a ']' or a ',' between items is missing"),
    (
        "Unclosed inline table",
        "this { ... } table is not closed: a '}' or a ',' is missing (it must fit on one line)",
    ),
    ("Duplicate inline table key", "a key appears twice in this { ... } table"),
    (
        "Unescaped '\\' in a string",
        "a backslash in a \"...\" string must be written \\\\ (or use a '...' string)",
    ),
    ("Invalid hex value", "a \\u escape in a string needs 4 (or \\U 8) hex digits"),
    ("Escaped character is not a Unicode", "a \\u escape in a string is not a valid character"),
    ("Unterminated string", "a string is not closed: its closing quote is missing"),
    ("Invalid date or datetime", "this looks like a date or time but is not a valid one"),
    ("Invalid statement", "expected key = value, a [table] header or a # comment"),
    (
        "Expected newline or end of document",
        "unexpected text after the value: put one key = value per line (comments start with #)",
    ),
    ("Expected ']' at the end of a table", "this [table] header is missing its closing ']'"),
    ("Expected ']]' at the end of an array", "this [[...]] header is missing its closing ']]'"),
    ('Expected \'"""\'', 'a """ string is never closed'),
    ("Expected \"'''\"", "a ''' string is never closed"),
)
_DECLARED_TWICE = re.compile(r"Cannot declare \((?P<parts>.*)\) twice")


def _humane_syntax_message(raw: str) -> tuple[str, str | None]:
    """A plain-words message for a tomllib error, and the key it names, if any."""
    twice = _DECLARED_TWICE.match(raw)
    if twice:
        parts = re.findall(r"'((?:[^'\\]|\\.)*)'", twice.group("parts"))
        name = ".".join(parts)
        if name in ("sources", "people", "companies"):
            return (
                f"[{name}] is declared twice; for several entries write [[{name}]] "
                "(double brackets) before each one",
                name,
            )
        return f"the table [{name}] is declared twice; merge the two", name
    if raw.startswith("Illegal character '\\n'") or raw.startswith("Found invalid character '\\n'"):
        return (
            "a string is not closed before the end of the line: its closing quote is missing",
            None,
        )
    if raw.startswith(("Illegal character", "Found invalid character")):
        character = raw.split(" ", 2)[-1]
        return (
            f"the control character {character} is not allowed here; use an escape such as \\t",
            None,
        )
    for prefix, message in _SYNTAX_MESSAGES:
        if raw.startswith(prefix):
            return message, None
    return f"not valid TOML: {raw}", None


def _syntax_problem(text: str, error: tomllib.TOMLDecodeError, file: str) -> ConfigProblem:
    match = _TOML_ERROR.match(str(error))
    raw = match.group("message") if match else str(error)
    if match and match.group("line"):
        line: int = int(match.group("line"))
        column: int | None = int(match.group("column"))
    else:  # "at end of document": name the last line that has anything on it
        line = max(1, len(text.rstrip("\n").split("\n")))
        column = None
    message, named_key = _humane_syntax_message(raw)
    if named_key is None:
        named_key = _key_at_line(text, line)
    return ConfigProblem(line, column, named_key, message, file)


def _key_at_line(text: str, line: int) -> str | None:
    """The key being written on `line`, judged from the text up to its end."""
    lines = text.split("\n")
    locator = _Locator("\n".join(lines[:line]))
    if not locator.last_path or locator.lines.get(locator.last_path) != line:
        return None
    return _format_key(locator.last_path)


# --------------------------------------------------------------------------
# Validation


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_NEWLINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FEED_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_TOP_LEVEL = ("settings", "sources", "people", "companies", "keymap")
_SETTINGS_KEYS = (
    "default_interval",
    "concurrency",
    "per_host",
    "timeout",
    "max_feed_size",
    "bell",
    "theme",
    "keymap",
)
_SOURCE_KEYS = ("id", "name", "url", "interval", "tags", "enabled")
_ENTITY_KEYS = ("name", "aliases", "affiliation", "note")
_ENTITY_KINDS = {"people": "person", "companies": "company"}


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


def _suggest(key: str, known: tuple[str, ...]) -> str | None:
    """The known key the user probably meant, if any."""
    lowered = key.lower()
    if _SYNONYMS.get(lowered) in known:
        return _SYNONYMS[lowered]
    close = difflib.get_close_matches(lowered, known, n=1, cutoff=0.7)
    if close:
        return close[0]
    # "interval" in [settings] means "default_interval"; the reverse ("nickname"
    # for "name") is a different thing, not a typo.
    containing = [name for name in known if len(lowered) >= 3 and lowered in name]
    return containing[0] if len(containing) == 1 else None


def _name_key(name: str) -> str:
    """Names that differ only in case, accents, spacing or punctuation are the same name
    (the watchlist derives entity ids the same way, so such names would collide there)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", plain).strip()


class _Validator:
    def __init__(self, data: dict[str, Any], locator: _Locator, file: str) -> None:
        self._data = data
        self._locator = locator
        self._file = file
        self.problems: list[ConfigProblem] = []

    # Reporting ----------------------------------------------------------

    def line(self, path: KeyPath) -> int | None:
        return self._locator.line_of(path)

    def problem(self, path: KeyPath, message: str) -> None:
        key = _format_key(path) if path else None
        self.problems.append(ConfigProblem(self.line(path), None, key, message, self._file))

    def where(self, path: KeyPath) -> str:
        """'sources[2] (line 14)': how a message points at another entry."""
        line = self.line(path)
        return f"{_format_key(path)} (line {line})" if line else _format_key(path)

    def unknown_keys(
        self, path: KeyPath, table: dict[str, Any], known: tuple[str, ...], what: str
    ) -> None:
        for key, value in table.items():
            if key in known:
                continue
            close = _suggest(key, known)
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
            self.problem(path, f'must be text in quotes, like "{example}", got {_show(value)}')
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
        self.problem(path, f"must be true or false{hint}, got {_show(value)}")
        return None

    def integer(self, path: KeyPath, value: object, low: int, high: int) -> int | None:
        if isinstance(value, float) and not math.isfinite(value):
            self.problem(path, f"must be a finite whole number, got {_show(value)}")
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(path, f"must be a whole number, got {_show(value)}")
            return None
        if not low <= value <= high:
            self.problem(path, f"must be between {low} and {high}, got {_show(value)}")
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
                f"must be between {_human_duration(low)} and {_human_duration(high)}, "
                f"got {_show(value)}",
            )
            return None
        return seconds

    def size(self, path: KeyPath, value: object, low: int, high: int) -> int | None:
        try:
            size = _parse_size(value)
        except ValueError as error:
            self.problem(path, str(error))
            return None
        if not low <= size <= high:
            self.problem(
                path,
                f"must be between {_human_size(low)} and {_human_size(high)}, got {_show(value)}",
            )
            return None
        return size

    def text_list(
        self, path: KeyPath, value: object, *, max_length: int, example: str
    ) -> tuple[str, ...] | None:
        if not isinstance(value, list):
            self.problem(path, f"must be a list of text like {example}, got {_show(value)}")
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
        value = self._data.get(key)
        if value is None:
            return []
        if isinstance(value, dict):
            self.problem(
                (key,),
                f"write [[{key}]] (double brackets) before each {noun}, not [{key}]",
            )
            return []
        if not isinstance(value, list):
            self.problem((key,), f"must be a list of [[{key}]] entries, got {_show(value)}")
            return []
        entries = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                entries.append(((key, index), item))
            else:
                self.problem(
                    (key, index),
                    f'each {noun} must be a table like {{ name = "..." }}, got {_show(item)}',
                )
        return entries

    # Sections -----------------------------------------------------------

    def run(self, path: Path | None) -> Config | None:
        self.top_level()
        settings = self.settings()
        sources = self.sources(settings.default_interval)
        people = self.entities("people")
        companies = self.entities("companies")
        if self.problems:
            return None
        return Config(path, settings, sources, people, companies)

    def top_level(self) -> None:
        for key, value in self._data.items():
            if key in _TOP_LEVEL:
                continue
            if key in _SETTINGS_KEYS:
                hint = "settings go under a [settings] header"
            elif key in _SOURCE_KEYS:
                hint = "is a [[sources]] line missing above it?"
            else:
                close = _suggest(key, _TOP_LEVEL)
                sections = ", ".join(f"[{name}]" for name in _TOP_LEVEL)
                hint = f"did you mean [{close}]?" if close else f"the sections are {sections}"
            if isinstance(value, dict):
                self.problem((key,), f"unknown section [{_key_text(key)}]; {hint}")
            elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                self.problem((key,), f"unknown section [[{_key_text(key)}]]; {hint}")
            else:
                self.problem((key,), f"unknown key at the top of the file; {hint}")

    def settings(self) -> Settings:
        path: KeyPath = ("settings",)
        table = self._data.get("settings", {})
        if not isinstance(table, dict):
            hint = " (single brackets)" if isinstance(table, list) else ""
            self.problem(path, f"must be one [settings] table{hint}, got {_show(table)}")
            table = {}
        self.unknown_keys(path, table, _SETTINGS_KEYS, "[settings]")
        values: dict[str, Any] = {}
        checks: dict[str, Callable[[KeyPath, object], Any]] = {
            "default_interval": lambda p, v: self.duration(p, v, MIN_INTERVAL, MAX_INTERVAL),
            "concurrency": lambda p, v: self.integer(p, v, 1, 64),
            "per_host": lambda p, v: self.integer(p, v, 1, 16),
            "timeout": lambda p, v: self.duration(p, v, 1, 600),
            "max_feed_size": lambda p, v: self.size(p, v, 64 * 1024, 256 * 1024**2),
            "bell": self.boolean,
            "theme": lambda p, v: self.text(p, v, max_length=100, example="textual-dark"),
        }
        for key, check in checks.items():
            if key in table:
                checked = check(path + (key,), table[key])
                if checked is not None:
                    values[key] = checked
        keymap = self.keymap(path + ("keymap",), table.get("keymap"))
        top_keymap = self.keymap(("keymap",), self._data.get("keymap"))
        if "keymap" in table and "keymap" in self._data:
            self.problem(("keymap",), "keys are set both here and in [settings.keymap]; keep one")
        values["keymap"] = {**keymap, **top_keymap}
        return Settings(**values)  # anything not given keeps its default

    def keymap(self, path: KeyPath, table: object) -> dict[str, str]:
        if table is None:
            return {}
        if not isinstance(table, dict):
            self.problem(path, f'must be a table of binding = "keys", got {_show(table)}')
            return {}
        keymap: dict[str, str] = {}
        for binding, keys in table.items():
            checked = self.text(path + (binding,), keys, max_length=100, example="ctrl+r")
            if checked is not None:
                keymap[binding] = checked
        return keymap

    def sources(self, default_interval: int) -> tuple[SourceConfig, ...]:
        sources: list[SourceConfig] = []
        url_owner: dict[str, KeyPath] = {}
        id_owner: dict[str, KeyPath] = {}
        for path, table in self.table_list("sources", "source"):
            self.unknown_keys(path, table, _SOURCE_KEYS, "a source")
            url = self.url(path, table)
            normal = _normal_url(urlsplit(url)) if url else None
            if normal is not None:
                if normal in url_owner:
                    self.problem(
                        path + ("url",),
                        f"the same feed is already listed as {self.where(url_owner[normal])}",
                    )
                else:
                    url_owner[normal] = path
            name = self.source_name(path, table, url)
            feed_id = self.source_id(path, table, url)
            if feed_id is not None and normal is not None and url_owner[normal] == path:
                if feed_id in id_owner:
                    # A derived id only repeats when an explicit id copied it.
                    key = "id" if "id" in table else "url"
                    self.problem(
                        path + (key,),
                        f"feed id {feed_id!r} is already used by {self.where(id_owner[feed_id])}",
                    )
                else:
                    id_owner[feed_id] = path
            interval: int | None = default_interval
            if "interval" in table:
                interval = self.duration(
                    path + ("interval",), table["interval"], MIN_INTERVAL, MAX_INTERVAL
                )
            tags: tuple[str, ...] = ()
            if "tags" in table:
                checked = self.text_list(
                    path + ("tags",), table["tags"], max_length=MAX_TAG_LENGTH, example='["labs"]'
                )
                # Tags filter the view, so "AI" and "ai" must be one tag.
                tags = tuple(dict.fromkeys(tag.lower() for tag in checked or ()))
            enabled = True
            if "enabled" in table:
                enabled = self.boolean(path + ("enabled",), table["enabled"]) is not False
            if url and name and feed_id and interval is not None:
                line = self.line(path) or 1
                sources.append(SourceConfig(feed_id, name, url, interval, tags, enabled, line))
        return tuple(sources)

    def url(self, path: KeyPath, table: dict[str, Any]) -> str | None:
        key = path + ("url",)
        if "url" not in table:
            self.problem(
                key, 'is missing: every source needs one, e.g. url = "https://example.com/feed.xml"'
            )
            return None
        value = table["url"]
        if isinstance(value, str) and len(value.strip()) > MAX_URL_LENGTH:
            self.problem(
                key,
                f"is too long ({len(value.strip()):,} characters; a feed URL has at most "
                f"{MAX_URL_LENGTH:,})",
            )
            return None
        url = self.text(key, value, max_length=MAX_URL_LENGTH, example="https://example.com/feed")
        if url is None:
            return None
        if any(character.isspace() for character in url):
            self.problem(key, f"must not contain spaces (write them as %20), got {_show(url)}")
            return None
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises ValueError for a bad port
        except ValueError:
            self.problem(key, f"is not a valid URL, got {_show(url)}")
            return None
        if parts.scheme.lower() not in ("http", "https"):
            # "example.com/feed" and "localhost:8080/feed" lack a scheme; "ftp:" and
            # "javascript:" have the wrong one.
            if "://" not in url and (not parts.scheme or re.match(r"[^:/]+:\d", url)):
                self.problem(key, f"must start with https:// (did you mean {'https://' + url!r}?)")
            else:
                self.problem(key, f"must be an http(s) URL, got {_show(url)}")
            return None
        if not parts.hostname:
            self.problem(key, f"has no host name, got {_show(url)}")
            return None
        return url

    def source_name(self, path: KeyPath, table: dict[str, Any], url: str | None) -> str | None:
        if "name" in table:
            return self.text(
                path + ("name",), table["name"], max_length=MAX_NAME_LENGTH, example="OpenAI News"
            )
        if url is None:
            return None
        # No name: the host is what people would call the feed anyway.
        return (urlsplit(url).hostname or url).removeprefix("www.")

    def source_id(self, path: KeyPath, table: dict[str, Any], url: str | None) -> str | None:
        if "id" not in table:
            return derive_feed_id(url) if url else None
        key = path + ("id",)
        value = self.text(key, table["id"], max_length=64, example="openai-news")
        if value is None:
            return None
        if not _FEED_ID.fullmatch(value):
            self.problem(
                key,
                "must be 1-64 lowercase letters, digits, '.', '_' or '-', starting with a "
                f"letter or digit, got {_show(value)}",
            )
            return None
        if value in _RESERVED_IDS:
            self.problem(key, f"{value!r} is reserved for aiwire's own articles")
            return None
        return value

    def entities(self, section: str) -> tuple[EntityConfig, ...]:
        kind = noun = _ENTITY_KINDS[section]
        entities: list[EntityConfig] = []
        claimed: dict[str, tuple[KeyPath, str]] = {}  # name key -> (entry, "name" | "alias")
        pending_aliases: list[tuple[KeyPath, list[tuple[int, str]]]] = []
        for path, table in self.table_list(section, noun):
            self.unknown_keys(path, table, _ENTITY_KEYS, f"a {noun}")
            name = None
            if "name" not in table:
                self.problem(path + ("name",), f"is missing: every [[{section}]] entry needs one")
            else:
                name = self.text(path + ("name",), table["name"], max_length=MAX_NAME_LENGTH)
            aliases: tuple[str, ...] | None = ()
            if "aliases" in table:
                aliases = self.text_list(
                    path + ("aliases",),
                    table["aliases"],
                    max_length=MAX_NAME_LENGTH,
                    example='["Open AI"]',
                )
            affiliation = note = None
            if "affiliation" in table:
                affiliation = self.text(
                    path + ("affiliation",), table["affiliation"], max_length=MAX_NAME_LENGTH
                )
            if "note" in table:
                note = self.text(
                    path + ("note",), table["note"], max_length=MAX_NOTE_LENGTH, multiline=True
                )
            if name is None or aliases is None:
                continue
            name_key = _name_key(name)
            if name_key in claimed:
                self.problem(
                    path + ("name",),
                    f"{name!r} is already listed as {self.where(claimed[name_key][0])}",
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
            line = self.line(path) or 1
            entities.append(
                EntityConfig(kind, name, tuple(alias for _, alias in kept), affiliation, note, line)
            )
        # Aliases are checked once every name is known, so an alias also clashes
        # with a name listed further down the file.
        for path, kept in pending_aliases:
            for index, alias in kept:
                owner = claimed.setdefault(_name_key(alias), (path, "alias"))
                if owner[0] != path:
                    role = "the name" if owner[1] == "name" else "an alias"
                    self.problem(
                        path + ("aliases", index),
                        f"{alias!r} is already {role} of {self.where(owner[0])}",
                    )
        return tuple(entities)


# --------------------------------------------------------------------------
# Entry points

_BOM = b"\xef\xbb\xbf"


def parse_config(raw: bytes, path: Path | None = None) -> Config:
    """The configuration in `raw`, or ConfigError listing every problem in it."""
    file = str(path) if path is not None else _DEFAULT_CONFIG_NAME
    if len(raw) > MAX_FILE_BYTES:
        # Checked before parsing: a huge file is never hand-written configuration,
        # and parsing it would stall the app for no benefit.
        raise ConfigError(
            [
                ConfigProblem(
                    None,
                    None,
                    None,
                    f"the file is {_size_over(len(raw), MAX_FILE_BYTES)}; a configuration "
                    f"file may be at most {_human_size(MAX_FILE_BYTES)}",
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
        key = _key_at_line(prefix.decode("utf-8", "replace").replace("\r\n", "\n"), line)
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
        raise ConfigError([_syntax_problem(text, error, file)]) from None
    except RecursionError:
        line = _deep_nesting_line(text)
        raise ConfigError(
            [ConfigProblem(line, None, None, "lists or tables are nested too deeply", file)]
        ) from None
    validator = _Validator(data, _Locator(text), file)
    config = validator.run(path)
    if config is None:
        # File order reads best; the sort is stable, so same-line problems keep their order.
        raise ConfigError(sorted(validator.problems, key=lambda p: (p.line is None, p.line or 0)))
    return config


def _read_limited(path: Path) -> bytes:
    """The file's bytes; never more than MAX_FILE_BYTES + 1 so a huge file costs nothing."""
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def _read_problem(path: Path, error: OSError) -> ConfigError:
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
        raw = _read_limited(path)
    except OSError as error:
        raise _read_problem(path, error) from None
    return parse_config(raw, path)


class ConfigWatcher:
    """Notices edits to the configuration file while the app runs.

    poll() is cheap to call every second or two: it reads the file only when
    its inode, mtime or size changed, or when its mtime is too recent to trust
    (an edit within the filesystem's timestamp granularity can keep mtime and
    size). A change is confirmed by a content hash, so saving without changes
    or `touch` reloads nothing.
    """

    # Timestamps on some filesystems are coarse (FAT: 2 s); within this window
    # of the last read an unchanged mtime proves nothing.
    _RACY_NS = 2_000_000_000

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stat_key: tuple[int, int, int] | None = None
        self._read_at_ns = 0
        self._digest: bytes | None = None
        self._polled = False

    def poll(self) -> Config | ConfigError | None:
        """The new Config or ConfigError when the file changed since the last poll, else None.

        The first poll always reports. A missing file is reported once as a
        ConfigError; the app should keep running on its last good Config.
        """
        try:
            stat = os.stat(self.path)
        except OSError as error:
            return self._report(b"missing", partial(_read_problem, self.path, error))
        stat_key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if (
            self._polled
            and stat_key == self._stat_key
            and stat.st_mtime_ns < self._read_at_ns - self._RACY_NS
        ):
            return None
        read_at = time.time_ns()
        try:
            raw = _read_limited(self.path)
        except OSError as error:
            return self._report(b"unreadable", partial(_read_problem, self.path, error))
        self._stat_key = stat_key
        self._read_at_ns = read_at
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        return self._report(digest, partial(self._parse, raw))

    def _parse(self, raw: bytes) -> Config | ConfigError:
        try:
            return parse_config(raw, self.path)
        except ConfigError as error:
            return error

    def _report(
        self, digest: bytes, outcome: Callable[[], Config | ConfigError]
    ) -> Config | ConfigError | None:
        if self._polled and digest == self._digest:
            return None
        if digest in (b"missing", b"unreadable"):
            self._stat_key = None  # whatever appears next must be read
        self._polled = True
        self._digest = digest
        return outcome()
