"""What a fetch sends and reads in headers: the start URL, validators, Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ingest.fetch_body import Failure as _Failure
from ingest.fetch_url import FeedURL, parse_url

_MAX_RETRY_AFTER = timedelta(hours=24)


def parse_retry_after(value: str | None, now: datetime) -> datetime | None:
    """When to try again, from a Retry-After value (delta-seconds or an HTTP date).

    Returns an aware UTC datetime no later than 24 h after ``now``; None when the
    value is missing, unparseable, negative or already past (no constraint then).
    """
    if value is None:
        return None
    value = value.strip()
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    now = now.astimezone(UTC)
    try:
        if value.isdigit() and value.isascii():
            # Clamp before building a timedelta: "99999999999999" would overflow it.
            seconds = min(int(value), int(_MAX_RETRY_AFTER.total_seconds()))
            return now + timedelta(seconds=seconds)
        from email.utils import parsedate_to_datetime  # only a throttled answer needs it

        when = parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)  # "-0000" means "UTC, source unknown"
        when = when.astimezone(UTC)
        if when < now:
            return None
        return min(when, now + _MAX_RETRY_AFTER)
    except (TypeError, ValueError, IndexError, OverflowError):
        # Garbage, or a "now" at the very end of datetime's range.
        return None


def _start_url(url: str) -> FeedURL:
    try:
        parsed = parse_url(url.strip())
    except (ValueError, TypeError) as exc:
        raise _Failure(f"invalid URL: {exc}") from None
    if parsed.scheme not in ("http", "https"):
        raise _Failure("not an http(s) URL")
    if not parsed.host:
        raise _Failure("invalid URL: no host")
    if not _port_ok(parsed):
        raise _Failure(f"invalid URL: bad port {parsed.port}")
    return parsed


def _port_ok(url: FeedURL) -> bool:
    # httpx accepts any number; the socket layer then fails in unfriendly ways.
    return url.port is None or 0 < url.port < 65536


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    # Stored validators came from the network: never let one break the request line.
    if etag and _header_safe(etag):
        headers["If-None-Match"] = etag
    if last_modified and _header_safe(last_modified):
        headers["If-Modified-Since"] = last_modified
    return headers


def _header_safe(value: str) -> bool:
    return value.isascii() and value.isprintable()
