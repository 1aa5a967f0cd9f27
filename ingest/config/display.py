"""How messages show a key path and a value: short, on one line, counting from 1."""

from __future__ import annotations

import json
import math
import re

from ingest.config.model import KeyPath

# A TOML bare key; any other key is shown quoted.
BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def format_key(path: KeyPath) -> str:
    """("sources", 2, "url") -> "sources[3].url" (indexes count from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
            continue
        text = part if BARE_KEY.fullmatch(part) else json.dumps(part, ensure_ascii=False)
        if len(text) > 60:
            text = text[:57] + "..."
        out += f".{text}" if out else text
    return out


def show(value: object) -> str:
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


def key_text(key: str) -> str:
    return format_key((key,))
