"""Command palette (ctrl+p): jump to a feed or an entity, refresh, edit feeds."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from core.state import ViewFilter
from tui.messages import RefineView, ShowView

if TYPE_CHECKING:
    from core.library import Library


class AiwireCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.app
        library: Library = app.library  # type: ignore[attr-defined]

        def jump(view_filter: ViewFilter, keep: bool = False) -> None:
            app.screen.post_message(ShowView(view_filter, keep_refinements=keep))

        def refine(refinement: str, value: str | None = None) -> Callable[[], object]:
            return lambda: app.screen.post_message(RefineView(refinement, value))

        def add_source() -> None:
            from tui.screens.add_source import AddSourceScreen

            app.push_screen(AddSourceScreen(library))

        def run(action: str) -> Callable[[], object]:
            return lambda: app.call_later(app.run_action, action)

        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Refresh all feeds", "poll every source now", run("refresh_all")),
            ("Add source…", "a feed's address, or a site whose feeds to find", add_source),
            (
                "Mark all read",
                "mark every article in the current view read",
                run("screen.mark_view_read"),
            ),
            (
                "Undo mark all read",
                "mark the last mark-all's articles unread again",
                run("screen.undo_mark_read"),
            ),
            ("Edit feeds", "open feeds.toml in $EDITOR", run("edit_config")),
            ("Show all articles", "clear filters", partial(jump, ViewFilter())),
            ("Filter: unread only", "toggle; combines with the feed or entity", refine("unread")),
            ("Filter: starred", "toggle; combines with the feed or entity", refine("starred")),
            ("Filter: today", "articles dated today", refine("period", "today")),
            ("Filter: last 7 days", "articles of the last 7 days", refine("period", "7 days")),
            ("Filter: last 30 days", "articles of the last 30 days", refine("period", "30 days")),
            ("Filter: any date", "no date range", refine("period", "")),
            ("Clear filters", "unread, starred, dates, tag, language", refine("clear")),
            ("Help", "every key", run("help")),
            ("Events ledger", "who left, joined, raised, launched, acquired", run("ledger")),
        ]
        tags = sorted({tag for source in library.config.sources for tag in source.tags})
        for tag in tags:
            commands.append((f"Filter: tag {tag}", "sources with this tag", refine("tag", tag)))
        languages = sorted({a.language for a in library.state.articles.values() if a.language})
        for language in languages:
            commands.append(
                (f"Filter: language {language}", "articles in it", refine("language", language))
            )
        for feed_id, name in library.feed_names().items():
            commands.append(
                (
                    f"Feed: {name}",
                    "show this feed's articles",
                    partial(jump, ViewFilter(feed_id=feed_id), keep=True),
                )
            )
        for source in library.config.sources:
            feed_state = library.state.feeds.get(source.id)
            if source.enabled and feed_state is not None and feed_state.gone:
                commands.append(
                    (
                        f"Disable gone source: {source.name}",
                        "it answered 410 Gone: switch it off in feeds.toml",
                        partial(library.disable_source, source.id),
                    )
                )
        for entity_id, name in library.watchlist.names().items():
            commands.append(
                (
                    f"Watch: {name}",
                    "articles that mention them",
                    partial(jump, ViewFilter(entity_id=entity_id), keep=True),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands()[:7]:
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
