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

A short retelling in another language keeps little but the names and the
event, so an event both tell (same kind, same subject) links them outright,
and two articles that each tell events but none in common are different
stories ("Altman fired" and "Altman returns", five days apart). Articles whose
titles name the same watched people and companies need less anchor evidence.
When a date is missing, articles that name only different years ("in 2024",
"in 2025") are different stories.

Watched companies are not evidence on their own: in an AI news feed most
articles share "OpenAI"; a company in both titles counts only with a shared
money amount ("$4 trillion" / "US$ 4 trilhões") or event. Groups are the
connected components of that relation, computed when asked, so they reflect
every article added so far.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from watchlist.event_details import find_amount
from watchlist.lexicon import COMMON_WORDS
from watchlist.matcher import fold

MAX_APART = timedelta(days=4)
MIN_ANCHOR_SCORE = 3.0
# Articles the IDF pretends to have seen at least: with three articles held,
# an anchor shared by two is not "rare" just because the corpus is tiny.
IDF_FLOOR_DOCS = 10
URL_WEIGHT = 2.0  # a shared link is strong evidence on its own
MONEY_WEIGHT = 2.0  # so is an amount, which survives translation
# Titles naming the same watched names, published close together: a little
# anchor evidence (one rare shared word) is enough.
SAME_TITLE_NAMES_SCORE = 1.0
SAME_TITLE_NAMES_APART = timedelta(days=2)
LEAD_CHARS = 200

_URL = re.compile(r"https?://([^\s/\"'<>]+)(/[^\s\"'<>?#]*)?", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*\d(?![\w])|(?<![\w.,])\d{2,}(?![\w])")
_WORD = re.compile(r"[^\W_][^\W_]*(?:-[^\W_]+)*")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MONEY = re.compile(r"(?:US\$|R\$|\$|€|£|Rp)\s?\d[\d.,]*(?:\s?[^\W\d_]+)?", re.IGNORECASE)
_SENTENCE_END = '.!?:;\n"“”'


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What an article shares with its retellings."""

    people: frozenset[str]  # watched people prominent in the article
    anchors: frozenset[str]  # proper nouns, numbers, amounts and URLs, folded
    published: datetime | None
    language: str | None
    events: frozenset[tuple[str, str]] = frozenset()  # (kind, entity id)
    title_names: frozenset[str] = frozenset()  # watched entities named in the title
    years: frozenset[str] = frozenset()  # years the headline and lead name


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


def _title_names(title: str, ids: Iterable[str]) -> frozenset[str]:
    folded = " " + fold(title).replace("-", " ") + " "
    found = set()
    for entity_id in ids:
        words = entity_id.split(":", 1)[-1].replace("-", " ")
        if entity_id.startswith("person:"):
            words = words.split()[-1]  # the surname names the person in a title
        if any(f" {words}{end}" in folded for end in " ',"):
            found.add(entity_id)
    return frozenset(found)


def _money_anchors(title: str, body: str, language: str | None) -> set[str]:
    found = set()
    for text in (title, body):
        for m in _MONEY.finditer(text):
            amount = find_amount(m.group(), 0, language)
            if amount:
                found.add("money:" + amount)
    return found


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
    events: Iterable[tuple[str, str]] = (),
) -> StoryFeatures:
    """Features of one article. `entities` is Enrichment.mention_counts (or
    just entity ids, in which case every watched person counts as prominent);
    `events` the (kind, entity id) of its events."""
    ids = list(entities)
    entity_words = {w for eid in ids for w in eid.split(":", 1)[-1].split("-")}
    title, body = title or "", body or ""
    return StoryFeatures(
        _prominent_people(title, entities),
        _anchors(title, body, entity_words) | _money_anchors(title, body, language),
        published,
        language,
        frozenset(events),
        _title_names(title, ids),
        # The years of the headline and lead: the story's own, where a long
        # article's background years ("acquired in 2020") are not.
        frozenset(_YEAR.findall(title + " " + body[:LEAD_CHARS])),
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
        events: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.add_features(
            article_id, story_features(title, body, entities, published, language, events)
        )

    def add_features(self, article_id: str, features: StoryFeatures) -> None:
        """Hold features computed elsewhere (in a worker process, from the body)."""
        if article_id in self._features:
            self.remove(article_id)
        self._features[article_id] = features
        for person in features.people | features.title_names:
            self._by_person.setdefault(person, set()).add(article_id)
        for anchor in features.anchors:
            self._df[anchor] = self._df.get(anchor, 0) + 1

    def remove(self, article_id: str) -> None:
        features = self._features.pop(article_id, None)
        if features is None:
            return
        for person in features.people | features.title_names:
            self._by_person.get(person, set()).discard(article_id)
        for anchor in features.anchors:
            self._df[anchor] -= 1
            if not self._df[anchor]:
                del self._df[anchor]

    def score(self, a: str, b: str) -> float:
        """Anchor evidence that a and b are one story (0 when they cannot be)."""
        fa, fb = self._features[a], self._features[b]
        shared_titles = fa.title_names & fb.title_names
        if not fa.people & fb.people and not shared_titles:
            return 0.0
        apart = abs(fa.published - fb.published) if fa.published and fb.published else None
        if apart is not None and apart > self._max_apart:
            return 0.0
        if apart is None and fa.years and fb.years and not fa.years & fb.years:
            return 0.0  # undated, and each names other years: 2024's story is not 2025's
        if fa.events and fb.events:
            if fa.events & fb.events:
                return self._min_score  # one event, told twice
            return 0.0
        docs = max(len(self._features), IDF_FLOOR_DOCS)
        total = 0.0
        money = False
        for anchor in fa.anchors & fb.anchors:
            idf = math.log((docs + 1) / self._df[anchor])
            if anchor.startswith("url:"):
                total += idf * URL_WEIGHT
            elif anchor.startswith("money:"):
                total += idf * MONEY_WEIGHT
                money = True
            else:
                total += idf
        if not fa.people & fb.people and not money:
            return 0.0  # a company in both titles needs a shared amount too
        if (
            fa.title_names
            and fa.title_names == fb.title_names
            and (apart is None or apart <= SAME_TITLE_NAMES_APART)
            and total >= SAME_TITLE_NAMES_SCORE
        ):
            return max(total, self._min_score)
        return total

    def same_story(self, a: str, b: str) -> bool:
        return a != b and self.score(a, b) >= self._min_score

    def _neighbours(self, article_id: str) -> set[str]:
        candidates: set[str] = set()
        features = self._features[article_id]
        for person in features.people | features.title_names:
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
