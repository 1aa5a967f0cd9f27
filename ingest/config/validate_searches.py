"""Validation of [[searches]]: saved queries shown in the feeds panel like feeds."""

from __future__ import annotations

from ingest.config.checker import Checker
from ingest.config.model import MAX_NAME_LENGTH, MAX_QUERY_LENGTH, SEARCH_KEYS, SearchConfig


def check_searches(checker: Checker) -> tuple[SearchConfig, ...]:
    entries = checker.table_list("searches", "saved search")
    if not entries:
        return ()
    # Only a feeds.toml with saved searches needs the query parser.
    from storage.fold import fold

    searches: list[SearchConfig] = []
    named: dict[str, tuple] = {}  # type: ignore[type-arg]  # folded name -> its entry
    for path, table in entries:
        checker.unknown_keys(path, table, SEARCH_KEYS, "a saved search")
        name = query = None
        for key in SEARCH_KEYS:
            if key not in table:
                checker.problem(path + (key,), "is missing: every [[searches]] entry needs one")
        if "name" in table:
            name = checker.text(path + ("name",), table["name"], max_length=MAX_NAME_LENGTH)
        if "query" in table:
            query = checker.text(
                path + ("query",),
                table["query"],
                max_length=MAX_QUERY_LENGTH,
                example='openai "model card" -rumour',
            )
            if query is not None and not _asks_something(query):
                checker.problem(path + ("query",), "has nothing to search for")
                query = None
        if name is None or query is None:
            continue
        key = fold(name)
        if key in named:
            checker.problem(
                path + ("name",), f"{name!r} is already the name of {checker.where(named[key])}"
            )
            continue
        named[key] = path
        searches.append(SearchConfig(name, query, checker.line(path) or 1))
    return tuple(searches)


def _asks_something(query: str) -> bool:
    """Whether a query has a word or a field to look for (blank quotes have neither)."""
    from storage.fold import fold_words
    from storage.search_query import parse_query

    terms = [term for group in parse_query(query).groups for term in group]
    return any(term.field not in (None, "title") or fold_words(term.text) for term in terms)
