"""The command line: options work before or after the command."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main

GOOD = '[[sources]]\nname = "Lab"\nurl = "https://example.org/feed.xml"\n'
BAD = '[[sources]]\nname = "Lab"\nurl = 5\n'


@pytest.mark.parametrize("before", [True, False], ids=["option-first", "command-first"])
def test_check_takes_config_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before: bool
) -> None:
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(GOOD)
    bad.write_text(BAD)
    for path, expected in ((good, 0), (bad, 1)):
        argv = ["--config", str(path), "check"] if before else ["check", "--config", str(path)]
        assert main(argv) == expected
    out = capsys.readouterr().out
    assert "OK — 1 source (1 enabled)" in out and "bad.toml:3: sources[1].url" in out


def test_an_option_before_the_command_is_not_reset_by_the_command(tmp_path: Path, capsys) -> None:  # type: ignore
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "paths"]) == 0
    assert str(data) in capsys.readouterr().out


def test_the_archive_loads_with_the_cyclic_gc_paused_then_frozen_out_of_it() -> None:
    import gc

    from storage.gc_pause import gc_paused

    assert gc.isenabled()
    try:
        with gc_paused():
            assert not gc.isenabled()
            loaded = [{"id": str(n)} for n in range(1000)]
            with gc_paused():
                assert not gc.isenabled()
            assert not gc.isenabled(), "an inner pause does not end the outer one"
        assert gc.isenabled()
        assert gc.get_freeze_count() >= len(loaded), "later collections skip what was loaded"
        with pytest.raises(OSError), gc_paused():
            raise OSError("the store failed to open")
        assert gc.isenabled()
    finally:
        gc.unfreeze()  # the test process's own objects were frozen too


def test_version_is_looked_up_only_when_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("aiwire ")
    # Every other command parses its arguments without importlib.metadata (~25 ms).
    probe = (
        "import sys; from tui.cli import build_parser; build_parser().parse_args(['paths']);"
        "print('importlib.metadata' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False"


def test_fetch_with_a_mistaken_config_says_so_and_leaves_the_data_dir_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad, data = tmp_path / "bad.toml", tmp_path / "data"
    bad.write_text(BAD)

    assert main(["--config", str(bad), "--data-dir", str(data), "fetch"]) == 1

    err = capsys.readouterr().err
    assert err.startswith("aiwire: ") and "sources[1].url" in err
    assert not data.exists() or not any(data.iterdir()), "nothing opened, nothing polled"
