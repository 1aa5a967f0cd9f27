"""Hostile feed documents, generated in code (nothing big is committed).

Every case is a `Case`: the bytes a server could send, the response headers
it could send with them, and what we expect of the parser (an error phrase,
or items). The big documents (20 MB feed, 10,000 items, 1 MB title, 10,000
levels of nesting) are built on demand by the functions at the bottom.

Unique markers make leaks easy to find: anything a terminal would act on
carries one of the MARK_* strings, so a test can look for the marker inside
an escape sequence in whatever reached the screen.
"""

from __future__ import annotations

import base64
import codecs
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

# -- markers -------------------------------------------------------------------

MARK_OSC52 = "OSC52MARKER"
MARK_OSC52_B64 = base64.b64encode(MARK_OSC52.encode()).decode()  # what the clipboard gets
MARK_TITLE = "PWNED-MARKER"
MARK_OSC8 = "https://osc8-marker.invalid/"
MARK_CSI = "CSIMARKER"
MARK_C1 = "C1MARKER"
MARK_BEL = "BELMARKER"
MARK_BIDI = "BIDIMARKER"
PASSWD_SIGNATURE = "root:x:0:0"  # first line of /etc/passwd here; never in any output

# Terminal attacks, as they would be in feed text (decoded).
OSC52 = f"\x1b]52;c;{MARK_OSC52_B64}\x07"
OSC0 = f"\x1b]0;{MARK_TITLE}\x07"
OSC8 = f"\x1b]8;;{MARK_OSC8}\x1b\\click me\x1b]8;;\x1b\\"
CSI_CLEAR = f"\x1b[2J\x1b[H{MARK_CSI}"
C1_CSI = f"\x9b2J{MARK_C1}"
BEL = f"{MARK_BEL}\x07\x07"
BIDI = f"\u202e{MARK_BIDI}\u202c\u200b\u200d\u2066x\u2069\ufeff"
RICH = "[bold]b[/] [/] [link=file:///etc/passwd]l[/link] [@click=app.quit]q[/]"

ALL_ATTACKS = OSC52 + OSC0 + OSC8 + CSI_CLEAR + C1_CSI + BEL + BIDI + RICH

# C0 (minus \t \n), DEL, C1; bidi overrides/isolates and zero-width characters.
FORBIDDEN_CHARS = frozenset(
    [chr(c) for c in range(0x00, 0x20) if c not in (0x09, 0x0A)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + list("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
    + list("\u2066\u2067\u2068\u2069\u2060\ufeff\u061c")
)


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    headers: dict[str, str] = field(default_factory=dict)
    url: str = "https://feeds.example.com/feed.xml"
    # An error phrase the result must contain, or None: a usable result.
    error: str | None = None
    # At least this many items (when error is None).
    min_items: int = 0
    # Seconds the parse may take, in this process, on a slow CI core.
    bound: float = 5.0
    # Visible text that must survive cleaning (proves the item was read).
    visible: tuple[str, ...] = ()


def xml_text(text: str) -> str:
    """Text for an XML element: markup escaped; characters XML 1.0 cannot hold
    (C0 controls, ESC) written as they come: the point is to send them."""
    return escape(text)


def rss(
    items: Iterable[str],
    *,
    title: str = "Hostile feed",
    link: str = "https://feeds.example.com/",
    decl: str = '<?xml version="1.0" encoding="utf-8"?>',
    doctype: str = "",
) -> str:
    return (
        f'{decl}{doctype}<rss version="2.0"><channel><title>{title}</title>'
        f"<link>{link}</link><description>d</description>{''.join(items)}</channel></rss>"
    )


def item(
    title: str | None = "Title",
    *,
    link: str | None = None,
    guid: str | None = None,
    description: str | None = None,
    author: str | None = None,
    date: str | None = None,
    raw: bool = False,
) -> str:
    """One <item>; with raw=True the values are inserted without escaping."""
    quote = (lambda s: s) if raw else xml_text
    parts = ["<item>"]
    if title is not None:
        parts.append(f"<title>{quote(title)}</title>")
    if link is not None:
        parts.append(f"<link>{quote(link)}</link>")
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{quote(guid)}</guid>')
    if description is not None:
        parts.append(f"<description>{quote(description)}</description>")
    if author is not None:
        parts.append(f"<author>{quote(author)}</author>")
    if date is not None:
        parts.append(f"<pubDate>{quote(date)}</pubDate>")
    parts.append("</item>")
    return "".join(parts)


def atom(entries: Iterable[str], *, title: str = "Hostile atom") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>"
        f"{''.join(entries)}</feed>"
    )


GOOD_ITEM = item("Good item", link="https://example.com/good", guid="good-1")


def _b(text: str) -> bytes:
    return text.encode("utf-8")


# -- the corpus ----------------------------------------------------------------


def small_cases() -> list[Case]:
    """Every hostile document that is cheap to build and to parse."""
    cases: list[Case] = []
    add = cases.append

    # Not feeds at all.
    add(Case("empty", b"", error="empty response"))
    add(Case("whitespace", b" \r\n\t \n  ", error="empty response"))
    add(Case("bom-only", codecs.BOM_UTF8, error="empty response"))
    add(Case("binary-png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, error="not a feed"))
    add(Case("binary-random", bytes((i * 7919) % 256 for i in range(4096)), error="not a feed"))
    add(Case("binary-zeros", bytes(4096), error="not a feed"))
    add(
        Case(
            "html-page",
            b"<!DOCTYPE html><html><head><title>Login</title></head><body>"
            b"<form><input name=p></form></body></html>",
            headers={"content-type": "text/html"},
            error="not a feed: an HTML page",
        )
    )
    add(
        Case(
            "html-no-doctype",
            b"<html><body><h1>503 Service Unavailable</h1></body></html>",
            error="not a feed: an HTML page",
        )
    )
    add(
        Case(
            "html-after-comment",
            b"<!-- cached --><!doctype html><html><body>hi</body></html>",
            error="not a feed: an HTML page",
        )
    )
    add(Case("json-object", b'{"items": [{"title": "x"}]}', error="not a feed: JSON"))
    add(Case("json-array", b"  [1, 2, 3]", error="not a feed: JSON"))
    add(Case("plain-text", b"Service temporarily unavailable.\n", error="not a feed"))

    # Malformed and truncated XML: items that arrived are still used.
    good = rss([GOOD_ITEM, item("Second", link="https://example.com/2", guid="g2")])
    add(Case("truncated-mid-item", _b(good[: good.index("Second") + 3]), min_items=1))
    add(Case("truncated-after-decl", b'<?xml version="1.0"?>', error="not a feed"))
    add(Case("truncated-one-byte", b"<", error="not a feed"))
    add(Case("unclosed-tags", _b(rss([GOOD_ITEM]).replace("</channel></rss>", "")), min_items=1))
    add(
        Case(
            "mismatched-tags",
            _b(rss(["<item><title>Bad<b></title></item>", GOOD_ITEM])),
            min_items=1,
        )
    )
    add(Case("garbage-after-root", _b(rss([GOOD_ITEM]) + "<<<>>>&&&"), min_items=1))
    add(Case("two-roots", _b(rss([GOOD_ITEM]) + rss([GOOD_ITEM])), min_items=1))
    add(Case("unescaped-ampersand", _b(rss([item("AT&T & co", raw=True)])), min_items=1))
    add(Case("undefined-entity", _b(rss([item("a &nbsp; &bogus; b", raw=True)])), min_items=1))

    # Encodings.
    latin1_lie = rss(
        [item("Café — naïve “quotes”", link="https://example.com/c", guid="c")],
        decl='<?xml version="1.0" encoding="ISO-8859-1"?>',
    )
    add(Case("declared-latin1-utf8-bytes", _b(latin1_lie), min_items=1))
    add(
        Case(
            "http-charset-vs-xml-decl",
            rss([item("Grüße", guid="g")], decl='<?xml version="1.0" encoding="utf-8"?>').encode(
                "utf-8"
            ),
            headers={"content-type": "application/rss+xml; charset=windows-1251"},
            min_items=1,
        )
    )
    add(
        Case(
            "latin1-bytes-declared-utf8",
            rss([item("Café", guid="l")]).encode("latin-1"),
            min_items=1,
        )
    )
    add(
        Case(
            "unknown-charset",
            _b(rss([GOOD_ITEM], decl='<?xml version="1.0" encoding="x-klingon-9"?>')),
            headers={"content-type": "text/xml; charset=bogus"},
            min_items=1,
        )
    )
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        doc = rss(
            [item("Wide " + ALL_ATTACKS, link="https://example.com/w", guid="w")],
            decl='<?xml version="1.0" encoding="utf-16"?>',
        )
        add(
            Case(
                f"{codec}-bom-with-attacks",
                bom + doc.encode(codec),
                min_items=1,
                visible=("Wide",),
            )
        )
    add(
        Case(
            "utf-16-bom-but-utf8-body",
            codecs.BOM_UTF16_LE + _b(rss([GOOD_ITEM])),
        )
    )
    add(Case("utf-8-bom", codecs.BOM_UTF8 + _b(rss([GOOD_ITEM])), min_items=1))

    # Forbidden characters.
    add(
        Case(
            "nul-bytes",
            _b(rss([item("N\x00U\x00L", link="https://example.com/n\x00", guid="n")])),
            min_items=1,
            visible=("NUL",),
        )
    )
    add(Case("nul-flood", b"\x00" * 10_000 + _b(rss([GOOD_ITEM])), min_items=1))
    for ref in ("&#xD800;", "&#xDFFF;", "&#55296;", "&#0;", "&#x110000;", "&#99999999999;"):
        add(
            Case(
                f"bad-charref-{ref}",
                _b(rss([item(f"S{ref}R", raw=True, guid="s")])),
                min_items=1,
            )
        )

    # Entity attacks.
    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    add(
        Case(
            "billion-laughs",
            _b(rss([item("&lol9;", raw=True, guid="b")], doctype=f"<!DOCTYPE rss [{lol}]>")),
            bound=5.0,
        )
    )
    blow = "A" * 50_000
    add(
        Case(
            "quadratic-blowup",
            _b(
                rss(
                    [item("&a;" * 50_000, raw=True, guid="q")],
                    doctype=f'<!DOCTYPE rss [<!ENTITY a "{blow}">]>',
                )
            ),
            bound=5.0,
        )
    )
    add(
        Case(
            "xxe-file",
            _b(
                rss(
                    [item("X&xxe;Y", description="&xxe;", link="&xxe;", raw=True, guid="x")],
                    doctype='<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
                )
            ),
        )
    )
    add(
        Case(
            "xxe-parameter-entity",
            _b(
                rss(
                    [item("P", guid="p")],
                    doctype='<!DOCTYPE rss [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
                )
            ),
        )
    )
    add(
        Case(
            "xxe-external-dtd-file",
            _b(
                rss(
                    [item("D&ent;", raw=True, guid="d")],
                    doctype='<!DOCTYPE rss SYSTEM "file:///etc/passwd">',
                )
            ),
        )
    )

    # Terminal attacks, in every place and spelling.
    for where in ("title", "description", "author", "guid"):
        kwargs = {where: f"{where.upper()} {ALL_ATTACKS} END"}
        if where != "title":
            kwargs["title"] = "T"
        add(
            Case(
                f"attacks-raw-in-{where}",
                _b(rss([item(**kwargs)])),
                min_items=1,
                visible=(where.upper(), "END"),
            )
        )
    as_refs = "".join(
        f"&#x{ord(c):x};" if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 else escape(c)
        for c in ALL_ATTACKS
    )
    add(
        Case(
            "attacks-as-char-refs",
            _b(rss([item(f"REF {as_refs} END", description=f"B {as_refs}", raw=True, guid="r")])),
            min_items=1,
            visible=("REF", "END"),
        )
    )
    add(
        Case(
            "attacks-decimal-refs",
            _b(rss([item("DEC &#27;]0;" + MARK_TITLE + "&#7; &#155;2J &#27;[31m END", raw=True)])),
            min_items=1,
            visible=("DEC", "END"),
        )
    )
    add(
        Case(
            "attacks-in-cdata",
            _b(
                rss(
                    [
                        item(
                            f"<![CDATA[CD {ALL_ATTACKS} <b>bold</b> END]]>",
                            description=f"<![CDATA[<p>{ALL_ATTACKS}</p>]]>",
                            raw=True,
                            guid="cd",
                        )
                    ]
                )
            ),
            min_items=1,
            visible=("CD", "END"),
        )
    )
    add(
        Case(
            "attacks-html-escaped-in-description",
            _b(rss([item("H", description=escape(f"<p>HB {ALL_ATTACKS}</p>"), guid="h")])),
            min_items=1,
        )
    )
    add(
        Case(
            "attacks-in-feed-title",
            _b(rss([GOOD_ITEM], title=xml_text(f"FEED {ALL_ATTACKS}"))),
            min_items=1,
        )
    )
    add(
        Case(
            "attacks-in-atom",
            _b(
                atom(
                    [
                        "<entry><id>urn:a</id>"
                        f'<title type="html">{xml_text("AT " + ALL_ATTACKS)}</title>'
                        f"<author><name>{xml_text(OSC0 + 'Name')}</name></author>"
                        f'<link href="{xml_text("javascript:alert(1)")}"/>'
                        f'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                        f"{xml_text(ALL_ATTACKS)}<script>alert(1)</script></div></content>"
                        "<updated>2024-01-01T00:00:00Z</updated></entry>"
                    ]
                )
            ),
            min_items=1,
            visible=("AT",),
        )
    )
    add(
        Case(
            "rich-markup",
            _b(rss([item(f"RICH {RICH}", description=RICH, guid="rm")])),
            min_items=1,
            visible=("[bold]b[/]", "[@click=app.quit]q[/]", "[link=file:///etc/passwd]"),
        )
    )

    # Identity.
    add(
        Case(
            "no-guid-no-link",
            _b(
                rss(
                    [
                        item("Only a title"),
                        item("Another title"),
                        item(None, description="body only"),
                    ]
                )
            ),
            min_items=3,
        )
    )
    add(Case("empty-items", _b(rss(["<item></item>", "<item><title></title></item>"]))))
    add(
        Case(
            "duplicate-guids",
            _b(
                rss(
                    [
                        item("First", guid="dup"),
                        item("Second", guid="dup"),
                        item("Third", guid="dup"),
                    ]
                )
            ),
            min_items=1,
        )
    )

    # Dates.
    for label, date in (
        ("unparseable", "yesterday-ish at teatime"),
        ("future", "Fri, 01 Jan 2100 00:00:00 GMT"),
        ("epoch", "Thu, 01 Jan 1970 00:00:00 GMT"),
        ("year-zero", "0000-00-00T00:00:00Z"),
        ("huge-year", "Mon, 01 Jan 99999 00:00:00 GMT"),
        ("leap-second", "Sat, 31 Dec 2016 23:59:60 GMT"),
        ("negative-tz", "Mon, 01 Jan 2024 00:00:00 -9999"),
        ("control-chars", "Mon, 01 Jan 2024\x1b[2J 00:00:00 GMT"),
    ):
        add(
            Case(
                f"date-{label}",
                _b(rss([item(f"Dated {label}", guid=label, date=date)])),
                min_items=1,
            )
        )

    # Links.
    add(
        Case(
            "links-of-every-kind",
            _b(
                rss(
                    [
                        item("rel", link="/relative/path?a=1", guid="1"),
                        item("rel2", link="../up", guid="2"),
                        item("proto", link="//other.example.com/p", guid="3"),
                        item("js", link="javascript:alert(document.cookie)", guid="4"),
                        item("JS", link=" JaVaScRiPt:alert(1)", guid="5"),
                        item("data", link="data:text/html;base64,PHNjcmlwdD4=", guid="6"),
                        item("file", link="file:///etc/passwd", guid="7"),
                        item("ctl", link="java\x00script:alert(1)", guid="8"),
                        item("esc", link=f"https://ex.com/\x1b]0;{MARK_TITLE}\x07", guid="9"),
                        item("vbs", link="vbscript:msgbox", guid="10"),
                        item("ftp", link="ftp://example.com/x", guid="11"),
                        item("huge", link="https://example.com/" + "a" * 20_000, guid="12"),
                        item("bad", link="http://[::1", guid="13"),
                    ],
                    link="https://feeds.example.com/blog/",
                )
            ),
            min_items=13,
        )
    )
    add(
        Case(
            "scripts-and-forms",
            _b(
                rss(
                    [
                        item(
                            "Body",
                            guid="sf",
                            description=(
                                "<p>Before SCRIPTTEXT</p><script>alert('SCRIPTBODY')</script>"
                                "<form action='https://evil.example/'><input value='FORMVALUE'>"
                                "<button>FORMBUTTON</button></form><style>p{}</style>"
                                "<iframe src='javascript:alert(1)'>IFRAMETEXT</iframe>"
                                "<a href='javascript:alert(1)'>jslink</a>"
                                "<a href='/rel'>rellink</a><img src=x onerror=alert(1) alt='ALT'>"
                                "<p>After</p>"
                            ),
                        )
                    ]
                )
            ),
            min_items=1,
            visible=("Before", "After", "jslink", "rellink"),
        )
    )
    return cases


# -- big documents (built at test time) ------------------------------------------


def many_items(count: int = 10_000) -> bytes:
    items = (
        f"<item><title>Item {i}</title><link>https://example.com/{i}</link>"
        f"<guid>g{i}</guid><description>&lt;p&gt;Body {i}&lt;/p&gt;</description></item>"
        for i in range(count)
    )
    return _b(rss(items))


def huge_title(size: int = 1024 * 1024) -> bytes:
    chunk = "Long title " + OSC0 + " "  # attacks sprinkled through it
    text = (chunk * (size // len(chunk) + 1))[:size]
    return _b(rss([item(text, link="https://example.com/t", guid="t")]))


def big_feed(size: int = 20 * 1024 * 1024) -> bytes:
    """About `size` bytes: a few items with enormous HTML bodies."""
    paragraph = "<p>" + "lorem ipsum dolor sit amet " * 40 + "</p>"
    body = escape(paragraph * ((size // 8) // len(paragraph) + 1))
    items = [item(f"Big {i}", guid=f"big{i}", description=body, raw=True) for i in range(8)]
    return _b(rss(items))


def deep_nesting(levels: int = 10_000) -> bytes:
    """10,000 nested elements inside an item, and 10,000 nested <div>s in its body."""
    xml_nest = "<x>" * levels + "deep" + "</x>" * levels
    html_nest = escape("<div>" * levels + "deep html" + "</div>" * levels)
    return _b(rss([item("Deep", guid="deep", raw=True, description=html_nest) + xml_nest]))


def deep_unclosed(levels: int = 10_000) -> bytes:
    return _b('<?xml version="1.0"?><rss version="2.0"><channel>' + "<a>" * levels)
