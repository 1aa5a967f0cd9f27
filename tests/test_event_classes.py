"""Event error classes of issue 14, each on sentences of its own: who a
pronoun or a title means, one event per article, the quoting date, kin and
possessors, organisations from the sentence before, conditions and places."""

from __future__ import annotations

from functools import cache

from watchlist.evaluate import SIGNAL, load_entities
from watchlist.events import Event, find_events
from watchlist.matcher import Matcher


@cache
def matcher() -> Matcher:
    return Matcher(load_entities(SIGNAL / "entities.toml"))


def found(body: str, language: str, title: str = "") -> list[Event]:
    return find_events(title, body, matcher().find(title, body), language)


def pairs(body: str, language: str) -> set[tuple[str, str]]:
    return {(e.kind, e.entity_id) for e in found(body, language)}


def test_a_pronoun_subject_means_the_person_the_sentence_before_names():
    for body, language in (
        ("Jan Leike ran alignment at OpenAI. He resigned in May 2024.", "en"),
        ("Jan Leike memimpin tim di OpenAI. Dia mengundurkan diri pada Mei 2024.", "id"),
        ("Jan Leike liderou a equipe da OpenAI. Ele pediu demissão em maio de 2024.", "pt"),
    ):
        (event,) = found(body, language)
        assert (event.kind, event.entity_id, event.date) == (
            "departure",
            "person:jan-leike",
            "2024-05",
        )
        # The reason shown names the person.
        assert "Jan Leike" in event.sentence


def test_an_object_pronoun_clitic_or_title_means_that_person_too():
    for body, language in (
        ("Sam Altman led OpenAI. In November 2023, the board fired him.", "en"),
        ("Sam Altman memimpin OpenAI. Pada November 2023 lalu, dewan memecatnya.", "id"),
        ("Sam Altman comandava a OpenAI. Em novembro de 2023, o conselho o demitiu.", "pt"),
        (
            "Sam Altman CEO ChatGPT\n\nPada November 2023 lalu, OpenAI mengumumkan "
            "pemecatan terhadap sang pendiri sekaligus CEO.",
            "id",
        ),
    ):
        (event,) = found(body, language)
        assert (event.kind, event.entity_id, event.date) == (
            "fired",
            "person:sam-altman",
            "2023-11",
        )


def test_a_pronoun_with_nobody_named_before_is_nobody():
    assert pairs("The board met on Friday. In November 2023, it fired him.", "en") == set()


def test_one_event_per_subject_kind_and_organisations_in_an_article():
    body = (
        "OpenAI fired Sam Altman on Friday. Sam Altman was fired by video call. "
        "The firing of Sam Altman shocked staff. Sam Altman was fired in November 2023."
    )
    (event,) = found(body, "en")
    assert (event.kind, event.entity_id, event.date) == ("fired", "person:sam-altman", "2023-11")
    assert dict(event.roles) == {"from": "company:openai"}
    # The sentence shown is the one that says most: the dated one.
    assert "November 2023" in event.sentence


def test_two_moves_of_one_person_in_an_article_stay_two():
    events = found("Jan Leike left OpenAI in 2024. Jan Leike left Google in 2020.", "en")
    assert sorted((e.entity_id, dict(e.roles)["from"], e.date) for e in events) == [
        ("person:jan-leike", "company:google", "2020"),
        ("person:jan-leike", "company:openai", "2024"),
    ]


def test_the_date_a_quote_was_taken_is_not_the_events_date():
    body = "“Saya dipecat tiba-tiba,” tulis Sam Altman dikutip Selasa (4/2/2025)."
    (event,) = found(body, "id")
    assert (event.kind, event.date) == ("fired", None)


def test_several_people_in_one_sentence_each_get_the_event():
    assert pairs("Ilya Sutskever, Jan Leike e John Schulman deixaram a OpenAI.", "pt") == {
        ("departure", "person:ilya-sutskever"),
        ("departure", "person:jan-leike"),
        ("departure", "person:john-schulman"),
    }


def test_a_watched_name_owned_by_kin_or_a_company_is_not_the_subject():
    for body, language in (
        ("Adik Sam Altman, Jack Altman, mundur dari kursi CEO Lattice.", "id"),
        ("O irmão de Sam Altman, Jack Altman, deixou o cargo na Lattice.", "pt"),
        ("Jack Altman, Sam Altman's brother, launched a $150 million fund.", "en"),
        ("Sam Altman invested in Jack Altman's new fund.", "en"),
    ):
        assert pairs(body, language) == set(), body


def test_a_stake_is_funding_and_buying_outright_an_acquisition():
    assert pairs("Nvidia acquired a minority stake in xAI.", "en") == {("funding", "company:xai")}
    assert pairs("O Google elevou sua participação na Anthropic para 14%.", "pt") == {
        ("funding", "company:anthropic")
    }
    assert pairs("Apple acquired Perplexity outright for $14 billion.", "en") == {
        ("acquisition", "company:apple")
    }


def test_verbs_outside_the_old_lexicon():
    assert pairs("OpenAI brought Sam Altman back as chief executive.", "en") == {
        ("hire", "person:sam-altman")
    }
    assert pairs("Dewan Tesla depak Elon Musk dari kursi ketua.", "id") == {
        ("fired", "person:elon-musk")
    }
    assert pairs("Demis Hassabis se licenciou do Google DeepMind.", "pt") == {
        ("leave", "person:demis-hassabis")
    }
    (event,) = found("Nvidia pours $2 billion into xAI's latest round.", "en")
    assert (event.kind, event.entity_id, dict(event.roles), event.amount) == (
        "funding",
        "company:xai",
        {"investor": "company:nvidia"},
        "USD:2000000000",
    )


def test_a_move_takes_its_organisation_from_the_sentence_before_when_it_names_none():
    body = "Kelas berat lain di OpenAI mengumumkan kepergiannya. Barret Zoph juga mundur."
    (event,) = found(body, "id")
    assert (event.kind, event.entity_id, dict(event.roles)) == (
        "departure",
        "person:barret-zoph",
        {"from": "company:openai"},
    )


def test_conditions_questions_threats_and_pressure_are_no_events():
    for body, language in (
        ("Whether Mustafa Suleyman will quit Microsoft remains unclear.", "en"),
        ("Apakah Mustafa Suleyman akan hengkang dari Microsoft masih belum jelas.", "id"),
        ("Se Mustafa Suleyman vai sair da Microsoft ainda é uma incógnita.", "pt"),
        ("OpenAI rehired Sam Altman after staff threatened to quit.", "en"),
        ("Investor mendesak dewan untuk mendepak Elon Musk dari Tesla.", "id"),
        ("Rumors that Sam Altman was fired again by the OpenAI board are false.", "en"),
    ):
        assert ("departure", "person:mustafa-suleyman") not in pairs(body, language), body
        assert not {kind for kind, _ in pairs(body, language)} & {"departure", "fired"}, body


def test_leaving_or_joining_a_place_that_is_no_organisation_is_no_move():
    assert pairs("Sam Altman keluar dari ruang sidang tanpa komentar.", "id") == set()
    assert pairs("Sam Altman saiu do tribunal sem falar com a imprensa.", "pt") == set()
    assert pairs("Sundar Pichai bergabung dalam panggilan video bersama analis.", "id") == set()
    assert pairs("Andrej Karpathy voltou para a OpenAI. Ele saiu de novo.", "pt") == {
        ("hire", "person:andrej-karpathy"),
        ("departure", "person:andrej-karpathy"),
    }


def test_leaving_to_become_a_founder_again_is_no_hire():
    body = (
        "Calvin French-Owen bekerja di OpenAI dan meninggalkan perusahaan untuk kembali "
        "menjadi pendiri startup."
    )
    assert pairs(body, "id") == {("departure", "person:calvin-french-owen")}


def test_an_undated_sentence_telling_what_followed_takes_the_date_before_it():
    body = (
        "Pada November 2023 lalu, dewan OpenAI memecat Sam Altman. Setelah drama lima hari, "
        "Sam Altman akhirnya kembali menguasai OpenAI."
    )
    assert sorted((e.kind, e.date) for e in found(body, "id")) == [
        ("fired", "2023-11"),
        ("hire", "2023-11"),
    ]
    # Without "after", a sentence's missing date stays missing.
    body = "Sam Altman left OpenAI in 2024. Jan Leike left OpenAI too."
    dates = {e.entity_id: e.date for e in found(body, "en")}
    assert dates == {"person:sam-altman": "2024", "person:jan-leike": None}
