"""OPML in and out: bring subscriptions from another reader, or take them along.

Import appends [[sources]] tables to the user's feeds.toml. That file is hand
edited and commented, so tomlkit rewrites it: everything that was there stays
byte for byte, and the new tables are inserted as one block right after the
last existing source (before any comment that introduces the next section).
The result is validated with the config module before it replaces the file,
so an import can never leave a feeds.toml that aiwire refuses to load.

Decisions worth knowing:
- Duplicates are judged like the config module judges them (http/https,
  "www.", trailing slash and #fragment do not make a different feed), against
  feeds.toml and within the OPML file itself.
- Folders (nested outlines) and `category` attributes become tags: every
  component of a category path is one tag, lowercased as feeds.toml wants.
- Outlines that are not usable feeds (no xmlUrl, not http(s), a link to
  another subscription list, a value the config would reject) are reported as
  invalid with a reason, never written.
- Export writes plain OPML 2.0, flat, with tags in the spec's `category`
  attribute, which newsboat, Miniflux, FreshRSS, Thunderbird and listparser read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

import listparser

from ingest.config import (
    MAX_NAME_LENGTH,
    MAX_TAG_LENGTH,
    Config,
    derive_feed_id,
    normal_url,
    parse_config,
)
from ingest.config.validate_sources import url_name
from ingest.feeds_file import BOM, replace_file, split_bom, with_bom
from ingest.source_tables import (
    NewSource,
    SourceTableError,
    append_sources,
    clean_text,
    rejection,
)

__all__ = ["ImportReport", "OpmlError", "export_opml", "format_report", "import_opml"]

MAX_OPML_BYTES = 10 * 1024 * 1024  # subscription lists are small; anything bigger is a mistake
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class OpmlError(Exception):
    """The OPML could not be read at all (as opposed to single invalid outlines)."""


@dataclass(slots=True)
class ImportReport:
    added: list[tuple[str, str]] = field(default_factory=list)  # (name, url)
    skipped_duplicates: list[str] = field(default_factory=list)  # url
    invalid: list[tuple[str, str]] = field(default_factory=list)  # (title, reason)


# --------------------------------------------------------------------------
# Import


def import_opml(opml_bytes: bytes, config_path: Path) -> ImportReport:
    """Append the OPML's feeds to the feeds.toml at `config_path`.

    Raises OpmlError when the OPML is unreadable and ConfigError when
    feeds.toml does not load now (a broken file is the user's to fix first;
    adding to it would hide where the mistake is).
    """
    candidates, report = _read_outlines(opml_bytes)
    raw = config_path.read_bytes()
    existing = parse_config(raw, config_path)
    bom, text = split_bom(raw)

    # Also filled with each accepted URL, so the OPML's own repeats count as duplicates.
    known_urls = {normal_url(urlsplit(source.url)) for source in existing.sources}
    known_ids = {source.id for source in existing.sources}
    accepted: list[NewSource] = []
    for candidate in candidates:
        normal = normal_url(urlsplit(candidate.url))
        if normal in known_urls:
            report.skipped_duplicates.append(candidate.url)
            continue
        reason = rejection(candidate) or (
            "its feed id is already used by a source in feeds.toml"
            if derive_feed_id(candidate.url) in known_ids
            else None
        )
        if reason:
            report.invalid.append((candidate.title, reason))
            continue
        known_urls.add(normal)
        known_ids.add(derive_feed_id(candidate.url))
        accepted.append(candidate)

    if not accepted:
        return report
    try:
        new_text = append_sources(text, accepted)
    except SourceTableError as error:
        raise OpmlError(str(error)) from None
    new_raw = with_bom(bom, new_text)
    # The last word: the file as it will be written must load. Anything that
    # slipped past the per-outline checks fails here, before the user's file
    # is touched.
    parse_config(new_raw, config_path)
    replace_file(config_path, new_raw)
    report.added.extend(
        (candidate.name or _host_name(candidate.url), candidate.url) for candidate in accepted
    )
    return report


def _read_outlines(opml_bytes: bytes) -> tuple[list[NewSource], ImportReport]:
    if len(opml_bytes) > MAX_OPML_BYTES:
        raise OpmlError(f"the file is larger than {MAX_OPML_BYTES // (1024 * 1024)} MB")
    # Always bytes: listparser.parse() fetches a *str* that starts with "http".
    parsed = listparser.parse(_as_utf8(opml_bytes))
    if not parsed.version.startswith("opml") and not parsed.feeds:
        raise OpmlError("not an OPML subscription list (no <opml> element with feeds)")
    report = ImportReport()
    candidates: list[NewSource] = []
    for feed in parsed.feeds:
        url = str(feed.get("url", "")).strip()
        title = clean_text(str(feed.get("title", "")))
        shown = title or url
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            report.invalid.append((shown, f"not an http(s) feed address: {url!r}"))
            continue
        try:
            normal_url(parts)
        except ValueError:  # a port that is not a number
            report.invalid.append((shown, f"not a valid URL: {url!r}"))
            continue
        name = title[:MAX_NAME_LENGTH].strip() if title else None
        candidates.append(NewSource(shown, url, name, _tags(feed.get("categories", []))))
    for entry in parsed.lists:
        report.invalid.append(
            (
                clean_text(str(entry.get("title", ""))) or str(entry.get("url", "")),
                "a link to another subscription list, not a feed",
            )
        )
    for entry in parsed.opportunities:
        report.invalid.append(
            (
                clean_text(str(entry.get("title", ""))) or str(entry.get("url", "")),
                "no feed address (xmlUrl), only a web page",
            )
        )
    return candidates, report


def _as_utf8(opml_bytes: bytes) -> bytes:
    """listparser decodes as UTF-8 without looking at the XML declaration; honour it here."""
    data = opml_bytes.removeprefix(BOM)
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    match = _XML_ENCODING.match(data)
    encoding = match.group(1).decode("ascii") if match else "windows-1252"
    try:
        return data.decode(encoding, "replace").encode("utf-8")
    except LookupError:
        raise OpmlError(f"unknown character encoding {encoding!r}") from None


def _tags(categories: Iterable[Iterable[str]]) -> tuple[str, ...]:
    tags: dict[str, None] = {}
    for path in categories:
        for part in path:
            tag = clean_text(part).lower()[:MAX_TAG_LENGTH].strip()
            if tag:
                tags[tag] = None
    return tuple(tags)


def _host_name(url: str) -> str:
    return url_name(url)


def format_report(report: ImportReport) -> str:
    """What `aiwire import-opml` prints: the summary line, then the names."""
    lines = [
        f"added {len(report.added)}, skipped {len(report.skipped_duplicates)} duplicates, "
        f"{len(report.invalid)} invalid"
    ]
    lines += [f"  added      {name}  <{url}>" for name, url in report.added]
    lines += [f"  duplicate  {url}" for url in report.skipped_duplicates]
    lines += [f"  invalid    {title}: {reason}" for title, reason in report.invalid]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------
# Export


def export_opml(
    config: Config, *, now: datetime | None = None, title: str = "aiwire feeds"
) -> bytes:
    """The configured sources as an OPML 2.0 document (UTF-8), disabled ones included."""
    created = format_datetime(now or datetime.now(UTC), usegmt=True)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{_xml_text(title)}</title>",
        f"    <dateCreated>{_xml_text(created)}</dateCreated>",
        "    <docs>http://opml.org/spec2.opml</docs>",
        "  </head>",
        "  <body>",
    ]
    for source in config.sources:
        attributes = {
            "type": "rss",  # OPML's word for any feed, Atom and JSON Feed included
            "text": source.name,
            "title": source.name,
            "xmlUrl": source.url,
        }
        if source.tags:
            # The spec's category: comma-separated, slash-delimited paths; a tag is a path of one.
            attributes["category"] = ",".join(tag.replace(",", " ") for tag in source.tags)
        rendered = " ".join(f"{key}={_xml_attribute(value)}" for key, value in attributes.items())
        lines.append(f"    <outline {rendered}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")


def _xml_text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def _xml_attribute(value: str) -> str:
    # quoteattr escapes &, <, > and quotes; tabs and line breaks must be character
    # references or an XML parser normalises them to spaces.
    return quoteattr(_NOT_XML.sub("", value), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
