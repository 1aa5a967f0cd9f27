"""The bundled seeds ship extracted: a first start stores them without extracting them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ingest.seed_cache import EXTRACTED_FILE, extract_pending, shipped_seeds, write_shipped
from ingest.seeds import extract_seeds_light, seed_files
from storage.store import ArticleStore
from tests.conftest import SEEDS_DIR
from tests.support.python import run_python


def test_the_shipped_extraction_is_what_extracting_the_seeds_gives_today() -> None:
    """Regenerate with `python -m ingest.seed_cache` when this fails."""
    found, left = shipped_seeds(seed_files(SEEDS_DIR))
    assert left == []
    assert found == extract_seeds_light(seed_files(SEEDS_DIR))


def test_an_edited_or_new_seed_file_is_extracted_the_others_are_not(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    edited = seeds / "001_678447d645fbbeec.txt"
    edited.write_text(edited.read_text() + "\nOne more sentence at the very end of it.\n")
    (seeds / "005_extra.txt").write_text(
        "A Headline About Anthropic Hiring Someone\n\n12 March 2025, 10:00 UTC\n\n"
        "Anthropic hired a new research lead this week, the company said in a statement.\n"
    )
    found, left = shipped_seeds(seed_files(seeds))
    assert [p.name for p in left] == ["001_678447d645fbbeec.txt", "005_extra.txt"]
    assert len(found) == 4
    titles = {seed.file_name: seed.title for seed in extract_pending(seed_files(seeds))}
    assert titles["005_extra.txt"] == "A Headline About Anthropic Hiring Someone"
    assert len(titles) == 6


def test_a_damaged_file_means_extracting_and_a_hostile_one_is_cleaned(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    (seeds / EXTRACTED_FILE).write_text("{not json")
    assert len(shipped_seeds(seed_files(seeds))[1]) == 5

    write_shipped(seeds)
    data = json.loads((seeds / EXTRACTED_FILE).read_text())
    record = data["seeds"]["000_32469dbd8dbbe5cf.txt"]
    record["title"] = "Evil \x1b]52;c;cm0gLXJmIH4=\x07title"
    record["source"] = {"outlet": "Out\x1b[2Jlet", "url": "javascript:alert(1)"}
    data["seeds"]["002_b965bc62eb1ee936.txt"]["paragraphs"] = None  # damaged: extracted again
    (seeds / EXTRACTED_FILE).write_text(json.dumps(data))
    found, left = shipped_seeds(seed_files(seeds))
    assert [p.name for p in left] == ["002_b965bc62eb1ee936.txt"]
    evil = next(seed for seed in found if seed.file_name.startswith("000"))
    assert evil.title == "Evil title"
    assert evil.source is not None
    assert (evil.source.outlet, evil.source.url) == ("Outlet", None)


FIRST_FETCH = """
import asyncio, sys
from pathlib import Path
from storage.service import StoreService
from storage.store import ArticleStore
from ingest.seed_cache import load_pending_seeds_in_worker

async def main() -> None:
    service = StoreService(ArticleStore(Path(sys.argv[1])))
    await service.open()
    added = await load_pending_seeds_in_worker(service, Path(sys.argv[2]))
    service.close()
    heavy = [name for name in ("dateparser", "lingua") if name in sys.modules]
    print(len(added), ",".join(heavy) or "none")

asyncio.run(main())
"""


def test_a_first_start_stores_the_shipped_seeds_without_extracting(tmp_path: Path) -> None:
    done = run_python("-c", FIRST_FETCH, str(tmp_path / "data"), str(SEEDS_DIR))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["5", "none"]
    store = ArticleStore(tmp_path / "data", want_writer=False)
    store.open()
    stored = {a.title for a in store.articles()}
    assert stored == {seed.title for seed in shipped_seeds(seed_files(SEEDS_DIR))[0]}
