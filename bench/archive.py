"""The bench archives (100,000 articles; a year of 300,000), written through
the project's own ArticleStore.

Articles go in batches of one shard, so the files on disk are exactly what
aiwire itself writes, snapshots of sealed shards included.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.corpus import FILLER_FEEDS, SPAN, Corpus, Names, etag_for, feed_id, watched_names
from ingest.resources import bundled_seeds_dir
from storage import search
from storage.records import FeedState, NewArticle
from storage.store import SHARD_CAPACITY, ArticleStore


@dataclass(frozen=True, slots=True)
class ArchiveReport:
    articles: int
    seconds: float
    bytes_on_disk: int


def _filler(
    count: int, anchor: datetime, names: Names, seed: int, span: timedelta, enriched: str | None
) -> Iterator[NewArticle]:
    """Older articles from other feeds, oldest first."""
    corpus = Corpus(FILLER_FEEDS, 1, anchor=anchor, seed=seed + 1, names=names)
    for n in range(count):
        item = corpus.item(n % FILLER_FEEDS, n)
        published = anchor - span * (1 - n / max(count, 1))
        yield NewArticle(
            feed_id=f"archive-{n % FILLER_FEEDS:03d}",
            guid=f"urn:archive:{n}",
            title=item.title,
            link=item.link.replace("news.example", "archive.example"),
            published=published,
            body=item.text,
            language="en",
            enriched=enriched,
        )


def _feed_articles(corpus: Corpus, generation: int, enriched: str | None) -> Iterator[NewArticle]:
    for feed_index in range(corpus.feeds):
        for item in corpus.feed_items(feed_index, generation):
            yield NewArticle(
                feed_id=feed_id(feed_index),
                guid=item.guid,
                title=item.title,
                link=item.link,
                published=item.published,
                body=item.text,
                language="en",
                enriched=enriched,
            )


def build_archive(
    data_dir: Path,
    total: int,
    corpus: Corpus | None = None,
    *,
    base_url: str | None = None,
    config: Path | None = None,
    batch: int = SHARD_CAPACITY,
    span: timedelta = SPAN,
) -> ArchiveReport:
    """Write `total` articles through ArticleStore.add, in shard-sized batches.

    With a corpus, its generation-0 items are the newest part of the archive
    (and their feed states carry generation-0 ETags), as if aiwire had polled
    those feeds before: a churn poll then finds 45 known and 5 new per feed.
    With a config, every article is marked enriched with its watchlist's
    signature, as in a data dir aiwire has run on: otherwise the first command
    would spend minutes catching up on 100,000 articles and measure that instead.
    `span`: how far back the oldest article is dated.
    """
    from ingest.seeds import load_pending_seeds

    started = time.perf_counter()
    store = ArticleStore(data_dir)
    store.open()
    # The seed articles are in every real data dir; loading them here keeps the
    # measured commands from adding them.
    load_pending_seeds(store, bundled_seeds_dir(), lambda _text: "en")
    anchor = corpus.anchor if corpus else datetime.now(UTC).replace(microsecond=0)
    names = corpus.names if corpus else watched_names()
    feed_count = corpus.feeds * corpus.items if corpus else 0
    signature = _signature(config) if config is not None else None
    filler = _filler(max(total - feed_count, 0), anchor, names, 7, span, signature)
    sources = [filler]
    if corpus is not None:
        sources.append(_feed_articles(corpus, 0, signature))
    pending: list[NewArticle] = []
    written = 0

    def flush() -> None:
        nonlocal written
        # first_seen moves forward batch by batch over the span.
        seen = anchor - span * (1 - written / max(total, 1))
        written += len(store.add(pending, now=seen))
        pending.clear()

    for source in sources:
        for article in source:
            pending.append(article)
            if len(pending) >= batch:
                flush()
    if pending:
        flush()
    if signature is not None:
        # The seed articles, the only ones stored without it.
        store.update_articles(
            {a.id: {"enriched": signature} for a in store.articles() if a.enriched != signature}
        )
    # A dashboard keeps the search index beside the archive it has shown.
    search.prepare_search(store)
    if corpus is not None and base_url is not None:
        for feed_index in range(corpus.feeds):
            store.put_feed_state(
                FeedState(
                    feed_id=feed_id(feed_index),
                    url=f"{base_url}/feeds/{feed_index:04d}.xml",
                    etag=etag_for(feed_index, 0),
                    last_success=anchor,
                    last_attempt=anchor,
                    title=f"Bench wire {feed_index}",
                )
            )
        store.flush_state()
    store.close()
    # Opened once more as aiwire would next: its writer makes the snapshots of
    # the sealed shards, which the measured starts then load from.
    again = ArticleStore(data_dir)
    again.open()
    again.close()
    size = sum(p.stat().st_size for p in data_dir.rglob("*") if p.is_file())
    return ArchiveReport(written, time.perf_counter() - started, size)


def _signature(config: Path) -> str:
    from ingest.config import load_config
    from ingest.enrichment import watchlist_signature

    loaded = load_config(config)
    # The order the app and the CLI use to build their EnrichmentService.
    return watchlist_signature((*loaded.people, *loaded.companies))
