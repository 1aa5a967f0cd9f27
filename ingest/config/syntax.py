"""Syntax errors in plain words: tomllib's messages made human, with the line and key."""

from __future__ import annotations

import re
import tomllib

from ingest.config.display import format_key
from ingest.config.locator import Locator
from ingest.config.model import ConfigProblem

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


def syntax_problem(text: str, error: tomllib.TOMLDecodeError, file: str) -> ConfigProblem:
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
        named_key = key_at_line(text, line)
    return ConfigProblem(line, column, named_key, message, file)


def key_at_line(text: str, line: int) -> str | None:
    """The key being written on `line`, judged from the text up to its end."""
    lines = text.split("\n")
    locator = Locator("\n".join(lines[:line]))
    if not locator.last_path or locator.lines.get(locator.last_path) != line:
        return None
    return format_key(locator.last_path)


_NESTING_LIMIT = 100


def deep_nesting_line(text: str) -> int | None:
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
