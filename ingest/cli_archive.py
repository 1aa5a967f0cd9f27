"""`aiwire stats`: the archive's size, where it comes from, what it costs on disk."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from ingest.config import ConfigError, load_config
from storage.stats import archive_stats, format_stats
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
