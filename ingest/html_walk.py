"""The walk over a lexbor tree that lays feed HTML out as text (for ingest.htmltext).

One pass, depth first, over selectolax's lexbor tree: blocks become paragraphs
separated by blank lines, http(s) anchors keep their text plus a reference
marker ("text[1]") into a numbered list of absolute URLs, and links with other
schemes (javascript:, data:, file:, ...) keep their text and lose their target.
The walk is hand-rolled rather than built from css()/strip_tags() passes because
each extra pass costs a full tree traversal and this runs for every item.

Layout that HTML carries in whitespace survives: <pre> keeps its spaces and
indentation, nested lists are indented by depth. clean_text, which every
string goes through, collapses runs of spaces and strips lines, so the walk
writes such spaces as two noncharacters (Unicode reserves them for internal
use; clean_text keeps them) and ingest.htmltext makes them spaces after it.
MathML keeps its text, laid out on one line (ingest.mathtext), and an SVG
image its <title>, in brackets like an image's alt text.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborNode

from ingest.lexbor_body import parsed_body
from ingest.mathtext import math_text
from ingest.sanitize import safe_link

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
        # MathML's alternative encodings of a formula (TeX source, content
        # MathML) would repeat it; its presentation is what is read.
        "annotation",
        "annotation-xml",
    }
)

# Elements that start and end a paragraph.
BLOCKS = frozenset(
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
LINES = frozenset({"tr", "dt", "dd", "caption"})

PARAGRAPH = "\n\n"
# HTML collapses runs of whitespace, newlines included, outside <pre>.
WHITESPACE = re.compile(r"[ \t\n\r\f]+")
# The walker only turns the other whitespace into spaces: clean_text, which
# all its output goes through, collapses runs of spaces (and those of <pre>
# too, so they are no different), so the walk need not replace every run,
# mostly single spaces, by a space.
_HTML_SPACE = re.compile(r"[\t\n\r\f]")
_HTTP_PREFIXES = ("http://", "https://")

# Spaces that clean_text must leave alone: those of <pre>, and the indentation
# of list items. A line holding nothing but list indentation is dropped (it was
# laid out for text that did not come).
PRE_SPACE = "\ufdd0"
LIST_INDENT = "\ufdd1"
_LIST_TAGS = ("ul", "ol")
_BULLET = "• "
# Columns a tab in <pre> advances to; the reading pane is narrow.
_TAB_SIZE = 4


class Walker:
    """One conversion's state: the text pieces and the numbered links so far."""

    __slots__ = ("base", "origin", "mark_links", "kept_spaces", "out", "links", "numbers", "seen")

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
        # Link markers and kept layout go together: both are for bodies, not titles.
        self.mark_links = mark_links
        self.kept_spaces = False
        self.out: list[str] = []
        self.links: list[str] = []
        # Resolved link -> its number; raw href -> its number or None (unsafe).
        self.numbers: dict[str, int] = {}
        self.seen: dict[str, int | None] = {}

    def run(self, html: str) -> None:
        body = parsed_body(html)
        if body is not None:
            self.walk(body)

    def walk(self, root: LexborNode) -> None:
        """Depth-first over root's descendants, with an explicit stack.

        Not recursive: a feed can nest ten thousand <div>s, and Python's
        recursion limit would turn that into an exception.
        """
        out = self.out
        layout = self.mark_links
        # Open elements: (element, `pre` and list depth outside it, text to add
        # after it, is an anchor).
        stack: list[tuple[LexborNode, bool, int, str, bool]] = []
        node = root.first_child
        pre = False
        depth = 0
        while True:
            if node is None:
                if not stack:
                    return
                element, pre, depth, suffix, is_anchor = stack.pop()
                if is_anchor:
                    self.mark(element)
                out.append(suffix)
                node = element.next
                continue
            tag = node.tag
            if tag == "-text":
                text = node.text_content
                if text:
                    if pre:
                        if layout:
                            text = self.pre_text(text)
                    elif "\n" in text or "\t" in text or "\r" in text or "\f" in text:
                        # Four `in` tests cost a fifth of the regex call.
                        text = _HTML_SPACE.sub(" ", text)
                    out.append(text)
                node = node.next
                continue
            if tag in _DROPPED:
                node = node.next
                continue
            inner_pre = pre
            inner_depth = depth
            is_anchor = False
            if tag in BLOCKS:
                if depth:
                    # Inside a list a block is a line of its item, indented
                    # under its bullet, not a paragraph that would end the list.
                    indent = "\n" + self.indent(2 * depth)
                    if tag in _LIST_TAGS:
                        inner_depth = depth + 1
                    elif not out[-1].endswith(_BULLET):
                        out.append(indent)
                    suffix = indent
                else:
                    out.append(PARAGRAPH)
                    suffix = PARAGRAPH
                    if tag in _LIST_TAGS:
                        inner_depth = 1
            elif tag == "a":
                is_anchor = self.mark_links
                suffix = ""
            elif tag == "li":
                # Items follow each other line by line; the list is the paragraph.
                out.append("\n" + self.indent(2 * depth - 2) + _BULLET)
                suffix = ""
            elif tag == "br":
                out.append("\n" + self.indent(2 * depth) if depth else "\n")
                node = node.next
                continue
            elif tag == "img":
                alt = node.attrs.get("alt")
                if alt and not alt.isspace():
                    out.append(f"[{WHITESPACE.sub(' ', alt).strip()}]")
                node = node.next
                continue
            elif tag == "pre":
                out.append(PARAGRAPH)
                suffix = PARAGRAPH
                inner_pre = True
            elif tag in LINES:
                out.append("\n")
                suffix = ""
            elif tag == "td" or tag == "th":
                # Cells of a row stay on one line, kept apart by spaces.
                suffix = "  "
            elif tag == "math" or tag == "svg":
                self.embedded(node, tag)
                node = node.next
                continue
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
                stack.append((node, pre, depth, suffix, is_anchor))
                pre = inner_pre
                depth = inner_depth
                node = first

    def indent(self, width: int) -> str:
        if not self.mark_links or width <= 0:
            return ""
        self.kept_spaces = True
        return LIST_INDENT * width

    def pre_text(self, text: str) -> str:
        """Text inside <pre>, its spaces kept through clean_text."""
        if "\t" in text:
            text = text.expandtabs(_TAB_SIZE)
        if " " in text:
            self.kept_spaces = True
            text = text.replace(" ", PRE_SPACE)
        return text

    def embedded(self, node: LexborNode, tag: str) -> None:
        """The readable text of a <math> or <svg> element."""
        if tag == "svg":
            for child in node.iter():
                if child.tag == "title":
                    title = WHITESPACE.sub(" ", child.text(deep=True)).strip()
                    if title:
                        self.out.append(f"[{title}]")
                    return
            return
        parent = node.parent
        if parent is not None and "katex-mathml" in (parent.attrs.get("class") or ""):
            # KaTeX writes each formula twice; the copy beside this one is
            # what the page shows, and is read as text already.
            return
        text = math_text(node)
        if text:
            block = self.mark_links and node.attrs.get("display") == "block"
            self.out.append(f"{PARAGRAPH}{text}{PARAGRAPH}" if block else text)

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
