"""Keys that take the article out of the dashboard: open its link in the
user's browser, pipe it to a command, save it as Markdown."""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from ingest.sanitize import safe_link
from storage.records import Article
from tui.links import open_link
from tui.theme_memory import load_setting, save_setting

# The modules behind these keys are imported at the first press, not before
# the dashboard's first frame.
if TYPE_CHECKING:
    from textual.screen import Screen

    from core.article_export import ExportedArticle
    from core.launching import Launch
    from core.library import Library

    _Base = Screen[None]
else:
    _Base = object

PIPE_SETTING = "pipe_command"  # the last command, remembered in ui.json
PIPE_TIMEOUT = 120.0  # seconds a captured command may run before it is stopped
MAX_OUTPUT = 1024 * 1024  # bytes of a command's output shown


def default_save_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("aiwire", appauthor=False)) / "saved"


def exit_words(argv: tuple[str, ...], code: int) -> str:
    program = Path(argv[0]).name
    return f"{program} exited {code}" if code >= 0 else f"{program} was stopped by signal {-code}"


class OutsideActions(_Base):
    """Mixed into MainScreen, which provides what the stubs below name."""

    if TYPE_CHECKING:

        @property
        def library(self) -> Library: ...
        def current_article(self) -> Article | None: ...

    def _say(self, message: str) -> None:
        self.library.set_status(message=message)

    # -- o: the link in a browser -------------------------------------------------

    def action_open_link(self) -> None:
        article = self.current_article()
        link = safe_link(article.link) if article else None
        if link is None:
            self.notify("This article has no http(s) link.", severity="warning", timeout=3)
            return
        from core.launching import browser_launch, browser_template

        template = browser_template(self.library.config.settings.browser, os.environ)
        if template is None:
            open_link(self.app, link)
            return
        try:
            launch = browser_launch(template, link, os.environ)
        except ValueError as error:
            self._say(f"browser: {error}")
            return
        if launch.in_terminal:
            self._run_in_terminal(launch, None, fallback_link=link)
        else:
            self.run_worker(self._run_beside(launch), group="outside", exit_on_error=False)

    # -- |: the article piped to a command ---------------------------------------

    def action_pipe_article(self) -> None:
        article = self.current_article()
        if article is None:
            return
        from tui.screens.command_output import CommandPrompt

        data_dir = self.library.options.data_dir
        last = load_setting(data_dir, PIPE_SETTING)

        def chosen(command: str | None) -> None:
            if not command:
                return
            save_setting(data_dir, PIPE_SETTING, command)
            self.run_worker(self._pipe(article, command), group="outside", exit_on_error=False)

        self.app.push_screen(CommandPrompt(last if isinstance(last, str) else ""), chosen)

    async def _pipe(self, article: Article, command: str) -> None:
        from core.article_export import plain_text
        from core.launching import pipe_launch
        from tui.screens.command_output import CommandOutputScreen

        try:
            launch = pipe_launch(command, os.environ)
        except ValueError as error:
            self._say(f"pipe: {error}")
            return
        text = plain_text(await self._exported(article)).encode("utf-8")
        if launch.in_terminal:
            self._run_in_terminal(launch, text)
            return
        try:
            process = await asyncio.create_subprocess_exec(
                *launch.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as error:
            self._say(f"pipe: cannot run {launch.argv[0]}: {error.strerror or error}")
            return
        try:
            output, _ = await asyncio.wait_for(process.communicate(text), PIPE_TIMEOUT)
        except TimeoutError:
            process.kill()
            await process.wait()
            self._say(f"{Path(launch.argv[0]).name} ran over {PIPE_TIMEOUT:.0f} s and was stopped")
            return
        code = process.returncode if process.returncode is not None else -1
        self._say(exit_words(launch.argv, code))
        shown = output[:MAX_OUTPUT].decode("utf-8", errors="replace")
        if shown.strip():
            self.app.push_screen(CommandOutputScreen(" ".join(launch.argv), shown))

    # -- S: the article saved as Markdown ------------------------------------------

    def action_save_article(self) -> None:
        article = self.current_article()
        if article is not None:
            self.run_worker(self._save(article), group="outside", exit_on_error=False)

    async def _save(self, article: Article) -> None:
        from core.article_export import markdown, save_markdown

        folder = self.library.config.settings.save_dir or default_save_dir()
        exported = await self._exported(article)
        try:
            path = await asyncio.to_thread(
                save_markdown, folder, exported.title, markdown(exported)
            )
        except OSError as error:
            self._say(f"not saved: {error}")
            return
        self._say(f"saved {path}")
        # The status bar cuts a long path at 80 columns; the notice wraps it.
        self.notify(str(path), title="Saved as Markdown", timeout=6, markup=False)

    # -- running -----------------------------------------------------------------

    async def _exported(self, article: Article) -> ExportedArticle:
        from core.article_export import ExportedArticle

        body = await self.library.service.body(article.id)
        return ExportedArticle.of(article, self.library.source_name(article), body)

    def _run_in_terminal(
        self, launch: Launch, stdin: bytes | None, *, fallback_link: str | None = None
    ) -> None:
        """Hand the terminal to the program and wait; the dashboard comes back after."""
        try:
            with self.app.suspend():
                code = subprocess.run(launch.argv, input=stdin, check=False).returncode
        except SuspendNotSupported:
            # No terminal to hand over (a browser tab, a headless run).
            if fallback_link is not None:
                open_link(self.app, fallback_link)
            else:
                self._say(f"{Path(launch.argv[0]).name} needs a terminal, and there is none here")
            return
        except OSError as error:
            self._say(f"cannot run {launch.argv[0]}: {error.strerror or error}")
            return
        self._say(exit_words(launch.argv, code))

    async def _run_beside(self, launch: Launch) -> None:
        """A windowed browser runs on its own; only its exit status comes back."""
        try:
            process = await asyncio.create_subprocess_exec(
                *launch.argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as error:
            self._say(f"cannot run {launch.argv[0]}: {error.strerror or error}")
            return
        self._say(f"opened in {Path(launch.argv[0]).name}")
        code = await process.wait()
        if code:
            self._say(exit_words(launch.argv, code))
