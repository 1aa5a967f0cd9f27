"""The bundled seeds, shipped already extracted, so a first start need not extract them.

Extracting a seed imports dateparser and builds lingua's models: more than a
second of CPU on a first start, paid by the first `aiwire fetch` or the
dashboard's first seconds. The seeds are fixed files, so their extraction is
done once, when they change, and shipped beside them in `extracted.json`,
keyed by each file's SHA-256: a seed file edited (or a new one dropped in) no
longer matches and is extracted as before.

    python -m ingest.seed_cache [SEEDS_DIR]    rewrites SEEDS_DIR/extracted.json
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from ingest.sanitize import clean_text, safe_link
from ingest.seeds import SeedArticle, extract_seeds_light, pending_seed_files, store_seeds
from storage.records import Article, Source
from storage.service import StoreService

log = logging.getLogger(__name__)

EXTRACTED_FILE = "extracted.json"
FORMAT = 1


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _to_json(seed: SeedArticle, digest: str) -> dict[str, Any]:
    return {
        "sha256": digest,
        "title": seed.title,
        "published": seed.published.isoformat() if seed.published else None,
        "date_precision": seed.date_precision,
        "language": seed.language,
        "source": seed.source.to_dict() if seed.source else None,
        "paragraphs": list(seed.paragraphs),
    }


def _from_json(name: str, record: dict[str, Any]) -> SeedArticle:
    # The file ships with aiwire, but it is read like any other input: every
    # string is cleaned and the link made safe, as extraction itself does.
    source = record.get("source")
    published = record.get("published")
    return SeedArticle(
        file_name=name,
        title=clean_text(str(record["title"]), single_line=True),
        published=datetime.fromisoformat(published) if published else None,
        date_precision=str(record["date_precision"]),
        language=record.get("language"),
        source=(
            Source(
                outlet=clean_text(source["outlet"], single_line=True) if source["outlet"] else None,
                url=safe_link(source["url"]),
            )
            if source
            else None
        ),
        paragraphs=tuple(clean_text(str(p)) for p in record["paragraphs"]),
    )


def shipped_seeds(paths: list[Path]) -> tuple[list[SeedArticle], list[Path]]:
    """The seeds among `paths` whose extraction ships, and the paths left to extract."""
    if not paths:
        return [], []
    try:
        data = json.loads((paths[0].parent / EXTRACTED_FILE).read_text(encoding="utf-8"))
        records = data["seeds"] if data.get("format") == FORMAT else {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        records = {}
    found: list[SeedArticle] = []
    left: list[Path] = []
    for path in paths:
        record = records.get(path.name) if isinstance(records, dict) else None
        try:
            if record is not None and record.get("sha256") == _digest(path):
                found.append(_from_json(path.name, record))
                continue
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # unreadable now or a damaged record: extracted like any other file
        left.append(path)
    return found, left


def extract_pending(paths: list[Path]) -> list[SeedArticle]:
    """The seeds of `paths`: shipped ones as shipped, the others extracted here."""
    found, left = shipped_seeds(paths)
    return found + (extract_seeds_light(left) if left else [])


async def load_pending_seeds_in_worker(service: StoreService, directory: Path) -> list[Article]:
    """Store the seed files not loaded yet, from a process with an event loop to keep free.

    Seeds whose extraction ships need no extracting; any other is extracted
    in a worker process (see extract_seeds_light), and all are stored on the
    store's own thread.
    """
    store = service.store
    pending = await service.call(pending_seed_files, store, directory)
    if not pending:
        return []
    from ingest.processes import run_in_worker_process  # multiprocessing: only when needed

    found, left = await asyncio.to_thread(shipped_seeds, pending)
    extracted: list[SeedArticle] = []
    if left:
        try:
            extracted = await run_in_worker_process(extract_seeds_light, left)
        except Exception:  # noqa: BLE001 - no worker process: extract them on a thread instead
            log.exception("extracting seeds in a worker process failed; extracting on a thread")
            extracted = await asyncio.to_thread(extract_seeds_light, left)
    return await service.call(store_seeds, store, found + extracted)


def write_shipped(directory: Path) -> Path:
    """Extract every seed file of `directory` (as a first start would) and save the result."""
    from ingest.seed_files import seed_files

    paths = seed_files(directory)
    seeds = extract_seeds_light(paths)
    records = {
        seed.file_name: _to_json(seed, _digest(directory / seed.file_name)) for seed in seeds
    }
    target = directory / EXTRACTED_FILE
    text = json.dumps({"format": FORMAT, "seeds": records}, ensure_ascii=False, indent=1)
    target.write_text(text + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    from ingest.resources import bundled_seeds_dir

    print(write_shipped(Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_seeds_dir()))
