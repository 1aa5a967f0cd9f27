"""The `aiwire` command: the dashboard, and headless commands beside it.

Headless commands (list, check, fetch, paths, ...) never import Textual, so
they start fast and work in scripts and cron jobs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import logging.handlers
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ingest.resources import bundled_config, bundled_seeds_dir, running_from_checkout

if TYPE_CHECKING:
    import asyncio

    from ingest.enrichment import EnrichmentService
    from ingest.polling import PollingService
    from storage.records import Article
    from storage.service import StoreService

log = logging.getLogger("aiwire")


def aiwire_version() -> str:
    # Imported here: importlib.metadata costs ~25 ms at start-up, for --version only.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("aiwire")
    except PackageNotFoundError:
        return "0+unknown"


# -- paths -------------------------------------------------------------------


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("aiwire", appauthor=False))


def default_config_path() -> Path:
    """The checkout's feeds.toml when run from a checkout, else the user's."""
    if running_from_checkout():
        return bundled_config()
    from platformdirs import user_config_dir

    return Path(user_config_dir("aiwire", appauthor=False)) / "feeds.toml"


def resolve_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    config = Path(args.config or os.environ.get("AIWIRE_CONFIG") or default_config_path())
    data = Path(args.data_dir or os.environ.get("AIWIRE_DATA_DIR") or default_data_dir())
    return config.expanduser(), data.expanduser()


def ensure_config(path: Path) -> None:
    """First run outside a checkout: start from the bundled feeds.toml."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bundled_config().read_bytes())


def log_file() -> Path:
    """The log: in the platform's state directory (XDG_STATE_HOME), or AIWIRE_LOG_DIR.

    Not the data directory: a log is neither data to back up nor to sync.
    """
    from platformdirs import user_log_dir

    directory = os.environ.get("AIWIRE_LOG_DIR") or user_log_dir("aiwire", appauthor=False)
    return Path(directory).expanduser() / "aiwire.log"


def setup_logging(debug: bool) -> Path:
    """Log to a rotating file: nothing may print to the terminal under the UI."""
    log_path = log_file()
    log_path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        log_path, maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for existing in list(root.handlers):
        root.removeHandler(existing)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    # httpx logs every request at INFO: 500 lines per pass of 500 feeds, on disk
    # each time. The fetcher logs what goes wrong itself; --debug shows them all.
    logging.getLogger("httpx").setLevel(logging.NOTSET if debug else logging.WARNING)
    logging.captureWarnings(True)
    return log_path


# -- commands ------------------------------------------------------------------


def open_store_with_seeds(  # type: ignore[no-untyped-def]
    data_dir: Path, *, defer_articles: bool = False, load_seeds: bool = True
):
    """Open the store; as the writer, load seed files not loaded yet.

    `defer_articles`: read the stored articles only when first needed (a
    fetch where every feed answers 304 never needs them). `load_seeds=False`
    leaves the seeds to the caller."""
    from storage.store import ArticleStore

    store = ArticleStore(data_dir)
    report = store.open(defer_articles=defer_articles)
    for moved in report.moved_aside:
        print(f"aiwire: {moved}", file=sys.stderr)
    if store.writer and load_seeds:
        from ingest.seeds import extract_seeds_light, pending_seed_files, store_seeds

        # Only seeds not loaded yet are read: lingua is imported for them alone.
        pending = pending_seed_files(store, bundled_seeds_dir())
        if pending:
            store_seeds(store, extract_seeds_light(pending))
    return store


def article_json(store, article) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from storage.records import to_iso

    state = store.user_state(article.id)
    record: dict[str, object] = {
        "id": article.id,
        "feed": article.feed_id,
        "title": article.title,
        "link": article.link,
        "published": to_iso(article.published),
        "date_precision": article.date_precision,
        "first_seen": to_iso(article.first_seen),
        "language": article.language,
        "read": state.read,
        "starred": state.starred,
        "entities": list(article.entities),
    }
    if article.source is not None:
        record["source"] = article.source.to_dict()
    return record


def command_list(args: argparse.Namespace, out: TextIO) -> int:
    _config, data_dir = resolve_paths(args)
    store = open_store_with_seeds(data_dir)
    try:
        articles = sorted(store.articles(), key=lambda a: (a.sort_time, a.id), reverse=True)
        if args.limit is not None:
            articles = articles[: args.limit]
        for article in articles:
            record = article_json(store, article)
            if args.json:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                date = record["published"] or "no date"
                mark = " " if record["read"] else "N"
                out.write(f"{mark} {str(date):<20} {article.feed_id:<12} {article.title}\n")
    finally:
        store.close()
    return 0


def command_check(args: argparse.Namespace, out: TextIO) -> int:
    from ingest.cli_check import run_check

    config, _data = resolve_paths(args)
    return run_check(config, out)


def load_config_or_report(path: Path):  # type: ignore[no-untyped-def]
    from ingest.config import ConfigError, load_config

    try:
        return load_config(path)
    except ConfigError as error:
        for problem in error.problems:
            print(f"aiwire: {problem}", file=sys.stderr)
        return None


@dataclass
class PollingSession:
    """The writer's store with polling, and enrichment or the seeds still loading."""

    service: StoreService
    enrichment: EnrichmentService | None
    polling: PollingService
    seeding: asyncio.Future[list[Article]] | None = None

    async def aclose(self) -> None:
        """Stop polling, let the seeds finish storing, and close the store."""
        try:
            await self.polling.aclose()
            if self.seeding is not None:
                await self.seeding
        finally:
            self.service.close()


async def open_polling(  # type: ignore[no-untyped-def]
    config, data_dir: Path, refusal: str, *, enrich: bool = True, linger: float = 0.2
) -> PollingSession | None:
    """The writer's store with polling (and enrichment), or None (after saying why).

    `enrich=False` stores items as fetched: the dashboard or the daemon tags
    watchlist mentions later (every article records which watchlist tagged it),
    so a one-off pass spends its time fetching and storing. `linger` is how
    long the store gathers feeds' batches into one write.
    """
    import asyncio

    from ingest.enrichment import EnrichmentService
    from ingest.polling import PollingService
    from storage.service import StoreService

    # Without the start-up catch-up of enrichment nothing needs the stored
    # articles until a feed brings items: a pass of 304s never reads them.
    # Enrichment starts with a pass over what is stored, seeds included; a
    # plain fetch extracts the seeds in a worker process while it fetches.
    store = open_store_with_seeds(data_dir, defer_articles=not enrich, load_seeds=enrich)
    if not store.writer:
        holder = store.report.holder_pid
        who = f" (pid {holder})" if holder else ""
        print(f"aiwire: another aiwire{who} is writing to {data_dir}; {refusal}", file=sys.stderr)
        store.close()
        return None
    service = StoreService(store, linger=linger)
    enrichment = EnrichmentService(service, (*config.people, *config.companies)) if enrich else None
    polling = PollingService(
        service, config, feed_states=store.feed_states(), enrichment=enrichment
    )
    session = PollingSession(service, enrichment, polling)
    if enrichment is not None:
        await enrichment.enrich(list(store.articles()))  # seeds, or left by a crash
    else:
        from ingest.seeds import load_pending_seeds_in_worker

        session.seeding = asyncio.ensure_future(
            load_pending_seeds_in_worker(service, bundled_seeds_dir())
        )
    return session


# Nobody watches `aiwire fetch` fill a list: batches are gathered for a second,
# so a pass over 500 feeds costs a few dozen appends rather than hundreds (each
# fsync writes its file's last, partly filled page again).
FETCH_LINGER = 1.0


async def fetch_once(  # type: ignore[no-untyped-def]
    config, data_dir: Path, out: TextIO, as_json: bool, *, enrich: bool = False
) -> int:
    opened = await open_polling(
        config,
        data_dir,
        "it polls already, so fetch has nothing to do",
        enrich=enrich,
        linger=FETCH_LINGER,
    )
    if opened is None:
        return 2
    try:
        outcomes = await opened.polling.refresh()
    finally:
        await opened.aclose()
    new = sum(len(o.new_articles) for o in outcomes)
    errors = [o for o in outcomes if o.status == "error"]
    not_modified = sum(1 for o in outcomes if o.status == "not_modified")
    if as_json:
        out.write(
            json.dumps(
                {
                    "feeds": len(outcomes),
                    "new_items": new,
                    "not_modified": not_modified,
                    "errors": len(errors),
                    "results": [o.to_dict() for o in outcomes],
                },
                ensure_ascii=False,
            )
            + "\n"
        )
    else:
        for outcome in outcomes:
            detail = outcome.error or (
                f"{len(outcome.new_articles)} new"
                if outcome.new_articles
                else outcome.status.replace("_", " ")
            )
            out.write(f"{outcome.status:<13} {outcome.name[:40]:<40} {detail}\n")
        out.write(
            f"{len(outcomes)} feeds: {new} new items, {not_modified} not modified, "
            f"{len(errors)} errors\n"
        )
    return 0


def command_fetch(args: argparse.Namespace, out: TextIO) -> int:
    import asyncio

    config_path, data_dir = resolve_paths(args)
    setup_logging(args.debug)
    config = load_config_or_report(config_path)
    if config is None:
        return 1
    return asyncio.run(fetch_once(config, data_dir, out, args.json, enrich=args.enrich))


async def run_daemon(config_path: Path, config, data_dir: Path, out: TextIO) -> int:  # type: ignore
    import asyncio
    import signal

    from ingest.config import ConfigError, ConfigWatcher

    opened = await open_polling(config, data_dir, "only one aiwire polls a data directory")
    if opened is None:
        return 2
    service, enrichment, polling = opened.service, opened.enrichment, opened.polling
    assert enrichment is not None  # the daemon enriches, so its seeds are stored already
    store = service.store
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    watcher = ConfigWatcher(config_path)
    watcher.poll()
    polling.start()
    out.write(
        f"aiwire daemon: polling {len(polling.enabled_sources())} sources into "
        f"{data_dir} (log: {log_file()})\n"
    )
    out.flush()
    try:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=2.0)
            change = watcher.poll()
            if isinstance(change, ConfigError):
                log.error(
                    "feeds.toml not applied, the last good configuration stays: %s",
                    "; ".join(str(p) for p in change.problems),
                )
            elif change is not None:
                polling.apply_config(change)
                if enrichment.set_entities((*change.people, *change.companies)):
                    await enrichment.enrich(list(store.articles()))
    finally:
        await opened.aclose()
    return 0


def command_daemon(args: argparse.Namespace, out: TextIO) -> int:
    import asyncio

    config_path, data_dir = resolve_paths(args)
    setup_logging(args.debug)
    config = load_config_or_report(config_path)
    if config is None:
        return 1
    return asyncio.run(run_daemon(config_path, config, data_dir, out))


def command_paths(args: argparse.Namespace, out: TextIO) -> int:
    config, data = resolve_paths(args)
    out.write(f"config     {config}{'' if config.exists() else '  (missing)'}\n")
    out.write(f"data       {data}\n")
    out.write(f"log        {log_file()}\n")
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


def command_serve(args: argparse.Namespace, out: TextIO) -> int:
    from tui.serve import serve

    config, data_dir = resolve_paths(args)
    ensure_config(config)
    return serve(config, data_dir, host=args.host, port=args.port, debug=args.debug, out=out)


def command_ui(args: argparse.Namespace) -> int:
    config, data_dir = resolve_paths(args)
    ensure_config(config)
    log_path = setup_logging(args.debug)
    import io

    from rich.console import Console

    from tui.app import AiwireApp, AppOptions

    app = AiwireApp(
        AppOptions(config_path=config, data_dir=data_dir, seeds_dir=bundled_seeds_dir())
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


# -- parsing -------------------------------------------------------------------


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
    import_parser = commands.add_parser("import-opml", help="add the feeds of an OPML file")
    import_parser.add_argument("file", metavar="FILE", help="OPML file from another reader")
    export_parser = commands.add_parser("export-opml", help="write the sources as OPML 2.0")
    export_parser.add_argument("file", metavar="FILE", nargs="?", help="default: stdout")
    serve_parser = commands.add_parser("serve", help="the dashboard in a web browser")
    serve_parser.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1")
    serve_parser.add_argument("--port", type=int, default=8000, help="default: 8000")
    from watchlist.tag_command import add_arguments

    add_arguments(commands.add_parser("tag", help="show the names and events found in a text"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
    }
    try:
        return handlers[args.command](args, sys.stdout)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
