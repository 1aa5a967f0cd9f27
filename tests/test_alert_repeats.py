"""An event told again in words story grouping did not join alerts once:
same entity, same kind of event, same organisation on the other side, within
a few days. Different events of the same entity still alert."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.alert_repeats import REPEAT_WINDOW, told_events
from core.alerts import Alerts, Burst
from core.watch import Watchlist
from ingest.config import parse_config
from storage.records import Article
from watchlist.alerts import alert_reasons, first_paragraph
from watchlist.entities import Entity
from watchlist.events import find_events
from watchlist.matcher import Matcher

WATCHED = [
    ("person", "Lena Okafor"),
    ("company", "Northwind"),
    ("company", "OpenAI"),
    ("company", "Anthropic"),
    ("company", "Google"),
    ("company", "Harbor Labs"),
]
MATCHER = Matcher([Entity.make(kind, name) for kind, name in WATCHED])
DAY = datetime(2031, 5, 6, 9, tzinfo=UTC)


def _watchlist() -> Watchlist:
    toml = "".join(
        f'[[{"people" if kind == "person" else "companies"}]]\nname = "{name}"\n\n'
        for kind, name in WATCHED
    )
    watchlist = Watchlist()
    watchlist.apply(parse_config(toml.encode(), None))
    return watchlist


def article(key: str, title: str, body: str, when: datetime = DAY, lang: str = "en") -> Article:
    """An article as enrichment stores it: its events and where each name shows."""
    mentions = MATCHER.find(title, body)
    events = find_events(title, body, mentions, lang)
    return Article(
        id=key,
        feed_id=f"feed-{key}",
        identity=key,
        title=title,
        link=None,
        published=when,
        first_seen=when,
        language=lang,
        entities=tuple(sorted({m.entity_id for m in mentions})),
        events=tuple(e.to_dict() for e in events),
        alert_reasons=tuple(alert_reasons(title, first_paragraph(body), mentions, events)),
    )


def raise_each(alerts: Alerts, *articles: Article) -> dict[str, set[str]]:
    """Each article polled on its own; what each alerted for."""
    watchlist = _watchlist()
    found: dict[str, set[str]] = {}
    for one in articles:
        burst = alerts.raise_for([one], watchlist, {}, first_poll=False)
        found[one.id] = {entity for _, reasons in burst for entity, _, _ in reasons}
    alerts.close()
    return found


HIRED = article(
    "hired",
    "Northwind hires OpenAI research chief Lena Okafor",
    "Northwind has hired Lena Okafor, who ran research at OpenAI, the company said on Monday.",
)
LEAVING = article(
    "leaving",
    "OpenAI's head of research is leaving for Northwind",
    "Lena Okafor is leaving OpenAI to join Northwind, according to a memo seen by reporters.",
    DAY + timedelta(hours=20),
)
DEIXA = article(
    "deixa",
    "Lena Okafor deixa a OpenAI e vai para a Northwind",
    "Lena Okafor deixou a OpenAI para se juntar à Northwind, segundo um memorando.",
    DAY + timedelta(days=1),
    "pt",
)
RETURNS = article(
    "returns",
    "Lena Okafor returns to OpenAI",
    "OpenAI rehired Lena Okafor two days after she left for Northwind.",
    DAY + timedelta(days=2),
)


@pytest.fixture
def alerts() -> Alerts:
    return Alerts(lambda burst: None)


async def test_a_move_told_from_its_other_end_and_in_another_language_alerts_once(
    alerts: Alerts,
) -> None:
    found = raise_each(alerts, HIRED, LEAVING, DEIXA)
    assert found["hired"] == {"person:lena-okafor", "company:northwind", "company:openai"}
    assert found["leaving"] == set()
    assert found["deixa"] == set()
    assert alerts.ids == ["hired"]


async def test_a_new_event_of_the_same_person_alerts(alerts: Alerts) -> None:
    """Back to the company she left: another move (the roles disagree)."""
    found = raise_each(alerts, HIRED, RETURNS)
    assert "person:lena-okafor" in found["returns"]
    assert alerts.ids == ["returns", "hired"]


async def test_the_same_move_told_again_a_week_later_alerts_again(alerts: Alerts) -> None:
    later = article(
        "later",
        LEAVING.title,
        "Lena Okafor is leaving OpenAI to join Northwind, according to a memo seen by reporters.",
        DAY + REPEAT_WINDOW + timedelta(days=4),
    )
    found = raise_each(alerts, HIRED, later)
    assert "person:lena-okafor" in found["later"]


async def test_an_investment_told_by_both_sides_alerts_once_for_both(alerts: Alerts) -> None:
    invests = article(
        "invests",
        "Google invests $2 billion in Harbor Labs",
        "Google will invest $2 billion in Harbor Labs, the startup said.",
    )
    raises = article(
        "raises",
        "Harbor Labs raises $2 billion from Google",
        "Harbor Labs raised $2 billion from Google in a round that values it at $20 billion.",
        DAY + timedelta(hours=3),
    )
    found = raise_each(alerts, invests, raises)
    assert found["invests"] == {"company:google", "company:harbor-labs"}
    assert found["raises"] == set()


async def test_only_the_entities_the_repeat_covers_are_left_out(alerts: Alerts) -> None:
    """A retelling that adds news of someone else alerts for that news alone."""
    more = article(
        "more",
        "Anthropic and Northwind: Lena Okafor leaves OpenAI for Northwind",
        "Lena Okafor is leaving OpenAI to join Northwind, a memo says.",
        DAY + timedelta(hours=5),
    )
    found = raise_each(alerts, HIRED, more)
    assert found["more"] == {"company:anthropic"}


async def test_two_launches_of_one_company_are_two_alerts(alerts: Alerts) -> None:
    """A launch names no other organisation: nothing says two launches are one."""
    agent = article(
        "agent", "Anthropic launches a coding agent", "Anthropic launched a coding agent today."
    )
    browser = article(
        "browser",
        "Anthropic launches a browser",
        "Anthropic launched a browser on Thursday.",
        DAY + timedelta(days=1),
    )
    assert told_events(agent) == ()
    found = raise_each(alerts, agent, browser)
    assert found == {"agent": {"company:anthropic"}, "browser": {"company:anthropic"}}


async def test_a_retelling_after_a_restart_stays_quiet() -> None:
    """The alerts of an earlier session are remembered from the archive."""
    archive = {HIRED.id: HIRED}
    restarted = Alerts(lambda burst: None, article_of=archive.get)
    restarted.load(["hired"])
    found = raise_each(restarted, LEAVING)
    assert found["leaving"] == set()
    assert restarted.ids == ["hired"]


async def test_the_announcement_says_the_first_telling_only(alerts: Alerts) -> None:
    announced: list[Burst] = []
    alerts = Alerts(announced.append)
    watchlist = _watchlist()
    alerts.raise_for([HIRED, LEAVING, DEIXA], watchlist, {}, first_poll=False)
    alerts._flush()
    [burst] = announced
    assert [a.id for a, _ in burst] == ["hired"]
