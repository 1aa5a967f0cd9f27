"""HTML from feeds, reduced to readable plain text and a numbered list of links.

Feed bodies are HTML written by strangers. We never render it: we keep the
words, lay blocks out as paragraphs separated by blank lines, and replace
every http(s) anchor with its text plus a reference marker ("text[1]") that
points into the returned list of absolute URLs. Links with other schemes
(javascript:, data:, file:, ...) keep their text and lose their target.

selectolax's lexbor parser does the HTML5 parsing (entities, broken markup,
implied end tags); one walk over its tree (ingest.html_walk) produces the
text. HTML without a tag is only unescaped, and HTML whose tree lexbor would
build too slowly (ingest.lexbor_body) is read without one. Every result goes
through clean_text.
"""

from __future__ import annotations

import html as _html
import re

from ingest.html_walk import BLOCKS, LINES, LIST_INDENT, PARAGRAPH, PRE_SPACE, WHITESPACE, Walker
from ingest.lexbor_body import tree_is_affordable
from ingest.sanitize import clean_text

# What an HTML parser would take for markup; "3 < 4" is not.
_TAG = re.compile(r"<[A-Za-z/!?]")
# The spaces the walk protects from clean_text (see ingest.html_walk); a line
# holding nothing but list indentation is dropped (it was laid out for text
# that did not come).
_KEPT = re.compile("[\ufdd0\ufdd1]")
_BARE_INDENT_LINE = re.compile("^\ufdd1+$\n?", re.MULTILINE)


def html_to_text(html: str, base_url: str | None) -> tuple[str, list[str]]:
    """Readable text and the http(s) links it references, in order of first use.

    Relative hrefs are resolved against base_url (when it is an http(s) URL).
    A link that appears twice keeps its first number. Text without any tag is
    returned as is, apart from the cleaning every feed string goes through.
    """
    if not html:
        return "", []
    if _TAG.search(html) is None:
        # Plain text: nothing to lay out. Entities are still decoded because
        # feeds routinely escape once more than they should ("AT&amp;T").
        return clean_text(_html.unescape(html) if "&" in html else html), []
    if not tree_is_affordable(html):
        return clean_text(_flat_text(html)), []
    if PRE_SPACE in html or LIST_INDENT in html:
        # Noncharacters have no business in a feed; these would forge layout.
        html = _KEPT.sub("", html)
    walker = Walker(base_url, mark_links=True)
    walker.run(html)
    text = clean_text("".join(walker.out))
    if walker.kept_spaces:
        text = _restore_spaces(text)
    return text, walker.links


def _restore_spaces(text: str) -> str:
    """The spaces the walk protected from clean_text, as spaces again."""
    if LIST_INDENT in text:
        text = _BARE_INDENT_LINE.sub("", text).rstrip("\n")
    return _KEPT.sub(" ", text)


def html_to_line(html: str) -> str:
    """One line of text from an HTML fragment, for titles and names.

    Tags are dropped, entities decoded, and no link markers added.
    """
    if not html:
        return ""
    if _TAG.search(html) is None:
        return clean_text(_html.unescape(html) if "&" in html else html, single_line=True)
    if not tree_is_affordable(html):
        return clean_text(_flat_text(html), single_line=True)
    walker = Walker(None, mark_links=False)
    walker.run(html)
    return clean_text("".join(walker.out), single_line=True)


# "[^<>]*" rather than "[^>]*": a "<" that never closes must not make every
# later "<" rescan to the end of the text.
_ANY_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)?[^<>]*>")


def _flat_break(match: re.Match[str]) -> str:
    name = (match.group(2) or "").lower()
    if name in BLOCKS or name in ("li", "pre"):
        return PARAGRAPH
    if name in LINES or name == "br":
        return "\n"
    return ""


def _flat_text(html: str) -> str:
    """Text from HTML without building a tree (for HTML too costly to build)."""
    return _html.unescape(_ANY_TAG.sub(_flat_break, WHITESPACE.sub(" ", html)))
