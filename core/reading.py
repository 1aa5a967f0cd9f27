"""What the reader shows of one article, gathered from the state and the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storage.records import Article

if TYPE_CHECKING:
    from core.library import Library


@dataclass(frozen=True, slots=True)
class ReaderContent:
    """Everything the reader shows for one article."""

    article: Article
    body: str
    source_name: str
    entity_names: tuple[str, ...] = ()
    event_lines: tuple[str, ...] = ()
    also_in: tuple[str, ...] = ()
    read: bool = False
    starred: bool = False


async def reader_content(library: Library, article_id: str) -> ReaderContent | None:
    state = library.state
    article = state.articles.get(article_id)
    if article is None or library.open_report is None:  # the newest rows show before it opens
        return None
    from watchlist.event_kinds import label as event_label  # the event words: not before a frame

    body = await library.service.body(article_id)
    name_of = library.watchlist.name
    events = tuple(
        f"{event_label(event.get('kind', '?'))}: {name_of(event.get('entity_id', ''))}"
        f"{event_details_text(event, name_of)} — “{event.get('sentence', '')}”"
        for event in article.events
    )
    also_in = tuple(
        f"{library.source_name(state.articles[other])} — "
        f"{state.articles[other].title} ({state.articles[other].language or '?'})"
        "  [a]"
        for other in state.also_in(article_id)
        if other in state.articles
    )
    return ReaderContent(
        article=article,
        also_in=also_in,
        body=body,
        source_name=library.source_name(article),
        entity_names=tuple(name_of(e) for e in article.entities),
        event_lines=events,
        read=state.is_read(article_id),
        starred=state.is_starred(article_id),
    )


def event_details_text(event: dict, name_of: Callable[[str], str]) -> str:
    """ " (target Segment, USD 3.2B; 2020)": the organisations, amount and the
    event's own date, as the ledger words them; "" when the sentence gave none."""
    from core.ledger import roles_text  # only for articles with events: not at start

    roles = event.get("roles") or {}
    said = roles_text(tuple(roles.items()), event.get("amount"), name_of)
    parts = [p for p in (said, event.get("date") or "") if p]
    return f" ({'; '.join(parts)})" if parts else ""
