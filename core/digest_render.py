"""The digest as plain text, Markdown or JSON (HTML: core.digest_html).

Every feed string was cleaned when the digest was made (no escape sequences,
no controls, one line); Markdown escapes what Markdown or HTML would read as
syntax, so a title cannot become a link or a tag.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

from core.digest import Digest, DigestStory, Telling
from core.ledger import LedgerRow, date_text, organisations, told_by_text
from watchlist.event_kinds import label

SENTENCE_CHARS = 220


def shorten(text: str, limit: int = SENTENCE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quoted(sentence: str) -> str:
    """The sentence in quotes, unless it opens with its own."""
    return sentence if sentence[:1] in "“\"'«„" else f"“{sentence}”"


def when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment else "undated"


def period_text(digest: Digest) -> str:
    return (
        f"{digest.since:%Y-%m-%d %H:%M} to {digest.until:%Y-%m-%d %H:%M} UTC, "
        f"{digest.articles} new article{'s' if digest.articles != 1 else ''}"
    )


def ledger_parts(digest: Digest, row: LedgerRow) -> tuple[str, str, str, str, str]:
    """(date, kind, who, organisations, told by) as words."""
    return (
        date_text(row),
        label(row.kind),
        digest.name(row.who),
        organisations(row, digest.name),
        told_by_text(row),
    )


# --- text ---------------------------------------------------------------------------


def render_text(digest: Digest) -> str:
    lines = [f"aiwire digest: {period_text(digest)}", ""]
    lines.append("TOP STORIES")
    if not digest.stories:
        lines.append("  (no new articles)")
    for number, story in enumerate(digest.stories, 1):
        lead = story.lead
        lines.append(f"{number:>3}. {lead.title}")
        lines.append(
            f"     {lead.outlet}, {when(lead.published)}" + (f"  {lead.link}" if lead.link else "")
        )
        if story.also_in:
            lines.append("     also in: " + ", ".join(t.outlet for t in story.also_in))
        if story.entities:
            lines.append("     about: " + ", ".join(story.entities))
    lines += ["", "EVENTS (* dated by the article, not the event)"]
    if not digest.ledger:
        lines.append("  (no events)")
    for row in digest.ledger:
        date, kind, who, orgs, told = ledger_parts(digest, row)
        lines.append(f"  {date:<11} {kind:<12} {who:<22} {orgs:<28} {told}".rstrip())
        lines.append(f"              {quoted(shorten(row.sentence))}")
    lines += ["", "SPIKES (mentions in the last day, against the average day of the month before)"]
    if not digest.spikes:
        lines.append("  (none)")
    for spike in digest.spikes:
        lines.append(f"  {spike.name:<24} {spike.today} today, {spike.average:g} a day before")
    lines += ["", "FAILING SOURCES"]
    if not digest.failing:
        lines.append("  (none)")
    for source in digest.failing:
        lines.append(f"  {source.name}: {source.error} ({source.failures} failed polls)")
    return "\n".join(lines) + "\n"


# --- Markdown ---------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def md(text: str) -> str:
    """Feed text for Markdown: punctuation escaped, < > & as entities."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def md_link(text: str, url: str | None) -> str:
    if not url:
        return md(text)
    # Parentheses, spaces and angle brackets would end or break the link target.
    quoted = "".join(c if c not in "()<> " else f"%{ord(c):02X}" for c in url)
    return f"[{md(text)}]({quoted})"


def _md_story(number: int, story: DigestStory) -> list[str]:
    lead = story.lead
    where = f"{md(lead.outlet)}, {when(lead.published)}"
    lines = [f"{number}. **{md_link(lead.title, lead.link)}** — {where}"]
    if story.also_in:
        lines.append("   also in: " + ", ".join(md_link(t.outlet, t.link) for t in story.also_in))
    if story.entities:
        lines.append("   about: " + ", ".join(md(name) for name in story.entities))
    return lines


def render_markdown(digest: Digest) -> str:
    lines = ["# aiwire digest", "", md(period_text(digest)), "", "## Top stories", ""]
    if not digest.stories:
        lines.append("No new articles.")
    for number, story in enumerate(digest.stories, 1):
        lines += _md_story(number, story)
    lines += ["", "## Events", ""]
    if digest.ledger:
        lines += [
            "| date | event | who | organisations | told by | story |",
            "|---|---|---|---|---|---|",
        ]
    else:
        lines.append("No events.")
    for row in digest.ledger:
        cells = [md(part) for part in ledger_parts(digest, row)]
        story: Telling = digest.titles[row.article_id]
        cells.append(md_link(shorten(story.title, 80), story.link))
        lines.append("| " + " | ".join(cells) + " |")
    if digest.ledger:
        lines += ["", "\\* dated by the article, not the event"]
    lines += ["", "## Spikes", ""]
    lines += [
        f"- {md(s.name)}: {s.today} today, {s.average:g} a day before" for s in digest.spikes
    ] or ["None."]
    lines += ["", "## Failing sources", ""]
    lines += [
        f"- {md(f.name)}: {md(f.error)} ({f.failures} failed polls)" for f in digest.failing
    ] or ["None."]
    return "\n".join(lines) + "\n"


# --- JSON ------------------------------------------------------------------------------


def render_json(digest: Digest) -> str:
    return json.dumps(digest.to_dict(), ensure_ascii=False, indent=2) + "\n"
