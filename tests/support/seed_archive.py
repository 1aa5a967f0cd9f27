"""The seed articles as an archive: extracted, enriched with the bundled
feeds.toml's watchlist and stored, as the writer does on a first start."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ingest.config import load_config
from ingest.seeds import SEEDS_LOADED_KEY, extract_seeds, seed_files
from storage.records import NewArticle
from storage.store import ArticleStore
from watchlist.enrich import Enricher
from watchlist.entities import Entity
from watchlist.language import default_detector

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO_ROOT / "seeds"
FEEDS_TOML = REPO_ROOT / "feeds.toml"


@cache
def enricher() -> Enricher:
    config = load_config(FEEDS_TOML)
    entities = [
        Entity.make(e.kind, e.name, e.aliases, e.affiliation)
        for e in (*config.people, *config.companies)
    ]
    return Enricher(entities, default_detector())


def enriched(item: NewArticle) -> NewArticle:
    """The fields the enrichment worker fills (ingest.enrichment.enrich_batch)."""
    found = enricher().enrich(item.title, item.body, item.language)
    return item.with_changes(
        language=found.language,
        entities=tuple(found.entities),
        events=tuple(event.to_dict() for event in found.events),
        mention_counts=tuple(sorted(found.mention_counts.items())),
        alert_reasons=found.alert_reasons,
        enriched="seed-test",
    )


@cache
def seed_items() -> tuple[NewArticle, ...]:
    detector = default_detector()
    seeds = extract_seeds(seed_files(SEEDS_DIR), lambda text: detector.detect("", text))
    return tuple(enriched(seed.to_new_article()) for seed in seeds)


def seed_store(data_dir: Path) -> ArticleStore:
    """An open writer store holding the enriched seeds."""
    store = ArticleStore(data_dir)
    store.open()
    store.add(list(seed_items()))
    # A library opening this directory must not load the seed files again.
    store.set_meta(SEEDS_LOADED_KEY, sorted(p.name for p in seed_files(SEEDS_DIR)))
    store.flush()
    store.flush_state()
    return store
