"""What scenarios share: the corpus, the server, the archive, data dirs, subprocess runners."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.archive import build_archive
from bench.config_file import write_config
from bench.corpus import Corpus
from bench.peer import Newsboat, Profile
from bench.results import MB, Sizes
from bench.server import FeedServer

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("core", "ingest", "storage", "tui", "watchlist", "bench")


@dataclass(frozen=True, slots=True)
class CliRun:
    seconds: float
    summary: dict[str, Any]
    io: dict[str, int]
    measured: dict[str, Any]
    stdout: str


class Context:
    def __init__(
        self,
        sizes: Sizes,
        runs: int,
        workdir: Path,
        log: Callable[[str], None],
        *,
        peer: bool = True,
    ) -> None:
        self.sizes = sizes
        self.runs = runs
        self.workdir = workdir
        self.log = log
        self.corpus = Corpus(sizes.feeds, sizes.items, new_per_generation=sizes.new_items)
        self.server = FeedServer(self.corpus).start()
        self.config = write_config(workdir / "feeds.toml", self.server.base_url, sizes.feeds)
        self.poll_config = write_config(
            workdir / "feeds-poll.toml", self.server.base_url, sizes.poll_feeds
        )
        # No sources, the same watchlists: the app starts without polling or catching up.
        self.empty_config = write_config(workdir / "empty.toml", self.server.base_url, 0)
        self.newsboat = Newsboat.find(workdir) if peer else None
        # Compiled once before anything is timed (into __pycache__, ignored by git).
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", *PACKAGES],
            cwd=REPO_ROOT, env=self.environment(), capture_output=True, check=False,
        )  # fmt: skip
        self.cold_dir: Path | None = None
        self.poll_dirs: dict[str, Path] = {}
        self.peer_profiles: dict[str, Profile] = {}
        self._archive: Path | None = None
        self._app_dir: Path | None = None
        self._list_probes: list[dict[str, Any]] | None = None
        self._counter = 0
        self.explicit_runs = False
        # Whether the poll rows must also beat the peer (full runs; never the CI's small ones).
        self.grade_peer = False
        # Probe runs that several rows report on, by name.
        self.shared: dict[str, Any] = {}

    def close(self) -> None:
        self.server.stop()

    def fresh_dir(self, name: str) -> Path:
        self._counter += 1
        path = self.workdir / f"{self._counter:03d}-{name}"
        path.mkdir(parents=True)
        return path

    @property
    def expected_feed_items(self) -> int:
        return self.sizes.feeds * self.sizes.items

    def archive(self) -> Path:
        """The archive template (built once per bench run; copy before writing)."""
        if self._archive is None:
            path = self.workdir / "archive-template"
            self.log(f"  building a {self.sizes.archive:,}-article archive ...")
            report = build_archive(
                path,
                self.sizes.archive,
                self.corpus,
                base_url=self.server.base_url,
                config=self.config,
            )
            self.log(
                f"  archive: {report.articles:,} articles, {report.bytes_on_disk / MB:.0f} MB "
                f"in {report.seconds:.1f} s"
            )
            self._archive = path
        return self._archive

    def copy_archive(self, name: str) -> Path:
        target = self.fresh_dir(name) / "data"
        shutil.copytree(self.archive(), target)
        return target

    def app_dir(self) -> Path:
        """One archive copy for the read-mostly app scenarios (start-up, list, memory)."""
        if self._app_dir is None:
            self._app_dir = self.copy_archive("app")
        return self._app_dir

    def archive_count(self) -> int:
        from storage.store import ArticleStore

        store = ArticleStore(self.archive(), want_writer=False)
        store.open()
        return len(store)

    # -- subprocesses --------------------------------------------------------

    def environment(self) -> dict[str, str]:
        path = os.environ.get("PYTHONPATH")
        environment = {
            **os.environ,
            "PYTHONPATH": f"{REPO_ROOT}{os.pathsep}{path}" if path else str(REPO_ROOT),
        }
        # An installed aiwire runs from bytecode (pip compiles it, as it did the
        # dependencies'): PYTHONDONTWRITEBYTECODE in the caller's environment
        # would make every timed run compile the project's sources again.
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        return environment

    def run_cli(self, data_dir: Path, *args: str, config: Path | None = None) -> CliRun:
        io_file = data_dir.parent / f"cli-io-{time.monotonic_ns()}.json"
        command = [
            sys.executable, "-m", "bench.run_cli", str(io_file), "--",
            "--config", str(config or self.config), "--data-dir", str(data_dir), *args,
        ]  # fmt: skip
        started = time.perf_counter()
        done = subprocess.run(
            command, capture_output=True, cwd=REPO_ROOT, env=self.environment(), timeout=900
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(
                f"aiwire {' '.join(args)} exited {done.returncode}: {done.stderr.decode()[-2000:]}"
            )
        measured = json.loads(io_file.read_text())
        stdout = done.stdout.decode()
        lines = stdout.strip().splitlines()
        try:
            summary = json.loads(lines[-1]) if lines else {}
        except json.JSONDecodeError:
            summary = {}
        if not isinstance(summary, dict):
            summary = {}
        return CliRun(seconds, summary, measured.get("io", {}), measured, stdout)

    def floor(self, mode: str, etags: list[str] | None = None, feeds: int | None = None) -> float:
        spec = self.workdir / f"floor-{mode}.json"
        spec.write_text(json.dumps({"urls": self.server.urls(feeds), "etags": etags or []}))
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bench.floor", mode, str(spec)],
            check=True, capture_output=True, cwd=REPO_ROOT, env=self.environment(), timeout=900,
        )  # fmt: skip
        return time.perf_counter() - started

    def heavy_runs(self) -> int:
        """Runs for the minute-long scenarios: the suite must finish in ~15 minutes."""
        return self.runs if self.explicit_runs else min(self.runs, 2)

    def probe(
        self, mode: str, *args: str, timeout: float = 300, partial_ok: bool = False
    ) -> dict[str, Any]:
        out = self.workdir / f"probe-{mode}-{time.monotonic_ns()}.json"
        command = [sys.executable, "-m", "bench.probe_app", mode, str(out), *args]
        command += ["--timeout", str(timeout)]
        done = subprocess.run(
            command, capture_output=True, cwd=REPO_ROOT, env=self.environment(),
            timeout=timeout + 120,
        )  # fmt: skip
        if not out.exists():
            raise RuntimeError(f"probe {mode} wrote nothing: {done.stderr.decode()[-2000:]}")
        found: dict[str, Any] = json.loads(out.read_text())
        if "error" in found and not partial_ok:
            raise RuntimeError(f"probe {mode}: {found['error']} ({found})")
        return found

    def list_probes(self) -> list[dict[str, Any]]:
        """Runs of the app with the archive, list filled, G pressed (shared by two rows)."""
        if self._list_probes is None:
            expect = self.archive_count()
            self._list_probes = [
                self.probe(
                    "list",
                    "--data-dir",
                    str(self.app_dir()),
                    "--config",
                    str(self.empty_config),
                    "--expect",
                    str(expect),
                )  # fmt: skip
                for _ in range(self.runs)
            ]
        return self._list_probes

    def ensure_cold_dir(self) -> Path:
        if self.cold_dir is None:
            self.server.switch(0)
            data_dir = self.fresh_dir("cold-setup") / "data"
            self.run_cli(data_dir, "fetch", "--json")
            self.cold_dir = data_dir
        return self.cold_dir

    # -- the 100-feed polls ------------------------------------------------------

    def poll_dir(self) -> Path:
        """A data dir that has polled the poll feeds' generation 0 (copy before writing)."""
        found = self.poll_dirs.get("cold")
        if found is None:
            self.server.switch(0)
            found = self.fresh_dir("poll-setup") / "data"
            self.run_cli(found, "fetch", "--json", config=self.poll_config)
            self.poll_dirs["cold"] = found
        return found

    def copy_poll_dir(self, name: str) -> Path:
        target = self.fresh_dir(name) / "data"
        shutil.copytree(self.poll_dir(), target)
        return target

    def peer_profile(self) -> Profile | None:
        """newsboat's cache after the poll feeds' generation 0 (copy before writing)."""
        if self.newsboat is None:
            return None
        found = self.peer_profiles.get("cold")
        if found is None:
            self.server.switch(0)
            found = self.newsboat.profile("setup", self.server.urls(self.sizes.poll_feeds))
            self.newsboat.reload(found)
            self.newsboat.settle(found)
            self.peer_profiles["cold"] = found
        return found
