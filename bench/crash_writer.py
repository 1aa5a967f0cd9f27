"""A writer for the crash rounds: adds batches forever, acknowledging each on stdout.

    python -m bench.crash_writer DATA_DIR ROUND

The same approach as tests/test_storage.py's kill test: a line printed after
add() and flush_user() return is an acknowledgement; those ids must survive
a SIGKILL at any moment.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from storage.records import NewArticle
from storage.store import ArticleStore

BATCH = 50


def main() -> int:
    store = ArticleStore(Path(sys.argv[1]))
    store.open()
    number = int(sys.argv[2]) * 1_000_000
    while True:
        batch = [
            NewArticle(
                feed_id="crash",
                guid=f"g{number + i}",
                title=f"Crash round item {number + i}",
                link=None,
                published=datetime(2026, 1, 1, tzinfo=UTC),
                body="x" * 3000,
            )
            for i in range(BATCH)
        ]
        added = store.add(batch)
        store.set_flags([added[0].id], read=True)
        store.flush_user()
        sys.stdout.write(" ".join(a.id for a in added) + "\n")
        sys.stdout.flush()
        number += BATCH


if __name__ == "__main__":
    sys.exit(main())
