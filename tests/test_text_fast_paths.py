"""The cheap paths of text cleaning give exactly what the general ones give.

clean_text lays out text that holds nothing to remove without its general
regexes, and the HTML walker leaves collapsing runs of spaces to clean_text.
Both are only speed-ups: every output must equal the general path's.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import html_walk, lexbor_body
from ingest.feed_entries import _joined, resolved_link
from ingest.htmltext import html_to_line, html_to_text
from ingest.sanitize import (
    _NFC_INERT,
    _clean_general,
    _safe_link_general,
    clean_text,
    safe_link,
)
from tests.hostile import corpus

# Characters each path treats specially, and ordinary ones around them.
_SPECIAL_CHARS = (
    " \t\n\r\x0b\x0c\x00\x07\x1b\x7f\x85\x9b\x9c\x9d\xa0\xad\u1680\u2000\u2001\u2005\u200a"
    "\u200b\u200d\u202e\u202f\u2028\u2029\u205f\u2066\u3000\ufeff\ud800\udfff"
)
_PIECES = [
    *_SPECIAL_CHARS,
    "a",
    "Z",
    "é",
    "e\u0301",  # NFC composes it
    "ê",
    "\u0301",  # after "ê" NFC composes them into U+1EBF
    "’—©",
    "\u212b",  # NFC maps it onto Å
    "日本",
    "  ",
    "\n\n\n",
    " \n ",
    "\r\n",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x1b]8;;https://x.invalid/\x1b\\",
    "\x9b1m",
    "[bold]x[/]",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
_ATTACKS = [
    corpus.ALL_ATTACKS,
    corpus.OSC52,
    corpus.OSC0,
    corpus.OSC8,
    corpus.CSI_CLEAR,
    corpus.C1_CSI,
    corpus.BEL,
    corpus.BIDI,
    corpus.RICH,
]


class TestNfcInertCharacters:
    def test_nfc_leaves_each_of_them_alone_wherever_it_stands(self) -> None:
        """clean_text skips NFC for text whose characters outside ASCII are all
        _NFC_INERT: each must be its own NFC, of combining class 0, and never
        the second character of a canonical composition."""
        seconds = set()
        for code in range(0x110000):
            decomposition = unicodedata.decomposition(chr(code))
            if decomposition and not decomposition.startswith("<"):
                parts = decomposition.split()
                if len(parts) == 2:
                    seconds.add(int(parts[1], 16))
        inert = [chr(c) for c in range(0x80, 0x10000) if _NFC_INERT.fullmatch(chr(c))]
        assert "’" in inert and "é" in inert
        for char in inert:
            assert unicodedata.combining(char) == 0, hex(ord(char))
            assert unicodedata.normalize("NFC", char) == char, hex(ord(char))
            assert ord(char) not in seconds, hex(ord(char))
            assert not 0x1100 <= ord(char) <= 0x11FF  # Hangul jamo compose by rule


class TestCleanTextFastPath:
    @settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_TEXT, st.booleans())
    def test_same_as_the_general_path(self, text: str, single_line: bool) -> None:
        assert clean_text(text, single_line=single_line) == _clean_general(text, single_line)

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=200), st.booleans())
    def test_same_as_the_general_path_for_any_text(self, text: str, single_line: bool) -> None:
        assert clean_text(text, single_line=single_line) == _clean_general(text, single_line)

    @pytest.mark.parametrize("attack", _ATTACKS)
    @pytest.mark.parametrize("single_line", [False, True])
    def test_same_as_the_general_path_for_the_hostile_corpus(
        self, attack: str, single_line: bool
    ) -> None:
        for text in (attack, f"plain  text {attack} more\n\n\n\n text ", f" é {attack}\u00a0"):
            assert clean_text(text, single_line=single_line) == _clean_general(text, single_line)

    @pytest.mark.parametrize(
        "text",
        [
            "plain words, one space each",
            "  runs   of\n\n\n\nspaces  \n  and lines  ",
            "curly ’quotes’ — dashes and e\u0301 to compose",
            "\u212b\n \n\n\nafter",
            # A no-break space first, then other characters the general path
            # handles: spaces, an escape sequence holding one, marks to cap.
            "a\u00a0b\u2003c\u00a0",
            "\u00a0x \x1b[1\u00a0m \x1b[2 J\u00a0y",
            "\u00a0e\u0301\u0301\u0301\u0301\u0301\u0301 \u00a0\u200b",
        ],
    )
    def test_fast_path_texts(self, text: str) -> None:
        for single_line in (False, True):
            assert clean_text(text, single_line=single_line) == _clean_general(text, single_line)


_HTML_PIECES = [
    *_PIECES,
    "&amp;",
    "&#x1b;",
    "&#9;",
    "&#13;",
    "&nbsp;",
    "&#x2028;",
    "<p>",
    "</p>",
    "<br>",
    "<pre>",
    "</pre>",
    "<li>",
    "<td>",
    "<tr>",
    "<div>",
    "</div>",
    "<a href='/r'>",
    "<a href=' https://e.example/x '>",
    "</a>",
    "<img alt=' a \t b '>",
    "<script>x</script>",
]
_HTML = st.lists(st.sampled_from(_HTML_PIECES), max_size=40).map("".join)


class TestWalkerLeavesCollapsingToCleanText:
    """The walker only turns HTML whitespace into spaces; collapsing them there too
    (what it did before) must give the same text."""

    @settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_HTML)
    def test_same_text_as_collapsing_in_the_walker(self, html: str) -> None:
        quick = (html_to_text(html, "https://example.com/a/b"), html_to_line(html))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(html_walk, "_HTML_SPACE", html_walk.WHITESPACE)
            general = (html_to_text(html, "https://example.com/a/b"), html_to_line(html))
        assert quick == general


# -- links ------------------------------------------------------------------------

_URL_PIECES = [
    "http://",
    "https://",
    "HTTP://",
    "javascript:",
    "//",
    "example.com",
    "ex.example:8080",
    "user:pw@host",
    "[::1]",
    "[",
    "]",
    "/",
    "/path",
    "/a;b",
    ";",
    "?",
    "?q=1",
    "&x=2",
    "#",
    "#frag",
    "%20",
    " ",
    "\t",
    "\n",
    "\x00",
    "\x1b",
    "\x7f",
    "é",
    "\u200b",
    "..",
    "./",
    ":",
    "@",
    "\\",
]
_URL = st.lists(st.sampled_from(_URL_PIECES), max_size=12).map("".join)
_BASES = [
    "https://example.com/blog/post",
    "http://example.com/",
    "https://[broken/feed",
    "",
    "ftp://example.com/x",
    "https://example.com/a;b?c#d",
]


class TestLinkFastPath:
    @settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_URL)
    def test_safe_link_same_as_the_general_path(self, url: str) -> None:
        assert safe_link(url) == (_safe_link_general(url) if url else None)

    @settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_URL, st.sampled_from(_BASES))
    def test_resolved_link_same_as_urljoin_then_safe_link(self, link: str, base: str) -> None:
        expected = _safe_link_general(_joined(base, link.strip()) or "") if link else None
        assert resolved_link(link, base) == (expected or None)

    @pytest.mark.parametrize(
        "url",
        [
            "https://example.com/a/b?x=1&y=2#top",
            "https://example.com/a/b?",
            "https://example.com/a/b#",
            "https://example.com/a;",
            "https://example.com/a;p",
            "https://[::1]/x",
            "https://[::1/x",
            "http:///x",
            "https://exa mple.com/",
            "https://example.com/\u00e9",
        ],
    )
    @pytest.mark.parametrize("base", _BASES)
    def test_edge_urls(self, url: str, base: str) -> None:
        assert safe_link(url) == _safe_link_general(url)
        expected = _safe_link_general(_joined(base, url) or "")
        assert resolved_link(url, base) == (expected or None)


# -- HTML parsed into a kept document's <body> ---------------------------------------

_DOCUMENT_PIECES = [
    " ",
    "\n",
    "\t",
    "\x0c",
    "text",
    "\ud800",
    "&#13;",
    "&#x9;",
    "&Tab;",
    "&amp;",
    "<!DOCTYPE html>",
    "<!doctype html public '-//W3C//DTD HTML 4.01//EN'>",
    "<html>",
    "</html>",
    "<HEAD>",
    "</head>",
    "<body>",
    "</BODY>",
    "<frameset>",
    "<header>",
    "<bodyx>",
    "<title>t</title>",
    "<meta charset='utf-8'>",
    "<link rel=x>",
    "<base href='/b/'>",
    "<style>p{}</style>",
    "<script>s()</script>",
    "<noscript>",
    "</noscript>",
    "<noframes>nf</noframes>",
    "<template>tp</template>",
    "<!-- c -->",
    "<?pi?>",
    "</p>",
    "<p>",
    "<div>",
    "</div>",
    "<table>",
    "<tr>",
    "<td>",
    "</table>",
    "<select>",
    "<option>o",
    "<a href='/x'>",
    "</a>",
    "<b>",
    "</b>",
    "<li>",
    "<pre>",
    "<plaintext>",
    "<svg><p>",
    "<",
    "< p>",
]
_DOCUMENT = st.lists(st.sampled_from(_DOCUMENT_PIECES), max_size=25).map("".join)


def _converted(html: str) -> tuple[tuple[str, list[str]], str]:
    return html_to_text(html, "https://example.com/a/b"), html_to_line(html)


class TestKeptDocument:
    """HTML parsed into the kept document's <body> gives what a document of its own
    gives, and HTML for which that could differ gets a document of its own."""

    @settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_DOCUMENT)
    def test_same_text_as_a_document_of_its_own(self, html: str) -> None:
        quick = _converted(html)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(lexbor_body, "_parses_as_body", lambda _html: False)
            general = _converted(html)
        assert quick == general

    @pytest.mark.parametrize(
        "html",
        [
            "<p>a<table><tr><td>b</td></tr></table>c",  # quirks mode: the table stays in the <p>
            "<!DOCTYPE html><p>a<table><tr><td>b</td></tr></table>c",
            "<noscript><p>shown</p></noscript>",  # in <head>, the <p> leaves the noscript
            "<p>x</p><frameset>",
            "<title>t</title>body text",
            "\n <p>after whitespace</p>",
            "text first<meta charset=x><noscript><p>hidden</p></noscript>",
            "<p>lone \ud800 surrogate</p>",
            "&#13;<noframes>in the head</noframes>",  # a reference for whitespace
        ],
    )
    def test_documents_that_differ_as_fragments(self, html: str) -> None:
        quick = _converted(html)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(lexbor_body, "_parses_as_body", lambda _html: False)
            assert _converted(html) == quick

    def test_the_kept_document_is_replaced_after_its_budget(self) -> None:
        html = "<p>" + "word " * 1_000 + "</p>"
        first = None
        for _ in range(lexbor_body._REUSE_BUDGET // len(html) + 2):
            assert html_to_text(html, None)[0].startswith("word word")
            first = first or lexbor_body._kept.body
        assert lexbor_body._kept.body is not first
