"""Changes to the sources that the dashboard makes in feeds.toml for the user."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.library import Library


async def disable_source(library: Library, feed_id: str) -> None:
    """Write `enabled = false` into the source's block, then apply the file."""
    from ingest.sources_edit import SourceEditError, set_enabled

    source = next((s for s in library.config.sources if s.id == feed_id), None)
    if source is None:
        return
    try:
        await asyncio.to_thread(set_enabled, library.options.config_path, source.url, False)
    except (SourceEditError, OSError) as error:
        library.notice(f"{source.name}: not disabled: {error}", severity="error", timeout=8)
        return
    await library.check_config()
    library.notice(f"{source.name} is disabled in feeds.toml.", timeout=4)


async def discover_feeds(library: Library, url: str):  # type: ignore[no-untyped-def]
    """The feeds at `url` (a feed's own address, or a page announcing some): a
    bounded fetch like any poll's. Returns ingest.discover.Discovery."""
    from ingest.discover import discover
    from ingest.fetch import Fetcher

    settings = library.config.settings
    async with Fetcher(
        deadline=settings.timeout, max_bytes=settings.max_feed_size, per_host=settings.per_host
    ) as fetcher:
        return await discover(url, fetcher)


async def add_feed(library: Library, url: str, title: str | None) -> None:
    """Append a [[sources]] block named from the feed's title, then apply the file."""
    from ingest.sources_edit import SourceEditError, add_source, feed_name

    try:
        source = await asyncio.to_thread(
            add_source, library.options.config_path, url, name=feed_name(title)
        )
    except (SourceEditError, OSError) as error:
        library.notice(f"Not added: {error}", severity="error", timeout=8)
        return
    await library.check_config()
    library.notice(f"Added {source.name}; it is polled now.", timeout=5)
