"""`aiwire serve`: the same dashboard in a web browser, through textual-serve.

textual-serve runs one app process per browser tab, from a shell command. The
command names the config and data paths explicitly, so the served app reads
the same feeds.toml and articles as `aiwire` in a terminal would, whatever the
web server's environment says. Several tabs share the data directory the way
several terminals do: the first is the writer, the others follow it read-only.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path
from typing import TextIO

__all__ = ["app_command", "is_loopback", "serve"]


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


def serve(
    config: Path,
    data_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    debug: bool = False,
    out: TextIO = sys.stdout,
) -> int:
    """Serve until Ctrl+C or SIGTERM; 1 when the address cannot be used."""
    from textual_serve.server import Server

    if not is_loopback(host):
        # There is no login: whoever reaches the port gets the dashboard, with
        # the server's files behind it (edit feeds.toml, open links).
        print(
            f"aiwire: warning: serving on {host}, which other machines may reach; "
            "aiwire has no password protection",
            file=sys.stderr,
        )
    server = Server(
        app_command(config.resolve(), data_dir.resolve(), debug=debug),
        host=host,
        port=port,
        title="aiwire",
    )
    out.write(f"aiwire: serving the dashboard on http://{_url_host(host)}:{port}\n")
    out.flush()
    try:
        server.serve(debug=debug)
    except OSError as error:  # port taken, address not ours, ...
        print(f"aiwire: cannot serve on {host}:{port}: {error.strerror or error}", file=sys.stderr)
        return 1
    return 0


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
