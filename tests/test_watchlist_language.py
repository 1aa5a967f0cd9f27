"""Specification of language detection: declared wins, else a restricted lingua."""

from __future__ import annotations

import pytest

from watchlist.language import LanguageDetector, default_detector, normalise_code


class _Exploding(LanguageDetector):
    def _get(self):
        raise AssertionError("lingua must not load when the feed declares a language")


@pytest.mark.parametrize(
    ("declared", "code"),
    [("en", "en"), ("en-US", "en"), ("pt_BR", "pt"), ("ID", "id"), (" es ", "es")],
)
def test_a_valid_declared_language_wins_without_loading_models(declared, code):
    assert _Exploding().detect("Sam Altman dipecat", "", declared) == code


@pytest.mark.parametrize("declared", [None, "", "xx", "english", "e", "123"])
def test_invalid_declared_languages_are_ignored(declared):
    assert normalise_code(declared) is None


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Jajaran Eksekutif OpenAI Satu per Satu Minggat, Ada Apa?", "id"),
        ("Gagal Total, Begini Pengakuan Jujur Pencipta ChatGPT", "id"),
        ("Kepala riset OpenAI mundur", "id"),
        ("Um ex-engenheiro do OpenAI descreve como é realmente trabalhar lá", "pt"),
        ("Mira Murati deixa a OpenAI", "pt"),
        ("Ilya Sutskever leaves OpenAI", "en"),
        ("OpenAI raises $6.6 billion in new funding round", "en"),
    ],
)
def test_short_titles_are_detected(title, code):
    assert default_detector().detect(title, "") == code


def test_title_and_start_of_body_are_used():
    body = "O conselho da empresa anunciou a decisão na sexta-feira, segundo fontes."
    assert default_detector().detect("Sam Altman", body) == "pt"


def test_text_without_letters_has_no_language():
    assert default_detector().detect("", "") is None
    assert default_detector().detect("2025", "$ 3,2") is None


def test_the_detector_is_restricted_to_its_languages():
    detector = LanguageDetector(("en", "pt"))
    assert detector.detect("Kepala riset OpenAI mundur dari perusahaan", "") in {"en", "pt"}


def test_unknown_language_codes_are_refused():
    with pytest.raises(ValueError):
        LanguageDetector(("en", "klingon"))


def test_the_light_models_judge_whole_articles_as_the_full_ones_do() -> None:
    # The seed files are loaded with the light models (they load in a tenth of
    # the time, holding the GIL); enrichment later uses the full ones.
    from ingest.resources import bundled_seeds_dir

    full, light = LanguageDetector(), LanguageDetector(low_accuracy=True)
    bodies = [path.read_text() for path in sorted(bundled_seeds_dir().glob("*.txt"))]
    assert len(bodies) == 5
    assert [light.detect("", body) for body in bodies] == [full.detect("", b) for b in bodies]
    # detect() may settle them by function words alone; the models must agree too.
    texts = [body[:300].strip() for body in bodies]
    assert [light.guess(text) for text in texts] == [full.guess(text) for text in texts]
    assert {full.detect("", body) for body in bodies} == {"id", "pt"}
