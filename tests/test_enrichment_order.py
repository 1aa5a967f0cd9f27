"""The view keeps the newest tagged version of an article, whatever order batches end in."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer

from core.library import Library, LibraryOptions
from storage.records import NewArticle
from storage.store import ArticleStore
from tests.test_fulltext import serve_page

ADA = "person:ada-lovelace"
FILLER = 999  # five enrichment batches after the first article's


async def _until(condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


async def test_a_whole_text_tagged_during_a_catch_up_is_not_undone_by_it(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    # An archive the watchlist has never seen: starting the writer tags it all
    # again in batches. While later batches run, the reader fetches the first
    # article's whole page, which names the watched person; the catch-up's
    # older version of that article must not come back in the view.
    import trafilatura  # noqa: F401 - its first import would outlast the catch-up

    url = serve_page(httpserver)
    data = tmp_path / "data"
    store = ArticleStore(data)
    store.open()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    [first] = store.add(
        [NewArticle("lab", "g0", "A lab grows", url, start, body="Two lines of summary.")]
    )
    store.add(
        [
            NewArticle(
                "lab", f"g{n}", f"Note {n}", None, start + timedelta(minutes=n), body=f"n{n}"
            )
            for n in range(1, FILLER + 1)
        ]
    )
    store.close()
    config = tmp_path / "feeds.toml"
    config.write_text('[[people]]\nname = "Ada Lovelace"\n')
    no_seeds = tmp_path / "no-seeds"
    no_seeds.mkdir()
    library = Library(LibraryOptions(config, data, no_seeds, schedule=False))
    await library.start()
    try:
        stored = library.service.store
        # The catch-up's first batch, which holds the first article, is stored.
        await _until(lambda: (a := stored.get(first.id)) is not None and a.enriched is not None)
        assert stored.get(first.id).entities == ()  # type: ignore[union-attr]
        assert not all(a.enriched for a in stored.articles()), "the catch-up ended too soon"
        library.fetch_whole_text(first.id)
        await _until(lambda: stored.get(first.id).entities == (ADA,))  # type: ignore[union-attr]
        # The catch-up and the whole text's tagging have both ended.
        await _until(lambda: library.tasks.idle())
        assert library.state.articles[first.id].entities == (ADA,)
        assert library.state.articles[first.id] == stored.get(first.id)
    finally:
        await library.aclose()
