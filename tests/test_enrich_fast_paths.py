"""Enrichment's shortcuts give what the plain computation gives.

The matcher checks exact candidates in leftmost-longest order and skips those
inside a name already kept, caches what each word may misspell, and tests an
address only next to address punctuation; the event finder tries a stem
that starts several rules against all of them at once first; the language
detector lets a plain majority of function words decide before lingua. Each
shortcut is compared here with the computation it replaces on the labelled
sets, the seed articles and the bench corpus's generated articles: the same
mentions (entity, span, surface), the same events and the same language.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from bench.corpus import Corpus
from ingest.config import load_config
from ingest.resources import bundled_config
from watchlist import exact, fuzzy
from watchlist import matcher as matcher_module
from watchlist.context import (
    ADDRESS_AFTER,
    ADDRESS_BEFORE,
    acts_like_company,
    in_address,
    next_words,
)
from watchlist.entities import Entity
from watchlist.evaluate import (
    SEEDS,
    SIGNAL,
    SYNTHETIC_EN,
    load_cases,
    load_entities,
    read_seed,
)
from watchlist.event_keywords import _TRIGGERS, TRIGGER_STEMS, stems_in
from watchlist.events import find_events
from watchlist.hits import ANY_SIGNAL, NO_SIGNAL, Hit, Pattern
from watchlist.language import default_detector
from watchlist.language_cues import obvious_language
from watchlist.lexicon import COMMON_WORDS
from watchlist.matcher import Matcher
from watchlist.scoring import load_labelled
from watchlist.textfold import fold

Article = tuple[str, str]


def _all_checked_exact_hits(automaton, field: str, text: str, extras=None) -> list[Hit]:
    """Every candidate checked, then the leftmost-longest of those passing."""
    folded = fold(text)
    found = []
    for last, entry in automaton.iter(folded):
        start = last - entry[0] + 1
        hit = exact._checked(field, text, folded, start, entry)
        if hit is not None:
            found.append((start, -entry[0], hit))
    found.sort(key=lambda item: item[:2])
    kept: list[Hit] = []
    last_end = -1
    for _, _, hit in found:
        if hit.start >= last_end:
            kept.append(hit)
            last_end = hit.end
    return kept


class _PlainMatcher(Matcher):
    """Misspellings looked up against the article's own targets every time."""

    def _misspelling(self, field, text, start, end, token, near):
        if token in COMMON_WORDS:
            return None
        needs = NO_SIGNAL
        pattern = fuzzy._closest(token, near.get(token[0]), relaxed=True) or fuzzy._closest(
            token, self._compound_targets.get(token[0], ()), relaxed=False
        )
        if pattern is None:
            pattern = fuzzy._closest(token, self._global_targets.get(token[:2], ()), relaxed=False)
            if pattern is None:
                return None
            needs = NO_SIGNAL if pattern.surname else ANY_SIGNAL
            following = next_words(text, end, 1)
            if needs and following and following[0][:1].islower() and acts_like_company(following):
                needs = NO_SIGNAL
        pat = Pattern(pattern.entity_id, pattern.alias, pattern.surname, False, False)
        return Hit(field, start, end, (pat,), fuzzy=True, needs=needs)


def _bench_articles(count: int) -> tuple[list[Entity], list[Article]]:
    config = load_config(bundled_config())
    entities = [
        Entity.make(e.kind, e.name, e.aliases, e.affiliation)
        for e in (*config.people, *config.companies)
    ]
    corpus = Corpus(500, 50, anchor=datetime(2026, 1, 1, tzinfo=UTC))
    rng = random.Random(14)
    # Every feed kind: the bench's big feeds, its short items, the rest.
    articles = [
        (item.title, item.text)
        for feed in rng.sample(range(500), count // 10)
        for item in corpus.feed_items(feed, 0)[:10]
    ]
    return entities, articles


def _labelled() -> list[tuple[list[Entity], list[Article]]]:
    sets = [(load_entities(), [(c.title, c.text) for c in load_cases()])]
    signal = load_entities(SIGNAL / "entities.toml")
    for half in ("dev", "test"):
        cases = load_labelled(SIGNAL / f"{half}.jsonl")
        sets.append((signal, [(c.title, c.text) for c in cases]))
    seeds = [read_seed(path) for path in sorted(SEEDS.glob("*.txt"))] + [SYNTHETIC_EN]
    sets.append((load_entities(), seeds))
    sets.append(_bench_articles(400))
    return sets


@pytest.fixture(scope="module")
def article_sets() -> list[tuple[list[Entity], list[Article]]]:
    return _labelled()


def test_the_shortcuts_find_the_same_mentions_and_events(article_sets, monkeypatch):
    compared = 0
    for entities, articles in article_sets:
        fast = Matcher(entities)
        found = [fast.find(title, body) for title, body in articles]
        with monkeypatch.context() as patch:
            patch.setattr(matcher_module, "exact_hits", _all_checked_exact_hits)
            plain = _PlainMatcher(entities)
            expected = [plain.find(title, body) for title, body in articles]
        for (title, body), mentions, reference in zip(articles, found, expected, strict=True):
            assert mentions == reference, (title, body)
            assert find_events(title, body, mentions, "en") == find_events(
                title, body, reference, "en"
            )
            compared += len(reference)
    assert compared > 10_000  # the sets are there and full of names


def test_event_stems_found_in_the_matchers_pass_are_those_found_apart(article_sets):
    # Enrichment finds event keywords' stems in the matcher's own pass over
    # the folded text; find_events would otherwise search each field itself.
    compared = 0
    for entities, articles in article_sets:
        alone = Matcher(entities)
        shared = Matcher(entities, extras=TRIGGER_STEMS)
        for title, body in articles:
            mentions, stems = shared.find_with_extras(title, body)
            assert mentions == alone.find(title, body)
            for field, text in (("title", title), ("body", body)):
                if text:
                    expected = sorted((start, id(stem)) for start, stem in stems_in(fold(text)))
                    assert sorted((start, id(stem)) for start, stem in stems[field]) == expected
                    compared += len(expected)
            assert find_events(title, body, mentions, "en", stems) == find_events(
                title, body, mentions, "en"
            )
    assert compared > 10_000


def test_the_address_shortcut_only_skips_what_in_address_rejects(article_sets):
    # find() calls in_address only next to address punctuation; elsewhere it
    # must be False, or a skipped hit would have been dropped.
    checked = 0
    for _, articles in article_sets:
        for title, body in articles[:300]:
            for text in (title, body):
                for start in range(len(text)):
                    end = text.find(" ", start + 1)
                    end = len(text) if end == -1 else end
                    if text[start - 1 : start] in ADDRESS_BEFORE:
                        continue
                    if text[end : end + 1] in ADDRESS_AFTER:
                        continue
                    assert not in_address(text, start, end), (text, start, end)
                    checked += 1
    assert checked > 50_000


def test_the_keyword_gate_passes_wherever_a_rule_matches(article_sets):
    # A stem starting several rules is first matched against all of them at
    # once; it may skip a position only where none of them matches.
    gated = 0
    for _, articles in article_sets:
        for title, body in articles:
            for text in (title, body):
                folded = fold(text)
                for last, (length, (gate, tried, _)) in _TRIGGERS.iter(folded):
                    if gate is None:
                        continue
                    start = last - length + 1
                    any_rule = any(match(text, start) for _, match in tried)
                    assert (gate(text, start) is not None) == any_rule, (text, start)
                    gated += 1
    assert gated > 10_000


def test_function_words_decide_only_what_lingua_decides_the_same(article_sets):
    detector = default_detector()
    decided = 0
    for _, articles in article_sets:
        for title, body in articles:
            for text in (f"{title[:150]}\n{body[:300]}".strip(), title, body[:300]):
                obvious = obvious_language(text, ("en", "id", "pt", "es", "fr", "de"))
                if obvious is not None:
                    assert obvious == detector.guess(text), text
                    decided += 1
    assert decided > 500


PARAGRAPHS = {
    "en": "The company said on Tuesday that it had raised new funding from investors, "
    "and that the money would be used to hire researchers and to build its own chips.",
    "id": "Perusahaan itu mengatakan bahwa dana tersebut akan digunakan untuk merekrut "
    "peneliti dan membangun chip sendiri, yang menurut mereka sudah lama direncanakan.",
    "pt": "A empresa disse na terça-feira que não pretende vender a divisão, e que também "
    "foi procurada pelo governo após o anúncio, segundo uma fonte ouvida pela agência.",
    "es": "La empresa dijo el martes que no venderá la división y que también fue "
    "contactada por el gobierno después del anuncio, según una fuente de la agencia.",
    "fr": "L'entreprise a déclaré mardi qu'elle ne vendra pas la division et qu'elle a "
    "été contactée par le gouvernement après l'annonce, selon une source de l'agence.",
    "de": "Das Unternehmen sagte am Dienstag, dass es die Sparte nicht verkaufen wird "
    "und nach der Ankündigung von der Regierung kontaktiert wurde, sagte eine Quelle.",
}


@pytest.mark.parametrize("language", ["en", "id", "pt"])
def test_a_paragraph_in_a_feed_language_is_decided_without_lingua(language):
    assert obvious_language(PARAGRAPHS[language], ("en", "id", "pt", "es", "fr", "de")) == (
        language
    )


@pytest.mark.parametrize("language", ["es", "fr", "de"])
def test_other_languages_go_to_lingua(language):
    assert obvious_language(PARAGRAPHS[language], ("en", "id", "pt", "es", "fr", "de")) is None


def test_short_and_mixed_texts_go_to_lingua():
    languages = ("en", "id", "pt", "es", "fr", "de")
    assert obvious_language("Mira Murati leaves OpenAI to start a lab", languages) is None
    mixed = PARAGRAPHS["en"] + " " + PARAGRAPHS["id"]
    assert obvious_language(mixed, languages) is None


def test_only_the_detector_languages_are_decided():
    assert obvious_language(PARAGRAPHS["en"], ("id", "pt")) is None
    # A language without cue lists could be the right one: lingua decides.
    assert obvious_language(PARAGRAPHS["en"], ("en", "nl")) is None
