"""Group articles that tell the same story, across outlets and languages.

A translation or rewrite keeps what words cannot translate: the people it is
about, product names, numbers, links. So two articles are one story when

* they share a watched person who is prominent in both (named in the title or
  mentioned at least twice): a passing "Sam Altman" in a photo caption does
  not make an article about Sam Altman; and
* they share enough rare anchors (proper nouns that are not watched names,
  numbers, URLs), weighted by how rare each anchor is among the articles the
  grouper holds, as IDF with a floor so a handful of articles behave like a
  small corpus rather than every shared word counting as rare; and
* their publication dates, when both are known, are at most a few days apart.

Watched companies are not evidence on their own: in an AI news feed most
articles share "OpenAI". Groups are the connected components of that
relation, computed when asked, so they reflect every article added so far.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from watchlist.lexicon import COMMON_WORDS
from watchlist.matcher import fold

MAX_APART = timedelta(days=4)
MIN_ANCHOR_SCORE = 3.0
# Articles the IDF pretends to have seen at least: with three articles held,
# an anchor shared by two is not "rare" just because the corpus is tiny.
IDF_FLOOR_DOCS = 10
URL_WEIGHT = 2.0  # a shared link is strong evidence on its own

_URL = re.compile(r"https?://([^\s/\"'<>]+)(/[^\s\"'<>?#]*)?", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*\d(?![\w])|(?<![\w.,])\d{2,}(?![\w])")
_WORD = re.compile(r"[^\W_][^\W_]*(?:-[^\W_]+)*")
_SENTENCE_END = '.!?:;\n"“”'


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What an article shares with its retellings."""

    people: frozenset[str]  # watched people prominent in the article
    anchors: frozenset[str]  # proper nouns, numbers and URLs, folded
    published: datetime | None
    language: str | None


def _prominent_people(title: str, entities: Mapping[str, int] | Iterable[str]) -> frozenset[str]:
    counts = entities if isinstance(entities, Mapping) else dict.fromkeys(entities, 2)
    folded_title = fold(title)
    people = set()
    for entity_id, count in counts.items():
        if not entity_id.startswith("person:"):
            continue
        surname = entity_id.rsplit("-", 1)[-1].split(":")[-1]
        if count >= 2 or surname in folded_title:
            people.add(entity_id)
    return frozenset(people)


def _number_anchor(raw: str) -> str | None:
    """'3.000' / '3,000' / '3000' -> '3000'; small numbers (days, counts) are noise."""
    digits = raw.replace(".", "").replace(",", "")
    return digits if len(digits) >= 3 else None


def _anchors(title: str, body: str, entity_words: set[str]) -> frozenset[str]:
    anchors: set[str] = set()
    for text in (title, body):
        for m in _URL.finditer(text):
            anchors.add("url:" + (m.group(1) + (m.group(2) or "")).lower().rstrip("/"))
        for m in _NUMBER.finditer(text):
            number = _number_anchor(m.group())
            if number:
                anchors.add("num:" + number)
        for m in _WORD.finditer(text):
            word = m.group()
            if not (word[0].isupper() or any(c.isdigit() for c in word)) or len(word) < 2:
                continue
            if word.isdigit():
                continue
            folded = fold(word)
            if folded in COMMON_WORDS or all(p in entity_words for p in folded.split("-")):
                continue  # watched names are compared as people, not as words
            # A capitalised word opening a sentence is usually just a word.
            j = m.start() - 1
            while j >= 0 and text[j] in " \t\"'“‘(":
                j -= 1
            if (j < 0 or text[j] in _SENTENCE_END) and not any(c.isupper() for c in word[1:]):
                continue
            anchors.add(folded)
    return frozenset(anchors)


def story_features(
    title: str,
    body: str,
    entities: Mapping[str, int] | Iterable[str],
    published: datetime | None = None,
    language: str | None = None,
) -> StoryFeatures:
    """Features of one article. `entities` is Enrichment.mention_counts (or
    just entity ids, in which case every watched person counts as prominent)."""
    ids = list(entities)
    entity_words = {w for eid in ids for w in eid.split(":", 1)[-1].split("-")}
    return StoryFeatures(
        _prominent_people(title, entities),
        _anchors(title or "", body or "", entity_words),
        published,
        language,
    )


class StoryGrouper:
    """Holds articles' features; group_of() answers with the current corpus."""

    def __init__(self, *, max_apart: timedelta = MAX_APART, min_score: float = MIN_ANCHOR_SCORE):
        self._features: dict[str, StoryFeatures] = {}
        self._by_person: dict[str, set[str]] = {}
        self._df: dict[str, int] = {}
        self._max_apart = max_apart
        self._min_score = min_score

    def __len__(self) -> int:
        return len(self._features)

    def article_ids(self) -> list[str]:
        """Held articles, oldest added first."""
        return list(self._features)

    def add(
        self,
        article_id: str,
        title: str,
        body: str,
        entities: Mapping[str, int] | Iterable[str],
        published: datetime | None = None,
        language: str | None = None,
    ) -> None:
        self.add_features(article_id, story_features(title, body, entities, published, language))

    def add_features(self, article_id: str, features: StoryFeatures) -> None:
        """Hold features computed elsewhere (in a worker process, from the body)."""
        if article_id in self._features:
            self.remove(article_id)
        self._features[article_id] = features
        for person in features.people:
            self._by_person.setdefault(person, set()).add(article_id)
        for anchor in features.anchors:
            self._df[anchor] = self._df.get(anchor, 0) + 1

    def remove(self, article_id: str) -> None:
        features = self._features.pop(article_id, None)
        if features is None:
            return
        for person in features.people:
            self._by_person.get(person, set()).discard(article_id)
        for anchor in features.anchors:
            self._df[anchor] -= 1
            if not self._df[anchor]:
                del self._df[anchor]

    def score(self, a: str, b: str) -> float:
        """Anchor evidence that a and b are one story (0 when they cannot be)."""
        fa, fb = self._features[a], self._features[b]
        if not fa.people & fb.people:
            return 0.0
        if fa.published and fb.published and abs(fa.published - fb.published) > self._max_apart:
            return 0.0
        docs = max(len(self._features), IDF_FLOOR_DOCS)
        total = 0.0
        for anchor in fa.anchors & fb.anchors:
            idf = math.log((docs + 1) / self._df[anchor])
            total += idf * (URL_WEIGHT if anchor.startswith("url:") else 1.0)
        return total

    def same_story(self, a: str, b: str) -> bool:
        return a != b and self.score(a, b) >= self._min_score

    def _neighbours(self, article_id: str) -> set[str]:
        candidates: set[str] = set()
        for person in self._features[article_id].people:
            candidates |= self._by_person.get(person, set())
        return {c for c in candidates if self.same_story(article_id, c)}

    def group_of(self, article_id: str) -> list[str]:
        """The article and every article linked to it, in the order added."""
        if article_id not in self._features:
            return []
        seen = {article_id}
        queue = [article_id]
        while queue:
            for other in self._neighbours(queue.pop()):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
        return [a for a in self._features if a in seen]

    def groups(self) -> list[list[str]]:
        """Every group of two or more articles."""
        done: set[str] = set()
        result = []
        for article_id in self._features:
            if article_id not in done:
                group = self.group_of(article_id)
                done.update(group)
                if len(group) > 1:
                    result.append(group)
        return result
