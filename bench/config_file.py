"""The feeds.toml a bench run polls: N local sources and the bundled watchlists."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from bench.corpus import feed_id
from ingest.resources import bundled_config


def _toml_string(text: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes for this text.
    return json.dumps(text, ensure_ascii=False)


def write_config(
    path: Path,
    base_url: str,
    feeds: int,
    *,
    concurrency: int = 8,
    per_host: int = 8,
    with_watchlists: bool = True,
) -> Path:
    """A feeds.toml of `feeds` local sources with explicit, stable ids.

    per_host defaults to the global concurrency: every bench feed lives on
    127.0.0.1, and the default per-host limit of 2 would measure one host's
    politeness, not 500 independent sites.
    """
    lines = [
        "[settings]",
        'default_interval = "30m"',
        f"concurrency = {concurrency}",
        f"per_host = {per_host}",
        'timeout = "60s"',
        "",
    ]
    for index in range(feeds):
        lines += [
            "[[sources]]",
            f'id = "{feed_id(index)}"',
            f'name = "Bench wire {index}"',
            f'url = "{base_url}/feeds/{index:04d}.xml"',
            "",
        ]
    if with_watchlists:
        data = tomllib.loads(bundled_config().read_text(encoding="utf-8"))
        for section in ("people", "companies"):
            for entry in data.get(section, []):
                lines.append(f"[[{section}]]")
                lines.append(f"name = {_toml_string(entry['name'])}")
                if entry.get("aliases"):
                    aliases = ", ".join(_toml_string(a) for a in entry["aliases"])
                    lines.append(f"aliases = [{aliases}]")
                if entry.get("affiliation"):
                    lines.append(f"affiliation = {_toml_string(entry['affiliation'])}")
                lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
