"""Scores of mentions, events and story groups against a labelled set.

The labelled sets in tests/data/signal (format in its README) label every
mention with its surface (the event-only sets label none: their mentions are
not scored), every event with its kind and subject, and the
articles that tell one story with a story id. Scoring:

* mentions: per case, the multiset of (entity, surface) found against the one
  labelled; surfaces compare folded, without a possessive or "-nya", so
  "OpenAI's" and "OpenAI" are one surface. A doubled mention is a false positive.
* events: per case, the set of (kind, subject); for each one found and
  labelled, the details the label states (from/to, investor/target, amount,
  date) are compared and counted separately, so the headline figure is about
  finding events and the detail figure about describing them.
* stories: pairwise over the articles with a story id: a pair grouped
  together is a true positive when both carry the same id.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from watchlist.entities import Entity

DETAIL_KEYS = ("from", "to", "investor", "target", "amount", "date")


@dataclass(frozen=True, slots=True)
class Labelled:
    id: str
    lang: str
    cls: str
    title: str
    text: str
    mentions: tuple[tuple[str, str], ...] | None  # (entity id, surface); None: not labelled
    events: tuple[dict[str, str], ...]
    story: str | None
    published: datetime | None


def load_labelled(path: Path) -> list[Labelled]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item: dict[str, Any] = orjson.loads(line)
        published = item.get("published")
        cases.append(
            Labelled(
                item["id"],
                item["lang"],
                item.get("class", ""),
                item.get("title", ""),
                item["text"],
                None
                if "mentions" not in item
                else tuple((m["entity"], m["surface"]) for m in item["mentions"] or ()),
                tuple(item.get("events") or ()),
                item.get("story"),
                datetime.fromisoformat(published).replace(tzinfo=UTC) if published else None,
            )
        )
    return cases


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    # Kept out of the repr: a failing assertion on the test half must not
    # show its misses (they are not for tuning).
    errors: list[str] = field(default_factory=list, repr=False)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, found: Counter, expected: Counter, label: str) -> None:
        tp, fp, fn = found & expected, found - expected, expected - found
        self.tp += sum(tp.values())
        self.fp += sum(fp.values())
        self.fn += sum(fn.values())
        if fp or fn:
            self.errors.append(f"{label} +{sorted(fp.elements())} -{sorted(fn.elements())}")

    def line(self) -> str:
        return (
            f"P {self.precision:.3f} R {self.recall:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


@dataclass(slots=True)
class Report:
    mentions: dict[str, Tally] = field(default_factory=dict)  # by language, "all"
    events: dict[str, Tally] = field(default_factory=dict)
    details: dict[str, Tally] = field(default_factory=dict)  # by detail key
    stories: Tally = field(default_factory=Tally)  # every pair
    # Pairs by language: "en", "id", "pt" (both articles in it) or "cross".
    story_pairs: dict[str, Tally] = field(default_factory=dict)

    def tally(self, table: dict[str, Tally], key: str) -> Tally:
        return table.setdefault(key, Tally())


def _surface_key(surface: str) -> str:
    from watchlist.matcher import fold

    key = fold(surface).strip()
    for suffix in ("'s", "-nya", "nya"):
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            return key[: -len(suffix)]
    return key


def _detail_matches(key: str, found: Any, expected: str) -> bool:
    if key == "amount":
        return found == expected
    return found == expected


def score_labelled(entities: Sequence[Entity], cases: Iterable[Labelled]) -> Report:
    from watchlist.enrich import Enricher
    from watchlist.matcher import Matcher
    from watchlist.stories import StoryGrouper

    enricher = Enricher(entities)
    matcher = Matcher(entities)
    report = Report()
    grouper = StoryGrouper()
    stories: dict[str, str] = {}
    languages: dict[str, str] = {}
    for case in cases:
        label = f"{case.id} [{case.lang}/{case.cls}] {case.title} | {case.text}"
        if case.mentions is not None:
            found = matcher.find(case.title, case.text)
            got = Counter((m.entity_id, _surface_key(m.surface)) for m in found)
            want = Counter((eid, _surface_key(surface)) for eid, surface in case.mentions)
            for key in (case.lang, "all"):
                report.tally(report.mentions, key).add(got, want, label)
        enriched = enricher.enrich(case.title, case.text, case.lang)
        events = {(e.kind, e.entity_id): e for e in enriched.events}
        labelled = {(e["kind"], e["who"]): e for e in case.events}
        for key in (case.lang, "all"):
            report.tally(report.events, key).add(
                Counter(events.keys()), Counter(labelled.keys()), label
            )
        for pair in events.keys() & labelled.keys():
            details = events[pair].details()
            for key in DETAIL_KEYS:
                if key not in labelled[pair]:
                    continue
                tally = report.tally(report.details, key)
                if _detail_matches(key, details.get(key), labelled[pair][key]):
                    tally.tp += 1
                else:
                    tally.fn += 1
                    got_detail, wanted = details.get(key), labelled[pair][key]
                    tally.errors.append(f"{label}: {key} {got_detail!r} != {wanted!r}")
        if case.story:
            stories[case.id] = case.story
            languages[case.id] = case.lang
            grouper.add(
                case.id,
                case.title,
                case.text,
                enriched.mention_counts,
                case.published,
                case.lang,
                [(e.kind, e.entity_id, e.details()) for e in enriched.events],
            )
    for a, b in itertools.combinations(sorted(stories), 2):
        together = b in grouper.group_of(a)
        same = stories[a] == stories[b]
        pair = languages[a] if languages[a] == languages[b] else "cross"
        for tally in (report.stories, report.tally(report.story_pairs, pair)):
            if together and same:
                tally.tp += 1
            elif together:
                tally.fp += 1
            elif same:
                tally.fn += 1
        if together and not same:
            report.stories.errors.append(f"merged {a} ({stories[a]}) + {b} ({stories[b]})")
        elif same and not together:
            report.stories.errors.append(f"split {a} + {b} ({stories[a]})")
    return report
