"""Event classes of the ninth development set (tests/data/signal/events9-dev):
a departure to join a company is a move to it, organisations stay in their
clause, names listed together share the event, refusals and rumours are no
news, and a hire's roles follow who hires whom."""

from __future__ import annotations

from functools import cache

import pytest

from watchlist.evaluate import SIGNAL, load_entities
from watchlist.events import Event, find_events
from watchlist.matcher import Matcher


@cache
def matcher() -> Matcher:
    return Matcher(load_entities(SIGNAL / "entities.toml"))


def found(body: str, language: str, title: str = "") -> list[Event]:
    return find_events(title, body, matcher().find(title, body), language)


def by_kind(body: str, language: str) -> dict[tuple[str, str], dict[str, str]]:
    return {(e.kind, e.entity_id): dict(e.roles) for e in found(body, language)}


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Jan Leike said he was leaving to join Anthropic.", "en"),
        ("Jan Leike mengumumkan bahwa ia hengkang untuk bergabung dengan Anthropic.", "id"),
        ("Jan Leike anunciou que vai sair para entrar na Anthropic.", "pt"),
    ],
)
def test_leaving_to_join_a_company_is_a_move_to_it_never_from_it(body, language):
    events = by_kind(body, language)
    assert events[("hire", "person:jan-leike")].get("to") == "company:anthropic"
    assert events[("departure", "person:jan-leike")].get("from") != "company:anthropic"


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Jan Leike keluar dari OpenAI demi bergabung ke Anthropic.", "id"),
        ("Jan Leike disse que está deixando a OpenAI para trabalhar na Anthropic.", "pt"),
        ("Jan Leike left OpenAI to work at Anthropic.", "en"),
    ],
)
def test_the_place_left_and_the_place_joined_both_come_out(body, language):
    events = by_kind(body, language)
    assert events[("departure", "person:jan-leike")] == {"from": "company:openai"}
    assert events[("hire", "person:jan-leike")] == {
        "to": "company:anthropic",
        "from": "company:openai",
    }


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Meta hired Alexandr Wang, while Google hired back Noam Shazeer.", "en"),
        ("Meta merekrut Alexandr Wang, sementara Google merekrut kembali Noam Shazeer.", "id"),
        ("A Meta contratou Alexandr Wang, enquanto o Google recontratou Noam Shazeer.", "pt"),
    ],
)
def test_each_clause_keeps_its_own_company(body, language):
    events = by_kind(body, language)
    assert events[("hire", "person:alexandr-wang")] == {"to": "company:meta"}
    assert events[("hire", "person:noam-shazeer")] == {"to": "company:google"}


def test_the_company_left_is_the_one_in_the_relative_clause_not_the_next_one():
    body = "Ilya Sutskever, salah satu pendiri OpenAI yang keluar pada 2024, kini memimpin SSI."
    (event,) = found(body, "id")
    assert (event.kind, dict(event.roles), event.date) == (
        "departure",
        {"from": "company:openai"},
        "2024",
    )


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Barret Zoph, along with Luke Metz, returned to OpenAI.", "en"),
        ("Barret Zoph bersama Luke Metz kembali ke OpenAI.", "id"),
        ("Barret Zoph, junto com Luke Metz, voltou à OpenAI.", "pt"),
    ],
)
def test_names_listed_together_share_the_event(body, language):
    assert set(by_kind(body, language)) == {
        ("hire", "person:barret-zoph"),
        ("hire", "person:luke-metz"),
    }


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Gosip soal Apple mencaplok Perplexity makin kencang.", "id"),
        ("Pengunduran diri Jensen Huang dari Nvidia hanyalah rumor.", "id"),
        ("Tesla tengah mengkaji investasi di xAI.", "id"),
        ("Pemegang saham Tesla akan memberikan suara soal investasi di xAI.", "id"),
        ("Ilya Sutskever menolak bergabung dengan Meta.", "id"),
        ("Ilya Sutskever declined to join Meta.", "en"),
        ("Ilya Sutskever se recusou a entrar na Meta.", "pt"),
        ("Alumni OpenAI mendirikan startup baru bernama Periodic Labs.", "id"),
        ("OpenAI alumni launched a new startup called Periodic Labs.", "en"),
        ("Mira Murati sempat menjabat CTO OpenAI.", "id"),
        ("Jensen Huang joined Donald Trump at the White House.", "en"),
        ("Sam Altman led OpenAI's response to the round.", "en"),
    ],
)
def test_rumours_refusals_topics_and_alumni_are_no_events(body, language):
    assert found(body, language) == []


def test_a_share_falling_is_no_refusal():
    events = by_kind("Nvidia shares declined after Jensen Huang stepped down.", "en")
    assert set(events) == {("departure", "person:jensen-huang")}


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Meta menyuntik Scale AI US$14,3 miliar dan merekrut CEO-nya, Alexandr Wang.", "id"),
        (
            "Meta invested $14.3 billion in Scale AI and hired its chief executive, Alexandr Wang.",
            "en",
        ),
        ("A Meta investiu US$ 14,3 bilhões na Scale AI e contratou seu CEO, Alexandr Wang.", "pt"),
    ],
)
def test_the_hirer_of_another_companys_boss_is_the_one_that_hires(body, language):
    events = by_kind(body, language)
    assert events[("funding", "company:scale-ai")] == {"investor": "company:meta"}
    assert events[("hire", "person:alexandr-wang")] == {
        "to": "company:meta",
        "from": "company:scale-ai",
    }


@pytest.mark.parametrize(
    ("body", "language", "kind", "who", "roles"),
    [
        (
            "Anthropic took $2 billion from Google.",
            "en",
            "funding",
            "company:anthropic",
            {"investor": "company:google"},
        ),
        (
            "Anthropic menerima US$2 miliar dari Google.",
            "id",
            "funding",
            "company:anthropic",
            {"investor": "company:google"},
        ),
        (
            "Anthropic won backing from Google worth $2 billion.",
            "en",
            "funding",
            "company:anthropic",
            {"investor": "company:google"},
        ),
        (
            "Nvidia led xAI's $6 billion round.",
            "en",
            "funding",
            "company:xai",
            {"investor": "company:nvidia"},
        ),
        (
            "Nvidia snaps up a stake in Intel for $5 billion.",
            "en",
            "funding",
            "company:intel",
            {"investor": "company:nvidia"},
        ),
        (
            "Sam Altman was shown the door by OpenAI's board in November 2023.",
            "en",
            "fired",
            "person:sam-altman",
            {"from": "company:openai"},
        ),
        (
            "Sam Altman fired as OpenAI CEO",
            "en",
            "fired",
            "person:sam-altman",
            {"from": "company:openai"},
        ),
        (
            "Alexandr Wang became Meta's chief AI officer in June.",
            "en",
            "hire",
            "person:alexandr-wang",
            {"to": "company:meta"},
        ),
        (
            "Alexandr Wang menjadi kepala AI Meta.",
            "id",
            "hire",
            "person:alexandr-wang",
            {"to": "company:meta"},
        ),
        (
            "Alexandr Wang virou chefe de IA da Meta.",
            "pt",
            "hire",
            "person:alexandr-wang",
            {"to": "company:meta"},
        ),
        (
            "OpenAI said Barret Zoph would rejoin OpenAI.",
            "en",
            "hire",
            "person:barret-zoph",
            {"to": "company:openai"},
        ),
        (
            "Noam Shazeer is coming back to Google.",
            "en",
            "hire",
            "person:noam-shazeer",
            {"to": "company:google"},
        ),
        (
            "Sam Altman volta a comandar a OpenAI.",
            "pt",
            "hire",
            "person:sam-altman",
            {"to": "company:openai"},
        ),
        (
            "Sam Altman foi mandado embora da OpenAI.",
            "pt",
            "fired",
            "person:sam-altman",
            {"from": "company:openai"},
        ),
    ],
)
def test_phrasings_outlets_use_are_the_one_event(body, language, kind, who, roles):
    events = found(body, language)
    assert [(e.kind, e.entity_id, dict(e.roles)) for e in events] == [(kind, who, roles)]


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Mira Murati spent six years at OpenAI. She left in September 2024.", "en"),
        ("Mira Murati passou seis anos na OpenAI. Ela saiu em setembro de 2024.", "pt"),
    ],
)
def test_a_dated_bare_departure_leaves_the_employer_named_before(body, language):
    (event,) = found(body, language)
    assert (event.kind, event.entity_id, dict(event.roles), event.date) == (
        "departure",
        "person:mira-murati",
        {"from": "company:openai"},
        "2024-09",
    )


def test_a_launched_company_kept_from_the_subjects_stands_alone():
    # A former employer's founding in a relative clause once raised ValueError.
    body = "Eks petinggi Google yang mendirikan Character.AI, Noam Shazeer, kembali ke Google."
    events = by_kind(body, "id")
    assert events[("hire", "person:noam-shazeer")]["to"] == "company:google"


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Mustafa Suleyman left Inflection AI to join Microsoft in March 2024.", "en"),
        ("Mustafa Suleyman hengkang dari Inflection AI untuk bergabung dengan Microsoft.", "id"),
        ("Mustafa Suleyman deixou a Inflection AI para se juntar à Microsoft.", "pt"),
    ],
)
def test_leaving_an_unwatched_company_to_join_a_watched_one_is_both_events(body, language):
    # The place left is no watched name, so only the purpose says it was a workplace.
    events = by_kind(body, language)
    assert ("departure", "person:mustafa-suleyman") in events
    assert events[("hire", "person:mustafa-suleyman")].get("to") == "company:microsoft"


@pytest.mark.parametrize(
    "body", ["Mustafa Suleyman left Paris on Monday.", "Mustafa Suleyman left Davos early."]
)
def test_leaving_a_place_with_no_purpose_of_joining_is_no_departure(body):
    assert not found(body, "en")


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("According to Sam Altman, Mark Chen joined OpenAI.", "en"),
        ("Segundo Sam Altman, Mark Chen entrou na OpenAI.", "pt"),
        ("Menurut Sam Altman, Mark Chen bergabung dengan OpenAI.", "id"),
    ],
)
def test_the_source_of_the_news_is_not_listed_with_its_subject(body, language):
    assert set(by_kind(body, language)) == {("hire", "person:mark-chen")}


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("A Apple descartou, por ora, comprar a Perplexity, segundo a Bloomberg.", "pt"),
        ("Apple menampik akan membeli Perplexity.", "id"),
        ("Apple ruled out buying Perplexity for now, Bloomberg reported.", "en"),
    ],
)
def test_a_deal_ruled_out_is_no_deal(body, language):
    assert not found(body, language)
