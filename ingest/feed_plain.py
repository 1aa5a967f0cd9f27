"""The common case of RSS 2.0 and Atom, read without feedparser's SAX handlers.

feedparser calls Python for every tag and every run of text of a document:
most of a poll's CPU, more than turning the items' HTML into text. Most feeds
are plain, well-formed UTF-8 RSS 2.0 or Atom with a handful of well-known
elements; for those, ElementTree (expat with a tree built in C) gives the same
text in a fraction of the time. `plain_entries` builds the entry and feed
dictionaries feedparser would, with feedparser's own helpers for what it does
to each value (dates, relative URIs, its encoding repairs), and
ingest.feed_entries turns them into records as it does feedparser's.

Authors (dc:creator, RSS <author>, Atom <author> with a name, e-mail and
uri) are read as feedparser reads them; categories, comment links, enclosures,
childless media elements and the channel's <image> are skipped, as the
records never read them. A media:content holding a credit and a caption
(media:description) before the item's description is read as feedparser
reads it: the caption becomes the summary, the description the content.
Anything else (another encoding, a DOCTYPE, xml:base, an element this module
does not know, a second author, a caption after a summary, XHTML content, a
repeated title, ...) returns None,
and feedparser reads the document as before. tests/test_feed_plain.py checks
that both give the same records wherever this module answers.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ingest.feed_plain_values import (
    Decline,
    finish,
    fp,
    guessed_detail,
    leaf,
    load_feedparser,
    text_detail,
    uri,
)

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_SY = "{http://purl.org/rss/1.0/modules/syndication/}"
_SLASH = "{http://purl.org/rss/1.0/modules/slash/}"
_WFW = "{http://wellformedweb.org/CommentAPI/}"
_DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
_MEDIA = "{http://search.yahoo.com/mrss/}"

# Content types whose documents feedparser decodes as UTF-8 without a remark.
_XML_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/xml", "application/rdf+xml"}
)
# Where _declares may find something: a "<!" that opens neither a CDATA
# section nor a comment, or a "<" just before one (taking the opening out
# makes a new "<!" there). Without either, every "<!" goes with the openings,
# and the two copies _declares makes of the document are not needed.
_ODD_MARKUP = re.compile(rb"<!(?!\[CDATA\[|--)|<<!")
_DECLARED_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
_LINK_REFERENCE = re.compile("&([A-Za-z0-9_]+);")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain", "text/html"})

# Elements feedparser keeps in places the records never read: skipped here.
_RSS_CHANNEL_SKIPPED = frozenset(
    {
        "description", "lastBuildDate", "pubDate", "generator", "ttl", "copyright",
        "managingEditor", "webMaster", "docs", "category", "cloud", "rating",
        "skipHours", "skipDays", f"{_SY}updatePeriod", f"{_SY}updateFrequency",
        f"{_SY}updateBase",
    }
)  # fmt: skip
# Media elements only when childless (but see _media_caption): a media:title
# or media:description inside one changes the entry's title or summary in feedparser.
_RSS_ITEM_SKIPPED = frozenset(
    {
        "category", "comments", f"{_SLASH}comments", f"{_WFW}commentRss", "enclosure",
        f"{_MEDIA}content", f"{_MEDIA}thumbnail",
    }
)  # fmt: skip
# A channel's <image> (a logo) is kept apart from the feed's own title and link.
_RSS_IMAGE_PARTS = frozenset({"url", "title", "link", "width", "height", "description"})
_ATOM_FEED_SKIPPED = frozenset(
    f"{_ATOM}{name}"
    for name in ("id", "updated", "subtitle", "generator", "icon", "logo", "rights", "category")
)
_ATOM_ENTRY_SKIPPED = frozenset(f"{_ATOM}{name}" for name in ("category", "rights"))


def plain_entries(
    data: bytes, headers: dict[str, str]
) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """(feed, entries) as feedparser would give them, or None: let feedparser read it.

    headers: the response's, with lower-case names, as feedparser is given them.
    """
    if not _plain_bytes(data, headers.get("content-type")):
        return None
    try:
        root = ET.fromstring(data)
    except (ET.ParseError, ValueError):
        return None
    if not hasattr(fp, "urljoin"):
        load_feedparser()
    try:
        if root.tag == "rss" and root.get("version") == "2.0":
            return _rss(root, headers.get("content-language"))
        if root.tag == f"{_ATOM}feed":
            return _atom(root, headers.get("content-language"))
    except Decline:
        return None
    return None


def _plain_bytes(data: bytes, content_type: str | None) -> bool:
    """UTF-8, declared so or not at all, served as XML, with no DOCTYPE."""
    if not content_type:
        return False
    mime, _, parameters = content_type.partition(";")
    mime = mime.strip().lower()
    charset = ""
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").lower()
    if charset not in ("", "utf-8"):
        return False
    if mime not in _XML_TYPES and not (mime == "text/xml" and charset == "utf-8"):
        return False
    if not data.startswith(b"<"):
        return False  # a BOM, or leading space: feedparser's own handling
    declared = _DECLARED_ENCODING.match(data)
    if declared is not None and declared.group(1).lower() != b"utf-8":
        return False
    if _ODD_MARKUP.search(data) is not None and _declares(data):
        return False  # a DOCTYPE or an entity declaration
    if data.isascii():
        return True  # ASCII is UTF-8: no need to decode it to know
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _declares(data: bytes) -> bool:
    """Whether anything but CDATA sections and comments starts with "<!" (the
    test is on the bytes with those openings taken out)."""
    return b"<!" in data.replace(b"<![CDATA[", b"").replace(b"<!--", b"")


def _rss_title(element: ET.Element, language: str | None) -> tuple[str, dict[str, Any]]:
    value = finish(leaf(element).text)
    kind = "text/html" if fp.looks_like_html(value) else "text/plain"
    return value, text_detail(kind, language, value)


def _languages(root: ET.Element, header: str | None) -> tuple[dict[str, Any], str | None]:
    """The feed's language entry and the language every detail carries, as
    feedparser sets them from Content-Language and the root's xml:lang."""
    for element in root.iter():
        if element is not root and (_XML_LANG in element.attrib or _XML_BASE in element.attrib):
            raise Decline  # a language or base that changes inside: feedparser's job
    if _XML_BASE in root.attrib:
        raise Decline
    feed = {"language": header.replace("_", "-")} if header else {}
    lang = root.get(_XML_LANG)
    if lang == "":
        return feed, None
    lang = lang or header
    if lang:
        feed["language"] = lang.replace("_", "-")
    return feed, lang.replace("_", "-") if lang else None


def _rss(root: ET.Element, header: str | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    feed, language = _languages(root, header)
    if len(root) != 1 or root[0].tag != "channel" or root[0].attrib:
        raise Decline
    if any(name not in ("version", _XML_LANG) for name in root.attrib):
        raise Decline
    entries: list[dict[str, Any]] = []
    image = False
    for element in root[0]:
        tag = element.tag
        if tag == "item":
            entries.append(_rss_item(element, language))
        elif (entries or image) and tag in ("title", "link"):
            raise Decline  # after the items or an image: feedparser's bookkeeping of depths
        elif tag == "image" and not image and not element.attrib:
            image = True
            for part in element:
                if part.tag not in _RSS_IMAGE_PARTS:
                    raise Decline
                leaf(part)
        elif tag == "title":
            if "title_detail" in feed:
                raise Decline
            feed["title"], feed["title_detail"] = _rss_title(element, language)
        elif tag == "link":
            if "link" in feed:
                raise Decline
            feed["link"] = _LINK_REFERENCE.sub(r"&\g<1>", uri(leaf(element).text))
        elif tag == "language":
            feed["language"] = finish(leaf(element).text)
        elif tag == f"{_ATOM}link":
            rel = element.get("rel")
            if rel is None or rel.lower() == "alternate" or len(element):
                raise Decline
        elif tag not in _RSS_CHANNEL_SKIPPED:
            raise Decline
    return feed, entries


def _rss_item(item: ET.Element, language: str | None) -> dict[str, Any]:
    if item.attrib:
        raise Decline
    entry: dict[str, Any] = {}
    captioned = False  # the summary is a media caption
    for element in item:
        tag = element.tag
        if tag == "title":
            if "title_detail" in entry:
                raise Decline
            entry["title"], entry["title_detail"] = _rss_title(element, language)
        elif tag == "link":
            if "link" in entry and not entry.get("guidislink"):
                raise Decline
            value = uri(leaf(element).text).replace("&amp;", "&")
            entry["link"] = _LINK_REFERENCE.sub(r"&\g<1>", value)
        elif tag == "guid":
            if "id" in entry:
                raise Decline
            permalink = leaf(element, ("isPermaLink",)).get("isPermaLink", "true") == "true"
            value = uri(element.text) if permalink else finish(element.text)
            entry["id"] = value
            entry["guidislink"] = permalink and "link" not in entry
            if permalink:
                entry.setdefault("link", value)
        elif tag == "pubDate":
            if "published" in entry:
                raise Decline
            entry["published"] = finish(leaf(element).text)
            entry["published_parsed"] = fp.parse_date(entry["published"])
        elif tag == "description" and captioned and "content" not in entry:
            # feedparser files a description that comes after a summary as content.
            entry["content"] = [guessed_detail(leaf(element).text, language)]
        elif tag == "description":
            if "summary_detail" in entry:
                raise Decline
            value = finish(leaf(element).text)
            entry["summary"] = value
            entry["summary_detail"] = text_detail("text/html", language, value)
        elif tag == _CONTENT_ENCODED:
            value = finish(leaf(element).text)
            entry.setdefault("content", []).append(text_detail("text/html", language, value))
            entry.setdefault("summary", value)
        elif tag in (_DC_CREATOR, "author"):
            if "author" in entry:
                raise Decline  # a second author: feedparser's author_detail bookkeeping
            # The text as it is: feedparser only copies an e-mail it finds into
            # author_detail, which the records do not read.
            entry["author"] = finish(leaf(element).text)
        elif tag == f"{_MEDIA}content" and len(element):
            if "summary" in entry or captioned:
                raise Decline  # feedparser would file the caption as content
            captioned = _media_caption(element, entry, language)
        elif tag not in _RSS_ITEM_SKIPPED or (tag != "enclosure" and len(element)):
            raise Decline
    return entry


def _media_caption(media: ET.Element, entry: dict[str, Any], language: str | None) -> bool:
    """A media:content holding a credit and a caption, as feedparser reads it
    before the item has a summary: the credit goes where the records never
    read, the caption (media:description) becomes the summary. Whether it had one."""
    if (media.text or "").strip():
        raise Decline
    seen: set[str] = set()
    for part in media:
        if part.tag in seen or (part.tail or "").strip():
            raise Decline
        seen.add(part.tag)
        if part.tag == f"{_MEDIA}credit":
            leaf(part, ("scheme", "role"))
        elif part.tag == f"{_MEDIA}description":
            value = finish(leaf(part).text)
            entry["summary"] = value
            entry["summary_detail"] = text_detail("text/html", language, value)
        else:
            raise Decline
    return "summary" in entry


def _atom_text(
    element: ET.Element, language: str | None, allowed: tuple[str, ...] = ("type",)
) -> tuple[str, dict[str, Any]]:
    kind = fp.map_content_type(leaf(element, allowed).get("type", "text/plain"))
    if kind not in _TEXT_TYPES:
        raise Decline  # XHTML, base64 and other payloads
    value = finish(element.text)
    return value, text_detail(kind, language, value)


def _atom_link(element: ET.Element, context: dict[str, Any]) -> None:
    allowed = ("rel", "type", "href", "hreflang", "title", "length")
    href = leaf(element, allowed).get("href")
    if href is None:
        raise Decline
    # feedparser lower-cases these two attributes' values.
    rel = element.get("rel", "alternate").lower()
    kind = element.get("type", "application/atom+xml" if rel == "self" else "text/html").lower()
    if rel == "alternate" and fp.map_content_type(kind) in _HTML_TYPES:
        context["link"] = fp.urljoin("", href)


def _atom(root: ET.Element, header: str | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    feed, language = _languages(root, header)
    if any(name != _XML_LANG for name in root.attrib):
        raise Decline
    entries: list[dict[str, Any]] = []
    for element in root:
        tag = element.tag
        if tag == f"{_ATOM}entry":
            entries.append(_atom_entry(element, language))
        elif entries and tag in (f"{_ATOM}title", f"{_ATOM}link"):
            raise Decline
        elif tag == f"{_ATOM}title":
            if "title_detail" in feed:
                raise Decline
            feed["title"], feed["title_detail"] = _atom_text(element, language)
        elif tag == f"{_ATOM}link":
            _atom_link(element, feed)
        elif tag == f"{_ATOM}author":
            _atom_person(element)  # checked for what feedparser reads alike; not kept
        elif tag not in _ATOM_FEED_SKIPPED or len(element):
            raise Decline
    return feed, entries


def _atom_entry(item: ET.Element, language: str | None) -> dict[str, Any]:
    if item.attrib:
        raise Decline
    entry: dict[str, Any] = {}
    for element in item:
        tag = element.tag
        if tag == f"{_ATOM}title":
            if "title_detail" in entry:
                raise Decline
            entry["title"], entry["title_detail"] = _atom_text(element, language)
        elif tag == f"{_ATOM}id":
            if "id" in entry:
                raise Decline
            entry["id"] = finish(leaf(element).text)
        elif tag == f"{_ATOM}link":
            _atom_link(element, entry)
        elif tag in (f"{_ATOM}updated", f"{_ATOM}published"):
            key = tag[len(_ATOM) :]
            if key in entry:
                raise Decline
            entry[key] = finish(leaf(element).text)
            entry[f"{key}_parsed"] = fp.parse_date(entry[key])
        elif tag == f"{_ATOM}content":
            value, detail = _atom_text(element, language)
            entry.setdefault("content", []).append(detail)
            entry.setdefault("summary", value)
        elif tag == f"{_ATOM}summary":
            if "summary_detail" in entry or "content" in entry:
                raise Decline
            entry["summary"], entry["summary_detail"] = _atom_text(element, language)
        elif tag == f"{_ATOM}author":
            if "author" in entry:
                raise Decline
            entry["author"] = _atom_person(element)
        elif tag not in _ATOM_ENTRY_SKIPPED or len(element):
            raise Decline
    return entry


def _atom_person(element: ET.Element) -> str:
    """An Atom <author>'s "author" as feedparser's _sync_author_detail writes it:
    "name (email)", the name, the e-mail, or "" when it has neither."""
    if element.attrib or (element.text or "").strip():
        raise Decline  # text directly in <author>: feedparser keeps it as the name
    parts: dict[str, str] = {}
    for child in element:
        key = child.tag[len(_ATOM) :] if child.tag.startswith(_ATOM) else ""
        if key not in ("name", "email", "uri") or key in parts or (child.tail or "").strip():
            raise Decline
        # feedparser reads name and email as bare strings: stripped, without the
        # repairs finish makes to other text.
        parts[key] = (leaf(child).text or "").strip()
    name, email = parts.get("name"), parts.get("email")
    if name and email:
        return f"{name} ({email})"
    return name or email or ""
