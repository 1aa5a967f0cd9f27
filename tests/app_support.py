"""Helpers for driving the real app headless with Pilot."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App

from core.library import LibraryOptions
from tests.conftest import SEEDS_DIR
from tui.app import AiwireApp

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
        LibraryOptions(
            config_path=config,
            data_dir=data_dir or tmp_path / "data",
            seeds_dir=seeds_dir,
            poll=poll,
            fetch_off_loop=True,
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


def screen_text(app: App[None]) -> str:
    """What the terminal shows now, from the lines the widgets have drawn.

    Lines a widget was not asked to repaint come from its cache, so a change
    that forgot to repaint shows here as the old text.
    """
    console = Console(width=app.size.width, record=True, file=io.StringIO(), color_system=None)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def all_enriched(app: AiwireApp) -> bool:
    """Enrichment (and the story grouping after it) has run over every stored article."""
    enrichment = app.library.writing.enrichment if app.library.writing else None
    return (
        enrichment is not None  # set in the same step that starts the enrich worker
        and bool(app.library.state.articles)
        and not enrichment.pending(list(app.library.state.articles.values()))
        and not app.library.tasks.busy("enrich")
    )


def hold_open(app: AiwireApp) -> asyncio.Event:
    """Keep the app's archive from opening until the returned event is set, so
    a test sees the screen as it is before the archive has loaded."""
    release = asyncio.Event()
    original_open = app.library.service.open

    async def held_open(**options: Any) -> Any:
        await release.wait()
        return await original_open(**options)

    app.library.service.open = held_open  # type: ignore[method-assign]
    return release
