"""The retention settings of feeds.toml as the storage layer's RetentionPolicy."""

from __future__ import annotations

from ingest.config import Config
from storage.retention import RetentionPolicy, Rule
from watchlist.entities import entity_id


def retention_policy(config: Config) -> RetentionPolicy:
    """[settings] keep/max_articles for the archive, a source's own for that source;
    an event on anyone in [[people]] or [[companies]] keeps its article."""
    watched = frozenset(
        entity_id(entity.kind, entity.name) for entity in (*config.people, *config.companies)
    )
    per_source = {
        source.id: Rule(source.keep, source.max_articles)
        for source in config.sources
        if source.keep is not None or source.max_articles is not None
    }
    settings = config.settings
    return RetentionPolicy(Rule(settings.keep, settings.max_articles), per_source, watched)
