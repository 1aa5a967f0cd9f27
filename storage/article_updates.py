"""Applying enrichment's changes to stored articles.

A mixin of ArticleStore (store.py): the rows are changed in their shards,
one flush per shard, and the newest rows (newest.py) follow.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from storage.records import Article
from storage.row_refs import doc_of, shard_of
from storage.texts import ARTICLES_TABLE

if TYPE_CHECKING:
    from collections.abc import Iterable

    from storage.shard_files import Shard

# Keys an article's document holds only when they have a value: a replacement
# without one must drop the stored one.
OPTIONAL_KEYS = (
    "entities",
    "events",
    "links",
    "source",
    "enriched",
    "mentions",
    "alert_reasons",
)


class ArticleUpdates:
    """Needs the ArticleStore attributes it names below."""

    _shards: list[Shard]
    _articles: dict[str, Article]
    _doc_ref: dict[str, int]

    if TYPE_CHECKING:

        def _require_writer(self) -> None: ...
        def _load_articles(self) -> None: ...
        def _flush_shards(self, shard_indexes: Iterable[int]) -> None: ...
        def _newest_updated(self, articles: Iterable[Article]) -> None: ...

    def update_articles(self, changes: Mapping[str, Mapping[str, Any]]) -> list[Article]:
        """Apply field changes (from enrichment) to stored articles; durable on return.

        `changes` maps an article id to Article field names and new values.
        """
        self._require_writer()
        self._load_articles()
        by_shard: dict[int, dict[int, dict[str, Any]]] = {}
        updated: list[Article] = []
        for article_id, fields in changes.items():
            article = self._articles.get(article_id)
            if article is None:
                continue
            article = article.with_changes(**fields)
            self._articles[article_id] = article
            updated.append(article)
            ref = self._doc_ref[article_id]
            shard_index, doc_id = shard_of(ref), doc_of(ref)
            by_shard.setdefault(shard_index, {})[doc_id] = article.to_doc()
        for shard_index, docs in by_shard.items():
            # TinyDB hands the transform the raw stored dict (no doc_id), so
            # the replacement is found through the article id it carries.
            replacements = {doc["id"]: doc for doc in docs.values()}

            def apply(
                stored: dict[str, Any], replacements: dict[str, dict[str, Any]] = replacements
            ) -> None:
                replacement = replacements[stored["id"]]
                body = stored.get("body")
                for key in OPTIONAL_KEYS:
                    stored.pop(key, None)
                stored.update(replacement)
                if body is not None:
                    stored["body"] = body

            shard = self._shards[shard_index]
            shard.table.update(apply, doc_ids=list(docs))
            shard.storage.mark(ARTICLES_TABLE, docs)
        self._flush_shards(by_shard)
        self._newest_updated(updated)
        return updated
