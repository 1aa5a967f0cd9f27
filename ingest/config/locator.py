"""Where keys live: the line of every table header, key and array item in a TOML text.

tomllib parses the file but gives no line numbers for values, so after it
succeeds this light scanner walks the same text, and validation asks it where
a key path lives.
"""

from __future__ import annotations

import bisect
import contextlib
import re
import tomllib
from collections.abc import Iterable

from ingest.config.display import BARE_KEY
from ingest.config.model import KeyPath


class _GiveUp(Exception):
    """The text is not TOML the scanner understands; keep what was found so far."""


_BASIC_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL_STRING = re.compile(r"'[^'\n]*'")
_ML_BASIC_STRING = re.compile(r'"""(?:[^"\\]|\\.|""?(?!"))*"""(?:""?)?', re.S)
_ML_LITERAL_STRING = re.compile(r"'''(?:[^']|''?(?!'))*'''(?:''?)?", re.S)
_SCALAR = re.compile(r"[^,\]}#\n]+")
_BLANK = re.compile(r"(?:[ \t\r]|#[^\n]*)*")
_BLANK_LINES = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_MAX_NESTING = 64


class Locator:
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
                match = BARE_KEY.match(self._text, self._i)
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
