"""The origin of a URL, as browsers compare them (scheme, host, port)."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["origin_of"]


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, lower-case, default ports left out."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # a port that is no number: matches nothing served
        return f"{scheme}://{host}:invalid"
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" if port in (None, default) else f"{scheme}://{host}:{port}"
