"""`aiwire digest`: open the archive, bring its tagging up to date in memory,
make the digest and print it in the chosen format."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from core.digest import SPIKE_DAYS, Digest, arrived_in, make_digest, parse_since
from core.digest_html import render_html
from core.digest_render import render_json, render_markdown, render_text
from ingest.config import Config, ConfigError, load_config
from storage.records import SEED_FEED_ID, Article, FeedState
from watchlist.entities import entity_id

RENDERERS: dict[str, Callable[[Digest], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "html": render_html,
    "json": render_json,
}


def _names(config: Config) -> dict[str, str]:
    return {entity_id(e.kind, e.name): e.name for e in (*config.people, *config.companies)}


def _outlet_namer(config: Config, feeds: dict[str, FeedState]) -> Callable[[Article], str]:
    names = {source.id: source.name for source in config.sources}

    def outlet_of(article: Article) -> str:
        if article.feed_id == SEED_FEED_ID:
            return article.source.outlet if article.source and article.source.outlet else "Seed"
        state = feeds.get(article.feed_id)
        return (
            names.get(article.feed_id)
            or (state.title if state and state.title else None)
            or (article.feed_id)
        )

    return outlet_of


def bring_up_to_date(
    articles: Sequence[Article],
    config: Config,
    body_of: Callable[[str], str],
    wanted: Callable[[Article], bool],
) -> list[Article]:
    """The articles, those `wanted` and not tagged with this watchlist tagged now,
    in memory: `aiwire fetch` stores articles untagged, and the digest must not
    wait for the dashboard or the daemon to tag them."""
    from ingest.enrichment import watchlist_signature

    entities = (*config.people, *config.companies)
    signature = watchlist_signature(entities)
    stale = [a for a in articles if a.enriched != signature and wanted(a)]
    if not stale:
        return list(articles)
    from watchlist.enrich import Enricher
    from watchlist.entities import Entity

    enricher = Enricher([Entity.make(e.kind, e.name, e.aliases, e.affiliation) for e in entities])
    fresh: dict[str, Article] = {}
    for article in stale:
        found = enricher.enrich(article.title, body_of(article.id), article.language)
        fresh[article.id] = article.with_changes(
            language=found.language,
            entities=tuple(found.entities),
            events=tuple(event.to_dict() for event in found.events),
            mention_counts=tuple(sorted(found.mention_counts.items())),
            enriched=signature,
        )
    return [fresh.get(a.id, a) for a in articles]


def run_digest(
    config_path: Path,
    data_dir: Path,
    seeds_dir: Path,
    out: TextIO,
    *,
    since: str,
    fmt: str,
    now: datetime | None = None,
) -> int:
    from core.listing import open_store_with_seeds

    try:
        parse_since(since, datetime.now(UTC))
    except ValueError as error:
        print(f"aiwire digest: {error}", file=sys.stderr)
        return 2
    try:
        config = load_config(config_path)
    except ConfigError as error:
        for problem in error.problems:
            print(f"aiwire: {problem}", file=sys.stderr)
        return 1
    store = open_store_with_seeds(data_dir, seeds_dir)
    try:
        # After opening: seeds loaded just now arrived in the period.
        until = now or datetime.now(UTC)
        start = parse_since(since, until)
        feeds = store.feed_states()
        month = until - timedelta(days=SPIKE_DAYS + 1)
        articles = bring_up_to_date(
            list(store.articles()),
            config,
            store.body,
            lambda a: arrived_in(a, start, until) or month < a.sort_time <= until,
        )
        enabled = {s.id: s.name for s in config.sources if s.enabled}
        digest = make_digest(
            articles,
            store.body,
            since=start,
            until=until,
            names=_names(config),
            outlet_of=_outlet_namer(config, feeds),
            feeds=feeds,
            feed_names=enabled,
        )
    finally:
        store.close()
    out.write(RENDERERS[fmt](digest))
    return 0
