"""Group articles that tell the same story, across outlets and languages.

A translation or rewrite keeps what words cannot translate: the people it is
about, product names, numbers, shares ("90%" / "90 persen"), links, amounts
in any notation ("$13 billion" / "13 miliar dolar AS" / "US$ 13 bi"), and
names each language spells its own way ("Senate" / "Senado", compared once
spelled alike). So two articles are one story when

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
from the other's (watchlist.story_compare). Two articles that each tell
events but none in common are different stories ("Altman fired" and "Altman
returns", five days apart), and so are two headlines about different
unwatched names ("Meta buys PlayAI" / "Meta buys WaveForms"), or one
amount whose headlines each name a party the other never mentions ("Nvidia
invests $2 billion in xAI" / "... in Reflection AI"). Articles whose titles
name the same watched people and companies (or share some, with everything
each names mentioned in the other) need less anchor evidence; a word one
person's headline is about and the other article only recalls in its body
("days after his Senate testimony") is background, not that evidence.
Two headlines about someone nobody watches ("Yaccarino", "Macron") that
tell one kind of story the same days, in any language, are one story too.
A headline reporting talks or hearsay ("in talks", "dikabarkan", "negocia")
and the confirmation of that kind of story under the same names, told up to
ten days later, are one story.
Some differences are evidence enough on their own: an analysis, a column or
an opinion piece is a story of its own, like a digest; headlines putting
their stories in different countries ("... in Thailand" / "... di
Indonesia") tell two; and so does a later headline about another
counterpart whose body recalls the earlier one's ("acquires WaveForms, two
days after it acquired PlayAI"). An event a body recalls under a headline
telling another kind of story is background, and a headline's surname is
not a person whose namesake the article names in full.
When a date is missing, articles that name only different years ("in 2024",
"in 2025") are different stories, and an undated article that matches
tellings published days apart joins the one it resembles most (shared
amounts, events, headline names), or none when two resemble it as much.

Watched companies are not evidence on their own: in an AI news feed most
articles share "OpenAI"; a company in both titles counts only with a shared
money amount ("$4 trillion" / "US$ 4 trilhões") or event, a second company,
an unwatched person's full name or a translated name in both headlines, or a
number both headlines state ("600 jobs") with more in common. When a date is
missing, the year an undated telling names is checked against its dated
match's publication date first.

The pairwise judgement is watchlist.story_judge; this module holds the
articles and their indexes. Groups are the connected components of that
relation, computed when asked, so they reflect every article added so far.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta

from watchlist.story_choice import kept, may_drop
from watchlist.story_features import StoryFeatures, story_features
from watchlist.story_index import Days, file_at, near, unfile_at
from watchlist.story_judge import (
    IDF_FLOOR_DOCS,
    MAX_APART,
    MIN_ANCHOR_SCORE,
    RUMOUR_APART,
    anchor_score,
    deal_amounts,
    decide,
    headline_subjects,
    rumour_names,
)

__all__ = ["StoryFeatures", "StoryGrouper", "story_features"]


class StoryGrouper:
    """Holds articles' features; group_of() answers with the current corpus.

    Most of what links two articles does not depend on the rest of the
    corpus (shared names, dates, events), so each pair is judged once, when
    the later of the two is added, and only the pairs whose link rests on
    how rare their shared anchors are (which changes as articles come and
    go) are weighed again when a group is asked for. Candidates come from an
    index, never a scan: an article with events is compared with those that
    tell one of its events and those that tell none, an article without with
    those that share a watched entity, and a dated one only with articles
    filed within days of it.
    """

    def __init__(self, *, max_apart: timedelta = MAX_APART, min_score: float = MIN_ANCHOR_SCORE):
        self._features: dict[str, StoryFeatures] = {}
        self._by_entity: dict[str, Days] = {}
        self._quiet_by_entity: dict[str, Days] = {}  # articles that tell no event
        self._by_event: dict[tuple[str, str], Days] = {}
        self._by_deal: dict[str, Days] = {}  # amounts of deals between named companies
        self._by_subject: dict[str, Days] = {}  # unwatched names headlines are about
        self._by_rumour: dict[str, Days] = {}  # watched names of rumours' headlines
        self._df: dict[str, int] = {}
        self._max_apart = max_apart
        self._slack = max_apart.days + 1  # day numbers: times of day and zones differ
        self._min_score = min_score
        self._linked: dict[str, set[str]] = {}  # decided whatever the corpus holds
        self._weighed: dict[str, set[str]] = {}  # decided by the anchors' rarity, when asked
        self._weights: dict[tuple[str, str], bool] = {}  # valid until the next add or remove
        self._kept_cache: dict[str, set[str]] = {}
        self.comparisons = 0  # pairs judged and pairs weighed: what grouping costs, counted

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

    def _candidates(self, features: StoryFeatures) -> set[str]:
        day, found = self._day(features), set()
        entities = features.people | features.title_names
        if features.events:
            for key in features.events:
                found |= near(self._by_event.get(key, {}), day, self._slack)
            for amount in deal_amounts(features):
                found |= near(self._by_deal.get(amount, {}), day, self._slack)
            # A launch may be credited to the person in one telling and the
            # company in another: the people's other launches are candidates.
            launches = {kind for kind, _ in features.events} == {"launch"}
            for entity in entities:
                index = self._by_entity if launches and entity in features.people else None
                found |= near((index or self._quiet_by_entity).get(entity, {}), day, self._slack)
        else:
            for entity in entities:
                found |= near(self._by_entity.get(entity, {}), day, self._slack)
        for name in headline_subjects(features):
            found |= near(self._by_subject.get(name, {}), day, self._slack)
        # A rumour and its confirmation are further apart than retellings.
        if features.kinds and day is not None:
            slack = RUMOUR_APART.days + 1
            for name in features.title_names:
                found |= near(self._by_rumour.get(name, {}), day, slack)
            for name in rumour_names(features):
                found |= near(self._by_entity.get(name, {}), day, slack)
        return found

    def add_features(self, article_id: str, features: StoryFeatures) -> None:
        """Hold features computed elsewhere (in a worker process, from the body)."""
        if article_id in self._features:
            self.remove(article_id)
        linked, weighed = set(), set()
        for other in self._candidates(features):
            self.comparisons += 1
            decided = self._decide(features, self._features[other])
            if decided is None:
                weighed.add(other)
                self._weighed[other].add(article_id)
            elif decided:
                linked.add(other)
                self._linked[other].add(article_id)
        self._features[article_id] = features
        self._linked[article_id], self._weighed[article_id] = linked, weighed
        day = self._day(features)
        for entity in features.people | features.title_names:
            file_at(self._by_entity, entity, day, article_id)
            if not features.events:
                file_at(self._quiet_by_entity, entity, day, article_id)
        for key in features.events:
            file_at(self._by_event, key, day, article_id)
        for amount in deal_amounts(features):
            file_at(self._by_deal, amount, day, article_id)
        for name in headline_subjects(features):
            file_at(self._by_subject, name, day, article_id)
        for name in rumour_names(features):
            file_at(self._by_rumour, name, day, article_id)
        for anchor in features.anchors:
            self._df[anchor] = self._df.get(anchor, 0) + 1
        self._weights.clear()
        self._kept_cache.clear()

    def remove(self, article_id: str) -> None:
        features = self._features.pop(article_id, None)
        if features is None:
            return
        for other in self._linked.pop(article_id):
            self._linked[other].discard(article_id)
        for other in self._weighed.pop(article_id):
            self._weighed[other].discard(article_id)
        day = self._day(features)
        for entity in features.people | features.title_names:
            unfile_at(self._by_entity, entity, day, article_id)
            if not features.events:
                unfile_at(self._quiet_by_entity, entity, day, article_id)
        for key in features.events:
            unfile_at(self._by_event, key, day, article_id)
        for amount in deal_amounts(features):
            unfile_at(self._by_deal, amount, day, article_id)
        for name in headline_subjects(features):
            unfile_at(self._by_subject, name, day, article_id)
        for name in rumour_names(features):
            unfile_at(self._by_rumour, name, day, article_id)
        for anchor in features.anchors:
            self._df[anchor] -= 1
            if not self._df[anchor]:
                del self._df[anchor]
        self._weights.clear()
        self._kept_cache.clear()

    def _decide(self, fa: StoryFeatures, fb: StoryFeatures) -> bool | None:
        """One story (True), two (False), or None: the shared anchors' rarity decides."""
        return decide(fa, fb, self._max_apart)

    def _anchor_score(self, fa: StoryFeatures, fb: StoryFeatures) -> float:
        return anchor_score(fa, fb, len(self._features), self._df, self._min_score)

    def _idf(self, anchor: str) -> float:
        docs = max(len(self._features), IDF_FLOOR_DOCS)
        return math.log((docs + 1) / self._df.get(anchor, 1))

    def score(self, a: str, b: str) -> float:
        """Evidence that a and b are one story (0 when they cannot be)."""
        fa, fb = self._features[a], self._features[b]
        decided = self._decide(fa, fb)
        if decided is None:
            return self._anchor_score(fa, fb)
        return self._min_score if decided else 0.0

    def same_story(self, a: str, b: str) -> bool:
        return a != b and self.score(a, b) >= self._min_score

    def _weighs(self, a: str, b: str) -> bool:
        """A link that rests on the shared anchors' rarity, weighed once per corpus state."""
        pair = (a, b) if a < b else (b, a)
        found = self._weights.get(pair)
        if found is None:
            self.comparisons += 1
            score = self._anchor_score(self._features[a], self._features[b])
            found = self._weights[pair] = score >= self._min_score
        return found

    def _matches(self, article_id: str) -> set[str]:
        found = set(self._linked[article_id])
        found.update(o for o in self._weighed[article_id] if self._weighs(article_id, o))
        return found

    def _kept(self, article_id: str) -> set[str]:
        """The matches an article joins (watchlist.story_choice), once per corpus state."""
        found = self._kept_cache.get(article_id)
        if found is None:
            matches = {o: self._features[o] for o in self._matches(article_id)}
            found = kept(
                self._features[article_id], matches, self._max_apart, self._idf, self._apart
            )
            self._kept_cache[article_id] = found
        return found

    def _apart(self, a: str, b: str) -> bool:
        """Whether two held articles were judged different stories, whatever the corpus."""
        return self._decide(self._features[a], self._features[b]) is False

    def _joins(self, a: str, b: str) -> bool:
        """Whether a link between two matching articles holds in a group:
        each keeps the other (only an undated article ever drops a match)."""
        return b in self._kept(a) and a in self._kept(b)

    def group_of(self, article_id: str) -> list[str]:
        """The article and every article linked to it, in the order added.
        A pair is weighed only when it would bring in an article not yet
        in the group: in a big group most pairs never need to be."""
        if article_id not in self._features:
            return []
        seen = {article_id}
        queue = [article_id]
        while queue:
            current = queue.pop()
            for others, weigh in ((self._linked[current], False), (self._weighed[current], True)):
                for other in others:
                    if other in seen or (weigh and not self._weighs(current, other)):
                        continue
                    choosy = may_drop(self._features[current]) or may_drop(self._features[other])
                    if choosy and not self._joins(current, other):
                        continue
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
