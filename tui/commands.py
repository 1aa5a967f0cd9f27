"""Command palette (ctrl+p): jump to a feed or an entity, refresh, edit feeds."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from core.state import ViewFilter
from tui.messages import ShowView

if TYPE_CHECKING:
    from core.library import Library


class AiwireCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.app
        library: Library = app.library  # type: ignore[attr-defined]

        def jump(view_filter: ViewFilter) -> None:
            app.screen.post_message(ShowView(view_filter))

        def run(action: str) -> Callable[[], object]:
            return lambda: app.call_later(app.run_action, action)

        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Refresh all feeds", "poll every source now", run("refresh_all")),
            (
                "Mark all read",
                "mark every article in the current view read",
                run("screen.mark_view_read"),
            ),
            ("Edit feeds", "open feeds.toml in $EDITOR", run("edit_config")),
            ("Show all articles", "clear filters", partial(jump, ViewFilter())),
            ("Show starred", "articles you starred", partial(jump, ViewFilter(starred_only=True))),
            ("Show unread", "articles not read yet", partial(jump, ViewFilter(unread_only=True))),
            ("Help", "every key", run("help")),
            ("Events ledger", "who left, joined, raised, launched, acquired", run("ledger")),
        ]
        for feed_id, name in library.feed_names().items():
            commands.append(
                (
                    f"Feed: {name}",
                    "show this feed's articles",
                    partial(jump, ViewFilter(feed_id=feed_id)),
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
                    partial(jump, ViewFilter(entity_id=entity_id)),
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
