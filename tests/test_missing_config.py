"""A --config path that does not exist is an error naming it; `aiwire init` creates one."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.resources import bundled_config
from tui.cli import main


def test_the_dashboard_refuses_a_config_path_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "feds.toml"
    assert main(["--config", str(typo), "--data-dir", str(tmp_path / "data")]) == 2
    message = capsys.readouterr().err
    assert str(typo) in message and f"aiwire init {typo}" in message
    assert not typo.exists(), "a mistyped path is not created (it would poll the bundled sources)"
    assert not (tmp_path / "data").exists()


def test_init_creates_the_file_from_the_bundled_one_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "conf" / "feeds.toml"
    assert main(["init", str(target)]) == 0
    assert target.read_bytes() == bundled_config().read_bytes()
    assert "created" in capsys.readouterr().out

    target.write_text("# mine\n")
    assert main(["init", str(target)]) == 1
    assert target.read_text() == "# mine\n"
    assert "exists already" in capsys.readouterr().err
