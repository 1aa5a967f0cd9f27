"""The digest as one self-contained HTML file, for e-mail.

Every string from a feed goes through html.escape (quotes included), links
are http(s) only (ingest.sanitize.safe_link, checked again here), and the
page has no script, no external style sheet and no image: a mail client
shows it as it is.
"""

from __future__ import annotations

from html import escape

from core.digest import Digest, DigestStory, Telling
from core.digest_render import ledger_parts, period_text, quoted, shorten, when
from ingest.sanitize import safe_link

_STYLE = """
body { font: 15px/1.45 -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
       max-width: 56rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: 0.2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
.period, .meta, .why { color: #5f6368; } .meta { font-size: 0.9rem; }
ol li { margin-bottom: 0.6rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem;
         border-bottom: 1px solid #ddd; }
.why { font-size: 0.85rem; font-style: italic; }
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def link(text: str, url: str | None) -> str:
    safe = safe_link(url)
    if not safe:
        return e(text)
    return f'<a href="{e(safe)}" rel="noopener noreferrer">{e(text)}</a>'


def _story(story: DigestStory) -> str:
    lead: Telling = story.lead
    parts = [f"<li><strong>{link(lead.title, lead.link)}</strong>"]
    parts.append(f'<div class="meta">{e(lead.outlet)}, {e(when(lead.published))}')
    if story.also_in:
        also = ", ".join(link(t.outlet, t.link) for t in story.also_in)
        parts.append(f" · also in: {also}")
    if story.entities:
        parts.append(" · about: " + e(", ".join(story.entities)))
    parts.append("</div></li>")
    return "".join(parts)


def render_html(digest: Digest) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>aiwire digest {e(f'{digest.until:%Y-%m-%d}')}</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>aiwire digest</h1>",
        f'<p class="period">{e(period_text(digest))}</p>',
        "<h2>Top stories</h2>",
    ]
    if digest.stories:
        out.append("<ol>" + "".join(_story(story) for story in digest.stories) + "</ol>")
    else:
        out.append("<p>No new articles.</p>")
    out.append("<h2>Events</h2>")
    if digest.ledger:
        out.append(
            "<table><thead><tr><th>date</th><th>event</th><th>who</th><th>organisations</th>"
            "<th>told by</th></tr></thead><tbody>"
        )
        for row in digest.ledger:
            cells = "".join(f"<td>{e(part)}</td>" for part in ledger_parts(digest, row))
            story = digest.titles[row.article_id]
            out.append(
                f"<tr>{cells}</tr>"
                f'<tr><td></td><td colspan="4" class="why">{e(quoted(shorten(row.sentence)))} '
                f"({link(shorten(story.title, 80), story.link)})</td></tr>"
            )
        out.append("</tbody></table>")
        out.append('<p class="meta">* dated by the article, not the event</p>')
    else:
        out.append("<p>No events.</p>")
    out.append("<h2>Spikes</h2>")
    if digest.spikes:
        items = "".join(
            f"<li>{e(s.name)}: {s.today} today, {e(f'{s.average:g}')} a day before</li>"
            for s in digest.spikes
        )
        out.append(f"<ul>{items}</ul>")
    else:
        out.append("<p>None.</p>")
    out.append("<h2>Failing sources</h2>")
    if digest.failing:
        items = "".join(
            f"<li>{link(f.name, f.url)}: {e(f.error)} ({f.failures} failed polls)</li>"
            for f in digest.failing
        )
        out.append(f"<ul>{items}</ul>")
    else:
        out.append("<p>None.</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
