"""`aiwire add`, `remove`, `disable`, `enable`: feeds.toml's sources from the command line."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TextIO

from ingest.config import ConfigError, Settings, load_config
from ingest.discover import Discovery, FoundFeed, discover
from ingest.fetch import Fetcher
from ingest.sources_edit import SourceEditError, add_source, feed_name, remove_source, set_enabled


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.filename:
        return f"{error.filename}: {error.strerror or error}"
    return str(error)


def _report_config_error(error: ConfigError) -> int:
    for problem in error.problems:
        print(f"aiwire: {problem}", file=sys.stderr)
    return 1


async def _discover(url: str, settings: Settings) -> Discovery:
    async with Fetcher(
        deadline=settings.timeout, max_bytes=settings.max_feed_size, per_host=settings.per_host
    ) as fetcher:
        return await discover(url, fetcher)


def _describe(feed: FoundFeed) -> str:
    title = feed.title or feed.link_title or "(untitled)"
    return f"{title}  <{feed.url}>  {feed.items} items"


def _choose(discovery: Discovery, pick: int | None, out: TextIO, stdin: TextIO) -> FoundFeed | None:
    feeds = discovery.feeds
    if len(feeds) == 1 and pick in (None, 1):
        return feeds[0]
    if pick is not None:
        if 1 <= pick <= len(feeds):
            return feeds[pick - 1]
        print(f"aiwire: --pick must be between 1 and {len(feeds)}", file=sys.stderr)
        return None
    out.write(f"{discovery.url} has {len(feeds)} feeds:\n")
    for number, feed in enumerate(feeds, start=1):
        out.write(f"  {number}. {_describe(feed)}\n")
    if not stdin.isatty():
        print("aiwire: choose one with --pick N", file=sys.stderr)
        return None
    out.write(f"Add which one? [1-{len(feeds)}, empty to cancel] ")
    out.flush()
    answer = stdin.readline().strip()
    if answer.isdigit() and 1 <= int(answer) <= len(feeds):
        return feeds[int(answer) - 1]
    out.write("nothing added\n")
    return None


def run_add(
    config_path: Path,
    url: str,
    out: TextIO,
    *,
    name: str | None = None,
    tags: tuple[str, ...] = (),
    interval: str | None = None,
    pick: int | None = None,
    stdin: TextIO = sys.stdin,
) -> int:
    try:
        settings = load_config(config_path).settings
    except ConfigError as error:
        return _report_config_error(error)
    discovery = asyncio.run(_discover(url, settings))
    if not discovery.found:
        print(f"aiwire: {discovery.error}", file=sys.stderr)
        return 1
    chosen = _choose(discovery, pick, out, stdin)
    if chosen is None:
        return 1 if pick is not None or not stdin.isatty() else 0
    try:
        source = add_source(
            config_path,
            chosen.url,
            name=name or feed_name(chosen.title) or feed_name(chosen.link_title),
            tags=tags,
            interval=interval,
        )
    except ConfigError as error:
        return _report_config_error(error)
    except (SourceEditError, OSError) as error:
        print(f"aiwire: {_reason(error)}", file=sys.stderr)
        return 1
    out.write(f"added {source.name!r} <{source.url}> ({chosen.items} items) to {config_path}\n")
    return 0


def run_edit(config_path: Path, action: str, key: str, out: TextIO) -> int:
    """`remove`, `disable` or `enable` the source `key` names."""
    try:
        if action == "remove":
            source = remove_source(config_path, key)
            out.write(f"removed {source.name!r} <{source.url}> from {config_path}\n")
            return 0
        source, changed = set_enabled(config_path, key, action == "enable")
    except ConfigError as error:
        return _report_config_error(error)
    except (SourceEditError, OSError) as error:
        print(f"aiwire: {_reason(error)}", file=sys.stderr)
        return 1
    state = "enabled" if action == "enable" else "disabled"
    out.write(f"{source.name!r} {state}\n" if changed else f"{source.name!r} was already {state}\n")
    return 0
