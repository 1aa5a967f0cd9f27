"""The `aiwire` command line: every subcommand and option, and --version."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from tui.environment import aiwire_version


def _add_common_options(parser: argparse.ArgumentParser, *, defaults: bool) -> None:
    # Subcommands get SUPPRESS defaults, so an option given before the command
    # is not overwritten by the subcommand's own default.
    default: dict[str, object] = {} if defaults else {"default": argparse.SUPPRESS}
    parser.add_argument("--config", metavar="FILE", help="feeds.toml to use", **default)
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where articles are stored (also AIWIRE_DATA_DIR)",
        **default,
    )
    parser.add_argument("--debug", action="store_true", help="log at debug level", **default)


def _columns() -> int:
    """shutil.get_terminal_size().columns, without importing shutil (and bz2, lzma)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, told the terminal's width.

    argparse makes one for every option it adds (to check its metavar), and
    without a width each imports shutil to ask the terminal.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = _columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class _VersionAction(argparse.Action):
    """--version, looked up only when asked for.

    argparse's own version action takes the string up front, and looking it
    up (importlib.metadata, ~25 ms) then slowed every command, `aiwire fetch`
    included.
    """

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings,
            dest,
            default=argparse.SUPPRESS,
            nargs=0,
            help="show the version and exit",
        )

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(f"aiwire {aiwire_version()}")
        parser.exit()


def _add_commands(
    parser: argparse.ArgumentParser, only: str | None = None
) -> argparse.ArgumentParser:
    """Add every subcommand to `parser`, or only the one named `only`."""
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # `aiwire check --config F` and `aiwire --config F check` both work: every
    # command accepts the common options too, without resetting them.
    common = argparse.ArgumentParser(add_help=False, formatter_class=_Formatter)
    _add_common_options(common, defaults=False)

    def command(name: str, help: str) -> argparse.ArgumentParser | None:  # noqa: A002
        if only is not None and name != only:
            return None
        return commands.add_parser(name, parents=[common], help=help, formatter_class=_Formatter)

    if p := command("list", "print stored articles, newest first"):
        p.add_argument("--json", action="store_true", help="one JSON object per line")
        p.add_argument("--limit", type=int, metavar="N", help="at most N articles")
    command("check", "validate feeds.toml and report every mistake")
    if p := command("fetch", "poll every source once and summarise"):
        p.add_argument("--json", action="store_true", help="the summary as JSON")
        p.add_argument(
            "--enrich",
            action="store_true",
            help="tag watchlist mentions in this pass too (otherwise the dashboard or daemon does)",
        )
    command("daemon", "poll on schedule without the UI (holds the writer lock)")
    command("paths", "print the config, data and log paths in use")
    if p := command("init", "create a feeds.toml from the bundled one"):
        p.add_argument("path", metavar="PATH", nargs="?", help="default: the config path")
    if p := command("import-opml", "add the feeds of an OPML file"):
        p.add_argument("file", metavar="FILE", help="OPML file from another reader")
    if p := command("export-opml", "write the sources as OPML 2.0"):
        p.add_argument("file", metavar="FILE", nargs="?", help="default: stdout")
    if p := command("stats", "archive size, articles per source and month"):
        p.add_argument("--json", action="store_true", help="the figures as JSON")
    command("prune", "apply the retention settings now (keep, max_articles)")
    if p := command("add", "add a feed, or the feed a web page announces"):
        p.add_argument("url", metavar="URL", help="a feed or a web page")
        p.add_argument("--name", help="default: the feed's own title")
        p.add_argument("--tag", action="append", metavar="T", help="repeat for more tags")
        p.add_argument("--interval", metavar="I", help='e.g. "30m" (default: the setting)')
        p.add_argument("--pick", type=int, metavar="N", help="the Nth feed the page lists")
    for action, words in (("remove", "delete"), ("disable", "stop polling"), ("enable", "poll")):
        if p := command(action, f"{words} a source in feeds.toml"):
            p.add_argument("source", metavar="NAME_OR_URL", help="its name, id or URL")
    if p := command("serve", "the dashboard in a web browser"):
        p.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
        p.add_argument("--port", type=int, default=8000, help="default: 8000")
        p.add_argument(
            "--allow-remote", action="store_true", help="allow a --host other machines can reach"
        )
        p.add_argument(
            "--public-url", metavar="URL", help="the address browsers use (an ssh tunnel, a proxy)"
        )
        p.add_argument(
            "--token-file", metavar="FILE", help="read the token here (also AIWIRE_SERVE_TOKEN)"
        )
        p.add_argument(
            "--max-sessions", type=int, default=4, metavar="N", help="open tabs at once; default 4"
        )
    if p := command("digest", "top stories, events, spikes and failing sources of a period"):
        p.add_argument(
            "--since", default="24h", metavar="SPAN", help="24h, 7d, 2w or a date (default: 24h)"
        )
        p.add_argument("--format", default="text", choices=("text", "markdown", "html", "json"))
    if p := command("tag", "show the names and events found in a text"):
        from watchlist.tag_command import add_arguments

        add_arguments(p)
    return parser


COMMANDS = frozenset(
    {
        "list", "check", "fetch", "daemon", "paths", "init", "import-opml", "export-opml",
        "stats", "prune", "add", "remove", "disable", "enable", "serve", "digest", "tag",
    }
)  # fmt: skip
# Options of the top-level parser that take a value (the next word, or after "=").
_VALUED = ("--config", "--data-dir")


def _top_parser(parser_class: type[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    parser = parser_class(
        prog="aiwire",
        description="A terminal dashboard for people who follow the AI industry.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    _add_common_options(parser, defaults=True)
    return parser


def build_parser() -> argparse.ArgumentParser:
    return _add_commands(_top_parser(argparse.ArgumentParser))


class _Retry(Exception):
    pass


class _QuietParser(argparse.ArgumentParser):
    """Raises instead of printing a mistake: the whole parser then says it."""

    def error(self, message: str) -> NoReturn:
        raise _Retry(message)


def _command_named(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` names, if it plainly names one (no help asked for)."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help", "--version") or word == "--":
            return None
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS and not {"-h", "--help"} & set(argv) else None
    return None


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """build_parser().parse_args(argv), building only the subcommand `argv` names.

    Seventeen subparsers are most of the command line's start-up: a command
    parsed alone gives the same namespace, and anything unusual (help, a
    mistake, no command) is parsed again by the whole parser, in its words.
    """
    words = sys.argv[1:] if argv is None else list(argv)
    only = _command_named(words)
    if only is not None:
        try:
            return _add_commands(_top_parser(_QuietParser), only).parse_args(words)
        except _Retry:
            pass
    return build_parser().parse_args(words)
