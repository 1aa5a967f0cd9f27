"""Synthetic AI-news feeds, deterministic per seed, and the bench's feeds.toml.

Feeds: N feeds x M items, RSS 2.0 and Atom alternating, titles and HTML bodies
sized and shaped like real feeds' (html_bodies.py) that name the watched people
and companies of the bundled feeds.toml, so the watchlist matcher has real
work; with the authors, categories and media real feeds carry (feed_style).
Generation g of a feed holds items [g*K, g*K + M): each generation brings
K new items and drops the K oldest, the way a real feed window slides.
"""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape, unescape
from pathlib import Path

from bench.html_bodies import body_target, is_big_feed, render_body
from ingest.resources import bundled_config

SPAN = timedelta(days=60)
FEED_ID_PREFIX = "bench-"
FILLER_FEEDS = 100

_FALLBACK_PEOPLE = ("Sam Altman", "Dario Amodei", "Jensen Huang", "Demis Hassabis")
_FALLBACK_COMPANIES = ("OpenAI", "Anthropic", "NVIDIA", "Google DeepMind")

_TITLES = (
    "{company} unveils a new frontier model as {person} promises safer scaling",
    "{person} says {company} will double its compute budget next year",
    "{company} raises $4 billion in a round led by {company2}",
    "{person} leaves {company} to start a lab focused on reasoning",
    "Regulators question {company} over data used to train its assistant",
    "{company} and {company2} sign a multi-year chip supply deal",
    "Inside {company}'s race to ship agents before {company2}",
    "{person} on open weights, evaluations and the next model from {company}",
    "{company} cuts API prices by half; {company2} expected to follow",
    "Why {person} thinks the scaling debate is over",
)
_SENTENCES = (
    "{person}, who leads {company}, told reporters the release was months ahead of plan.",
    "Analysts expect {company} to announce the product at its developer conference.",
    "The deal gives {company2} access to tens of thousands of accelerators from {company}.",
    "{person} said on a podcast that {company} would publish the safety evaluations in full.",
    "Several researchers who worked with {person} have joined {company2} in recent weeks.",
    "The model tops public leaderboards on coding and mathematics, according to {company}.",
    "Critics note that {company} has not disclosed the size of the training run.",
    "Shares of {company2} rose four percent after the announcement.",
    "{company} declined to comment on reports of a new funding round.",
    "A spokesperson for {company2} said the company was reviewing the proposal.",
    "The startup, backed by {company}, employs about two hundred people.",
    "{person} described the partnership as the most important in the company's history.",
    "{company2} - long a rival of {company} - said it would match the offer within weeks.",
)


_REPORTERS = (
    "Kate Lindqvist", "Jos\u00e9 \u00c1lvarez", "Zo\u00eb O'Brien", "Priya Raman",
    "Tom Warren", "Lena M\u00fcller", "Chen Wei", "Ama Mensah", "Marcus Hale",
    "Ingrid Solberg", "Rafael Souza", "Sarah Perez", "Dmitri Volkov", "Aoife Byrne",
)  # fmt: skip
_SECTIONS = (
    "AI", "Machine learning", "Policy & regulation", "Startups", "Chips", "Research",
    "Funding", "Big Tech", "Open source", "Agents", "Safety", "Cloud", "Robotics",
)  # fmt: skip
_CREDITS = ("Reuters", "Getty Images", "AP Photo", "Bloomberg via Getty Images")

# Namespaces every generated RSS document declares, as WordPress and news CMSs do.
_RSS_NAMESPACES = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb'
    '.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3'
    '.org/2005/Atom" xmlns:slash="http://purl.org/rss/1.0/modules/slash/" xmlns:media="http:'
    '//search.yahoo.com/mrss/"'
)


def feed_style(feed_index: int) -> str:
    """How a feed writes its items' authors, categories and media.

    Atom for odd feeds. Of the RSS feeds: six in ten WordPress ("wordpress":
    dc:creator, categories, comments, wfw:commentRss, slash:comments), two in
    ten news sites ("news": dc:creator, media:content and media:thumbnail), both
    with the site's logo as the channel's <image>; one
    in ten RSS <author> with an e-mail and <enclosure> images ("rss_author"),
    one in ten media:content carrying a credit and a caption ("media_credits").
    """
    if feed_index % 2:
        return "atom"
    slot = (feed_index // 2) % 10
    if slot < 6:
        return "wordpress"
    if slot < 8:
        return "news"
    return "rss_author" if slot == 8 else "media_credits"


@dataclass(frozen=True, slots=True)
class ItemMeta:
    """What an item carries beside its title, link, date and body."""

    author: str | None
    categories: tuple[str, ...]
    image: bool  # a media element or an enclosure (by style)
    comments: int


def _meta(rng: random.Random) -> ItemMeta:
    return ItemMeta(
        author=rng.choice(_REPORTERS) if rng.random() < 0.95 else None,
        categories=tuple(rng.sample(_SECTIONS, rng.choice((1, 2, 2, 3, 3, 4)))),
        image=rng.random() < 0.7,
        comments=rng.randrange(0, 40),
    )


@dataclass(frozen=True, slots=True)
class Names:
    people: tuple[str, ...]
    companies: tuple[str, ...]


def watched_names(config: Path | None = None) -> Names:
    """The people and companies of the bundled feeds.toml (what users watch)."""
    try:
        data = tomllib.loads((config or bundled_config()).read_text(encoding="utf-8"))
        people = tuple(str(p["name"]) for p in data.get("people", []))
        companies = tuple(str(c["name"]) for c in data.get("companies", []))
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        people, companies = (), ()
    return Names(people or _FALLBACK_PEOPLE, companies or _FALLBACK_COMPANIES)


@dataclass(frozen=True, slots=True)
class Item:
    feed_index: int
    number: int
    guid: str
    title: str
    link: str
    published: datetime
    html: str
    meta: ItemMeta

    @property
    def text(self) -> str:
        """The body as plain text (what the parser would store)."""
        return " ".join(unescape(_TAGS.sub(" ", self.html)).split())


_TAGS = re.compile(r"<[^>]+>")


def feed_id(index: int) -> str:
    return f"{FEED_ID_PREFIX}{index:04d}"


class Corpus:
    """N feeds x M items; K new items per feed per generation."""

    def __init__(
        self,
        feeds: int,
        items: int,
        *,
        new_per_generation: int = 5,
        anchor: datetime | None = None,
        seed: int = 2026,
        names: Names | None = None,
    ) -> None:
        self.feeds = feeds
        self.items = items
        self.new_per_generation = new_per_generation
        # Hour-aligned so two processes of one bench run agree; never in the future,
        # or the parser would treat the dates as unreliable.
        now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        self.anchor = anchor or now - timedelta(hours=1)
        self.seed = seed
        self.names = names or watched_names()

    def item_numbers(self, generation: int) -> range:
        start = generation * self.new_per_generation
        return range(start, start + self.items)

    def item(self, feed_index: int, number: int) -> Item:
        rng = random.Random(self.seed * 1_000_003 + feed_index * 10_007 + number)
        # The newest number of the latest generation used is ~anchor; older ones
        # spread back over SPAN, staggered per feed.
        horizon = self.items + 4 * self.new_per_generation
        age = SPAN * (1 - (number + 1) / horizon) + timedelta(minutes=feed_index % 97)
        published = self.anchor - max(age, timedelta(0))
        title = self._fill(rng, rng.choice(_TITLES))
        html = self._body(rng, feed_index, number)
        return Item(
            feed_index=feed_index,
            number=number,
            guid=f"urn:bench:{feed_id(feed_index)}:{number}",
            title=title,
            link=f"https://news.example/{feed_id(feed_index)}/{number}",
            published=published,
            html=html,
            meta=_meta(rng),
        )

    def feed_items(self, feed_index: int, generation: int) -> list[Item]:
        return [self.item(feed_index, n) for n in reversed(self.item_numbers(generation))]

    def _fill(self, rng: random.Random, template: str) -> str:
        company, company2 = rng.sample(self.names.companies, 2)
        return template.format(
            person=rng.choice(self.names.people), company=company, company2=company2
        )

    def _body(self, rng: random.Random, feed_index: int, number: int) -> str:
        big = is_big_feed(feed_index)
        return render_body(
            rng,
            body_target(rng, big),
            lambda: self._fill(rng, rng.choice(_SENTENCES)),
            f"{feed_id(feed_index)}-{number}",
        )

    def document(self, feed_index: int, generation: int) -> bytes:
        """The feed document: RSS 2.0 for even feeds, Atom for odd ones."""
        items = self.feed_items(feed_index, generation)
        if feed_index % 2 == 0:
            return _rss(feed_index, items)
        return _atom(feed_index, items, self.anchor)


def _rfc822(moment: datetime) -> str:
    return moment.strftime("%a, %d %b %Y %H:%M:%S +0000")


def _image_url(item: Item, size: str) -> str:
    return f"https://img.news.example/{feed_id(item.feed_index)}/{item.number}-{size}.jpg"


def _rss_extras(item: Item, style: str) -> str:
    """The item's author, categories, comment links and media in the feed's style."""
    meta, parts = item.meta, []
    if meta.author and style == "wordpress":
        parts.append(f"<dc:creator><![CDATA[{meta.author}]]></dc:creator>")
    elif meta.author and style == "rss_author":
        mailbox = meta.author.split()[0].lower().encode("ascii", "ignore").decode()
        parts.append(f"<author>{mailbox}@news.example ({escape(meta.author)})</author>")
    elif meta.author:
        parts.append(f"<dc:creator>{escape(meta.author)}</dc:creator>")
    if style == "wordpress":
        parts += [f"<category><![CDATA[{name}]]></category>" for name in meta.categories]
        parts.append(f"<comments>{item.link}#respond</comments>")
        parts.append(f"<wfw:commentRss>{item.link}/feed/</wfw:commentRss>")
        parts.append(f"<slash:comments>{meta.comments}</slash:comments>")
    else:
        parts += [f"<category>{escape(name)}</category>" for name in meta.categories]
    if meta.image and style == "news":
        parts.append(
            f'<media:content url="{_image_url(item, "large")}" medium="image" '
            'type="image/jpeg" width="1200" height="675"/>'
            f'<media:thumbnail url="{_image_url(item, "small")}" width="300" height="169"/>'
        )
    elif meta.image and style == "rss_author":
        parts.append(
            f'<enclosure url="{_image_url(item, "large")}" length="{48_000 + meta.comments}" '
            'type="image/jpeg"/>'
        )
    elif meta.image and style == "media_credits":
        credit = _CREDITS[meta.comments % len(_CREDITS)]
        parts.append(
            f'<media:content url="{_image_url(item, "large")}" medium="image" width="1024">'
            f'<media:credit scheme="urn:ebu">{credit}</media:credit>'
            f"<media:description>{escape(item.title)}</media:description></media:content>"
        )
    return "".join(parts)


def _rss(feed_index: int, items: list[Item]) -> bytes:
    style = feed_style(feed_index)
    parts = [
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" {_RSS_NAMESPACES}><channel>',
        f"<title>Bench wire {feed_index}</title><link>https://news.example/{feed_id(feed_index)}"
        "</link><description>Synthetic AI news</description><language>en</language>",
    ]
    if style in ("wordpress", "news"):
        # The site's logo, where WordPress and most news CMSs put it.
        parts.append(
            f"<image><url>https://news.example/{feed_id(feed_index)}/icon-32x32.png</url>"
            f"<title>Bench wire {feed_index}</title><link>https://news.example/"
            f"{feed_id(feed_index)}</link><width>32</width><height>32</height></image>"
        )
    for item in items:
        parts.append(
            f"<item><title>{escape(item.title)}</title><link>{item.link}</link>"
            f'<guid isPermaLink="false">{item.guid}</guid><pubDate>{_rfc822(item.published)}'
            f"</pubDate>{_rss_extras(item, style)}"
            f"<description><![CDATA[{item.html}]]></description></item>"
        )
    parts.append("</channel></rss>\n")
    return "\n".join(parts).encode()


def _atom_extras(item: Item) -> str:
    """An entry's author (a name; a profile link in half the feeds, an e-mail in
    one in five) and its categories (terms with a scheme)."""
    meta, parts = item.meta, []
    if meta.author:
        person = f"<name>{escape(meta.author)}</name>"
        if item.feed_index // 2 % 2 == 0:
            slug = "-".join(meta.author.lower().split())
            person += f"<uri>https://news.example/authors/{escape(slug)}</uri>"
        if item.feed_index // 2 % 5 == 0:
            mailbox = meta.author.split()[0].lower().encode("ascii", "ignore").decode()
            person += f"<email>{mailbox}@news.example</email>"
        parts.append(f"<author>{person}</author>")
    parts += [
        f'<category term="{escape(name)}" scheme="https://news.example/topics"/>'
        for name in meta.categories
    ]
    return "".join(parts)


def _atom(feed_index: int, items: list[Item], updated: datetime) -> bytes:
    stamp = updated.strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
        'xml:lang="en">',
        f"<title>Bench wire {feed_index}</title><id>urn:bench:{feed_id(feed_index)}</id>"
        f'<updated>{stamp}</updated><link href="https://news.example/{feed_id(feed_index)}"/>'
        f"<author><name>Bench wire {feed_index} newsroom</name></author>",
    ]
    for item in items:
        parts.append(
            f"<entry><title>{escape(item.title)}</title><id>{item.guid}</id>"
            f'<link href="{item.link}"/><updated>'
            f"{item.published.strftime('%Y-%m-%dT%H:%M:%SZ')}</updated>{_atom_extras(item)}"
            f'<content type="html">{escape(item.html)}</content></entry>'
        )
    parts.append("</feed>\n")
    return "\n".join(parts).encode()


def etag_for(feed_index: int, generation: int) -> str:
    return f'"{feed_id(feed_index)}-g{generation}"'
