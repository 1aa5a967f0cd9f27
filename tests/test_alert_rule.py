"""Alerts worth reading, in the running dashboard.

A poll of 100 items, most of them mentioning a big company in passing deep in
the body, raises only the alerts the rule allows: the entity in the title or
the lead, or the subject of a tagged event; per-entity `alert` settings; a
feed's first poll and its back catalogue are silent; one story alerts once.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from pytest_httpserver import HTTPServer

from tests.app_support import make_app, wait_for
from tests.test_polling import ConditionalFeed

WATCHLIST = """
[settings]
default_interval = "6h"

[[people]]
name = "Sam Altman"

[[people]]
name = "Jan Leike"
alert = "off"

[[companies]]
name = "Google"

[[companies]]
name = "Microsoft"
alert = "events"

[[companies]]
name = "NVIDIA"
alert = "any"
"""

FILLER = (
    "Analysts said the quarter was mixed. Supply chains eased and prices held. "
    "Shares closed higher on the day."
)


def item(guid: str, title: str, body: str, *, when: datetime) -> str:
    return (
        f"<item><guid>{guid}</guid><title>{title}</title><link>https://example.org/{guid}</link>"
        f"<description>{body}</description><pubDate>{format_datetime(when)}</pubDate></item>"
    )


def feed(items: list[str], title: str = "Wire") -> bytes:
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://example.org/</link>{''.join(items)}</channel></rss>"
    ).encode()


def passing_mentions(count: int, now: datetime) -> list[str]:
    """Items about other things that name a big company only deep in the body."""
    companies = ("Google", "Microsoft", "Sam Altman", "Jan Leike")
    return [
        item(
            f"passing-{n}",
            f"Markets wrap {n}: stocks steady as rates hold",
            f"&lt;p&gt;{FILLER}&lt;/p&gt;&lt;p&gt;{FILLER} A fund that holds "
            f"{companies[n % len(companies)]} shares rebalanced.&lt;/p&gt;",
            when=now - timedelta(minutes=n),
        )
        for n in range(count)
    ]


def source(url: str, name: str) -> str:
    return f'\n[[sources]]\nname = "{name}"\nurl = "{url}"\n'


async def test_a_poll_of_passing_mentions_raises_only_the_alerts_the_rule_allows(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    old = now - timedelta(days=40)
    first = [
        item("old-1", "Sam Altman named in an old story", "&lt;p&gt;Old news.&lt;/p&gt;", when=old),
        *passing_mentions(5, now - timedelta(days=1)),
    ]
    wire = ConditionalFeed(feed(first))
    httpserver.expect_request("/wire.xml").respond_with_handler(wire)
    app = make_app(tmp_path, WATCHLIST + source(httpserver.url_for("/wire.xml"), "Wire"), poll=True)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        library = app.library
        await wait_for(pilot, lambda: len(library.state.articles) >= 5 + len(first), timeout=60)
        # The first poll of a new source is its back catalogue: nothing alerts.
        assert library.alerts.ids == []

        news = [
            *passing_mentions(95, now),
            item(
                "title", "Sam Altman unveils a device", "&lt;p&gt;At an event.&lt;/p&gt;", when=now
            ),
            item(
                "lead",
                "A new chip deal",
                "&lt;p&gt;Google signed a chip deal today.&lt;/p&gt;",
                when=now,
            ),
            item("muted", "Jan Leike gives a talk", "&lt;p&gt;A talk.&lt;/p&gt;", when=now),
            item(
                "nvidia-body",
                "Data centres grow",
                f"&lt;p&gt;{FILLER}&lt;/p&gt;&lt;p&gt;Most run on NVIDIA parts.&lt;/p&gt;",
                when=now,
            ),
            item("ms-title", "Microsoft updates Windows", "&lt;p&gt;A patch.&lt;/p&gt;", when=now),
            item(
                "backlog",
                "Sam Altman in an archive piece",
                "&lt;p&gt;From 2019.&lt;/p&gt;",
                when=old,
            ),
        ]
        wire.body, wire.etag = feed(first + news), '"v2"'
        await pilot.press("r")
        titles = {"Sam Altman unveils a device", "A new chip deal", "Data centres grow"}
        await wait_for(pilot, lambda: len(library.alerts.ids) >= 3, timeout=60)
        await pilot.pause(3.0)  # anything else would have been raised by now
        alerted = {library.state.articles[i].title for i in library.alerts.ids}
        # Title (Sam Altman), lead (Google), and NVIDIA's "any" setting; not the
        # 95 passing mentions, not Jan Leike ("off"), not Microsoft in a title
        # ("events" only), not an item dated before the feed was added.
        assert alerted == titles
        await wait_for(
            pilot, lambda: any("3 new articles" in str(n.message) for n in app._notifications)
        )


async def test_one_story_told_by_two_outlets_alerts_once_and_says_why(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    quiet = [item("q", "Weather report", "&lt;p&gt;Rain.&lt;/p&gt;", when=now - timedelta(1))]
    one, two = ConditionalFeed(feed(quiet, "One")), ConditionalFeed(feed(quiet, "Two"))
    httpserver.expect_request("/one.xml").respond_with_handler(one)
    httpserver.expect_request("/two.xml").respond_with_handler(two)
    config = (
        WATCHLIST
        + source(httpserver.url_for("/one.xml"), "One")
        + source(httpserver.url_for("/two.xml"), "Two")
    )
    app = make_app(tmp_path, config, poll=True)
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        library = app.library
        await wait_for(
            pilot,
            lambda: (
                len(library.state.feeds) == 2
                and all(s.last_success for s in library.state.feeds.values())
            ),
            timeout=60,
        )
        story = "Sam Altman leaves OpenAI to start a robotics company"
        body = "&lt;p&gt;Sam Altman left OpenAI on Monday, the company said.&lt;/p&gt;"
        one.body, one.etag = feed([*quiet, item("a", story, body, when=now)], "One"), '"v2"'
        two.body, two.etag = feed([*quiet, item("b", story, body, when=now)], "Two"), '"v2"'
        await pilot.press("r")
        await wait_for(pilot, lambda: bool(library.state.stories), timeout=60)
        await wait_for(
            pilot,
            lambda: any("Sam Altman" in str(n.message) for n in app._notifications),
            timeout=30,
        )
        assert len(library.alerts.ids) == 1
        [message] = [str(n.message) for n in app._notifications if "Sam Altman" in str(n.message)]
        # The notice says why: the departure the sentence tells, or the name in the title.
        assert message.startswith(f"{story} — Sam Altman")
        assert "Left: " in message or "(in the title)" in message
