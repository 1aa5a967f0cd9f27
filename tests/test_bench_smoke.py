"""The benchmark suite still runs: `python -m bench --quick --no-targets`, end to end.

No timing is asserted (CI machines are noisy); what is asserted is that every
scenario ran and printed its row, so the benchmark code cannot rot unnoticed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.scenarios import SCENARIOS

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.timeout(150)
def test_the_quick_benchmark_runs_every_scenario(tmp_path: Path) -> None:
    results_file = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--no-targets", "--json", str(results_file)],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=140,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    rows = {line.split()[0] for line in done.stdout.splitlines() if line.strip()}
    missing = [name for name in SCENARIOS if name not in rows]
    assert not missing, f"no row for {missing}:\n{done.stdout}"
    saved = json.loads(results_file.read_text())
    verdicts = {r["name"]: r["verdict"] for r in saved["results"]}
    assert set(verdicts) == set(SCENARIOS)
    # A scenario may be skipped (a component still missing) but never broken.
    assert "ERROR" not in verdicts.values(), verdicts
