"""Which bundled seed files there are, and which the store has not loaded yet.

Apart from ingest.seeds (extraction, storing) so that a fetch can ask
whether any seed is pending without importing the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SEEDS_LOADED_KEY = "seeds_loaded"  # the store's meta key: names of the seed files loaded


def seed_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(path for path in directory.glob("*.txt") if path.is_file())


def pending_seeds(directory: Path, already_loaded: Iterable[str]) -> list[Path]:
    """Seed files not loaded before: a seed loads once, a new file loads too."""
    done = set(already_loaded)
    return [path for path in seed_files(directory) if path.name not in done]
