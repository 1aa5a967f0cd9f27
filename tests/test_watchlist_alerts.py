"""The alert rule: title, lead or event by default; per-entity settings."""

from __future__ import annotations

import pytest

from watchlist.alerts import Alert, alerts_for, first_paragraph, mode_of
from watchlist.entities import Entity
from watchlist.events import find_events
from watchlist.matcher import Matcher

ENTITIES = [
    Entity.make("person", "Mira Murati"),
    Entity.make("person", "Sam Altman"),
    Entity.make("company", "OpenAI"),
    Entity.make("company", "Google"),
    Entity.make("company", "Microsoft"),
]
MATCHER = Matcher(ENTITIES)

BODY = (
    "The startup released a tool for small businesses on Monday.\n"
    "It runs on servers rented from several clouds, and the founders once worked at "
    "Google and Microsoft before starting the company."
)


def alerts(title: str, body: str, settings: dict[str, str] | None = None) -> list[Alert]:
    mentions = MATCHER.find(title, body)
    events = find_events(title, body, mentions, "en")
    return alerts_for(title, first_paragraph(body), mentions, events, settings)


def test_a_passing_mention_of_google_deep_in_the_body_does_not_alert():
    assert alerts("A bookkeeping startup launches an assistant", BODY) == []


def test_a_passing_mention_alerts_when_the_entity_is_set_to_any():
    found = alerts("A bookkeeping startup launches an assistant", BODY, {"company:google": "any"})
    assert found == [Alert("company:google", "body", "Google")]


def test_the_title_word_is_the_reason():
    [alert] = alerts("Google opens an office in Jakarta", BODY)
    assert alert == Alert("company:google", "title", "Google")
    assert alert.describe() == "'Google' in the title"


def test_a_mention_in_the_lead_alerts_but_not_one_in_the_second_paragraph():
    body = "Microsoft signed a data-center deal on Monday.\nGoogle was not involved."
    assert [a.entity_id for a in alerts("A data-center deal", body)] == ["company:microsoft"]
    assert alerts("A data-center deal", body)[0].reason == "lead"


def test_the_subject_of_an_event_alerts_with_the_event_as_reason():
    body = "Analysts expect more changes.\nLater, Mira Murati left OpenAI after six years."
    found = alerts("Changes at the top of an AI lab", body, {"company:openai": "off"})
    assert found == [
        Alert(
            "person:mira-murati", "event", "Left: Later, Mira Murati left OpenAI after six years."
        )
    ]


def test_events_mode_alerts_only_on_events():
    settings = {"company:google": "events", "person:mira-murati": "events"}
    assert alerts("Google opens an office in Jakarta", BODY, settings) == []
    body = "Mira Murati left OpenAI on Wednesday."
    assert [a.entity_id for a in alerts("News", body, settings)] == [
        "person:mira-murati",
        "company:openai",
    ]


def test_off_never_alerts():
    assert alerts("Google opens an office in Jakarta", BODY, {"company:google": "off"}) == []


@pytest.mark.parametrize(
    ("value", "mode"), [("any", "any"), ("loud", "headline"), (None, "headline")]
)
def test_unknown_settings_fall_back_to_the_default(value, mode):
    settings = {} if value is None else {"company:google": value}
    assert mode_of("company:google", settings) == mode


def test_first_paragraph_is_a_prefix_of_the_body():
    body = "First line here.\nSecond line."
    assert first_paragraph(body) == "First line here."
    assert body.startswith(first_paragraph(body))
    assert first_paragraph("Only one paragraph.") == "Only one paragraph."


def test_a_poll_of_100_items_with_passing_mentions_alerts_only_where_the_rule_allows():
    topics = ["chip exports", "data centres", "AI tutors", "robot vacuums", "smart glasses"]
    passing = ["Google", "Microsoft", "OpenAI"]
    items = []
    for n in range(90):
        topic = topics[n % len(topics)]
        body = (
            f"A new survey on {topic} was published on Tuesday, number {n}.\n"
            f"Some respondents said they used tools from {passing[n % 3]} at work."
        )
        items.append((f"Survey {n}: what people think about {topic}", body))
    for n in range(5):
        items.append((f"Google opens office number {n}", "The office is in Jakarta."))
    for n in range(5):
        items.append((f"Leadership change {n}", f"Mira Murati left OpenAI, memo {n} said."))
    alerted = [title for title, body in items if alerts(title, body)]
    any_mention = [title for title, body in items if MATCHER.find(title, body)]
    assert len(any_mention) == 100  # the old rule: every item alerted
    assert len(alerted) == 10
    assert all(t.startswith(("Google opens", "Leadership")) for t in alerted)
