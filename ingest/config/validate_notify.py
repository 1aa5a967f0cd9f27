"""Validation of [[notify]] blocks: where alerts go outside the app (core.notify).

    [[notify]]
    kind = "webhook"            # or "command", "ntfy"
    url_env = "AIWIRE_HOOK"     # the URL is a secret: read from the environment
    slack = true
    entities = ["Sam Altman"]   # only alerts about these (default: every watched one)
    events = ["departure"]      # only alerts for these events (default: any alert)
    batch = "5m"                # gather alerts for this long into one message
    rate_limit = "10/h"         # at most 10 messages an hour; more wait
    quiet_hours = "22:00-07:00" # held until then (local time)

A command is a list of arguments, never a shell line; the alert goes on its
standard input and as its last two arguments (a summary and the text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from ingest.config.checker import Checker
from ingest.config.display import show
from ingest.config.model import (
    MAX_NAME_LENGTH,
    MAX_URL_LENGTH,
    EntityConfig,
    KeyPath,
    NotifyConfig,
)

NOTIFY_KINDS = ("command", "webhook", "ntfy")
NOTIFY_KEYS = (
    "kind",
    "name",
    "command",
    "url",
    "url_env",
    "token_env",
    "slack",
    "entities",
    "events",
    "alert",
    "batch",
    "rate_limit",
    "quiet_hours",
    "timeout",
)
NOTIFY_ALERT_MODES = ("any", "headline", "events")
MAX_ARGUMENTS = 64
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,127}")
_RATE = re.compile(r"(\d{1,5})\s*/\s*(\d{0,4})\s*(s|m|h|d)")
_RATE_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_QUIET = re.compile(r"(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})")
# Keys that mean nothing for a kind: a mistake to point out, not to ignore.
_ONLY_FOR = {
    "command": ("command",),
    "url": ("webhook", "ntfy"),
    "url_env": ("webhook", "ntfy"),
    "token_env": ("webhook", "ntfy"),
    "slack": ("webhook",),
}


def check_notify(checker: Checker, entities: Sequence[EntityConfig]) -> tuple[NotifyConfig, ...]:
    entries = checker.table_list("notify", "notification")
    if not entries:
        return ()
    names = _entity_names(entities)
    blocks: list[NotifyConfig] = []
    for path, table in entries:
        block = _check_block(checker, path, table, names)
        if block is not None:
            blocks.append(block)
    return tuple(blocks)


def _entity_names(entities: Sequence[EntityConfig]) -> dict[str, str]:
    """Every name and alias, folded, -> the entity id."""
    from watchlist.entities import entity_id  # only feeds.toml with [[notify]] needs it

    found: dict[str, str] = {}
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            found.setdefault(name.casefold(), entity_id(entity.kind, entity.name))
    return found


def _check_block(
    checker: Checker, path: KeyPath, table: dict[str, Any], names: dict[str, str]
) -> NotifyConfig | None:
    checker.unknown_keys(path, table, NOTIFY_KEYS, "[[notify]]")
    before = len(checker.problems)
    kind = table.get("kind")
    if kind not in NOTIFY_KINDS:
        choices = ", ".join(f'"{k}"' for k in NOTIFY_KINDS)
        got = "nothing" if kind is None else show(kind)
        checker.problem(path + ("kind",), f"must be one of {choices}, got {got}")
        return None
    for key, kinds in _ONLY_FOR.items():
        if key in table and kind not in kinds:
            checker.problem(path + (key,), f'means nothing for kind = "{kind}"')
    values: dict[str, Any] = {}
    index = path[1] if isinstance(path[1], int) else 0
    values["name"] = f"notify[{index + 1}]"
    if "name" in table:
        values["name"] = checker.text(path + ("name",), table["name"], max_length=MAX_NAME_LENGTH)
    if kind == "command":
        values["command"] = _command(checker, path + ("command",), table.get("command"))
    else:
        _target(checker, path, table, values)
    if "token_env" in table:
        values["token_env"] = _env_name(checker, path + ("token_env",), table["token_env"])
    if "slack" in table:
        values["slack"] = checker.boolean(path + ("slack",), table["slack"])
    if "entities" in table:
        values["entities"] = _entities(checker, path + ("entities",), table["entities"], names)
    if "events" in table:
        values["events"] = _events(checker, path + ("events",), table["events"])
    if "alert" in table:
        if table["alert"] in NOTIFY_ALERT_MODES:
            values["alert"] = table["alert"]
        else:
            choices = ", ".join(f'"{m}"' for m in NOTIFY_ALERT_MODES)
            checker.problem(
                path + ("alert",), f"must be one of {choices}, got {show(table['alert'])}"
            )
    if "batch" in table:
        values["batch"] = checker.duration(path + ("batch",), table["batch"], 0, 86400)
    if "timeout" in table:
        values["timeout"] = checker.duration(path + ("timeout",), table["timeout"], 1, 120)
    if "rate_limit" in table:
        rate = _rate(checker, path + ("rate_limit",), table["rate_limit"])
        if rate is not None:
            values["rate_count"], values["rate_period"] = rate
    if "quiet_hours" in table:
        values["quiet_hours"] = _quiet(checker, path + ("quiet_hours",), table["quiet_hours"])
    if len(checker.problems) > before:
        return None
    return NotifyConfig(kind=kind, line=checker.line(path) or 1, **values)


def _command(checker: Checker, path: KeyPath, value: object) -> tuple[str, ...] | None:
    if value is None:
        checker.problem(path, 'is missing: a list of arguments, like ["notify-send", "aiwire"]')
        return None
    if isinstance(value, str):
        program = value.split()[0] if value.split() else "notify-send"
        example = f'["{program}", ...]'
        checker.problem(path, f"must be a list of arguments (never a shell line), like {example}")
        return None
    argv = checker.text_list(path, value, max_length=4000, example='["notify-send", "aiwire"]')
    if argv is not None and not argv:
        checker.problem(path, "must name a program")
        return None
    if argv is not None and len(argv) > MAX_ARGUMENTS:
        checker.problem(path, f"has {len(argv)} arguments; at most {MAX_ARGUMENTS}")
        return None
    return argv


def _target(checker: Checker, path: KeyPath, table: dict[str, Any], values: dict[str, Any]) -> None:
    if ("url" in table) == ("url_env" in table):
        checker.problem(
            path + ("url",),
            "give either url or url_env (the name of an environment variable holding the URL)",
        )
        return
    if "url_env" in table:
        values["url_env"] = _env_name(checker, path + ("url_env",), table["url_env"])
        return
    url = checker.text(
        path + ("url",), table["url"], max_length=MAX_URL_LENGTH, example="https://ntfy.sh/topic"
    )
    if url is None:
        return
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        checker.problem(path + ("url",), f"must be an http:// or https:// URL, got {show(url)}")
        return
    values["url"] = url


def _env_name(checker: Checker, path: KeyPath, value: object) -> str | None:
    if not isinstance(value, str) or not _ENV_NAME.fullmatch(value):
        checker.problem(
            path,
            f'must be the name of an environment variable, like "AIWIRE_HOOK", got {show(value)}',
        )
        return None
    return value


def _entities(
    checker: Checker, path: KeyPath, value: object, names: dict[str, str]
) -> tuple[str, ...] | None:
    listed = checker.text_list(path, value, max_length=MAX_NAME_LENGTH, example='["Sam Altman"]')
    if listed is None:
        return None
    ids: list[str] = []
    for index, name in enumerate(listed):
        found = names.get(name.casefold())
        if found is None:
            checker.problem(path + (index,), f"{name!r} is not in [[people]] or [[companies]]")
        elif found not in ids:
            ids.append(found)
    return tuple(ids)


def _events(checker: Checker, path: KeyPath, value: object) -> tuple[str, ...] | None:
    # Here, not at the top: only a file with events = [...] pays for the kind table.
    from watchlist.event_kinds import EVENT_KINDS

    listed = checker.text_list(path, value, max_length=40, example='["departure", "funding"]')
    if listed is None:
        return None
    for index, kind in enumerate(listed):
        if kind not in EVENT_KINDS:
            choices = ", ".join(EVENT_KINDS)
            checker.problem(path + (index,), f"{kind!r} is not an event kind ({choices})")
    return tuple(dict.fromkeys(listed))


def _rate(checker: Checker, path: KeyPath, value: object) -> tuple[int, int] | None:
    found = _RATE.fullmatch(value.strip().lower()) if isinstance(value, str) else None
    if found is None or int(found.group(1)) == 0 or found.group(2) in ("0", "00"):
        checker.problem(
            path, f'must be messages per period, like "10/h" or "50/d", got {show(value)}'
        )
        return None
    count, every, unit = found.groups()
    return int(count), int(every or 1) * _RATE_UNITS[unit]


def _quiet(checker: Checker, path: KeyPath, value: object) -> tuple[int, int] | None:
    found = _QUIET.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is not None:
        h1, m1, h2, m2 = (int(g) for g in found.groups())
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60 and (h1, m1) != (h2, m2):
            return h1 * 60 + m1, h2 * 60 + m2
    checker.problem(path, f'must be local times like "22:00-07:00", got {show(value)}')
    return None
