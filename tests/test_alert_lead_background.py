"""Two parts of the alert rule a realistic poll showed wrong.

What stands above a story's first paragraph (a photo caption's credit, a
byline, a kicker) is not its lead: a name there is a passing mention, and the
paragraph after it is the lead. An event the text dates well before the
article ("which Microsoft bought in 2018") is background: it does not alert,
though the name's place still does.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from core.alerts import reasons_to_alert
from core.watch import Watchlist
from ingest.config import parse_config
from storage.records import Article
from watchlist.alerts import (
    _CREDIT_AGENCY,
    _CREDIT_CAPTION,
    _CREDIT_LABEL,
    _CREDIT_PAREN,
    _CREDIT_STOCK,
    _credit,
    alert_reasons,
    alerts_for,
    first_paragraph,
    is_background,
    lead_start,
)
from watchlist.entities import Entity
from watchlist.events import find_events
from watchlist.matcher import Matcher

NAMES = {
    "person": ("Satya Nadella", "Lisa Su", "Dario Amodei"),
    "company": ("Microsoft", "AMD", "Anthropic", "Amazon", "Google"),
}
MATCHER = Matcher([Entity.make(kind, name) for kind, names in NAMES.items() for name in names])
PUBLISHED = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


def alerted(title: str, body: str, published: datetime | None = PUBLISHED) -> dict[str, str]:
    mentions = MATCHER.find(title, body)
    events = find_events(title, body, mentions, "en")
    lead = first_paragraph(body)
    return {
        a.entity_id: a.reason
        for a in alerts_for(title, lead, mentions, events, published=published)
    }


@pytest.mark.parametrize(
    "above",
    [
        "Lisa Su at a trade show in Taipei. (Photo by Ana Lim/Getty Images)",
        "The AMD booth on opening day. Photo: AMD",
        "Lisa Su di sebuah konferensi di Taipei. (Foto: Dok. AMD)",
        "Lisa Su em evento em Taipé — Foto: Divulgação/AMD",
        "By Lisa Su's former speechwriter",
        "ANALYSIS",
    ],
)
def test_what_stands_above_the_lead_is_not_the_lead(above: str) -> None:
    body = (
        f"{above}\n\n"
        "Satya Nadella told investors on Thursday that spending on data centres would "
        "keep rising next year.\n\n"
        "The figures surprised analysts who had expected a pause."
    )
    lead = first_paragraph(body)
    assert lead[lead_start(lead) :].startswith("Satya Nadella told investors")
    found = alerted("Spending keeps rising", body)
    assert found == {"person:satya-nadella": "lead"}


@pytest.mark.parametrize(
    "lead",
    [
        "Getty Images sued a Microsoft-backed startup, saying it copied millions of photos.",
        "Users can now share photos/videos with Microsoft's assistant, the company said.",
        "A reprodução de reportagens por chatbots da Microsoft está no centro de um processo.",
        "By the end of the year, Microsoft expects to double its data-centre capacity.",
    ],
)
def test_a_lead_that_only_talks_of_photos_or_credits_is_still_the_lead(lead: str) -> None:
    body = f"{lead}\n\nAnalysts expect the case to take years."
    assert first_paragraph(body) == lead
    assert alerted("A case about training data", body) == {"company:microsoft": "lead"}


def test_a_short_first_paragraph_that_is_a_sentence_is_the_lead() -> None:
    body = "Microsoft cut prices.\n\nThe change applies to every region from Monday."
    assert first_paragraph(body) == "Microsoft cut prices."
    assert alerted("Price cuts", body) == {"company:microsoft": "lead"}


def test_a_body_of_captions_and_credits_only_keeps_its_first_paragraph_as_the_lead() -> None:
    body = "Photo: Google\n\nPhoto: Google"
    assert first_paragraph(body) == "Photo: Google"


def test_a_background_event_dated_years_back_does_not_alert() -> None:
    body = (
        "A survey of 5,000 engineers found most now review code written by assistants.\n\n"
        "The survey ran on GitHub, the code-hosting site. Microsoft acquired GitHub in 2018."
    )
    assert alerted("Engineers review more machine-written code", body) == {}
    # Undated, the same sentence is this article's news.
    news = body.replace(" in 2018", " this week")
    assert alerted("Engineers review more machine-written code", news) == {
        "company:microsoft": "event"
    }


def test_a_background_event_of_an_entity_in_the_title_still_alerts_for_the_title() -> None:
    body = (
        "Shares rose after the results.\n\n"
        "Anthropic, in which Amazon invested $4 billion in 2023, is a large customer."
    )
    assert alerted("Amazon's cloud unit beats forecasts", body) == {"company:amazon": "title"}


def test_what_is_background_depends_on_the_article_date() -> None:
    assert is_background("2023", PUBLISHED)
    assert is_background("2026-10", PUBLISHED)
    assert not is_background("2026-11", PUBLISHED)  # ended days before: recent news
    assert not is_background("2026", PUBLISHED)
    assert not is_background("2027-03", PUBLISHED)  # a plan, not the past
    assert not is_background("2019", None)
    assert not is_background("soon", PUBLISHED)


def test_the_dashboard_skips_background_events_when_it_raises_alerts() -> None:
    """The app core decides from what enrichment stored, with the article's date."""
    title = "Cloud GPU prices fall"
    body = (
        "Renting top-end GPUs got cheaper this quarter, a price tracker found.\n\n"
        "Microsoft acquired a GPU cloud in 2019. AMD launched a new accelerator this week."
    )
    mentions = MATCHER.find(title, body)
    events = find_events(title, body, mentions, "en")
    reasons = alert_reasons(title, first_paragraph(body), mentions, events, default="any")
    config = parse_config(
        b'[[companies]]\nname = "Microsoft"\n\n[[companies]]\nname = "AMD"\n', None
    )
    watchlist = Watchlist()
    watchlist.apply(config)
    article = Article(
        id="a",
        feed_id="f",
        identity="a",
        title=title,
        link=None,
        published=PUBLISHED,
        first_seen=PUBLISHED,
        events=tuple(e.to_dict() for e in events),
        alert_reasons=tuple(reasons),
    )
    found = {entity: reason for entity, reason, _ in reasons_to_alert(article, watchlist)}
    assert found == {"company:amd": "event"}


@pytest.mark.parametrize(
    "paragraph",
    [
        "Lisa Su at a trade show in Taipei. (Photo by Ana Lim/Getty Images)",
        "Lisa Su at a trade show in Taipei via Shutterstock",
        "Lisa Su at a trade show in Taipei. Unsplash )  ",
        "Lisa Su at a trade show in Taipei. REUTERS/Ann Wang",
        "Lisa Su em evento em Taipé — Reprodução",
        "Image Credits: AMD",
        # Letters IGNORECASE matches that str.lower() does not lower to them.
        "Lisa Su at a trade show in Taipei via GETTY İMAGES",
        "Lisa Su at a trade show in Taipei via ſhutterſtock",
        "Lisa Su em evento em Taipé — dıvulgação",
        "Getty Images sued a Microsoft-backed startup, saying it copied millions of photos.",
        "A reprodução de reportagens por chatbots da Microsoft está no centro de um processo.",
        "Users can now share photos/videos with Microsoft's assistant, the company said.",
    ],
)
def test_the_credit_test_by_parts_agrees_with_its_parts_as_one_pattern(paragraph: str) -> None:
    parts = (_CREDIT_LABEL, _CREDIT_PAREN, _CREDIT_AGENCY, _CREDIT_STOCK, _CREDIT_CAPTION)
    whole = re.compile("|".join(f"(?:{p.pattern})" for p in parts), re.IGNORECASE)
    assert _credit(paragraph) == bool(whole.search(paragraph))
    assert first_paragraph(f"{paragraph}\n\nThe lead.") == (
        f"{paragraph}\n\nThe lead." if whole.search(paragraph) else paragraph
    )
