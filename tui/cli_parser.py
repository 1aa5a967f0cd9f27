"""The `aiwire` command line: every subcommand and option, and --version."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aiwire", description="A terminal dashboard for people who follow the AI industry."
    )
    parser.add_argument("--version", action=_VersionAction)
    _add_common_options(parser, defaults=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # `aiwire check --config F` and `aiwire --config F check` both work: every
    # command accepts the common options too, without resetting them.
    common = argparse.ArgumentParser(add_help=False)
    _add_common_options(common, defaults=False)
    original_add_parser = commands.add_parser

    def add_parser(name: str, **kwargs: object) -> argparse.ArgumentParser:
        return original_add_parser(name, parents=[common], **kwargs)  # type: ignore[arg-type]

    commands.add_parser = add_parser  # type: ignore[method-assign]

    list_parser = commands.add_parser("list", help="print stored articles, newest first")
    list_parser.add_argument("--json", action="store_true", help="one JSON object per line")
    list_parser.add_argument("--limit", type=int, metavar="N", help="at most N articles")

    commands.add_parser("check", help="validate feeds.toml and report every mistake")
    fetch_parser = commands.add_parser("fetch", help="poll every source once and summarise")
    fetch_parser.add_argument("--json", action="store_true", help="the summary as JSON")
    fetch_parser.add_argument(
        "--enrich",
        action="store_true",
        help="tag watchlist mentions in this pass too (otherwise the dashboard or daemon does)",
    )
    commands.add_parser("daemon", help="poll on schedule without the UI (holds the writer lock)")
    commands.add_parser("paths", help="print the config, data and log paths in use")
    init_parser = commands.add_parser("init", help="create a feeds.toml from the bundled one")
    init_parser.add_argument("path", metavar="PATH", nargs="?", help="default: the config path")
    import_parser = commands.add_parser("import-opml", help="add the feeds of an OPML file")
    import_parser.add_argument("file", metavar="FILE", help="OPML file from another reader")
    export_parser = commands.add_parser("export-opml", help="write the sources as OPML 2.0")
    export_parser.add_argument("file", metavar="FILE", nargs="?", help="default: stdout")
    stats_parser = commands.add_parser("stats", help="archive size, articles per source and month")
    stats_parser.add_argument("--json", action="store_true", help="the figures as JSON")
    commands.add_parser("prune", help="apply the retention settings now (keep, max_articles)")
    add_parser = commands.add_parser("add", help="add a feed, or the feed a web page announces")
    add_parser.add_argument("url", metavar="URL", help="a feed or a web page")
    add_parser.add_argument("--name", help="default: the feed's own title")
    add_parser.add_argument("--tag", action="append", metavar="T", help="repeat for more tags")
    add_parser.add_argument("--interval", metavar="I", help='e.g. "30m" (default: the setting)')
    add_parser.add_argument("--pick", type=int, metavar="N", help="the Nth feed the page lists")
    for action, words in (("remove", "delete"), ("disable", "stop polling"), ("enable", "poll")):
        edit_parser = commands.add_parser(action, help=f"{words} a source in feeds.toml")
        edit_parser.add_argument("source", metavar="NAME_OR_URL", help="its name, id or URL")
    serve_parser = commands.add_parser("serve", help="the dashboard in a web browser")
    serve_parser.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000, help="default: 8000")
    serve_parser.add_argument(
        "--allow-remote", action="store_true", help="allow a --host other machines can reach"
    )
    serve_parser.add_argument(
        "--public-url", metavar="URL", help="the address browsers use (an ssh tunnel, a proxy)"
    )
    serve_parser.add_argument(
        "--token-file", metavar="FILE", help="read the token here (also AIWIRE_SERVE_TOKEN)"
    )
    serve_parser.add_argument(
        "--max-sessions", type=int, default=4, metavar="N", help="open tabs at once; default 4"
    )
    digest_parser = commands.add_parser(
        "digest", help="top stories, events, spikes and failing sources of a period"
    )
    digest_parser.add_argument(
        "--since", default="24h", metavar="SPAN", help="24h, 7d, 2w or a date (default: 24h)"
    )
    digest_parser.add_argument(
        "--format", default="text", choices=("text", "markdown", "html", "json")
    )
    from watchlist.tag_command import add_arguments

    add_arguments(commands.add_parser("tag", help="show the names and events found in a text"))
    return parser
