"""A deal whose target is "the company he co-founded", unnamed: the target is
resolved through the subject's watchlist entry, on made-up people and firms."""

from __future__ import annotations

from watchlist.entities import Entity
from watchlist.event_founders import founders, resolve_founded_targets
from watchlist.events import find_events
from watchlist.matcher import Matcher

WATCHLIST = [
    Entity.make("person", "Rina Halim", affiliation="Lumora (co-founder)"),
    Entity.make("person", "Tomas Vidal", affiliation="Quillbase (founder)"),
    Entity.make("person", "Ada Brink", affiliation="Orbitas"),
    Entity.make("company", "Lumora"),
    Entity.make("company", "Quillbase"),
    Entity.make("company", "Orbitas"),
    Entity.make("company", "Kestrel Systems", aliases=["Kestrel"]),
]
FOUNDED = founders(WATCHLIST)


def acquisitions(body: str, language: str) -> list[tuple[str, dict[str, str]]]:
    mentions = Matcher(WATCHLIST).find("", body)
    events = resolve_founded_targets(
        find_events("", body, mentions, language), body, mentions, FOUNDED
    )
    return [(e.entity_id, dict(e.roles)) for e in events if e.kind == "acquisition"]


def test_founder_affiliations_name_the_company_founded() -> None:
    assert FOUNDED == {
        "person:rina-halim": "company:lumora",
        "person:tomas-vidal": "company:quillbase",
    }


def test_an_unnamed_company_a_pronoun_co_founded_is_the_target() -> None:
    for body, language in (
        (
            "Rina Halim now advises startups. She was a co-founder of the analytics "
            "startup, which was bought by Kestrel Systems in 2021.",
            "en",
        ),
        (
            "Rina Halim agora aconselha startups. Ela foi co-fundadora da startup de "
            "análise de dados, que foi comprada pela Kestrel Systems em 2021.",
            "pt",
        ),
        (
            "Tomas Vidal kini menjadi investor. Dia adalah salah satu pendiri startup "
            "catatan digital itu, yang diakuisisi oleh Kestrel Systems pada 2021.",
            "id",
        ),
    ):
        found = acquisitions(body, language)
        assert [who for who, _ in found] == ["company:kestrel-systems"], body
        target = found[0][1].get("target")
        assert target in ("company:lumora", "company:quillbase"), body


def test_no_target_without_a_founder_entry_or_when_the_clause_names_a_company() -> None:
    # Ada Brink's entry records no founding.
    body = (
        "Ada Brink now advises startups. She was a co-founder of the analytics "
        "startup, which was bought by Kestrel Systems in 2021."
    )
    assert acquisitions(body, "en") == [("company:kestrel-systems", {})]
    # The clause names its company: that one, not the founder's entry, is meant.
    body = (
        "Rina Halim now advises startups. She was a co-founder of Orbitas, "
        "which was bought by Kestrel Systems in 2021."
    )
    assert all(roles.get("target") != "company:lumora" for _, roles in acquisitions(body, "en"))


def test_seed_001_names_segment_as_the_company_twilio_bought() -> None:
    # The machine translation wrote Segment as "o segmento de inicialização
    # dos dados do cliente"; feeds.toml records Calvin French-Owen's founding.
    from ingest.config import load_config
    from tests.support.seed_archive import FEEDS_TOML, seed_items

    config = load_config(FEEDS_TOML)
    entities = [
        Entity.make(e.kind, e.name, e.aliases, e.affiliation)
        for e in (*config.people, *config.companies)
    ]
    founded = founders(entities)
    assert founded.get("person:calvin-french-owen") == "company:segment"
    (item,) = [i for i in seed_items() if "comprado pela Twilio" in i.body]
    mentions = Matcher(entities).find(item.title, item.body)
    events = find_events(item.title, item.body, mentions, item.language)
    deals = [
        e
        for e in resolve_founded_targets(events, item.body, mentions, founded)
        if e.kind == "acquisition"
    ]
    assert [(e.entity_id, dict(e.roles).get("target"), e.date) for e in deals] == [
        ("company:twilio", "company:segment", "2020")
    ]
