"""The `aiwire` command: the dashboard, and headless commands beside it.

Headless commands (list, check, fetch, paths, ...) never import Textual, so
they start fast and work in scripts and cron jobs.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ingest.resources import bundled_seeds_dir, running_from_checkout
from tui.cli_parser import build_parser, parse_arguments
from tui.environment import (
    ensure_config,
    explicit_config,
    explicit_data_dir,
    log_file,
    resolve_paths,
    setup_logging,
)

__all__ = ["build_parser", "ensure_config", "log_file", "main", "resolve_paths", "setup_logging"]

log = logging.getLogger("aiwire")


# -- commands ------------------------------------------------------------------


def command_list(args: argparse.Namespace, out: TextIO) -> int:
    from core.listing import list_articles

    config, data_dir = resolve_paths(args)
    return list_articles(
        data_dir, bundled_seeds_dir(), out, as_json=args.json, limit=args.limit, config_path=config
    )


def command_check(args: argparse.Namespace, out: TextIO) -> int:
    from ingest.cli_check import run_check
    from tui.keymap_lines import keymap_mistakes

    config, _data = resolve_paths(args)
    # The keymap names bindings of the dashboard's key table, which the
    # config loader (ingest/) does not know: checked here, with its lines.
    return run_check(
        config, out, lambda loaded: keymap_mistakes(dict(loaded.settings.keymap or {}), config)
    )


def load_config_or_report(path: Path):  # type: ignore[no-untyped-def]
    from ingest.config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as error:
        for problem in error.problems:
            print(f"aiwire: {problem}", file=sys.stderr)
        return None


def command_fetch(args: argparse.Namespace, out: TextIO) -> int:
    import asyncio

    from storage.gc_pause import gc_paused

    # Importing allocates objects kept for the whole command: collections over
    # them find nothing to free (start-up is paused likewise in fetch_once).
    with gc_paused():
        from core.headless import fetch_once

    config_path, data_dir = resolve_paths(args)
    setup_logging(args.debug, explicit_data_dir(args))
    # feeds.toml is read (and a mistake in it reported) once, by fetch_once.
    return asyncio.run(
        fetch_once(config_path, data_dir, bundled_seeds_dir(), out, args.json, enrich=args.enrich)
    )


def command_daemon(args: argparse.Namespace, out: TextIO) -> int:
    import asyncio

    from core.headless import run_daemon

    config_path, data_dir = resolve_paths(args)
    log_path = setup_logging(args.debug, explicit_data_dir(args))
    return asyncio.run(run_daemon(config_path, data_dir, bundled_seeds_dir(), out, log_path))


def command_paths(args: argparse.Namespace, out: TextIO) -> int:
    config, data = resolve_paths(args)
    out.write(f"config     {config}{'' if config.exists() else '  (missing)'}\n")
    out.write(f"data       {data}\n")
    out.write(f"log        {log_file(explicit_data_dir(args))}\n")
    out.write(f"seeds      {bundled_seeds_dir()}\n")
    out.write(f"checkout   {'yes' if running_from_checkout() else 'no'}\n")
    return 0


def command_import_opml(args: argparse.Namespace, out: TextIO) -> int:
    from ingest.config import ConfigError
    from ingest.opml import OpmlError, format_report, import_opml

    config, _data = resolve_paths(args)
    ensure_config(config)
    try:
        opml_bytes = Path(args.file).read_bytes()
    except OSError as error:
        print(f"aiwire: {args.file}: {error.strerror or error}", file=sys.stderr)
        return 1
    try:
        report = import_opml(opml_bytes, config)
    except OpmlError as error:
        print(f"aiwire: {args.file}: {error}", file=sys.stderr)
        return 1
    except ConfigError as error:  # feeds.toml is broken now; adding to it would hide that
        for problem in error.problems:
            print(f"aiwire: {problem}", file=sys.stderr)
        return 1
    out.write(format_report(report))
    return 0


def command_export_opml(args: argparse.Namespace, out: TextIO) -> int:
    from ingest.opml import export_opml

    config_path, _data = resolve_paths(args)
    config = load_config_or_report(config_path)
    if config is None:
        return 1
    document = export_opml(config)
    if args.file in (None, "-"):
        out.write(document.decode("utf-8"))
    else:
        Path(args.file).write_bytes(document)
    return 0


def command_stats(args: argparse.Namespace, out: TextIO) -> int:
    from ingest.cli_archive import run_stats

    config, data_dir = resolve_paths(args)
    return run_stats(config, data_dir, out, as_json=args.json)


def command_prune(args: argparse.Namespace, out: TextIO) -> int:
    from ingest.cli_archive import run_prune

    config, data_dir = resolve_paths(args)
    return run_prune(config, data_dir, out)


def command_add(args: argparse.Namespace, out: TextIO) -> int:
    from ingest.cli_sources import run_add

    config, _data = resolve_paths(args)
    ensure_config(config)
    return run_add(
        config,
        args.url,
        out,
        name=args.name,
        tags=tuple(args.tag or ()),
        interval=args.interval,
        pick=args.pick,
    )


def command_edit_source(args: argparse.Namespace, out: TextIO) -> int:
    from ingest.cli_sources import run_edit

    config, _data = resolve_paths(args)
    return run_edit(config, args.command, args.source, out)


def command_serve(args: argparse.Namespace, out: TextIO) -> int:
    from tui.serve import ServeOptions, serve

    config, data_dir = resolve_paths(args)
    ensure_config(config)
    # The served dashboards get --data-dir; their log goes where this one's would.
    os.environ.setdefault("AIWIRE_LOG_DIR", str(log_file(explicit_data_dir(args)).parent))
    options = ServeOptions(
        host=args.host,
        port=args.port,
        allow_remote=args.allow_remote,
        public_url=args.public_url,
        token_file=Path(args.token_file) if args.token_file else None,
        max_sessions=args.max_sessions,
    )
    return serve(config, data_dir, options, debug=args.debug, out=out)


def command_ui(args: argparse.Namespace) -> int:
    config, data_dir = resolve_paths(args)
    if explicit_config(args) and not config.exists():
        # A mistyped path must not become a fresh config that polls the bundled sources.
        print(
            f"aiwire: {config}: no such file; `aiwire init {config}` creates it from the "
            "bundled feeds.toml",
            file=sys.stderr,
        )
        return 2
    ensure_config(config)
    log_path = setup_logging(args.debug, explicit_data_dir(args))
    import io

    from rich.console import Console

    from core.library import LibraryOptions
    from tui.app import AiwireApp

    app = AiwireApp(
        LibraryOptions(
            config_path=config,
            data_dir=data_dir,
            seeds_dir=bundled_seeds_dir(),
            fetch_off_loop=True,
        )
    )
    # Textual prints a crash's traceback, locals and all, to the terminal once the
    # UI closes. The traceback belongs in the log; the terminal gets one line.
    app.error_console = Console(file=io.StringIO(), width=120, markup=False, highlight=False)
    try:
        app.run()
    except Exception:
        log.exception("aiwire crashed")
        print(f"aiwire crashed; the traceback is in {log_path}", file=sys.stderr)
        return 1
    # Textual keeps the first unhandled exception here (textual is pinned in pyproject).
    crash = getattr(app, "_exception", None)
    if crash is not None:
        log.critical("aiwire crashed", exc_info=crash)
        print(f"aiwire crashed; the traceback is in {log_path}", file=sys.stderr)
        return 1
    if app.return_code:
        shown = app.error_console.file.getvalue()  # type: ignore[attr-defined]
        if shown:
            log.error("aiwire stopped with an error:\n%s", shown)
        print(f"aiwire stopped with an error; details in {log_path}", file=sys.stderr)
    return app.return_code or 0


def command_init(args: argparse.Namespace, out: TextIO) -> int:
    """Create a feeds.toml from the bundled one; never over an existing file."""
    config = Path(args.path).expanduser() if args.path else resolve_paths(args)[0]
    if config.exists():
        print(f"aiwire: {config} exists already; it is left as it is", file=sys.stderr)
        return 1
    try:
        ensure_config(config)
    except OSError as error:
        print(f"aiwire: {config}: {error.strerror or error}", file=sys.stderr)
        return 1
    out.write(f"created {config} from the bundled feeds.toml\n")
    return 0


def command_digest(args: argparse.Namespace, out: TextIO) -> int:
    from core.digest_command import run_digest

    config, data_dir = resolve_paths(args)
    return run_digest(config, data_dir, bundled_seeds_dir(), out, since=args.since, fmt=args.format)


def command_tag(args: argparse.Namespace, out: TextIO) -> int:
    """Tag a text with the watchlist of feeds.toml (see watchlist.tag_command)."""
    from ingest.config import ConfigError, load_config
    from watchlist.entities import Entity
    from watchlist.tag_command import run_parsed

    config_path, _ = resolve_paths(args)
    try:
        config = load_config(config_path)
    except ConfigError as error:
        print(f"aiwire tag: {error}", file=sys.stderr)
        return 2
    entities = [
        Entity.make(e.kind, e.name, e.aliases, e.affiliation)
        for e in (*config.people, *config.companies)
    ]
    return run_parsed(args, sys.stdin, out, entities)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    # Options given before or after the command both count.
    if args.command is None:
        return command_ui(args)
    handlers = {
        "list": command_list,
        "check": command_check,
        "paths": command_paths,
        "fetch": command_fetch,
        "daemon": command_daemon,
        "import-opml": command_import_opml,
        "export-opml": command_export_opml,
        "serve": command_serve,
        "tag": command_tag,
        "init": command_init,
        "stats": command_stats,
        "digest": command_digest,
        "add": command_add,
        "remove": command_edit_source,
        "disable": command_edit_source,
        "enable": command_edit_source,
        "prune": command_prune,
    }
    # Only helpers the command itself started are stopped (see helpers_running).
    had_helpers = False
    if "multiprocessing" in sys.modules:
        from ingest.processes import helpers_running

        had_helpers = helpers_running()
    try:
        return handlers[args.command](args, sys.stdout)
    except BrokenPipeError:
        return 0
    finally:
        if "multiprocessing" in sys.modules and not had_helpers:
            from ingest.processes import shutdown_process_helpers

            shutdown_process_helpers()


if __name__ == "__main__":
    raise SystemExit(main())
