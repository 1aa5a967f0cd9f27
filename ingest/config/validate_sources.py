"""Validation of the [[sources]] entries: URL, name, id, interval, tags, duplicates."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from ingest.config.checker import Checker
from ingest.config.display import show
from ingest.config.ids import derive_feed_id, normal_url
from ingest.config.model import (
    MAX_ARTICLES,
    MAX_INTERVAL,
    MAX_KEEP,
    MAX_NAME_LENGTH,
    MAX_TAG_LENGTH,
    MAX_URL_LENGTH,
    MIN_INTERVAL,
    MIN_KEEP,
    RESERVED_IDS,
    SOURCE_KEYS,
    KeyPath,
    SourceConfig,
)

_FEED_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


def check_sources(checker: Checker, default_interval: int) -> tuple[SourceConfig, ...]:
    sources: list[SourceConfig] = []
    url_owner: dict[str, KeyPath] = {}
    id_owner: dict[str, KeyPath] = {}
    for path, table in checker.table_list("sources", "source"):
        checker.unknown_keys(path, table, SOURCE_KEYS, "a source")
        url = _url(checker, path, table)
        normal = normal_url(urlsplit(url)) if url else None
        if normal is not None:
            if normal in url_owner:
                checker.problem(
                    path + ("url",),
                    f"the same feed is already listed as {checker.where(url_owner[normal])}",
                )
            else:
                url_owner[normal] = path
        name = _source_name(checker, path, table, url)
        feed_id = _source_id(checker, path, table, url)
        if feed_id is not None and normal is not None and url_owner[normal] == path:
            if feed_id in id_owner:
                # A derived id only repeats when an explicit id copied it.
                key = "id" if "id" in table else "url"
                checker.problem(
                    path + (key,),
                    f"feed id {feed_id!r} is already used by {checker.where(id_owner[feed_id])}",
                )
            else:
                id_owner[feed_id] = path
        interval: int | None = default_interval
        if "interval" in table:
            interval = checker.duration(
                path + ("interval",), table["interval"], MIN_INTERVAL, MAX_INTERVAL
            )
        tags: tuple[str, ...] = ()
        if "tags" in table:
            checked = checker.text_list(
                path + ("tags",), table["tags"], max_length=MAX_TAG_LENGTH, example='["labs"]'
            )
            # Tags filter the view, so "AI" and "ai" must be one tag.
            tags = tuple(dict.fromkeys(tag.lower() for tag in checked or ()))
        enabled = True
        if "enabled" in table:
            enabled = checker.boolean(path + ("enabled",), table["enabled"]) is not False
        keep = max_articles = None
        if "keep" in table:
            keep = checker.duration(path + ("keep",), table["keep"], MIN_KEEP, MAX_KEEP)
        if "max_articles" in table:
            max_articles = checker.integer(
                path + ("max_articles",), table["max_articles"], 1, MAX_ARTICLES
            )
        full_text = False
        if "full_text" in table:
            full_text = checker.boolean(path + ("full_text",), table["full_text"]) is True
        if url and name and feed_id and interval is not None:
            line = checker.line(path) or 1
            named = "name" in table
            source = SourceConfig(feed_id, name, url, interval, tags, enabled, line, named=named)
            sources.append(
                replace(source, keep=keep, max_articles=max_articles, full_text=full_text)
            )
    return tuple(sources)


def _url(checker: Checker, path: KeyPath, table: dict[str, Any]) -> str | None:
    key = path + ("url",)
    if "url" not in table:
        checker.problem(
            key, 'is missing: every source needs one, e.g. url = "https://example.com/feed.xml"'
        )
        return None
    value = table["url"]
    if isinstance(value, str) and len(value.strip()) > MAX_URL_LENGTH:
        checker.problem(
            key,
            f"is too long ({len(value.strip()):,} characters; a feed URL has at most "
            f"{MAX_URL_LENGTH:,})",
        )
        return None
    url = checker.text(key, value, max_length=MAX_URL_LENGTH, example="https://example.com/feed")
    if url is None:
        return None
    if any(character.isspace() for character in url):
        checker.problem(key, f"must not contain spaces (write them as %20), got {show(url)}")
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        checker.problem(key, f"is not a valid URL, got {show(url)}")
        return None
    if parts.scheme.lower() not in ("http", "https"):
        # "example.com/feed" and "localhost:8080/feed" lack a scheme; "ftp:" and
        # "javascript:" have the wrong one.
        if "://" not in url and (not parts.scheme or re.match(r"[^:/]+:\d", url)):
            checker.problem(key, f"must start with https:// (did you mean {'https://' + url!r}?)")
        else:
            checker.problem(key, f"must be an http(s) URL, got {show(url)}")
        return None
    if not parts.hostname:
        checker.problem(key, f"has no host name, got {show(url)}")
        return None
    return url


def url_name(url: str) -> str:
    """A name for a feed from its URL: "example.com/ai/feed.xml"."""
    parts = urlsplit(url)
    host = (parts.hostname or url).removeprefix("www.")
    path = parts.path.rstrip("/")
    return f"{host}{path}"[:MAX_NAME_LENGTH]


def _source_name(
    checker: Checker, path: KeyPath, table: dict[str, Any], url: str | None
) -> str | None:
    if "name" in table:
        return checker.text(
            path + ("name",), table["name"], max_length=MAX_NAME_LENGTH, example="OpenAI News"
        )
    if url is None:
        return None
    # No name: host and path, so that feeds of one host differ; the feed's
    # own title replaces it on screen once polled.
    return url_name(url)


def _source_id(
    checker: Checker, path: KeyPath, table: dict[str, Any], url: str | None
) -> str | None:
    if "id" not in table:
        return derive_feed_id(url) if url else None
    key = path + ("id",)
    value = checker.text(key, table["id"], max_length=64, example="openai-news")
    if value is None:
        return None
    if not _FEED_ID.fullmatch(value):
        checker.problem(
            key,
            "must be 1-64 lowercase letters, digits, '.', '_' or '-', starting with a "
            f"letter or digit, got {show(value)}",
        )
        return None
    if value in RESERVED_IDS:
        checker.problem(key, f"{value!r} is reserved for aiwire's own articles")
        return None
    return value
