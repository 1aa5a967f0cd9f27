"""Running this interpreter in a child process, from the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def run_python(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python *args` in a fresh interpreter, run from the checkout with it importable."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
