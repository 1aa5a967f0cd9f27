"""Files that ship with aiwire: the default feeds.toml and the seed articles.

In a checkout they sit at the top of the repository (the layout the user
asked for); in an installed wheel they are packaged under storage/bundled/.
"""

from __future__ import annotations

from pathlib import Path

CHECKOUT_ROOT = Path(__file__).resolve().parents[1]
_PACKAGED = CHECKOUT_ROOT / "storage" / "bundled"


def running_from_checkout() -> bool:
    return (CHECKOUT_ROOT / "pyproject.toml").is_file() and (CHECKOUT_ROOT / "seeds").is_dir()


def bundled_seeds_dir() -> Path:
    if running_from_checkout():
        return CHECKOUT_ROOT / "seeds"
    return _PACKAGED / "seeds"


def bundled_config() -> Path:
    if running_from_checkout():
        return CHECKOUT_ROOT / "feeds.toml"
    return _PACKAGED / "feeds.toml"
