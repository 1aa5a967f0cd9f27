"""Trigger words listed once by root cover their forms: the generator's rules
per language, and the events they find in every form of a verb or noun, with
the precision checks still holding for the new forms."""

from __future__ import annotations

from functools import cache

import pytest

from watchlist.evaluate import SIGNAL, load_entities
from watchlist.event_morphology import Forms, en, id_, pt, pt_reflexive
from watchlist.events import find_events
from watchlist.matcher import Matcher


@cache
def matcher() -> Matcher:
    return Matcher(load_entities(SIGNAL / "entities.toml"))


def pairs(body: str, language: str, title: str = "") -> set[tuple[str, str]]:
    found = find_events(title, body, matcher().find(title, body), language)
    return {(e.kind, e.entity_id) for e in found}


def test_portuguese_verbs_have_person_tense_and_participle_forms_but_no_conditional():
    words = set(pt("deixar", participle=True).words)
    assert {"deixa", "deixam", "deixou", "deixaram", "deixará", "deixando", "deixada"} <= words
    assert "deixaria" not in words  # a conditional reports a rumour
    assert {"destitui", "destituíram", "destituído"} <= set(pt("destituir", participle=True).words)
    assert {"contratou-o", "contrata-a"} <= set(pt("contratar", clitics=True).words)
    assert {"se despede", "despediu-se"} <= set(pt_reflexive("despedir").words)


def test_english_verbs_inflect_with_doubling_and_irregular_pasts():
    assert set(en("step+").words) == {"step", "steps", "stepped", "stepping"}
    assert set(en("leave/left", base=False).words) == {"leaves", "leaving", "left"}
    assert {"scoops", "scooped", "scooping"} <= set(en("scoop").words)


@pytest.mark.parametrize(
    ("root", "active", "passive", "noun"),
    [
        ("rekrut", "merekrut", "direkrut", "perekrutan"),
        ("pinang", "meminang", "dipinang", "peminangan"),
        ("caplok", "mencaplok", "dicaplok", "pencaplokan"),
        ("suntik", "menyuntik", "disuntik", "penyuntikan"),
        ("tunjuk", "menunjuk", "ditunjuk", "penunjukan"),
        ("angkat", "mengangkat", "diangkat", "pengangkatan"),
        ("gaet", "menggaet", "digaet", "penggaetan"),
        ("kucur", "mengucur", "dikucur", "pengucuran"),
    ],
)
def test_indonesian_affixes_follow_nasal_assimilation(root, active, passive, noun):
    assert id_(root, active=True, passive=True, noun=True).words == (active, passive, noun)


def test_a_cluster_keeps_its_first_consonant():
    assert id_("promosi", active=True, kan=True).words == ("mempromosi", "mempromosikan")


def test_stems_are_the_fewest_word_starts_that_cover_every_form():
    forms = pt("deixar") + Forms(["se despede"])
    stems = forms.stems.split()
    assert all(any(w.split()[0].startswith(s) for s in stems) for w in ("deixaram", "deixando"))
    assert "se" in stems and "deixaram" not in stems


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        ("Mira Murati deixará a OpenAI no fim do mês.", "pt", ("departure", "mira-murati")),
        ("John Schulman está deixando a Anthropic.", "pt", ("departure", "john-schulman")),
        ("Jan Leike se despede da OpenAI.", "pt", ("departure", "jan-leike")),
        ("Os diretores da OpenAI demitiram Sam Altman.", "pt", ("fired", "sam-altman")),
        (
            "Ilya Sutskever assumirá o cargo de CEO da Safe Superintelligence.",
            "pt",
            ("hire", "ilya-sutskever"),
        ),
        (
            "A contratação de Alexandr Wang pela Meta custou bilhões.",
            "pt",
            ("hire", "alexandr-wang"),
        ),
        ("A Anthropic levanta US$ 13 bilhões em nova rodada.", "pt", ("funding", "anthropic")),
        ("A OpenAI adquirirá a Statsig por US$ 1,1 bilhão.", "pt", ("acquisition", "openai")),
        ("Yann LeCun is exiting Meta to start a company.", "en", ("departure", "yann-lecun")),
        ("Ilya Sutskever's exit from OpenAI was confirmed.", "en", ("departure", "ilya-sutskever")),
        (
            "Microsoft names Mustafa Suleyman as chief executive of its AI unit.",
            "en",
            ("hire", "mustafa-suleyman"),
        ),
        ("Databricks scoops up Tabular for $1 billion.", "en", ("acquisition", "databricks")),
        ("xAI bags $6 billion in new funding.", "en", ("funding", "xai")),
        ("Kevin Weil digaet Meta untuk memimpin produk AI.", "id", ("hire", "kevin-weil")),
        ("Hengkangnya Jan Leike dari OpenAI memicu perdebatan.", "id", ("departure", "jan-leike")),
        ("Wiz dicaplok Google senilai US$32 miliar.", "id", ("acquisition", "google")),
        ("Anthropic disuntik dana US$4 miliar oleh Amazon.", "id", ("funding", "anthropic")),
    ],
)
def test_every_form_of_a_listed_root_is_an_event(body, language, expected):
    kind, slug = expected
    prefix = "person:" if kind in ("departure", "fired", "hire") else "company:"
    assert (kind, prefix + slug) in pairs(body, language)


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Mira Murati deixaria a OpenAI, segundo rumores.", "pt"),
        ("Tim Cook se despede do palco da WWDC com uma demonstração.", "pt"),
        ("A Microsoft lançou mão dos chips da AMD para reduzir custos.", "pt"),
        (
            "A saída de Daniel Gross da Safe Superintelligence foi confirmada por Ilya Sutskever.",
            "pt",
        ),
        ("A chegada de Sam Altman a Brasília foi discreta.", "pt"),
        ("Sundar Pichai's deputy is out at Google after a reorganisation.", "en"),
        ("Satya Nadella is leaving for Davos on Monday.", "en"),
        ("Sam Altman heads to Washington to meet senators.", "en"),
        ("Reports of Kevin Weil's departure were dismissed by OpenAI.", "en"),
        ("Jensen Huang angkat bicara soal larangan ekspor chip.", "id"),
        ("Pengunduran diri Tim Cook masih sebatas spekulasi.", "id"),
    ],
)
def test_the_new_forms_keep_the_precision_checks(body, language):
    assert pairs(body, language) == set()
