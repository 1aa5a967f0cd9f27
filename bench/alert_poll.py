"""Poll the alert corpus twice with the dashboard's own core and collect its alerts.

The Library runs as the dashboard runs it (an in-memory view, enrichment before
storing, story grouping, the Alerts announcer), without a screen: the sources
are added and polled (generation 0, the back catalogue), then polled again
when generation 1 is served, as the refresh key does. What alerted is what
the ⚑ Alerts list holds once every burst was announced.
"""

from __future__ import annotations

import asyncio
import json
import time
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.alert_corpus import AlertCorpus
from bench.config_file import write_config
from bench.corpus import feed_id
from bench.server import FeedServer
from ingest.resources import bundled_config

SETTLE_SECONDS = 0.5  # quiet this long (no arrivals, tasks or pending burst): done


@dataclass(slots=True)
class Alerted:
    article_id: str
    feed_index: int
    guid: str
    title: str
    entities: dict[str, str]  # entity name -> reason ("title", "lead", "event", "body")


@dataclass(slots=True)
class PollResult:
    polled_first: int = 0  # articles stored by the first poll
    polled_second: int = 0  # articles the second poll brought
    first_poll_alerts: list[Alerted] = field(default_factory=list)
    alerts: list[Alerted] = field(default_factory=list)  # after the second poll
    announced: int = 0  # alerts in the bursts announced (one per story)
    seconds: float = 0.0
    stories: list[tuple[str, ...]] = field(default_factory=list)  # the groups aiwire made
    # New, eligible articles that name a watched entity anywhere: what would
    # alert if every entity were set to "any" (a mention anywhere).
    any_mention: int = 0


def watchlist_toml(config: Path | None = None) -> str:
    """The shipped watchlist (people and companies with their settings) as TOML."""
    data = tomllib.loads((config or bundled_config()).read_text(encoding="utf-8"))
    lines: list[str] = []
    for section in ("people", "companies"):
        for entry in data.get(section, []):
            lines.append(f"[[{section}]]")
            for key in ("name", "aliases", "affiliation", "alert"):
                if key in entry:
                    lines.append(f"{key} = {json.dumps(entry[key], ensure_ascii=False)}")
            lines.append("")
    return "\n".join(lines)


def write_alert_config(path: Path, base_url: str, feeds: int) -> Path:
    write_config(path, base_url, feeds, with_watchlists=False)
    with path.open("a", encoding="utf-8") as out:
        out.write("\n" + watchlist_toml())
    return path


async def _settled(library, started: float, timeout: float) -> None:  # type: ignore[no-untyped-def]
    """Until nothing is left to do: arrivals taken in, grouping done, bursts announced."""
    quiet_since: float | None = None
    while True:
        writing = library.writing
        arrivals = writing._arrivals if writing is not None else None
        busy = (
            (arrivals is not None and arrivals.pending > 0)
            or not library.tasks.idle()
            or library.alerts._timer is not None
        )
        now = time.perf_counter()
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif now - quiet_since >= SETTLE_SECONDS:
            return
        if now - started > timeout:
            raise TimeoutError(f"the library did not settle within {timeout:g} s")
        await asyncio.sleep(0.05)


def _alerted(library, ids: Iterable[str], guids: dict[str, tuple[int, str]]) -> list[Alerted]:  # type: ignore[no-untyped-def]
    from core.alerts import reasons_to_alert

    found = []
    watchlist = library.watchlist
    for article_id in ids:
        article = library.state.articles[article_id]
        index, guid = guids.get(article.feed_id + "|" + article.link, (-1, article.link))
        entities = {
            watchlist.name(entity): reason
            for entity, reason, _ in reasons_to_alert(article, watchlist)
        }
        found.append(Alerted(article_id, index, guid, article.title, entities))
    return found


def _named_anywhere(library, earlier: set[str]) -> int:  # type: ignore[no-untyped-def]
    from core.alerts import is_back_catalogue

    watched = library.watchlist.is_watched
    feeds = library.state.feeds
    return sum(
        1
        for i, article in library.state.articles.items()
        if i not in earlier
        and not is_back_catalogue(article, feeds.get(article.feed_id))
        and any(watched(entity) for entity, _, _ in article.alert_reasons)
    )


def _groups(library, guids: dict[str, tuple[int, str]]) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    """The story groups aiwire made, as corpus item ids."""
    articles = library.state.articles
    name = {i: guids.get(a.feed_id + "|" + (a.link or ""), (-1, i))[1] for i, a in articles.items()}
    groups = {tuple(sorted(name.get(i, i) for i in g)) for g in library.state.stories.values()}
    return sorted(groups)


async def poll_twice(
    corpus: AlertCorpus, workdir: Path, seeds_dir: Path, *, timeout: float = 120.0
) -> PollResult:
    """Serve generation 0, add the sources, poll; serve generation 1, poll again."""
    from core.events import AlertsRaised
    from core.library import Library, LibraryOptions

    result = PollResult()
    started = time.perf_counter()
    announced: list[int] = []

    def listen(event: object) -> None:
        if isinstance(event, AlertsRaised):
            announced.append(len(event.burst))

    server = FeedServer(corpus)  # type: ignore[arg-type]
    server.start()
    try:
        config = write_alert_config(workdir / "feeds.toml", server.base_url, corpus.feeds)
        options = LibraryOptions(
            config_path=config,
            data_dir=workdir / "data",
            seeds_dir=seeds_dir,
            schedule=False,  # polled when asked, as the refresh key asks
            fetch_off_loop=True,
        )
        library = Library(options, listen)
        try:
            await library.start()
            polling = library.writing.polling
            outcomes = await polling.refresh()
            result.polled_first = sum(len(o.new_articles) for o in outcomes)
            await _settled(library, started, timeout)
            guids = {
                f"{feed_id(item.feed)}|{corpus.feed_list[item.feed].site.rstrip('/')}/{item.id}": (
                    item.feed,
                    item.id,
                )
                for item in corpus.items()
            }
            result.first_poll_alerts = _alerted(library, library.alerts.ids, guids)
            before = set(library.alerts.ids)
            before_second = set(library.state.articles)
            server.switch(1)
            outcomes = await polling.refresh()
            result.polled_second = sum(len(o.new_articles) for o in outcomes)
            await _settled(library, started, timeout)
            new_ids = [i for i in library.alerts.ids if i not in before]
            result.alerts = _alerted(library, reversed(new_ids), guids)
            result.stories = _groups(library, guids)
            result.any_mention = _named_anywhere(library, before_second)
        finally:
            await library.aclose()
    finally:
        server.stop()
    result.announced = sum(announced)
    result.seconds = time.perf_counter() - started
    return result
