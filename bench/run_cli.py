"""Run the real `aiwire` CLI in this process, then record what the process wrote.

    python -m bench.run_cli OUT.json -- [aiwire arguments...]

/proc/<pid>/io of a child is gone once it has been reaped, so the command
reads its own /proc/self/io after the CLI returns: wchar counts every write()
(files, logs, stdout), write_bytes what reached the block layer.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

# What a command imports only when it needs it: the UI toolkit, the language
# model, the feed parser and the HTML parser.
HEAVY_MODULES = ("textual", "lingua", "feedparser", "selectolax")


def proc_io() -> dict[str, int]:
    try:
        lines = Path("/proc/self/io").read_text().splitlines()
    except OSError:
        return {}
    return {key: int(value) for key, _, value in (line.partition(": ") for line in lines)}


def main() -> int:
    out = Path(sys.argv[1])
    argv = sys.argv[3:] if sys.argv[2:3] == ["--"] else sys.argv[2:]
    started = time.perf_counter()
    from tui.cli import main as aiwire_main

    code = aiwire_main(argv)
    sys.stdout.flush()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out.write_text(
        json.dumps(
            {
                "code": code,
                "seconds": time.perf_counter() - started,
                "io": proc_io(),
                "max_rss_kib": usage.ru_maxrss,
                "user_cpu": usage.ru_utime,
                "system_cpu": usage.ru_stime,
                "heavy_modules": [name for name in HEAVY_MODULES if name in sys.modules],
            }
        )
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
