"""`aiwire list`: the stored articles, newest first, as lines or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from core.names import SourceNames, middle_shorten
from core.ordering import order_key
from core.story_share import STORIES_KEY, stored_groups
from storage.records import Article, to_iso
from storage.store import ArticleStore

SOURCE_WIDTH = 24  # the source column of the lines `aiwire list` prints


def open_store_with_seeds(data_dir: Path, seeds_dir: Path) -> ArticleStore:
    """Open the store; as the writer, load the seed files not loaded yet."""
    store = ArticleStore(data_dir)
    report = store.open()
    for moved in report.moved_aside:
        print(f"aiwire: {moved}", file=sys.stderr)
    if store.writer:
        from ingest.seed_cache import extract_pending
        from ingest.seeds import pending_seed_files, store_seeds

        # Only seeds not loaded yet are read, and lingua is imported only for
        # those whose extraction does not ship.
        pending = pending_seed_files(store, seeds_dir)
        if pending:
            store_seeds(store, extract_pending(pending))
    return store


def article_json(store: ArticleStore, article: Article) -> dict[str, object]:
    state = store.user_state(article.id)
    record: dict[str, object] = {
        "id": article.id,
        "feed": article.feed_id,
        "title": article.title,
        "link": article.link,
        "published": to_iso(article.published),
        "date_precision": article.date_precision,
        "first_seen": to_iso(article.first_seen),
        "language": article.language,
        "read": state.read,
        "starred": state.starred,
        "entities": list(article.entities),
    }
    if article.source is not None:
        record["source"] = article.source.to_dict()
    return record


def source_names(config_path: Path | None) -> SourceNames:
    """The names feeds.toml gives; an unreadable file leaves feed titles and ids."""
    from ingest.config import ConfigError, load_config

    names = SourceNames()
    if config_path is not None:
        try:
            names.apply(load_config(config_path))
        except (ConfigError, OSError) as error:
            print(f"aiwire: source names from feed titles only: {error}", file=sys.stderr)
    return names


def list_articles(
    data_dir: Path,
    seeds_dir: Path,
    out: TextIO,
    *,
    as_json: bool,
    limit: int | None,
    config_path: Path | None = None,
) -> int:
    names = source_names(config_path)
    store = open_store_with_seeds(data_dir, seeds_dir)
    try:
        feeds = store.feed_states()
        # The dashboard's order: undated seeds after dated news, not by when stored.
        by_id = {article.id: article for article in store.articles()}
        stories = {
            member: group
            for group in stored_groups(store.meta(STORIES_KEY, []))
            for member in group
        }
        articles = sorted(by_id.values(), key=lambda a: order_key(a, stories, by_id))
        if limit is not None:
            articles = articles[:limit]
        for article in articles:
            record = article_json(store, article)
            record["source_name"] = names.source_name(article, feeds)
            if as_json:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                date = record["published"] or "no date"
                mark = " " if record["read"] else "N"
                source = middle_shorten(str(record["source_name"]), SOURCE_WIDTH)
                out.write(f"{mark} {str(date):<20} {source:<{SOURCE_WIDTH}} {article.title}\n")
    finally:
        store.close()
    return 0
