"""The labelled alert corpus (bench/data/alert_feeds): ten feeds shaped like the
outlets aiwire's users follow, each item labelled with the watched entities it
should alert for. See the folder's README for the format and the labelling.

AlertCorpus renders the feeds as RSS 2.0 or Atom for bench.server.FeedServer
(it answers `feeds` and `document(index, generation)` as bench.corpus.Corpus
does). Dates are relative to `added_at`, when the sources were added: the
back catalogue and old items before it, generation 1's new items after it,
spread up to the moment generation 1 is rendered.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data" / "alert_feeds"
REASONS = ("title", "lead", "event")
_LABEL = re.compile(r"^\s*(?P<name>.+?)\s*\((?P<reason>\w+)\)\s*$")
_AGE = re.compile(r"^(?P<n>\d+(?:\.\d+)?)(?P<unit>[dh])$")


@dataclass(slots=True)
class AlertItem:
    id: str
    feed: int  # index of its feed in the corpus
    gen: int = 1
    age: timedelta | None = None  # dated this long before the source was added
    story: str | None = None
    expected: dict[str, str] = field(default_factory=dict)  # entity name -> reason
    why: str = ""
    title: str = ""
    figure: str | None = None
    byline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    filler: int = 0

    @property
    def eligible(self) -> bool:
        """New at the second poll and dated after the source was added."""
        return self.gen == 1 and self.age is None

    @property
    def story_key(self) -> str:
        return self.story or self.id


@dataclass(slots=True)
class AlertFeed:
    name: str
    language: str
    format: str  # "rss" | "atom"
    site: str
    items: list[AlertItem] = field(default_factory=list)


def _age(text: str) -> timedelta:
    found = _AGE.match(text.strip())
    if found is None:
        raise ValueError(f"age must look like 3d or 20h, got {text!r}")
    amount = float(found["n"])
    return timedelta(days=amount) if found["unit"] == "d" else timedelta(hours=amount)


def _labels(text: str) -> dict[str, str]:
    text = text.strip()
    if text == "-":
        return {}
    found: dict[str, str] = {}
    for part in text.split(","):
        match = _LABEL.match(part)
        if match is None or match["reason"] not in REASONS:
            raise ValueError(f"a label must read 'Name (title|lead|event)', got {part!r}")
        found[match["name"]] = match["reason"]
    return found


def parse_feed(text: str, index: int) -> AlertFeed:
    header: dict[str, str] = {}
    items: list[AlertItem] = []
    item: AlertItem | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("# ") and item is None:
            key, _, value = line[2:].partition(":")
            header[key.strip()] = value.strip()
            continue
        if line.startswith("== "):
            item = AlertItem(line[3:].strip(), index)
            items.append(item)
            continue
        key, sep, value = line.partition(": ")
        if item is None or not sep:
            raise ValueError(f"line {number}: expected 'key: value' inside an item: {line!r}")
        if key == "gen":
            item.gen = int(value)
        elif key == "age":
            item.age = _age(value)
        elif key == "story":
            item.story = value.strip()
        elif key == "alert":
            item.expected = _labels(value)
        elif key == "why":
            item.why = value.strip()
        elif key == "title":
            item.title = value.strip()
        elif key in ("figure", "byline"):
            setattr(item, key, value.strip())
        elif key == "p":
            item.paragraphs.append(value.strip())
        elif key == "filler":
            item.filler = int(value)
        else:
            raise ValueError(f"line {number}: unknown key {key!r}")
    return AlertFeed(
        header.get("feed", f"Feed {index}"),
        header.get("lang", "en"),
        header.get("format", "rss"),
        header.get("site", "https://example.org/"),
        items,
    )


def load_filler(data_dir: Path = DATA_DIR) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(data_dir.glob("filler-*.txt")):
        language = path.stem.removeprefix("filler-")
        lines = path.read_text(encoding="utf-8").splitlines()
        found[language] = [line.strip() for line in lines if line.strip() and line[0] != "#"]
    return found


def load_feeds(data_dir: Path = DATA_DIR, numbers: Iterable[str] | None = None) -> list[AlertFeed]:
    """The feeds, in file order; `numbers` picks some by their file's number ("01")."""
    paths = sorted(p for p in data_dir.glob("[0-9]*.txt"))
    if numbers is not None:
        wanted = set(numbers)
        paths = [p for p in paths if p.name.split("-", 1)[0] in wanted]
    return [parse_feed(p.read_text(encoding="utf-8"), i) for i, p in enumerate(paths)]


def _stable(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big")


class AlertCorpus:
    """The feeds as documents; generation 0 is the back catalogue, 1 adds the rest."""

    def __init__(
        self,
        feeds: list[AlertFeed],
        filler: dict[str, list[str]],
        added_at: datetime | None = None,
    ) -> None:
        self.feed_list = feeds
        self.filler = filler
        self.added_at = added_at or datetime.now(UTC).replace(microsecond=0)
        self._dates: dict[str, datetime] = {}

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR, numbers: Iterable[str] | None = None) -> AlertCorpus:
        """Every feed, or those whose file numbers are given."""
        return cls(load_feeds(data_dir, numbers), load_filler(data_dir))

    @property
    def feeds(self) -> int:
        return len(self.feed_list)

    def items(self) -> list[AlertItem]:
        return [item for feed in self.feed_list for item in feed.items]

    def date_of(self, item: AlertItem) -> datetime:
        return self._dates[item.id]

    def _date_generation(self, generation: int) -> None:
        """Dates for the items a generation brings: the new ones spread evenly
        between the addition and now, in the order the file lists them."""
        fresh = [
            item
            for item in self.items()
            if item.gen == generation and item.id not in self._dates and item.age is None
        ]
        # Never in the future: the span is the time since the addition.
        span = max((datetime.now(UTC) - self.added_at).total_seconds(), 1.0)
        step = timedelta(seconds=span / (len(fresh) + 1))
        for number, item in enumerate(fresh, 1):
            self._dates[item.id] = (self.added_at + step * number).replace(microsecond=0)
        for item in self.items():
            if item.gen == generation and item.age is not None:
                self._dates[item.id] = self.added_at - item.age

    def document(self, index: int, generation: int) -> bytes:
        for wanted in range(generation + 1):
            self._date_generation(wanted)
        feed = self.feed_list[index]
        items = [item for item in feed.items if item.gen <= generation]
        items.sort(key=self.date_of, reverse=True)
        render = _rss if feed.format == "rss" else _atom
        return render(feed, [(item, self.date_of(item), self.body_html(item)) for item in items])

    def body_html(self, item: AlertItem) -> str:
        feed = self.feed_list[item.feed]
        parts = []
        if item.figure:
            parts.append(
                f'<figure><img src="{feed.site}img/{item.id}.jpg" alt="" width="1200" '
                f'height="675"><figcaption>{escape(item.figure, quote=False)}</figcaption></figure>'
            )
        if item.byline:
            parts.append(f"<p><em>{escape(item.byline, quote=False)}</em></p>")
        parts += [f"<p>{escape(p, quote=False)}</p>" for p in item.paragraphs]
        pool = self.filler.get(feed.language) or self.filler.get("en") or []
        if pool and item.filler:
            # A sample per item: tellings of different stories share few paragraphs.
            chosen = random.Random(_stable(item.id)).sample(pool, min(item.filler, len(pool)))
            parts += [f"<p>{escape(text, quote=False)}</p>" for text in chosen]
        return "".join(parts)


def _link(feed: AlertFeed, item: AlertItem) -> str:
    return f"{feed.site.rstrip('/')}/{item.id}"


def _rss(feed: AlertFeed, items: list[tuple[AlertItem, datetime, str]]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>',
        f"<title>{escape(feed.name)}</title><link>{escape(feed.site)}</link>",
        f"<language>{feed.language}</language><description>{escape(feed.name)}</description>",
    ]
    for item, date, body in items:
        out.append(
            f"<item><title>{escape(item.title)}</title><link>{_link(feed, item)}</link>"
            f'<guid isPermaLink="false">{item.id}</guid><pubDate>{format_datetime(date)}</pubDate>'
            f"<dc:creator><![CDATA[Staff]]></dc:creator>"
            f"<description><![CDATA[{body}]]></description></item>"
        )
    out.append("</channel></rss>")
    return "".join(out).encode()


def _atom(feed: AlertFeed, items: list[tuple[AlertItem, datetime, str]]) -> bytes:
    newest = max((date for _, date, _ in items), default=datetime(2026, 1, 1, tzinfo=UTC))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        f'xml:lang="{feed.language}">',
        f'<title>{escape(feed.name)}</title><link href="{escape(feed.site)}"/>',
        f"<id>{escape(feed.site)}</id><updated>{newest.isoformat()}</updated>",
    ]
    for item, date, body in items:
        out.append(
            f"<entry><title>{escape(item.title)}</title>"
            f'<link href="{_link(feed, item)}"/><id>{_link(feed, item)}</id>'
            f"<published>{date.isoformat()}</published><updated>{date.isoformat()}</updated>"
            f"<author><name>Staff</name></author>"
            f'<content type="html">{escape(body)}</content></entry>'
        )
    out.append("</feed>")
    return "".join(out).encode()
