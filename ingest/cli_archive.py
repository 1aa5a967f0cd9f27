"""`aiwire stats` and `aiwire prune`: the archive's size, and retention run by hand."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from ingest.config import ConfigError, load_config
from storage.stats import archive_stats, format_stats, human_bytes
from storage.store import ArticleStore


def _source_names(config_path: Path) -> dict[str, str]:
    try:
        return {source.id: source.name for source in load_config(config_path).sources}
    except (ConfigError, OSError):
        return {}  # stats still make sense without names: feed ids are shown


def run_stats(config_path: Path, data_dir: Path, out: TextIO, *, as_json: bool) -> int:
    store = ArticleStore(data_dir, want_writer=False)  # works beside a running dashboard
    report = store.open()
    for problem in report.unreadable:
        print(f"aiwire: {problem}", file=sys.stderr)
    stats = archive_stats(store)
    if as_json:
        out.write(json.dumps(stats.to_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(format_stats(stats, _source_names(config_path)))
    return 0


def run_prune(config_path: Path, data_dir: Path, out: TextIO) -> int:
    from ingest.retention_policy import retention_policy
    from storage.retention import Pruner

    try:
        config = load_config(config_path)
    except ConfigError as error:
        for problem in error.problems:
            print(f"aiwire: {problem}", file=sys.stderr)
        return 1
    policy = retention_policy(config)
    if not policy.active:
        out.write("no retention set: add keep or max_articles to [settings] or a source\n")
        return 0
    store = ArticleStore(data_dir)
    store.open()
    try:
        if not store.writer:
            print(
                "aiwire: another aiwire instance is writing; it prunes in the background",
                file=sys.stderr,
            )
            return 1
        result = Pruner(store, policy).run()
    finally:
        store.close()
    out.write(
        f"removed {result.removed:,} articles; body files: {result.files_compacted} compacted, "
        f"{result.files_deleted} deleted; on disk {human_bytes(result.bytes_before)} -> "
        f"{human_bytes(result.bytes_after)}\n"
    )
    if result.skipped:
        out.write(f"note: {result.skipped}\n")
    return 0
