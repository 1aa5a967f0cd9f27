"""The command lines aiwire starts for the user: a browser for a link, a
command an article is piped to. Split like a shell would, never run by one,
so a link or a title can never become a second command."""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ingest.sanitize import safe_link

URL_FIELD = "%u"
# Browsers that draw in the terminal: the dashboard hands the terminal over
# to them and waits. Any other browser gets a window of its own.
TERMINAL_BROWSERS = frozenset(
    {"w3m", "lynx", "links", "links2", "elinks", "browsh", "carbonyl", "cha", "chawan"}
)
# Commands that need the terminal to themselves; any other command's output
# is captured and shown in the dashboard.
TERMINAL_COMMANDS = TERMINAL_BROWSERS | frozenset(
    {"less", "more", "most", "vi", "vim", "nvim", "nano", "emacs", "micro", "mg", "bat", "glow"}
)


@dataclass(frozen=True, slots=True)
class Launch:
    argv: tuple[str, ...]
    in_terminal: bool  # hand the terminal over and wait, or run beside the dashboard


def split_command(command: str) -> tuple[str, ...]:
    """The words of a command line; ValueError when its quotes do not close."""
    words = tuple(shlex.split(command))
    if not words:
        raise ValueError("the command is empty")
    return words


def browser_template(setting: str | None, environ: Mapping[str, str]) -> str | None:
    """The browser command: feeds.toml's `browser`, else $BROWSER's first entry."""
    if setting:
        return setting
    first = environ.get("BROWSER", "").split(os.pathsep)[0].strip()
    return first or None


def browser_launch(template: str, url: str, environ: Mapping[str, str]) -> Launch:
    """The browser's argv for `url`: %u (or $BROWSER's %s) becomes the URL as one
    word; without either, the URL is the last word."""
    link = safe_link(url)
    if link is None:
        raise ValueError("only http(s) links are opened")
    words = split_command(template)
    fields = (URL_FIELD, "%s")
    if any(field in word for word in words for field in fields):
        argv = tuple(_fill(word, link) for word in words)
    else:
        argv = (*words, link)
    return Launch(argv, in_terminal=_is_terminal_program(argv[0], TERMINAL_BROWSERS, environ))


def _fill(word: str, link: str) -> str:
    for field in (URL_FIELD, "%s"):
        word = word.replace(field, link)
    return word


def pipe_launch(command: str, environ: Mapping[str, str]) -> Launch:
    """A command the article is piped to; a leading '!' asks for the terminal."""
    text = command.strip()
    wants_terminal = text.startswith("!")
    argv = split_command(text.removeprefix("!"))
    in_terminal = wants_terminal or Path(argv[0]).name in TERMINAL_COMMANDS
    return Launch(argv, in_terminal=in_terminal)


def _is_terminal_program(program: str, known: frozenset[str], environ: Mapping[str, str]) -> bool:
    # Without a display, whatever runs can only draw in the terminal.
    has_display = bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    return Path(program).name in known or not has_display
