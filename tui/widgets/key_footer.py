"""The footer of keys: one line drawn by one widget, redrawn only when its keys change.

Textual's Footer mounts a widget per key and rebuilds them all each time the
screen says its bindings may have changed (focus moving, a keymap applied, a
screen pushed). Each key widget is styled, laid out and drawn on its own, and
at start that was the largest part of the dashboard's first frame after the
imports. Here the keys are a list of spans on one line, in the same colours
(Textual's footer variables), and a click on a key presses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


@dataclass(frozen=True, slots=True)
class FooterEntry:
    """One key as shown: what pressing it does and whether it can now."""

    key: str
    display: str
    description: str
    action: str
    enabled: bool
    palette: bool = False


class KeyFooter(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-footer--item",
        "key-footer--key",
        "key-footer--description",
        "key-footer--edge",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-footer--item {
            background: $footer-item-background;
        }
        & > .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-footer--edge {
            color: $foreground 20%;
            background: $footer-item-background;
        }
    }
    """

    compact = reactive(False, toggle_class="-compact")

    def __init__(self, *, compact: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(KeyFooter.compact, compact)
        self.set_class(compact, "-compact", update=False)
        self._pending = False
        self.entries: tuple[FooterEntry, ...] = ()
        self._spans: list[tuple[int, int, FooterEntry]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._update_entries()

    def _bindings_changed(self, screen: Screen) -> None:
        # The app blurred (terminal focus lost) reports bindings that come back
        # on focus: keep showing the keys the user will return to.
        if not screen.app.app_focus or screen is not self.screen or self._pending:
            return
        self._pending = True
        # Requests that arrive before the update runs become one; not after the
        # next refresh, so that the first frame already has the keys.
        self.call_later(self._update_entries)

    def _update_entries(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        entries = self._read_entries()
        if entries != self.entries:
            self.entries = entries
            self.refresh()

    def _read_entries(self) -> tuple[FooterEntry, ...]:
        """The screen's shown bindings, one per action in the order they are bound."""
        app = self.app
        active = self.screen.active_bindings
        by_action: dict[str, FooterEntry] = {}
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show and binding.action not in by_action:
                by_action[binding.action] = FooterEntry(
                    binding.key, app.get_key_display(binding), binding.description,
                    binding.action, enabled,
                )  # fmt: skip
        entries = list(by_action.values())
        palette = active.get(app.COMMAND_PALETTE_BINDING) if app.ENABLE_COMMAND_PALETTE else None
        if palette is not None:
            _node, binding, enabled, _tooltip = palette
            entries.append(
                FooterEntry(
                    binding.key,
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    enabled,
                    palette=True,
                )  # fmt: skip
            )
        return tuple(entries)

    # -- drawing ---------------------------------------------------------------

    def _entry_text(self, entry: FooterEntry, *, compact: bool) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        if not entry.description:
            text = Text(entry.display, key_style)
        elif compact:
            text = Text.assemble(
                (entry.display, key_style), (f" {entry.description}", description_style)
            )
        else:
            text = Text.assemble(
                (f" {entry.display} ", key_style), (f"{entry.description} ", description_style)
            )
        item = self.get_component_rich_style("key-footer--item")
        text.stylize_before(item + Style(dim=True) if not entry.enabled else item)
        return text

    def render(self) -> Text:
        width = self.size.width
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, FooterEntry]] = []
        keys = [entry for entry in self.entries if not entry.palette]
        palette = [entry for entry in self.entries if entry.palette]
        for entry in keys:
            text = self._entry_text(entry, compact=self.compact)
            spans.append((line.cell_len, line.cell_len + text.cell_len, entry))
            line.append_text(text)
            if self.compact:
                line.append(" ")
        for entry in palette:
            # Docked right over the keys that do not fit, as Textual's footer does.
            text = self._palette_text(entry)
            start = max(width - text.cell_len, 0)
            line.truncate(start, pad=True)
            spans = [(a, min(b, start), e) for a, b, e in spans if a < start]
            spans.append((start, start + text.cell_len, entry))
            line.append_text(text)
        self._spans = spans
        return line

    def _palette_text(self, entry: FooterEntry) -> Text:
        # Drawn compact whatever the footer's setting, as Textual draws it.
        text = self._entry_text(entry, compact=True)
        padding = Style(bgcolor=self.get_component_rich_style("key-footer--item").bgcolor)
        if self.app.has_class("-ascii"):
            return Text.assemble((" ", padding), text, (" ", padding))  # no edge glyph in ASCII
        edge = Text("▏", self.get_component_rich_style("key-footer--edge"))
        if self.compact:
            return Text.assemble(edge, text)
        return Text.assemble(edge, text, (" ", padding))

    # -- mouse -----------------------------------------------------------------

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, entry in self._spans:
            if start <= event.x < end:
                if entry.enabled:
                    self.app.simulate_key(entry.key)
                else:
                    self.app.bell()
                return
