"""An article taken out of the dashboard: as plain text for a command, as a
Markdown file in the user's folder. No Textual here: the screens call it."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ingest.sanitize import clean_text, safe_link
from storage.records import Article

MAX_NAME = 80  # characters of the title kept in a file name
MAX_SUFFIX = 1000  # "title-2.md" ... before saving gives up
_UNSAFE_NAME = re.compile(r"[^\w\-]+")
_DASHES = re.compile(r"-{2,}")
# Characters that would start Markdown structure at the beginning of a title line.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


@dataclass(frozen=True, slots=True)
class ExportedArticle:
    """What is taken out of one article, already cleaned of terminal controls."""

    title: str
    source: str
    date: str
    link: str | None
    body: str

    @classmethod
    def of(cls, article: Article, source: str, body: str) -> ExportedArticle:
        return cls(
            title=clean_text(article.title, single_line=True) or "(untitled)",
            source=clean_text(source, single_line=True),
            date=_date(article.published),
            link=safe_link(article.link),
            body=clean_text(body),
        )


def _date(published: datetime | None) -> str:
    return published.strftime("%Y-%m-%d %H:%M %Z").strip() if published else "undated"


def plain_text(exported: ExportedArticle) -> str:
    """The article as a command reads it on stdin: a header, a blank line, the body."""
    lines = [
        exported.title,
        f"Source: {exported.source}",
        f"Date: {exported.date}",
        f"Link: {exported.link or '(none)'}",
        "",
        exported.body,
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def markdown(exported: ExportedArticle) -> str:
    """The article as a Markdown document; the title is escaped, the body kept as text."""
    title = _escape(exported.title)
    link = f"<{exported.link}>" if exported.link else "(none)"
    lines = [
        f"# {title}",
        "",
        f"- Source: {_escape(exported.source)}",
        f"- Date: {exported.date}",
        f"- Link: {link}",
        "",
        exported.body,
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def safe_file_name(title: str) -> str:
    """A file name made from a title: letters, digits, '-' and '_' only, never
    a path, never hidden, never empty."""
    folded = unicodedata.normalize("NFKC", title)
    name = _DASHES.sub("-", _UNSAFE_NAME.sub("-", folded)).strip("-_")[:MAX_NAME].strip("-_")
    return name or "article"


def save_markdown(folder: Path, title: str, text: str) -> Path:
    """Write `text` to a new file in `folder`, named from the title; an existing
    file is never replaced: "name-2.md", "name-3.md"... are tried instead."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = safe_file_name(title)
    for attempt in range(1, MAX_SUFFIX + 1):
        path = folder / (f"{stem}.md" if attempt == 1 else f"{stem}-{attempt}.md")
        # The name has no separator, but the folder's own links are the user's:
        # only the file itself must be new, and O_EXCL refuses a link in its place.
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        return path
    raise FileExistsError(f"{folder / stem}.md and {MAX_SUFFIX - 1} numbered copies exist")
