"""The aiwire dashboard: wires the library to the screens.

The library (core.library) does the work and reports events; this app turns
them into messages for its screens and notices for the user, and owns what
only a terminal has: keys, themes, the clipboard, the editor, the browser.
The archive is opened only once the first frame is on screen.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import signal
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from core.alerts import describe_burst
from core.events import (
    AlertsRaised,
    ArchiveChanged,
    ConfigApplied,
    ConfigRejected,
    LibraryEvent,
    Notice,
    StatusChanged,
    TaskFailed,
)
from core.gc_policy import freeze_start_up, thaw
from core.library import Library, LibraryOptions
from tui.ascii_widgets import ascii_key, use_ascii_scroll_bars
from tui.commands import AiwireCommands
from tui.keymap_lines import keymap_mistakes
from tui.keys import app_bindings, keys_in_force, resolve_keymap
from tui.messages import LibraryChanged
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.terminal_caps import LOW_COLOUR_THEME, low_colour, unicode_locale, use_ascii
from tui.theme_memory import remember_theme

log = logging.getLogger(__name__)

_HERE = Path(__file__).parent


class AiwireApp(App[None]):
    TITLE = "aiwire"
    # The dashboard's stylesheet is read with the app's. Read as its screen is
    # pushed, it would make Textual parse every stylesheet again and restyle
    # the whole app before the first frame. Absolute, so subclasses find them.
    CSS_PATH = [str(_HERE / "app.tcss"), str(_HERE / "screens" / "main.tcss")]
    COMMANDS = App.COMMANDS | {AiwireCommands}
    BINDINGS = app_bindings()

    def __init__(self, options: LibraryOptions) -> None:
        super().__init__()
        self.options = options
        self.library = Library(options, self._library_event)
        self._config_read: Worker[None] | None = None
        # Before any widget draws: the marks and borders depend on it.
        self.ascii_only = not unicode_locale(os.environ)
        use_ascii(self.ascii_only)
        use_ascii_scroll_bars(self.ascii_only)
        if self.ascii_only:
            self.add_class("-ascii")
        # Modules, classes and the app itself live as long as the process: out
        # of the collector's sight, the full collection the first frame's
        # widgets set off does not walk them all again.
        freeze_start_up()

    # -- start and stop ------------------------------------------------------

    def on_mount(self) -> None:
        # The palette's theme choice is remembered; feeds.toml's theme, when set, wins.
        # An 8/16-colour terminal starts in its own ANSI colours, whatever was
        # chosen in a richer terminal; a choice made here is remembered as usual.
        start = LOW_COLOUR_THEME if low_colour(os.environ) else None
        remember_theme(self, self.options.data_dir, start=start)
        self._config_read = self.run_worker(
            self.library.load_config(), name="config", exit_on_error=False
        )
        self._install_signal_handlers()

    def get_default_screen(self) -> MainScreen:
        # The dashboard is the app's first screen, not pushed over an empty
        # one: that would be laid out and drawn first, a blank frame, and the
        # switch restyles everything once more.
        self._show_newest()
        return MainScreen()

    def _show_newest(self) -> None:
        """The archive's newest rows, from their own small file, on the first
        frame; the whole archive replaces them once loaded (Library.open)."""
        from storage.newest import read_newest

        found = read_newest(self.options.data_dir)
        if found is not None and not self.library.state.articles:
            self.library.state.load(*found, partial=True)

    def on_ready(self) -> None:
        # After the first frame: loading 100,000 articles takes seconds of a
        # thread that holds the GIL most of the time, and would delay it.
        self.run_worker(self._open_library(), name="open-library", exit_on_error=False)

    async def _open_library(self) -> None:
        if self._config_read is not None:
            await self._config_read.wait()
        try:
            await self.library.open()
        except Exception as error:  # noqa: BLE001 - said on screen; the app keeps what it shows
            log.exception("opening the archive failed")
            self.notify(
                f"{error}\nThe newest articles stay on screen; searching, polling and "
                "changes are off until aiwire is restarted.",
                title="The archive did not open",
                severity="error",
                timeout=30,
                markup=False,
            )
            self.library.set_status(message="the archive did not open: see the log")
            return
        await self._show_since_last_look()

    async def _show_since_last_look(self) -> None:
        """What arrived while the dashboard was closed, once, if anything did."""
        library = self.library
        if library.last_look is None or not isinstance(self.screen, MainScreen):
            return
        from core.since_last import since_last_look
        from tui.screens.since import SinceScreen

        articles = list(library.state.articles.values())
        # Off the loop: the spike count reads every article of the archive.
        summary = await asyncio.to_thread(
            since_last_look,
            articles,
            library.last_look,
            datetime.now(UTC),
            names=library.watchlist.names(),
            source_of=library.source_name,
            stories=dict(library.state.stories),
        )
        if summary:
            self.push_screen(SinceScreen(summary, library.watchlist.name))

    def _install_signal_handlers(self) -> None:
        # A dropped SSH connection sends SIGHUP; a service manager SIGTERM.
        # Both end in a normal exit, which flushes everything in on_unmount.
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._exit_on_signal, signum)

    def _exit_on_signal(self, signum: int) -> None:
        log.info("received %s, flushing and exiting", signal.Signals(signum).name)
        self.exit()

    async def on_unmount(self) -> None:
        await self.library.aclose()
        thaw()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Background work fails loudly in the log and briefly on screen, never silently."""
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            name = event.worker.name or event.worker.group
            log.error("background task %s failed", name, exc_info=error)
            self._task_failed(name, error)

    def _task_failed(self, name: str, error: BaseException | None) -> None:
        self.notify(
            f"{name}: {error}",
            title="Background task failed",
            severity="error",
            timeout=8,
            markup=False,
        )

    # -- what the library reports --------------------------------------------

    def _library_event(self, event: LibraryEvent) -> None:
        if isinstance(event, ArchiveChanged):
            self._broadcast(LibraryChanged.from_event(event))
        elif isinstance(event, StatusChanged):
            for screen in self._main_screens():
                if screen.is_mounted:
                    screen.refresh_status()
        elif isinstance(event, ConfigApplied):
            self._config_applied(event)
        elif isinstance(event, ConfigRejected):
            self._config_rejected(event)
        elif isinstance(event, AlertsRaised):
            text = describe_burst(list(event.burst), self.library.watchlist.name)
            self.notify(text, title="Watchlist", timeout=8, markup=False)
            if event.bell:
                self.bell()
        elif isinstance(event, Notice):
            self.notify(
                event.text,
                title=event.title,
                severity=event.severity,  # type: ignore[arg-type]
                timeout=event.timeout,
                markup=False,
            )
        elif isinstance(event, TaskFailed):
            self._task_failed(event.name, event.error)

    def _config_applied(self, event: ConfigApplied) -> None:
        settings = event.config.settings
        if settings.theme and settings.theme in self.available_themes:
            self.theme = settings.theme
        keymap = dict(settings.keymap or {})
        mistakes = keymap_mistakes(keymap, self.options.config_path) if keymap else []
        if mistakes:
            # A half-applied keymap can leave an action without a key: keep
            # the last good one, and say what is wrong as `aiwire check` does.
            self.notify(
                "\n".join(mistakes),
                title="The keymap has mistakes; the last good keys stay in force",
                severity="error",
                timeout=15,
                markup=False,
            )
        else:
            # An empty keymap (the block removed) brings the default keys back.
            self.set_keymap(resolve_keymap(keymap))
        if event.reloaded:
            self.notify("feeds.toml reloaded.", timeout=3)
        from tui.screens.config_problems import ConfigProblemsScreen

        if isinstance(self.screen, ConfigProblemsScreen):
            self.pop_screen()  # fixed: the mistakes it lists are gone

    def _config_rejected(self, event: ConfigRejected) -> None:
        """Every mistake at once, in a screen of its own; one at a time is a slow fix."""
        from tui.screens.config_problems import ConfigProblemsScreen

        def show() -> None:
            if isinstance(self.screen, ConfigProblemsScreen):
                self.pop_screen()
            self.push_screen(ConfigProblemsScreen(event.problems, at_start=event.at_start))

        # After the dashboard is up, so the screen comes above it at start too.
        self.call_after_refresh(show)

    def _main_screens(self) -> list[MainScreen]:
        return [screen for screen in self.screen_stack if isinstance(screen, MainScreen)]

    def _broadcast(self, message: LibraryChanged) -> None:
        for screen in self._main_screens():
            screen.post_message(message)
        # A whole new archive (loaded, pruned, taken over): screens that
        # summarise it, such as the ledger, draw it again.
        if message.reset and not isinstance(self.screen, MainScreen):
            self.screen.post_message(LibraryChanged(reset=True))

    # -- actions -------------------------------------------------------------

    def get_key_display(self, binding: Binding) -> str:
        shown = super().get_key_display(binding)
        return ascii_key(shown) if self.ascii_only else shown

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.keys_by_binding_id()))

    def keys_by_binding_id(self) -> dict[str, str]:
        """The keys bound to each binding id right now, keymap included."""
        return keys_in_force(self._keymap, self.get_key_display)

    def action_ledger(self) -> None:
        from tui.screens.ledger import LedgerScreen

        if not isinstance(self.screen, MainScreen):
            return  # open over the dashboard only: Enter reads in its reader
        main = self.screen

        def read(article_id: str | None) -> None:
            if article_id:
                main.open_article(article_id)

        self.push_screen(LedgerScreen(self.library), read)

    def action_refresh_all(self) -> None:
        self.library.refresh_feeds(None)

    def action_edit_config(self) -> None:
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        if shutil.which(editor.split()[0]) is None:
            self.notify(f"Editor {editor!r} not found; set $EDITOR.", severity="error")
            return
        try:
            with self.suspend():
                subprocess.call([*editor.split(), str(self.options.config_path)])
        except Exception as error:  # noqa: BLE001 - e.g. no terminal to hand over (web)
            self.notify(f"Could not start the editor: {error}", severity="error")
            return
        self.apply_config_change()

    def apply_config_change(self) -> None:
        self.run_worker(self.library.check_config(), group="config", exit_on_error=False)
