"""Helpers for driving the real app headless with Pilot."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from tests.conftest import SEEDS_DIR
from tui.app import AiwireApp, AppOptions

EMPTY_CONFIG = """
[settings]
default_interval = "30m"
"""


def make_app(
    tmp_path: Path,
    config_text: str = EMPTY_CONFIG,
    *,
    poll: bool = False,
    seeds_dir: Path = SEEDS_DIR,
    data_dir: Path | None = None,
) -> AiwireApp:
    config = tmp_path / "feeds.toml"
    if not config.exists():
        config.write_text(config_text)
    return AiwireApp(
        AppOptions(
            config_path=config,
            data_dir=data_dir or tmp_path / "data",
            seeds_dir=seeds_dir,
            poll=poll,
        )
    )


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 15.0) -> None:  # type: ignore
    """Let the app run until condition() holds; fail after timeout seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)
