"""The field terms of a search (source:, tag:, lang:, person:/company:),
answered from the in-memory state, which knows names, tags and entities.

Text terms go to the store's index (storage.search); these are run on the
event loop before the query is handed over, so the store's thread never
reads the state while the loop changes it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property, wraps
from typing import TYPE_CHECKING, TypeVar

from core.saved_searches import SavedSearches
from core.tasks import import_off_loop
from storage.records import SEED_FEED_ID

T = TypeVar("T")
S = TypeVar("S", bound="Searching")

if TYPE_CHECKING:
    from core.library import Library, LibraryOptions
    from core.tasks import Tasks
    from storage.search_query import Term
    from storage.service import StoreService


def field_ids(library: Library, query: str) -> dict[Term, set[str]]:
    # Imported here, not before a first frame: the open imports storage.search,
    # which holds them, off the loop before any search can run.
    from storage.search_query import parse_query

    terms = parse_query(query).fields()
    return {term: _ids(library, term) for term in terms}


def _ids(library: Library, term: Term) -> set[str]:
    from storage.fold import fold

    wanted = fold(term.text).strip()
    articles = library.state.articles.values()
    if not wanted:
        return set()
    if term.field == "lang":
        return {
            a.id
            for a in articles
            if a.language
            and (fold(a.language) == wanted or fold(a.language).startswith(f"{wanted}-"))
        }
    if term.field == "entity":
        entities = {
            e.id
            for e in library.watchlist.entities
            if any(wanted in fold(name) for name in (e.name, *e.config.aliases))
        }
        return {a.id for a in articles if entities.intersection(a.entities)}
    if term.field == "tag":
        feeds = {s.id for s in library.config.sources if any(wanted == fold(t) for t in s.tags)}
        return {a.id for a in articles if a.feed_id in feeds}
    if term.field == "source":
        names = library.feed_names()
        feeds = {f for f, name in names.items() if wanted in fold(name) or wanted in fold(f)}
        feeds.discard(SEED_FEED_ID)  # seeds are named by their outlet, below
        return {
            a.id
            for a in articles
            if a.feed_id in feeds
            or (a.feed_id == SEED_FEED_ID and wanted in fold(library.source_name(a)))
        }
    return set()


class SearchUnavailable(Exception):
    """A search that cannot be answered: the archive did not open, or aiwire is closing."""


def tracks_open(open_archive: Callable[[S], Awaitable[T]]) -> Callable[[S], Awaitable[T]]:
    """Library.open, noting when and how it ended, for the searches that wait for it."""

    @wraps(open_archive)
    async def opening(self: S) -> T:
        try:
            return await open_archive(self)
        except Exception as error:
            self.open_error = error
            raise
        finally:
            self._open_ended.set()

    return opening


class Searching:
    """Search, as the Library (core.library) offers it."""

    # Made by the first prepare_search: searches wait there for the index to be made.
    _search_thread: ThreadPoolExecutor | None = None
    open_error: Exception | None = None  # why Library.open failed, if it did
    _closed = False

    if TYPE_CHECKING:
        tasks: Tasks
        service: StoreService
        options: LibraryOptions
        _service: StoreService | None
        open_report: object | None

    @cached_property
    def _open_ended(self) -> asyncio.Event:
        """Set once Library.open has ended, however it ended, and when the library closes."""
        return asyncio.Event()

    @property
    def closed(self) -> bool:
        return self._closed

    def _closing(self) -> None:
        """The library closes: a search waiting for the archive ends now."""
        self._closed = True
        self._open_ended.set()

    def _opening(self) -> bool:
        """Whether the archive is still opening: a dashboard lists its newest
        rows (storage.newest) before that, and a search then must neither
        load the archive itself nor build an index the open is about to read."""
        if self.closed:
            return False
        return self.open_report is None or (self.options.keep_state and self._search_thread is None)

    async def _wait_for_archive(self) -> None:
        """Wait while the archive opens; raise SearchUnavailable if it never will.

        An open that failed leaves no index and no loaded archive behind it, and
        a closing library must not reopen its store for a search."""
        if self._opening():
            await self._open_ended.wait()
        if self.closed:
            raise SearchUnavailable("aiwire is closing")
        if self._opening():
            reason = self.open_error or "it stopped before it finished"
            raise SearchUnavailable(f"the archive did not open ({reason})")

    async def import_store(self) -> None:
        """Import the store off the loop; a dashboard starts reading its saved search
        index meanwhile, so it is ready when the store has loaded."""
        await import_off_loop("storage.service", "storage.store")
        if self.options.keep_state:
            await import_off_loop("storage.search")
            from storage.search import preload

            preload(self.service.store.data_dir)

    async def save_search(self) -> None:
        """Save what the search index learnt this session, so the next start need not."""
        if self._search_thread is not None:
            self._search_thread.shutdown(wait=False, cancel_futures=True)
        if self.options.keep_state and self._service is not None:
            from storage.search import save_search_index

            await self.service.call(save_search_index, self.service.store)

    @cached_property
    def saved_searches(self) -> SavedSearches:
        return SavedSearches(self)  # type: ignore[arg-type]

    def prepare_search(self, *, at_start: bool = False) -> None:
        """Load or catch up the search index in the background, off the loop.

        At start only for a dashboard, and at once: a first query must not wait."""
        if (at_start and not self.options.keep_state) or (not at_start and self._opening()):
            return  # a dashboard's open prepares it
        from storage.search import prepare_search

        if self._search_thread is None:
            self._search_thread = ThreadPoolExecutor(1, thread_name_prefix="aiwire-search")

        self.tasks.spawn(
            self.service.call(prepare_search, self.service.store),
            "search-index",
            group="search-index",
            exclusive=True,
        )

    async def search(self, query: str) -> list[str]:
        """The ids a query finds: on a thread of its own when the index is caught
        up (never behind the store's writes), else on the store's thread."""
        from storage.search import search_articles, search_caught_up

        await self._wait_for_archive()
        fields = field_ids(self, query)  # type: ignore[arg-type]
        store = self.service.store
        if self._search_thread is not None:
            loop = asyncio.get_running_loop()
            found = await loop.run_in_executor(
                self._search_thread, search_caught_up, store, query, fields
            )
            if found is not None:
                return found
        return await self.service.call(search_articles, store, query, fields)
