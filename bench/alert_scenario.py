"""The `alerts` row: how many alerts a realistic poll raises, and whether they
are the right ones, against the labels of bench/data/alert_feeds.

Graded on (story, entity) pairs: an item's story is its `story:` label, else
the item itself. A story told by several outlets alerts once, through one of
its tellings, and says why with that telling's words: it is expected to
alert for the labels of the telling that alerted (of each, if more did),
else for those of its most labelled telling. Only items new at the second
poll and dated after the sources were added are expected to alert.
"""

from __future__ import annotations

import asyncio
import shutil
from collections import Counter
from dataclasses import dataclass, field

from bench.alert_corpus import AlertCorpus, AlertItem
from bench.alert_poll import PollResult, poll_twice
from bench.context import Context
from bench.results import QUICK, Result

# --quick: four feeds (72 items): English news, a wire, the two stories they
# share, and the captions, bylines and dated background events of the last.
QUICK_FEEDS = ("01", "02", "03", "11")
TARGET = "first poll 0, no story twice, precision >= 0.9, recall >= 0.9"

Pair = tuple[str, str]  # (story, entity name)


@dataclass(slots=True)
class Grade:
    polled: int
    new_items: int
    alerts: int
    first_poll_alerts: int
    stories_twice: list[str]
    any_mention: int
    expected: set[Pair]
    raised: set[Pair]
    unknown: list[str] = field(default_factory=list)  # alerted articles not in the corpus
    per_feed: dict[str, str] = field(default_factory=dict)  # feed -> "alerts/new items"

    @property
    def hits(self) -> set[Pair]:
        return self.expected & self.raised

    @property
    def precision(self) -> float:
        return len(self.hits) / len(self.raised) if self.raised else 1.0

    @property
    def recall(self) -> float:
        return len(self.hits) / len(self.expected) if self.expected else 1.0

    @property
    def per_100(self) -> float:
        return 100 * self.alerts / self.new_items if self.new_items else 0.0

    @property
    def passed(self) -> bool:
        return (
            self.first_poll_alerts == 0
            and not self.stories_twice
            and not self.unknown
            and self.precision >= 0.9
            and self.recall >= 0.9
        )


def expected_pairs(items: list[AlertItem], alerted: set[str]) -> set[Pair]:
    """What each story should alert for, given which of its tellings alerted."""
    stories: dict[str, list[AlertItem]] = {}
    for item in items:
        if item.eligible:
            stories.setdefault(item.story_key, []).append(item)
    pairs: set[Pair] = set()
    for story, tellings in stories.items():
        chosen = [t for t in tellings if t.id in alerted]
        if not chosen:
            chosen = [max(tellings, key=lambda t: len(t.expected))]
        pairs |= {(story, name) for telling in chosen for name in telling.expected}
    return pairs


def grade(corpus: AlertCorpus, result: PollResult) -> Grade:
    by_id = {item.id: item for item in corpus.items()}
    raised: set[Pair] = set()
    told: Counter[str] = Counter()
    unknown = []
    for alert in result.alerts:
        item = by_id.get(alert.guid)
        if item is None:
            unknown.append(alert.title)
            continue
        told[item.story_key] += 1
        raised |= {(item.story_key, name) for name in alert.entities}
    per_feed = {}
    for feed in corpus.feed_list:
        ids = {item.id for item in feed.items if item.gen == 1}
        raised_here = sum(1 for alert in result.alerts if alert.guid in ids)
        per_feed[feed.name] = f"{raised_here}/{len(ids)}"
    return Grade(
        per_feed=per_feed,
        polled=result.polled_first + result.polled_second,
        new_items=result.polled_second,
        alerts=len(result.alerts),
        first_poll_alerts=len(result.first_poll_alerts),
        stories_twice=sorted(story for story, count in told.items() if count > 1),
        any_mention=result.any_mention,
        expected=expected_pairs(list(by_id.values()), {a.guid for a in result.alerts}),
        raised=raised,
        unknown=unknown,
    )


def _pairs(pairs: set[Pair], limit: int = 12) -> str:
    shown = ", ".join(f"{entity} @ {story}" for story, entity in sorted(pairs)[:limit])
    return shown + (f" (+{len(pairs) - limit} more)" if len(pairs) > limit else "")


def alerts(ctx: Context) -> Result:
    from ingest.resources import bundled_seeds_dir  # noqa: F401 - the seeds stay out

    result = Result("alerts", "per 100", target=TARGET)
    quick = ctx.sizes == QUICK
    graded: list[Grade] = []
    for _ in range(ctx.runs):
        corpus = AlertCorpus.load(numbers=QUICK_FEEDS if quick else None)
        workdir = ctx.fresh_dir("alerts")
        seeds = workdir / "no-seeds"
        seeds.mkdir()
        polled = asyncio.run(poll_twice(corpus, workdir, seeds))
        found = grade(corpus, polled)
        graded.append(found)
        result.values.append(found.per_100)
        shutil.rmtree(workdir, ignore_errors=True)
    last = graded[-1]
    result.passed = all(g.passed for g in graded)
    result.details.update(
        polled=last.polled,
        new_items=last.new_items,
        alerts=last.alerts,
        first_poll_alerts=last.first_poll_alerts,
        any_mention=last.any_mention,
        precision=last.precision,
        recall=last.recall,
        stories_twice=last.stories_twice,
        per_feed=last.per_feed,
        false_alerts=sorted(map(list, last.raised - last.expected)),
        missed=sorted(map(list, last.expected - last.raised)),
    )
    result.notes.append(
        f"{last.polled} items polled ({last.new_items} new at the second poll): "
        f"{last.alerts} alerts, {last.per_100:.1f} per 100 new items; first poll "
        f"{last.first_poll_alerts}; stories alerted more than once: {len(last.stories_twice)}"
        + (f" ({', '.join(last.stories_twice)})" if last.stories_twice else "")
    )
    result.notes.append(
        f'a watched name anywhere (every entity on "any") would alert on '
        f"{last.any_mention} of the new items dated after the addition"
    )
    result.notes.append(
        f"(story, entity) pairs: precision {last.precision:.2f} "
        f"({len(last.hits)}/{len(last.raised)}), recall {last.recall:.2f} "
        f"({len(last.hits)}/{len(last.expected)})"
    )
    result.notes.append(
        "alerts / new items per feed: " + ", ".join(f"{k} {v}" for k, v in last.per_feed.items())
    )
    if last.raised - last.expected:
        result.notes.append(f"not expected: {_pairs(last.raised - last.expected)}")
    if last.expected - last.raised:
        result.notes.append(f"missed: {_pairs(last.expected - last.raised)}")
    if last.unknown:
        result.notes.append(f"alerts on articles outside the corpus: {last.unknown[:5]}")
    return result
