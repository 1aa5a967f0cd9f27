"""A dashboard that polls hands the GIL over finely; a headless run keeps Python's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from core.gil_share import VIEW_SWITCH_INTERVAL
from core.library import Library, LibraryOptions


@pytest.fixture
def default_switch_interval():
    saved = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's default, whatever an earlier test left
    yield
    sys.setswitchinterval(saved)


def _options(tmp_path: Path, *, keep_state: bool) -> LibraryOptions:
    config = tmp_path / "feeds.toml"
    config.write_text("")
    seeds = tmp_path / "no-seeds"
    seeds.mkdir()
    return LibraryOptions(
        config, tmp_path / "data", seeds, schedule=False, poll=False, enrich=False,
        keep_state=keep_state,
    )  # fmt: skip


@pytest.mark.usefixtures("default_switch_interval")
async def test_a_library_with_a_view_waits_for_other_threads_at_most_a_millisecond(
    tmp_path: Path,
) -> None:
    # The loop that draws waits for the GIL at most one interval after each
    # system call while the network or store thread computes.
    library = Library(_options(tmp_path, keep_state=True))
    await library.start()
    try:
        assert sys.getswitchinterval() <= VIEW_SWITCH_INTERVAL <= 0.001
    finally:
        await library.aclose()


@pytest.mark.usefixtures("default_switch_interval")
async def test_a_headless_library_keeps_pythons_switch_interval(tmp_path: Path) -> None:
    library = Library(_options(tmp_path, keep_state=False))
    await library.start()
    try:
        assert sys.getswitchinterval() == pytest.approx(0.005)
    finally:
        await library.aclose()
