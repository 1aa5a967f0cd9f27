"""Feed ids: stable names for feed URLs, so renaming or reordering keeps history."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import SplitResult, urlsplit


def normal_url(parts: SplitResult) -> str:
    """The part of a URL that identifies a feed: no scheme, "www.", trailing
    slash, default port or fragment, because changing those does not change
    the feed and must not lose its history."""
    host = (parts.hostname or "").rstrip(".")
    host = host.removeprefix("www.")
    port = parts.port
    if port not in (None, 80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def derive_feed_id(url: str) -> str:
    """A readable, stable id for a feed URL: host and path slug plus a short hash.

    "https://openai.com/news/rss.xml" -> "openai-com-news-rss-xml-<8 hex>". The
    slug is for people reading the data files; the hash (of the normalised URL,
    case kept) keeps ids distinct when slugs are truncated or collide.
    """
    normal = normal_url(urlsplit(url.strip()))
    slug = re.sub(r"[^a-z0-9]+", "-", normal.lower()).strip("-")[:40].rstrip("-")
    digest = hashlib.blake2b(normal.encode(), digest_size=4).hexdigest()
    return f"{slug}-{digest}" if slug else digest
