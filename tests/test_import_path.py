"""No module from the directory aiwire is started in ever runs.

A `bisect.py` or `json.py` lying in the working directory shadowed the
standard library inside the worker processes (and with `python -m`, in the
main process too): any `.py` file there ran inside aiwire.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.import_path import without_working_directory
from tests.support.fault_server import FaultServer, Response

REPO_ROOT = Path(__file__).resolve().parents[1]
AIWIRE = Path(sys.executable).parent / "aiwire"
SHADOWED = ("bisect", "json", "random", "tempfile", "selectors", "feedparser")


def rss(items: int) -> bytes:
    entries = "".join(
        f"<item><guid>g{n}</guid><title>Story {n}</title>"
        f"<link>https://example.org/{n}</link><description>Body {n}.</description></item>"
        for n in range(items)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>https://example.org/</link>{entries}</channel></rss>"
    ).encode()


@pytest.fixture
def hostile_cwd(tmp_path: Path) -> Path:
    """A working directory whose modules leave a mark when imported."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    for name in SHADOWED:
        (cwd / f"{name}.py").write_text(
            "from pathlib import Path\n"
            f"Path(__file__).with_name('imported-{name}').write_text('ran')\n"
        )
    return cwd


@pytest.fixture
def config(tmp_path: Path) -> Iterator[Path]:
    with FaultServer() as server:
        urls = [server.route(f"/{i}.xml", Response(body=rss(5))) for i in range(2)]
        sources = "".join(f'\n[[sources]]\nname = "{url}"\nurl = "{url}"\n' for url in urls)
        path = tmp_path / "feeds.toml"
        path.write_text('[settings]\ndefault_interval = "30m"\n' + sources)
        yield path


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONSAFEPATH", None)
    return env


@pytest.mark.parametrize("how", ["console script", "python -m"])
def test_fetch_never_imports_from_the_working_directory(
    how: str, hostile_cwd: Path, config: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    start = [str(AIWIRE)] if how == "console script" else [sys.executable, "-m", "tui.cli"]
    done = subprocess.run(
        [*start, "--config", str(config), "--data-dir", str(data), "fetch", "--json"],
        cwd=hostile_cwd, capture_output=True, text=True, timeout=180, env=environment(),
    )  # fmt: skip

    marks = sorted(path.name for path in hostile_cwd.glob("imported-*"))
    assert marks == [], done.stderr
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["new_items"] == 10, summary
    listed = subprocess.run(
        [*start, "--config", str(config), "--data-dir", str(data), "list", "--json"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=120, env=environment(),
    )  # fmt: skip
    titles = {json.loads(line)["title"] for line in listed.stdout.splitlines()}
    assert {f"Story {n}" for n in range(5)} <= titles


def test_only_the_working_directory_entries_go(tmp_path: Path) -> None:
    cwd = tmp_path / "here"
    cwd.mkdir()
    paths = ["", str(cwd), "/usr/lib/python3.11", str(cwd / "sub"), "."]
    assert without_working_directory(paths, cwd=str(cwd), keep=None) == [
        "/usr/lib/python3.11",
        str(cwd / "sub"),
    ]
    # Started uninstalled from the checkout itself, the checkout is how aiwire
    # is found: it stays.
    assert without_working_directory(paths, cwd=str(cwd), keep=str(cwd)) == paths
