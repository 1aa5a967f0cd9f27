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
