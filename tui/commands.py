"""Command palette (ctrl+p): jump to a feed or an entity, refresh, edit feeds."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from tui.app import AiwireApp


class AiwireCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: AiwireApp = self.app  # type: ignore[assignment]
        from tui.screens.main import MainScreen
        from tui.state import ViewFilter

        def main() -> MainScreen | None:
            screen = app.screen
            return screen if isinstance(screen, MainScreen) else None

        def jump(view_filter: ViewFilter) -> None:
            if (screen := main()) is not None:
                screen.apply_filter(view_filter)
                screen.query_one("#articles").focus()

        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Refresh all feeds", "poll every source now", app.action_refresh_all),
            (
                "Mark all read",
                "mark every article in the current view read",
                lambda: (s := main()) and s.action_mark_view_read(),
            ),
            ("Edit feeds", "open feeds.toml in $EDITOR", app.action_edit_config),
            ("Show all articles", "clear filters", partial(jump, ViewFilter())),
            ("Show starred", "articles you starred", partial(jump, ViewFilter(starred_only=True))),
            ("Show unread", "articles not read yet", partial(jump, ViewFilter(unread_only=True))),
            ("Help", "every key", app.action_help),
        ]
        for feed_id, name in app.feed_names().items():
            commands.append(
                (
                    f"Feed: {name}",
                    "show this feed's articles",
                    partial(jump, ViewFilter(feed_id=feed_id)),
                )
            )
        for entity_id, name in app.entity_names().items():
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
