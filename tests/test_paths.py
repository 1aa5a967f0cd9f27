"""Where aiwire keeps things: config, data and log, checkout or installed.

conftest points XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_STATE_HOME into the
test's tmp dir, so "the platform's directories" below are those.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import ingest.resources
import tui.cli
from tests.conftest import REPO_ROOT
from tui.cli import build_parser, ensure_config, log_file, main, resolve_paths, setup_logging
from tui.environment import RotatingLog


def paths_for(*argv: str) -> tuple[Path, Path]:
    return resolve_paths(build_parser().parse_args(list(argv)))


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Pretend aiwire runs from a wheel: bundled files under site-packages, no checkout."""
    packaged = tmp_path / "site-packages" / "storage" / "bundled"
    packaged.mkdir(parents=True)
    (packaged / "feeds.toml").write_bytes((REPO_ROOT / "feeds.toml").read_bytes())
    (packaged / "seeds").mkdir()
    monkeypatch.setattr(ingest.resources, "_PACKAGED", packaged)
    monkeypatch.setattr(ingest.resources, "running_from_checkout", lambda: False)
    monkeypatch.setattr(tui.cli, "running_from_checkout", lambda: False)
    return packaged


@pytest.fixture
def root_logging() -> Iterator[None]:
    """setup_logging replaces the root handlers; give pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


# -- config and data ---------------------------------------------------------------


def test_from_a_checkout_the_checkouts_feeds_toml_is_used(tmp_path: Path) -> None:
    config, data = paths_for()

    assert config == REPO_ROOT / "feeds.toml"
    assert data == tmp_path / "xdg-data" / "aiwire"


def test_installed_it_uses_the_platform_directories(installed: Path, tmp_path: Path) -> None:
    config, data = paths_for()

    assert config == tmp_path / "xdg-config" / "aiwire" / "feeds.toml"
    assert data == tmp_path / "xdg-data" / "aiwire"


def test_first_run_starts_from_the_bundled_feeds_toml(installed: Path, tmp_path: Path) -> None:
    config, _data = paths_for()
    assert not config.exists()

    ensure_config(config)

    assert config.read_bytes() == (installed / "feeds.toml").read_bytes()


def test_later_runs_keep_the_users_edits(installed: Path) -> None:
    config, _data = paths_for()
    ensure_config(config)
    config.write_text("# mine now\n")

    ensure_config(config)

    assert config.read_text() == "# mine now\n"


def test_environment_variables_override_the_defaults(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AIWIRE_CONFIG", str(tmp_path / "env.toml"))
    monkeypatch.setenv("AIWIRE_DATA_DIR", str(tmp_path / "env-data"))

    assert paths_for() == (tmp_path / "env.toml", tmp_path / "env-data")


def test_options_override_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AIWIRE_CONFIG", str(tmp_path / "env.toml"))
    monkeypatch.setenv("AIWIRE_DATA_DIR", str(tmp_path / "env-data"))

    config, data = paths_for("--config", str(tmp_path / "flag.toml"), "--data-dir", "~/flag")

    assert config == tmp_path / "flag.toml"
    assert data == Path.home() / "flag"  # "~" is expanded, as a shell would


def test_options_also_count_after_the_command(tmp_path: Path) -> None:
    config, _data = paths_for("--config", str(tmp_path / "a.toml"), "paths")

    assert config == tmp_path / "a.toml"


# -- the log ---------------------------------------------------------------------


def test_the_log_lives_in_the_platform_state_directory(tmp_path: Path) -> None:
    assert log_file() == tmp_path / "xdg-state" / "aiwire" / "log" / "aiwire.log"


def test_aiwire_log_dir_overrides_where_the_log_goes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AIWIRE_LOG_DIR", str(tmp_path / "logs"))

    assert log_file() == tmp_path / "logs" / "aiwire.log"


def test_the_log_is_a_rotating_file_at_info_level(root_logging: None) -> None:
    path = setup_logging(debug=False)
    logging.getLogger("aiwire.test").info("hello from the test")
    logging.getLogger("aiwire.test").debug("too chatty")

    (handler,) = logging.getLogger().handlers
    assert isinstance(handler, RotatingLog)
    assert isinstance(handler.file, logging.handlers.RotatingFileHandler)
    assert handler.file.maxBytes > 0 and handler.file.backupCount > 0
    handler.flush()
    text = path.read_text()
    assert "hello from the test" in text and "too chatty" not in text


def test_the_log_file_exists_before_anything_is_logged_and_is_left_as_it_was(
    root_logging: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AIWIRE_LOG_DIR", str(tmp_path / "logs"))
    path = setup_logging(debug=False)
    assert path.exists() and path.read_text() == ""
    (handler,) = logging.getLogger().handlers
    assert isinstance(handler, RotatingLog) and handler.file is None, "opened on the first record"

    path.write_text("earlier line\n")
    setup_logging(debug=False)
    logging.getLogger("aiwire.test").warning("later line")
    logging.getLogger().handlers[0].flush()
    assert path.read_text().startswith("earlier line\n") and "later line" in path.read_text()


def test_a_log_file_that_cannot_be_opened_never_raises_into_the_caller(
    root_logging: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("AIWIRE_LOG_DIR", str(tmp_path / "logs"))
    setup_logging(debug=False)
    (handler,) = logging.getLogger().handlers
    assert isinstance(handler, RotatingLog)
    handler.path = tmp_path / "gone" / "aiwire.log"  # its folder removed meanwhile
    monkeypatch.setattr(logging, "raiseExceptions", False)

    logging.getLogger("aiwire.test").error("nowhere to go")  # must not raise

    assert handler.file is None


def test_debug_raises_the_level(root_logging: None) -> None:
    path = setup_logging(debug=True)
    logging.getLogger("aiwire.test").debug("now worth writing")

    logging.getLogger().handlers[0].flush()
    assert "now worth writing" in path.read_text()


def test_aiwire_paths_prints_what_is_in_use(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AIWIRE_LOG_DIR", str(tmp_path / "logs"))

    code = main(["--config", str(tmp_path / "c.toml"), "--data-dir", str(tmp_path / "d"), "paths"])

    lines = dict(line.split(None, 1) for line in capsys.readouterr().out.splitlines())
    assert code == 0
    assert lines["config"] == f"{tmp_path / 'c.toml'}  (missing)"
    assert lines["data"] == str(tmp_path / "d")
    assert lines["log"] == str(tmp_path / "logs" / "aiwire.log")
    assert lines["seeds"] == str(REPO_ROOT / "seeds")
    assert lines["checkout"] == "yes"


def test_installed_aiwire_paths_shows_the_platform_directories(
    installed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["paths"])

    lines = dict(line.split(None, 1) for line in capsys.readouterr().out.splitlines())
    assert lines["config"].startswith(str(tmp_path / "xdg-config" / "aiwire" / "feeds.toml"))
    assert lines["data"] == str(tmp_path / "xdg-data" / "aiwire")
    assert lines["log"] == str(tmp_path / "xdg-state" / "aiwire" / "log" / "aiwire.log")
    assert lines["checkout"] == "no"


CRASHING_APP = textwrap.dedent(
    """
    import sys
    import tui.app
    from tui.cli import main

    def on_mount(self):
        raise RuntimeError("boom: the dashboard fell over")

    tui.app.AiwireApp.on_mount = on_mount
    sys.exit(main(sys.argv[1:]))
    """
)


def test_a_crash_leaves_a_traceback_in_the_log_and_one_line_on_the_terminal(
    tmp_path: Path,
) -> None:
    config = tmp_path / "feeds.toml"
    config.write_text('[settings]\ndefault_interval = "30m"\n')
    env = dict(
        os.environ,
        AIWIRE_LOG_DIR=str(tmp_path / "logs"),
        # No terminal under pytest: Textual's headless driver runs the same app code.
        TEXTUAL_DRIVER="textual.drivers.headless_driver:HeadlessDriver",
    )

    result = subprocess.run(
        [sys.executable, "-c", CRASHING_APP, "--config", str(config), "--data-dir",
         str(tmp_path / "data")],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    log_path = tmp_path / "logs" / "aiwire.log"
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"aiwire crashed; the traceback is in {log_path}"]
    log_text = log_path.read_text()
    assert "Traceback (most recent call last)" in log_text
    assert "RuntimeError: boom: the dashboard fell over" in log_text
