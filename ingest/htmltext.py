"""HTML from feeds, reduced to readable plain text and a numbered list of links.

Feed bodies are HTML written by strangers. We never render it: we keep the
words, lay blocks out as paragraphs separated by blank lines, and replace
every http(s) anchor with its text plus a reference marker ("text[1]") that
points into the returned list of absolute URLs. Links with other schemes
(javascript:, data:, file:, ...) keep their text and lose their target.

selectolax's lexbor parser does the HTML5 parsing (entities, broken markup,
implied end tags); one recursive walk over its tree produces the text. The
walk is hand-rolled rather than built from css()/strip_tags() passes because
each extra pass costs a full tree traversal and this runs for every item.
"""

from __future__ import annotations

import html as _html
import re
import threading
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ingest.sanitize import clean_text, safe_link

# Elements whose whole subtree is dropped: code, styling, interactive widgets
# and embedded documents have no readable text worth keeping.
_DROPPED = frozenset(
    {
        "script",
        "style",
        "form",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
        "input",
        "button",
        "select",
        "textarea",
        "option",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "head",
        "title",
        "map",
        "frameset",
        "frame",
        "dialog",
        "-comment",
    }
)

# Elements that start and end a paragraph.
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "ul",
        "ol",
        "dl",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "nav",
        "main",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "fieldset",
        "hr",
        "center",
    }
)

# Elements that sit on their own line, without a blank line around them.
_LINES = frozenset({"tr", "dt", "dd", "caption"})

_PARAGRAPH = "\n\n"
# HTML collapses runs of whitespace, newlines included, outside <pre>.
_WHITESPACE = re.compile(r"[ \t\n\r\f]+")
# The walker only turns the other whitespace into spaces: clean_text, which
# all its output goes through, collapses runs of spaces (and those of <pre>
# too, so they are no different). Replacing every run, mostly single spaces,
# by a space was the walk's biggest cost.
_HTML_SPACE = re.compile(r"[\t\n\r\f]")
_HTTP_PREFIXES = ("http://", "https://")
# What an HTML parser would take for markup; "3 < 4" is not.
_TAG = re.compile(r"<[A-Za-z/!?]")


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
    if not _tree_is_affordable(html):
        return clean_text(_flat_text(html)), []
    walker = _Walker(base_url, mark_links=True)
    walker.run(html)
    return clean_text("".join(walker.out)), walker.links


def html_to_line(html: str) -> str:
    """One line of text from an HTML fragment, for titles and names.

    Tags are dropped, entities decoded, and no link markers added.
    """
    if not html:
        return ""
    if _TAG.search(html) is None:
        return clean_text(_html.unescape(html) if "&" in html else html, single_line=True)
    if not _tree_is_affordable(html):
        return clean_text(_flat_text(html), single_line=True)
    walker = _Walker(None, mark_links=False)
    walker.run(html)
    return clean_text("".join(walker.out), single_line=True)


# lexbor's tree builder is quadratic in two corners that hostile HTML can
# reach and real HTML does not: elements nested thousands deep (each new block
# scans the stack of open elements: 20,000 nested <div>s took 0.5 s, 100,000
# took 19 s) and thousands of attributes on one element (20,000 took 0.8 s).
# Such HTML is read without a tree: tags dropped, blocks still break lines.
_CHEAP_TAGS = 2_000  # fewer "<" than this cannot nest deep enough to hurt
_CHEAP_ATTRIBUTES = 1_000  # nor can fewer "=" make an element hurt
_MAX_DEPTH = 512  # what Chromium's HTML parser allows
_MAX_ATTRIBUTES = 1_000
_TAG_SCAN = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>")
# Elements that never nest: void, or closed implicitly by their next sibling.
_FLAT_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "option",
    }
)


def _tree_is_affordable(html: str) -> bool:
    if html.count("<") < _CHEAP_TAGS and html.count("=") < _CHEAP_ATTRIBUTES:
        return True
    depth = 0
    for match in _TAG_SCAN.finditer(html):
        closing, name, attributes = match.groups()
        if attributes.count("=") > _MAX_ATTRIBUTES:
            return False
        if name.lower() in _FLAT_ELEMENTS or attributes.endswith("/"):
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > _MAX_DEPTH:
                return False
    return True


# "[^<>]*" rather than "[^>]*": a "<" that never closes must not make every
# later "<" rescan to the end of the text.
_ANY_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)?[^<>]*>")


def _flat_break(match: re.Match[str]) -> str:
    name = (match.group(2) or "").lower()
    if name in _BLOCKS or name in ("li", "pre"):
        return _PARAGRAPH
    if name in _LINES or name == "br":
        return "\n"
    return ""


def _flat_text(html: str) -> str:
    """Text from HTML without building a tree (for HTML too costly to build)."""
    return _html.unescape(_ANY_TAG.sub(_flat_break, _WHITESPACE.sub(" ", html)))


# Creating and destroying a lexbor document costs more than parsing a 2 KB
# body into one (~13 µs against ~4 µs; in the worker, _body went from ~70 to
# ~45 µs an item). So HTML is parsed into the <body> of a document kept per
# thread (as assigning innerHTML does) when the HTML standard makes that the
# same tree a document of its own would have under <body>: once the first
# token that is not whitespace, a comment or a DOCTYPE has opened the body,
# both apply the "in body" rules to every token. Hence: no DOCTYPE (it decides
# quirks mode; the kept document, having none, is in quirks mode), no
# html/head/body/frameset tags, and a first token that opens the body: text
# (not a character reference, which may stand for whitespace: "&#13;"), or
# the start tag of an element that does not belong in <head>. Anything else
# is parsed as a document of its own, as before.
_REUSE_MAX_CHARS = 100_000
# Assigning innerHTML unlinks the old children without freeing them, so the
# document is replaced after ~this many characters (an item counts 2,000 more).
_REUSE_BUDGET = 500_000
_REUSE_ITEM_CHARS = 2_000
_HTML_SPACES = " \t\n\r\f"
_HEAD_ELEMENTS = frozenset(
    {
        "base",
        "basefont",
        "bgsound",
        "link",
        "meta",
        "noframes",
        "noscript",
        "script",
        "style",
        "template",
        "title",
    }
)
_FIRST_TAG = re.compile(r"<([A-Za-z][^\t\n\f\r />]*)")
_DOCUMENT_MARKUP = re.compile(
    r"<(?:!doctype|(?:/?(?:html|head|body)|frameset)(?![^\t\n\f\r />]))", re.IGNORECASE
)


def _parses_as_body(html: str) -> bool:
    """Whether html parsed as the children of a <body> gives a document's <body>."""
    if len(html) > _REUSE_MAX_CHARS:
        return False
    start = html.lstrip(_HTML_SPACES)
    if start.startswith("&"):
        return False  # a character reference can be whitespace too ("&#13;")
    if start.startswith("<"):
        first = _FIRST_TAG.match(start)
        if first is None:  # a comment, an end tag, "<" and no tag...
            return False
        name = first.group(1)
        if not name.isascii() or name.lower() in _HEAD_ELEMENTS:
            return False
    return _DOCUMENT_MARKUP.search(html) is None


class _KeptDocument(threading.local):
    """This thread's lexbor document and how much more it may take."""

    def __init__(self) -> None:
        self.body: LexborNode | None = None
        self.budget = 0


_kept = _KeptDocument()


def _reused_body(html: str) -> LexborNode | None:
    """The kept document's <body> with html parsed into it; None if it cannot be."""
    kept = _kept
    body = kept.body
    if body is None or kept.budget <= 0:
        body = kept.body = LexborHTMLParser("").body
        kept.budget = _REUSE_BUDGET
        if body is None:
            return None
    kept.budget -= len(html) + _REUSE_ITEM_CHARS
    try:
        body.inner_html = html
    except UnicodeEncodeError:
        # A lone surrogate: LexborHTMLParser drops it, innerHTML refuses the text.
        return None
    return body


class _Walker:
    """One conversion's state: the text pieces and the numbered links so far."""

    __slots__ = ("base", "origin", "mark_links", "out", "links", "numbers", "seen")

    def __init__(self, base_url: str | None, *, mark_links: bool) -> None:
        self.base: str | None = None
        self.origin: str | None = None
        if base_url is not None and base_url[:8].lower().startswith(_HTTP_PREFIXES):
            self.base = base_url
            try:
                parts = urlsplit(base_url)
                self.origin = f"{parts.scheme}://{parts.netloc}"
            except ValueError:
                self.base = None
        self.mark_links = mark_links
        self.out: list[str] = []
        self.links: list[str] = []
        # Resolved link -> its number; raw href -> its number or None (unsafe).
        self.numbers: dict[str, int] = {}
        self.seen: dict[str, int | None] = {}

    def run(self, html: str) -> None:
        body = _reused_body(html) if _parses_as_body(html) else None
        if body is None:
            body = LexborHTMLParser(html).body
        if body is not None:
            self.walk(body)

    def walk(self, root: LexborNode) -> None:
        """Depth-first over root's descendants, with an explicit stack.

        Not recursive: a feed can nest ten thousand <div>s, and Python's
        recursion limit would turn that into an exception.
        """
        out = self.out
        # Open elements: (element, `pre` outside it, text to add after it, is an anchor).
        stack: list[tuple[LexborNode, bool, str, bool]] = []
        node = root.first_child
        pre = False
        while True:
            if node is None:
                if not stack:
                    return
                element, pre, suffix, is_anchor = stack.pop()
                if is_anchor:
                    self.mark(element)
                out.append(suffix)
                node = element.next
                continue
            tag = node.tag
            if tag == "-text":
                text = node.text_content
                if text:
                    if not pre and ("\n" in text or "\t" in text or "\r" in text or "\f" in text):
                        # Four `in` tests cost a fifth of the regex call.
                        text = _HTML_SPACE.sub(" ", text)
                    out.append(text)
                node = node.next
                continue
            if tag in _DROPPED:
                node = node.next
                continue
            inner_pre = pre
            is_anchor = False
            if tag in _BLOCKS:
                out.append(_PARAGRAPH)
                suffix = _PARAGRAPH
            elif tag == "a":
                is_anchor = self.mark_links
                suffix = ""
            elif tag == "li":
                # Items follow each other line by line; the list is the paragraph.
                out.append("\n• ")
                suffix = ""
            elif tag == "br":
                out.append("\n")
                node = node.next
                continue
            elif tag == "img":
                alt = node.attrs.get("alt")
                if alt and not alt.isspace():
                    out.append(f"[{_WHITESPACE.sub(' ', alt).strip()}]")
                node = node.next
                continue
            elif tag == "pre":
                out.append(_PARAGRAPH)
                suffix = _PARAGRAPH
                inner_pre = True
            elif tag in _LINES:
                out.append("\n")
                suffix = ""
            elif tag == "td" or tag == "th":
                # Cells of a row stay on one line, kept apart by spaces.
                suffix = "  "
            else:
                # Inline or unknown elements: their text flows on.
                suffix = ""
            first = node.first_child
            if first is None:
                if is_anchor:
                    self.mark(node)
                out.append(suffix)
                node = node.next
            else:
                stack.append((node, pre, suffix, is_anchor))
                pre = inner_pre
                node = first

    def mark(self, anchor: LexborNode) -> None:
        """After an anchor's text: its reference number, if it goes somewhere safe."""
        href = anchor.attrs.get("href")
        if not href:
            return
        seen = self.seen
        if href in seen:
            number = seen[href]
        else:
            number = seen[href] = self.number(self.resolve(href.strip()))
        if number is not None:
            self.out.append(f"[{number}]")

    def resolve(self, href: str) -> str | None:
        if self.base is None or href[:8].lower().startswith(_HTTP_PREFIXES):
            return safe_link(href)
        if href.startswith("/") and not href.startswith("//") and "/." not in href:
            # The usual relative form; urljoin would cost four times as much.
            return safe_link(f"{self.origin}{href}")
        try:
            return safe_link(urljoin(self.base, href))
        except ValueError:
            # Malformed authority parts (e.g. "http://[x") make urljoin raise.
            return None

    def number(self, link: str | None) -> int | None:
        if link is None:
            return None
        number = self.numbers.get(link)
        if number is None:
            self.links.append(link)
            number = self.numbers[link] = len(self.links)
        return number
