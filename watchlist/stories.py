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
event, so an event both tell (same kind, same subject) links them, unless
what the two tellings say of it differs: another organisation left or
joined, another investor or target, an amount the other article never
states, or (when a publication date is missing) an event date days away
from the other's (watchlist.story_features). Two articles that each tell
events but none in common are different stories ("Altman fired" and "Altman
returns", five days apart), and so are two headlines about different
unwatched names ("Meta buys PlayAI" / "Meta buys WaveForms"). Articles whose
titles name the same watched people and companies need less anchor evidence.
When a date is missing, articles that name only different years ("in 2024",
"in 2025") are different stories, and an undated article that matches
tellings published days apart is left on its own rather than joining them.

Watched companies are not evidence on their own: in an AI news feed most
articles share "OpenAI"; a company in both titles counts only with a shared
money amount ("$4 trillion" / "US$ 4 trilhões") or event. Groups are the
connected components of that relation, computed when asked, so they reflect
every article added so far.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from watchlist.story_features import StoryFeatures, same_event, story_features

__all__ = ["StoryFeatures", "StoryGrouper", "story_features"]

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
# Headlines naming this many watched entities, all the same, close together:
# one story even with no other word in common ("Musk sues OpenAI and Altman").
SAME_TITLE_NAMES_ALONE = 3


class StoryGrouper:
    """Holds articles' features; group_of() answers with the current corpus.

    Candidates for a link are found through an index, never by a scan of
    every article: by watched entity (a link needs a shared one), and for a
    dated article only in the days its date allows. Links are computed once
    per article until an article is added or removed, so grouping a batch
    costs its groups' members times their candidates, whatever the batch.
    """

    def __init__(self, *, max_apart: timedelta = MAX_APART, min_score: float = MIN_ANCHOR_SCORE):
        self._features: dict[str, StoryFeatures] = {}
        # entity id -> day number (None: undated) -> article ids
        self._index: dict[str, dict[int | None, set[str]]] = {}
        self._df: dict[str, int] = {}
        self._max_apart = max_apart
        self._days_apart = max_apart.days + 1  # a day number's slack: times of day differ
        self._min_score = min_score
        self._links: dict[str, frozenset[str]] = {}  # valid until the next add or remove
        self._ambiguous: dict[str, bool] = {}
        self.comparisons = 0  # score() calls: what grouping costs, counted

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
        events: Iterable[tuple] = (),
    ) -> None:
        self.add_features(
            article_id, story_features(title, body, entities, published, language, events)
        )

    @staticmethod
    def _day(features: StoryFeatures) -> int | None:
        return features.published.toordinal() if features.published else None

    def add_features(self, article_id: str, features: StoryFeatures) -> None:
        """Hold features computed elsewhere (in a worker process, from the body)."""
        if article_id in self._features:
            self.remove(article_id)
        self._features[article_id] = features
        day = self._day(features)
        for entity in features.people | features.title_names:
            self._index.setdefault(entity, {}).setdefault(day, set()).add(article_id)
        for anchor in features.anchors:
            self._df[anchor] = self._df.get(anchor, 0) + 1
        self._links.clear()
        self._ambiguous.clear()

    def remove(self, article_id: str) -> None:
        features = self._features.pop(article_id, None)
        if features is None:
            return
        day = self._day(features)
        for entity in features.people | features.title_names:
            days = self._index[entity]
            days[day].discard(article_id)
            if not days[day]:
                del days[day]
                if not days:
                    del self._index[entity]
        for anchor in features.anchors:
            self._df[anchor] -= 1
            if not self._df[anchor]:
                del self._df[anchor]
        self._links.clear()
        self._ambiguous.clear()

    def _candidates(self, article_id: str) -> set[str]:
        """Articles that share a watched entity and whose date allows a link."""
        features = self._features[article_id]
        day = self._day(features)
        found: set[str] = set()
        for entity in features.people | features.title_names:
            days = self._index.get(entity, {})
            if day is None or len(days) <= 2 * self._days_apart + 2:
                for ids in days.values():
                    found |= ids
                continue
            for near in range(day - self._days_apart, day + self._days_apart + 1):
                found |= days.get(near, set())
            found |= days.get(None, set())
        found.discard(article_id)
        return found

    def score(self, a: str, b: str) -> float:
        """Anchor evidence that a and b are one story (0 when they cannot be)."""
        fa, fb = self._features[a], self._features[b]
        shared_people = fa.people & fb.people
        if not shared_people and not fa.title_names & fb.title_names:
            return 0.0
        apart = abs(fa.published - fb.published) if fa.published and fb.published else None
        if apart is not None and apart > self._max_apart:
            return 0.0
        if apart is None and fa.years and fb.years and not fa.years & fb.years:
            return 0.0  # undated, and each names other years: 2024's story is not 2025's
        shared_names = fa.names & fb.names
        if fa.names and fb.names and not fa.names & fb.anchors and not fb.names & fa.anchors:
            return 0.0  # "Meta buys PlayAI" and "Meta buys WaveForms"
        if fa.events and fb.events:
            if fa.events & fb.events and same_event(fa, fb, self._max_apart):
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
        close = apart is None or apart <= SAME_TITLE_NAMES_APART
        if not shared_people and not money:
            return 0.0  # a company in both titles needs a shared amount too
        if (
            fa.title_names
            and fa.title_names == fb.title_names
            and close
            and (
                total >= SAME_TITLE_NAMES_SCORE
                or shared_names
                or len(fa.title_names) >= SAME_TITLE_NAMES_ALONE
            )
        ):
            return max(total, self._min_score)
        return total

    def same_story(self, a: str, b: str) -> bool:
        self.comparisons += 1
        return a != b and self.score(a, b) >= self._min_score

    def _matches(self, article_id: str) -> frozenset[str]:
        return frozenset(c for c in self._candidates(article_id) if self.same_story(article_id, c))

    def _is_ambiguous(self, article_id: str) -> bool:
        """An undated article that matches dated tellings days apart cannot
        say which story it tells, and must not join the two into one."""
        found = self._ambiguous.get(article_id)
        if found is None:
            found = False
            if self._features[article_id].published is None:
                days = [
                    published
                    for other in self._matches(article_id)
                    if (published := self._features[other].published) is not None
                ]
                found = bool(days) and max(days) - min(days) > self._max_apart
            self._ambiguous[article_id] = found
        return found

    def _neighbours(self, article_id: str) -> frozenset[str]:
        links = self._links.get(article_id)
        if links is None:
            if self._is_ambiguous(article_id):
                links = frozenset()
            else:
                links = frozenset(
                    other for other in self._matches(article_id) if not self._is_ambiguous(other)
                )
            self._links[article_id] = links
        return links

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
