"""`aiwire check`: validate feeds.toml and say, in one line or one line per problem, how it went."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ingest.config import Config, ConfigError, load_config


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def run_check(
    path: Path, out: TextIO, more_problems: Callable[[Config], list[str]] | None = None
) -> int:
    """Print a summary (exit status 0) or every problem, one per line (exit status 1).

    `more_problems` checks what only the caller knows (the dashboard's keys).
    """
    try:
        config = load_config(path)
    except ConfigError as error:
        for problem in error.problems:
            print(problem, file=out)
        return 1
    problems = more_problems(config) if more_problems is not None else []
    for problem in problems:
        print(problem, file=out)
    if problems:
        return 1
    enabled = sum(source.enabled for source in config.sources)
    print(
        f"{path}: OK — {_count(len(config.sources), 'source', 'sources')} ({enabled} enabled), "
        f"{_count(len(config.people), 'person', 'people')}, "
        f"{_count(len(config.companies), 'company', 'companies')}"
        + (
            f", {_count(len(config.notify), 'notification', 'notifications')}"
            if config.notify
            else ""
        ),
        file=out,
    )
    return 0
