"""ConfigWatcher: edits to feeds.toml are noticed while the app runs, and only real ones."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from ingest.config import Config, ConfigError, ConfigWatcher
from ingest.config import watch as watch_module

GOOD = '[[sources]]\nurl = "https://a.example/feed"\n'


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(GOOD)
    return path


def test_the_first_poll_reports_and_an_unchanged_file_then_reports_nothing(
    config_file: Path,
) -> None:
    watcher = ConfigWatcher(config_file)
    assert isinstance(watcher.poll(), Config)
    assert watcher.poll() is None
    config_file.write_text(GOOD)  # saved without changes
    assert watcher.poll() is None


def test_an_edit_is_noticed(config_file: Path) -> None:
    watcher = ConfigWatcher(config_file)
    watcher.poll()
    config_file.write_text(GOOD + '[[sources]]\nurl = "https://b.example/feed"\n')
    result = watcher.poll()
    assert isinstance(result, Config)
    assert len(result.sources) == 2


def test_an_edit_that_keeps_size_and_mtime_is_still_noticed(config_file: Path) -> None:
    watcher = ConfigWatcher(config_file)
    watcher.poll()
    before = config_file.stat()
    config_file.write_text(GOOD.replace("a.example", "b.example"))
    os.utime(config_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    result = watcher.poll()
    assert isinstance(result, Config)
    assert result.sources[0].url == "https://b.example/feed"


def test_an_editors_atomic_rename_is_noticed(config_file: Path) -> None:
    watcher = ConfigWatcher(config_file)
    watcher.poll()
    temporary = config_file.with_name(".feeds.toml.swp")
    temporary.write_text(GOOD.replace("a.example", "c.example"))
    os.replace(temporary, config_file)
    result = watcher.poll()
    assert isinstance(result, Config)
    assert result.sources[0].url == "https://c.example/feed"


def test_a_broken_edit_is_reported_once_and_the_fix_brings_the_config_back(
    config_file: Path,
) -> None:
    watcher = ConfigWatcher(config_file)
    watcher.poll()
    config_file.write_text(GOOD + "enabled = maybe\n")
    broken = watcher.poll()
    assert isinstance(broken, ConfigError)
    assert broken.problems[0].line == 3
    assert watcher.poll() is None
    config_file.write_text(GOOD + "enabled = false\n")
    fixed = watcher.poll()
    assert isinstance(fixed, Config)
    assert fixed.sources[0].enabled is False


def test_a_deleted_file_is_reported_once_and_its_return_is_noticed(config_file: Path) -> None:
    watcher = ConfigWatcher(config_file)
    watcher.poll()
    config_file.unlink()
    gone = watcher.poll()
    assert isinstance(gone, ConfigError)
    assert "file not found" in str(gone)
    assert watcher.poll() is None
    config_file.write_text(GOOD)
    assert isinstance(watcher.poll(), Config)


def test_a_long_unchanged_file_is_not_read_again(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    an_hour_ago = time.time_ns() - 3600 * 10**9
    os.utime(config_file, ns=(an_hour_ago, an_hour_ago))
    watcher = ConfigWatcher(config_file)
    watcher.poll()

    def must_not_read(path: Path) -> bytes:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(watch_module, "read_limited", must_not_read)
    assert watcher.poll() is None
