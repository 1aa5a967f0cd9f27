"""Where aiwire keeps things, and its log: resolved the same way by every command."""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

from ingest import resources


def aiwire_version() -> str:
    # Imported here: importlib.metadata is slow to import and only --version needs it.
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
    if resources.running_from_checkout():
        return resources.bundled_config()
    from platformdirs import user_config_dir

    return Path(user_config_dir("aiwire", appauthor=False)) / "feeds.toml"


def resolve_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    config = Path(args.config or os.environ.get("AIWIRE_CONFIG") or default_config_path())
    data = Path(args.data_dir or os.environ.get("AIWIRE_DATA_DIR") or default_data_dir())
    return config.expanduser(), data.expanduser()


def explicit_config(args: argparse.Namespace) -> bool:
    """Whether --config or AIWIRE_CONFIG named the file (rather than the default)."""
    return bool(getattr(args, "config", None) or os.environ.get("AIWIRE_CONFIG"))


def ensure_config(path: Path) -> None:
    """First run outside a checkout: start from the bundled feeds.toml."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(resources.bundled_config().read_bytes())


def explicit_data_dir(args: argparse.Namespace) -> Path | None:
    """The data directory when --data-dir or AIWIRE_DATA_DIR names one."""
    named = getattr(args, "data_dir", None) or os.environ.get("AIWIRE_DATA_DIR")
    return Path(named).expanduser() if named else None


def log_file(data_dir: Path | None = None) -> Path:
    """The log: AIWIRE_LOG_DIR, else beside a data directory named explicitly
    (DIR.log next to DIR), else the platform's state directory (XDG_STATE_HOME).

    Never inside a data directory: a log is neither data to back up nor to
    sync. A data directory named for a test or a second setup keeps its own
    log beside it, so two setups never write into each other's.
    """
    if os.environ.get("AIWIRE_LOG_DIR"):
        return Path(os.environ["AIWIRE_LOG_DIR"]).expanduser() / "aiwire.log"
    if data_dir is not None:
        named = data_dir.expanduser().absolute()
        if named.name:  # not the file-system root
            return named.with_name(named.name + ".log")
    from platformdirs import user_log_dir  # only here: a fetch into a named dir skips it

    return Path(user_log_dir("aiwire", appauthor=False)).expanduser() / "aiwire.log"


LOG_MAX_BYTES = 2_000_000
LOG_BACKUPS = 3


class RotatingLog(logging.Handler):
    """The rotating log file, set up when the first record comes.

    A warm `aiwire fetch` logs nothing, so it neither imports logging.handlers
    nor opens the file.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.file: logging.Handler | None = None

    def _open(self) -> logging.Handler:
        if self.file is None:
            import logging.handlers

            self.file = logging.handlers.RotatingFileHandler(
                self.path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
            )
            self.file.setFormatter(self.formatter)
        return self.file

    def setFormatter(self, fmt: logging.Formatter | None) -> None:  # noqa: N802 - stdlib name
        super().setFormatter(fmt)
        if self.file is not None:
            self.file.setFormatter(fmt)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            handler = self._open()
        except OSError:
            self.handleError(record)  # as logging does: a log that fails never stops aiwire
            return
        handler.emit(record)

    def flush(self) -> None:
        if self.file is not None:
            self.file.flush()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        super().close()


def setup_logging(debug: bool, data_dir: Path | None = None) -> Path:
    """Log to a rotating file: nothing may print to the terminal under the UI."""
    log_path = log_file(data_dir)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    # The file exists from the start, as users and `aiwire paths` expect; opened
    # for appending, an existing one is left as it was.
    with log_path.open("a", encoding="utf-8"):
        pass
    handler = RotatingLog(log_path)
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
