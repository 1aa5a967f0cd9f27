"""Feed HTML into a lexbor tree, for ingest.html_walk: when a tree is
affordable at all, and parsing into a document kept per thread when that
gives the same tree as a document of its own.
"""

from __future__ import annotations

import re
import threading

from selectolax.lexbor import LexborHTMLParser, LexborNode

# lexbor's tree builder is quadratic in two corners that hostile HTML can
# reach and real HTML does not: elements nested thousands deep (each new block
# scans the stack of open elements) and thousands of attributes on one element.
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


def tree_is_affordable(html: str) -> bool:
    """Whether lexbor builds html's tree in linear time (see above)."""
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


def parsed_body(html: str) -> LexborNode | None:
    """The <body> of html parsed as a document: the kept one when it may be."""
    body = _reused_body(html) if _parses_as_body(html) else None
    if body is None:
        body = LexborHTMLParser(html).body
    return body


# Creating and destroying a lexbor document costs more than parsing a typical
# body into one. So HTML is parsed into the <body> of a document kept per
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
