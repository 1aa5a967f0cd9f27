"""`aiwire serve`: the same dashboard in a web browser, through textual-serve.

textual-serve runs one app process per browser tab, from a shell command. The
command names the config and data paths explicitly, so the served app reads
the same feeds.toml and articles as `aiwire` in a terminal would, whatever the
web server's environment says. Several tabs share the data directory the way
several terminals do: the first is the writer, the others follow it read-only.

Serving is locked (see tui/serve_guard.py): a token per start, pages from
other origins refused, loopback only unless --allow-remote.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from tui.web_origin import origin_of

__all__ = ["ServeOptions", "app_command", "is_loopback", "serve"]


def app_command(config: Path, data_dir: Path, *, debug: bool = False) -> str:
    """The shell command textual-serve runs for each browser tab."""
    # sys.executable, not "aiwire": the venv's bin/ need not be on the server's PATH.
    parts = [sys.executable, "-m", "tui.cli", "--config", str(config), "--data-dir", str(data_dir)]
    if debug:
        parts.append("--debug")
    return shlex.join(parts)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


TOKEN_ENV = "AIWIRE_SERVE_TOKEN"
DEFAULT_MAX_SESSIONS = 4  # each session is a whole dashboard process
MIN_TOKEN_LENGTH = 16


class ServeError(Exception):
    """A reason not to start serving, said in one line."""


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    allow_remote: bool = False
    public_url: str | None = None
    token_file: Path | None = None
    max_sessions: int = DEFAULT_MAX_SESSIONS


def load_token(token_file: Path | None, environ: dict[str, str]) -> tuple[str, bool]:
    """The token and whether it was made here (and so must be printed)."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise ServeError(f"cannot read the token file {token_file}: {error}") from error
        source = f"the token file {token_file}"
    elif environ.get(TOKEN_ENV, "").strip():
        token, source = environ[TOKEN_ENV].strip(), TOKEN_ENV
    else:
        return secrets.token_urlsafe(24), True
    if len(token) < MIN_TOKEN_LENGTH or any(ch.isspace() or ch in "/?#&" for ch in token):
        raise ServeError(
            f"the token in {source} must be at least {MIN_TOKEN_LENGTH} characters, "
            "without spaces or any of / ? # &"
        )
    return token, False


def allowed_origins(options: ServeOptions) -> set[str]:
    """Where pages that may open a session are served from."""
    origins: set[str] = set()
    if options.public_url:
        origins.add(origin_of(options.public_url))
    if is_loopback(options.host):
        names = ("127.0.0.1", "localhost", "[::1]")
        origins.update(f"http://{name}:{options.port}" for name in names)
    elif not _is_wildcard(options.host):
        origins.add(f"http://{_url_host(options.host)}:{options.port}")
    return origins


def check_options(options: ServeOptions) -> None:
    if not is_loopback(options.host) and not options.allow_remote:
        raise ServeError(
            f"refusing to serve on {options.host}, which other machines may reach; "
            "pass --allow-remote to do so (the token is required either way)"
        )
    if options.public_url is not None:
        parts = urlsplit(options.public_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ServeError(f"--public-url must be an http(s) address, not {options.public_url!r}")
        if parts.path.strip("/") or parts.query:
            raise ServeError(
                "--public-url is an address without a path, like http://localhost:9000"
            )
    if _is_wildcard(options.host) and options.public_url is None:
        raise ServeError(
            f"serving on every address ({options.host}) needs --public-url, the address "
            "browsers will use, so that pages from anywhere else can be told apart"
        )
    if options.max_sessions < 1:
        raise ServeError("--max-sessions must be at least 1")


def serve(
    config: Path,
    data_dir: Path,
    options: ServeOptions | None = None,
    *,
    debug: bool = False,
    out: TextIO = sys.stdout,
    environ: dict[str, str] | None = None,
) -> int:
    """Serve until Ctrl+C or SIGTERM; 2 for options refused, 1 when the address cannot be used."""
    from tui.serve_guard import GuardedServer

    options = options or ServeOptions()
    environ = os.environ if environ is None else environ  # type: ignore[assignment]
    try:
        check_options(options)
        token, generated = load_token(options.token_file, environ)
    except ServeError as error:
        print(f"aiwire: {error}", file=sys.stderr)
        return 2
    # The dashboard processes inherit this environment and have no use for it.
    environ.pop(TOKEN_ENV, None)
    server = GuardedServer(
        app_command(config.resolve(), data_dir.resolve(), debug=debug),
        host=options.host,
        port=options.port,
        token=token,
        origins=allowed_origins(options),
        public_url=options.public_url,
        max_sessions=options.max_sessions,
    )
    base = (options.public_url or f"http://{_url_host(options.host)}:{options.port}").rstrip("/")
    if generated:
        out.write(f"aiwire: serving the dashboard; open {base}/?token={token}\n")
    else:
        source = options.token_file or TOKEN_ENV
        out.write(f"aiwire: serving the dashboard on {base}/ (token from {source})\n")
    if not is_loopback(options.host) and not base.startswith("https:"):
        print(
            "aiwire: warning: over plain http the token crosses the network readable",
            file=sys.stderr,
        )
    out.flush()
    try:
        server.serve(debug=debug)
    except OSError as error:  # port taken, address not ours, ...
        print(
            f"aiwire: cannot serve on {options.host}:{options.port}: {error.strerror or error}",
            file=sys.stderr,
        )
        return 1
    return 0


def _is_wildcard(host: str) -> bool:
    return host in ("", "0.0.0.0", "::")


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
