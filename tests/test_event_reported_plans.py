"""Indonesian news style around events: hedges of plans, talks and rumours,
a role left inside one company, an attribution after the object, and a
funding verb without its suffix."""

from __future__ import annotations

from functools import cache

from watchlist.evaluate import SIGNAL, load_entities
from watchlist.events import find_events
from watchlist.matcher import Matcher


@cache
def matcher() -> Matcher:
    return Matcher(load_entities(SIGNAL / "entities.toml"))


def pairs(body: str, language: str) -> set[tuple[str, str]]:
    return {
        (e.kind, e.entity_id) for e in find_events("", body, matcher().find("", body), language)
    }


def test_plans_talks_forecasts_and_denials_are_no_events():
    for body in (
        "Rencananya, Cohere akan menggalang dana US$500 juta bulan depan.",
        "Wacana akuisisi Cohere oleh Amazon kembali dibahas direksi.",
        "Pembicaraan akuisisi Stability AI oleh Microsoft belum selesai.",
        "Kevin Weil diperkirakan bergabung dengan Meta akhir tahun ini.",
        "Intel menepis laporan bahwa Nvidia menanamkan modal di perusahaan itu.",
        "Baidu dilirik Alibaba untuk diakuisisi, menurut analis.",
    ):
        assert pairs(body, "id") == set(), body


def test_a_future_stated_as_fact_stays_an_event():
    # The labelled sets count "akan" without a hedge as an announced event.
    assert pairs("Cohere akan meluncurkan model baru pekan depan, kata perusahaan.", "id") == {
        ("launch", "company:cohere")
    }


def test_leaving_a_role_while_staying_in_the_company_is_no_departure():
    for body, language in (
        ("Mark Chen meninggalkan jabatan kepala riset, tetapi tetap di OpenAI.", "id"),
        ("Mark Chen left the research chief role but remains at OpenAI.", "en"),
    ):
        assert ("departure", "person:mark-chen") not in pairs(body, language), body
    assert pairs("Mark Chen meninggalkan OpenAI pekan lalu.", "id") == {
        ("departure", "person:mark-chen")
    }


def test_an_attribution_after_the_object_does_not_make_it_the_speaker():
    assert pairs("Intel mengucurkan US$1 miliar ke Cohere, kata sumber.", "id") == {
        ("funding", "company:cohere")
    }
    # The name that opens the attribution is the speaker, not the subject.
    assert pairs("Meta merekrut ribuan insinyur, kata Mark Zuckerberg.", "id") == set()


def test_menyuntik_without_its_suffix_is_funding():
    assert pairs("Amazon menyuntik Cohere dengan dana segar US$300 juta.", "id") == {
        ("funding", "company:cohere")
    }


def test_headline_bare_verbs_and_slang_are_events() -> None:
    for title, event in (
        ("Cohere Kantongi Dana US$200 Juta", ("funding", "company:cohere")),
        ("Amazon Caplok Cohere", ("acquisition", "company:amazon")),
    ):
        body = ""
        found = find_events(title, body, matcher().find(title, body), "id")
        assert event in {(e.kind, e.entity_id) for e in found}, title
    for body, event in (
        ("Mark Chen pamit dari OpenAI setelah tujuh tahun.", ("departure", "person:mark-chen")),
        ("Mark Chen angkat kaki dari OpenAI.", ("departure", "person:mark-chen")),
        ("Mark Chen dipindahtugaskan untuk memimpin riset OpenAI.", ("hire", "person:mark-chen")),
        ("Intel menuntaskan pembelian Cohere pekan lalu.", ("acquisition", "company:intel")),
    ):
        assert event in pairs(body, "id"), body
    # Buying shares is a stake, not the company.
    assert ("acquisition", "company:intel") not in pairs(
        "Intel menuntaskan pembelian saham Cohere pekan lalu.", "id"
    )


def test_programmes_and_interest_are_no_launches_or_deals() -> None:
    for body in (
        "Cohere meluncurkan program beasiswa untuk mahasiswa.",
        "Kabarnya Intel tertarik membeli Cohere.",
        "Cohere tengah menjajaki pendanaan baru.",
    ):
        assert pairs(body, "id") == set(), body


def test_an_unwatched_name_opening_the_next_clause_is_that_clauses_subject() -> None:
    body = "Mark Chen merombak tim riset, lalu Jakub Pachocki hengkang dari OpenAI."
    assert ("departure", "person:mark-chen") not in pairs(body, "id")
    # Named together, they share the verb.
    assert ("hire", "person:mark-chen") in pairs(
        "Mark Chen dan Jakub Pachocki ditunjuk memimpin riset OpenAI.", "id"
    )
