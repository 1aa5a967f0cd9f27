"""newsboat on the same feeds from the same loopback server, when it is installed.

Each profile is a directory with its own config (`reload-threads 8`, as fair a
match for aiwire's `concurrency = 8` as newsboat has), urls file and cache, and
HOME points there, so nothing of the user's own newsboat is read or written.
The peer is reported beside the poll rows; a missing newsboat is never an error.

newsboat 2.21 stores a feed's ETag and Last-Modified only on its second
reload (newsboat issue 2734): a cache meant for warm or churn polls is
settled with one more reload first, so that those polls are the conditional
GETs newsboat sends in steady use.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

CONFIG = """reload-threads 8
download-timeout 60
download-retries 1
show-read-feeds yes
"""


@dataclass(frozen=True, slots=True)
class Profile:
    directory: Path

    @property
    def cache(self) -> Path:
        return self.directory / "cache.db"


class Newsboat:
    def __init__(self, binary: str, workdir: Path) -> None:
        self.binary = binary
        self.workdir = workdir
        self._counter = 0

    @classmethod
    def find(cls, workdir: Path) -> Newsboat | None:
        binary = shutil.which("newsboat")
        return cls(binary, workdir) if binary else None

    def version(self) -> str:
        done = subprocess.run([self.binary, "-v"], capture_output=True, text=True, timeout=30)
        first = (done.stdout or done.stderr).strip().splitlines()
        return first[0] if first else "newsboat"

    def profile(self, name: str, urls: list[str]) -> Profile:
        self._counter += 1
        directory = self.workdir / f"newsboat-{self._counter:03d}-{name}"
        directory.mkdir(parents=True)
        (directory / "config").write_text(CONFIG)
        (directory / "urls").write_text("".join(f"{url}\n" for url in urls))
        return Profile(directory)

    def copy(self, profile: Profile, name: str) -> Profile:
        self._counter += 1
        directory = self.workdir / f"newsboat-{self._counter:03d}-{name}"
        shutil.copytree(profile.directory, directory)
        return Profile(directory)

    def _run(self, profile: Profile, *args: str) -> tuple[float, str]:
        home = profile.directory
        command = [
            self.binary, "-C", str(home / "config"), "-u", str(home / "urls"),
            "-c", str(profile.cache), *args,
        ]  # fmt: skip
        env = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "xdg-config"),
            "XDG_DATA_HOME": str(home / "xdg-data"),
        }
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(
                f"newsboat {' '.join(args)} exited {done.returncode}: {done.stderr[-1000:]}"
            )
        return seconds, done.stdout

    def reload(self, profile: Profile) -> float:
        """`newsboat -x reload`: every feed fetched (conditionally once cached) and stored."""
        return self._run(profile, "-x", "reload")[0]

    def settle(self, profile: Profile) -> None:
        """One more reload, after which newsboat sends conditional GETs."""
        self.reload(profile)

    def print_unread(self, profile: Profile) -> tuple[float, int]:
        """`newsboat -x print-unread`: the time, and the unread count it printed."""
        seconds, out = self._run(profile, "-x", "print-unread")
        found = re.search(r"(\d+) unread", out)
        return seconds, int(found.group(1)) if found else -1

    def remove(self, profile: Profile) -> None:
        shutil.rmtree(profile.directory, ignore_errors=True)
