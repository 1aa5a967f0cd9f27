"""What the dashboard runs on while the user's feeds.toml cannot be used at start.

The bundled feeds.toml's watchlists and settings, beside the seeds, so a new
user sees a working dashboard while fixing the file. Not its sources: polling
thirty websites the user never asked for is not a fallback anyone wants.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ingest import resources
from ingest.config import Config, ConfigError, load_config

if TYPE_CHECKING:
    from core.library import Library

log = logging.getLogger(__name__)


def bundled_fallback(user_path: Path) -> Config | None:
    """The bundled configuration without sources or notifications, or None
    when the user's file is the bundled one (then it is the broken one)."""
    bundled = resources.bundled_config()
    try:
        if bundled.resolve() == user_path.resolve():
            return None
        config = load_config(bundled)
    except (ConfigError, OSError) as error:
        log.error("the bundled feeds.toml did not load either: %s", error)
        return None
    return replace(config, path=user_path, sources=(), notify=())


def use_bundled_fallback(library: Library) -> None:
    """Run on the fallback until the user's file loads (which is then applied)."""
    fallback = bundled_fallback(library.options.config_path)
    if fallback is not None:
        library.apply_config(fallback)
        library.config_loaded = False
