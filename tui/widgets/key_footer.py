"""The footer of keys, rebuilt only when the keys it would show change.

Textual's Footer rebuilds every key widget each time the screen says its
bindings may have changed: focus moving, a keymap applied, a screen pushed.
At start that is five times in the first second, each a restyle of every
key, on the loop and holding the interpreter while the archive loads on
another thread. Here the requests that arrive before a rebuild runs become
one, and a rebuild that would show the same keys is skipped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyFooter(Footer):
    def __init__(self, **options: bool) -> None:
        super().__init__(**options)
        self._rebuild_pending = False
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            # Not after the next refresh: the keys are then in the first frame,
            # not mounted just after it, reflowing the whole screen once more.
            self.call_later(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown == self._shown:
            return
        self._shown = shown
        await self.recompose()

    def _keys_shown(self) -> tuple[object, ...]:
        """Everything compose() reads from the bindings, in the order it reads it."""
        display = self.app.get_key_display
        return (
            self.show_command_palette,
            *(
                (
                    binding.key,
                    binding.action,
                    binding.description,
                    binding.show,
                    binding.group,
                    binding.tooltip,
                    display(binding),
                    enabled,
                    tooltip,
                )
                for _node, binding, enabled, tooltip in self.screen.active_bindings.values()
            ),
        )
