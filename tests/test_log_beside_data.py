"""A data directory named on the command line keeps its log beside it (DIR.log)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tui.cli import main


def paths_output(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, str]:
    assert main([*argv, "paths"]) == 0
    return dict(line.split(None, 1) for line in capsys.readouterr().out.splitlines())


def test_paths_names_the_log_beside_an_explicit_data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AIWIRE_LOG_DIR", raising=False)
    data = tmp_path / "elsewhere"
    assert paths_output(capsys, "--data-dir", str(data))["log"] == str(tmp_path / "elsewhere.log")

    monkeypatch.setenv("AIWIRE_DATA_DIR", str(tmp_path / "from-env"))
    assert paths_output(capsys)["log"] == str(tmp_path / "from-env.log")

    monkeypatch.delenv("AIWIRE_DATA_DIR")
    state_log = tmp_path / "xdg-state" / "aiwire" / "log" / "aiwire.log"
    assert paths_output(capsys)["log"] == str(state_log)

    # AIWIRE_LOG_DIR still wins over both.
    monkeypatch.setenv("AIWIRE_LOG_DIR", str(tmp_path / "logs"))
    shown = paths_output(capsys, "--data-dir", str(data))["log"]
    assert shown == str(tmp_path / "logs" / "aiwire.log")


def test_fetch_with_a_data_dir_logs_beside_it(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on: the fetch logs a warning
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = tmp_path / "feeds.toml"
    config.write_text(
        '[settings]\ndefault_interval = "30m"\n'
        f'[[sources]]\nname = "Closed"\nurl = "http://127.0.0.1:{port}/feed"\n'
    )
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k not in ("AIWIRE_LOG_DIR", "AIWIRE_DATA_DIR")}

    subprocess.run(
        [sys.executable, "-m", "tui.cli", "--config", str(config), "--data-dir", str(data),
         "fetch"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    log = tmp_path / "data.log"  # beside the data, not in it: the data stays data
    assert "Closed" in log.read_text() and "connection refused" in log.read_text()
    assert not list(data.glob("*.log*"))
    assert not (tmp_path / "xdg-state" / "aiwire" / "log" / "aiwire.log").exists()
