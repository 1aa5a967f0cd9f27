"""Precision/recall of the matcher over the labelled sets, and enrichment speed.

    python -m watchlist.evaluate [--cases PATH] [--entities PATH] [--verbose]

Two sets are scored. The regression set (below) counts who is in each case.
The held-out set in tests/data/signal (see watchlist.scoring and that
folder's README) scores mentions, events and story groups per language on its
development and test halves. --verbose lists the misses of the regression set
and the development halves only: the test halves are for measuring, not tuning.
The second, third, fifth, sixth, eighth and tenth sets (events-dev/events-test,
events3-dev/events3-test, events5-dev/events5-test, events6-dev/events6-test,
events8-dev/events8-test, events10-dev/events10-test) score events only, and so do events4-dev,
events7-dev and events9-dev, development sets with no test half;
stories4-dev and stories6-dev, others, score story groups only.

The labelled set (tests/data/mentions/cases.jsonl) is one JSON object a line:
{"id": ..., "lang": ..., "title": optional, "text": ..., "expect": [entity ids]}.
Scoring is per case and entity: a predicted entity id in `expect` is a true
positive, one not in it a false positive, an expected one not found a false
negative. Counting (case, entity) pairs rather than character spans keeps the
labels readable and is what the dashboard shows ("who is in this article").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from watchlist.entities import Entity

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "mentions"
SIGNAL = ROOT / "tests" / "data" / "signal"
HALVES = ("dev", "test")
# The event-only sets, each written before the rules were tuned again: the
# second after the first test half's event misses had been seen, the third
# after the second's test half had been measured, the fifth after the fourth
# (development-only) set had been tuned on, the sixth while the fifth's
# development half was being tuned on, the eighth before any rule changed
# again, by a hand that had not read the rules, and the tenth and eleventh the
# same way while the rules were tuned on development halves only. Their test
# halves are the honest event figures.
EVENT_HALVES = (
    "events-dev",
    "events-test",
    "events3-dev",
    "events3-test",
    "events5-dev",
    "events5-test",
    "events6-dev",
    "events6-test",
    "events8-dev",
    "events8-test",
    "events10-dev",
    "events10-test",
    "events11-dev",
    "events11-test",
)
# The story-grouping sets (the first written after the first test half's
# grouping figures were known, stories2 after the first story set's test half
# had been looked at, stories3 while stories2-dev was being tuned on, stories5
# before any grouping rule changed again, stories7 and stories8 by hands that
# had not read the rules): they score story groups only.
STORY_HALVES = (
    "stories-dev",
    "stories-test",
    "stories2-dev",
    "stories2-test",
    "stories3-dev",
    "stories3-test",
    "stories5-dev",
    "stories5-test",
    "stories7-dev",
    "stories7-test",
    "stories8-dev",
    "stories8-test",
)
# Development-only story sets (no test half): tuned on, never asserted.
STORY_DEV_ONLY = ("stories4-dev", "stories6-dev", "stories9-dev")
# Development-only event sets: no test half, so they are tuned on, never asserted.
DEV_ONLY = ("events4-dev", "events7-dev", "events9-dev")
# Mention-only sets written for one class each after the first: scored like
# the first set's halves, their test halves asserted in the held-out tests.
MENTION_HALVES = ("mentions12-dev", "mentions12-test")
SEEDS = ROOT / "seeds"


def load_entities(path: Path = DATA / "entities.toml") -> list[Entity]:
    """The test watchlist: TOML arrays `person` and `company` of name/aliases."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    entities: list[Entity] = []
    for kind in ("person", "company"):
        for item in raw.get(kind, []):
            entities.append(
                Entity.make(kind, item["name"], item.get("aliases", ()), item.get("affiliation"))
            )
    return entities


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    lang: str
    title: str
    text: str
    expect: frozenset[str]


def load_cases(path: Path = DATA / "cases.jsonl") -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        item = orjson.loads(line)
        cases.append(
            Case(
                item.get("id", f"line{number}"),
                item.get("lang", ""),
                item.get("title", ""),
                item["text"],
                frozenset(item["expect"]),
            )
        )
    return cases


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(entities: Sequence[Entity], cases: Iterable[Case]) -> Score:
    from watchlist.matcher import Matcher

    matcher = Matcher(entities)
    result = Score()
    for case in cases:
        found = {m.entity_id for m in matcher.find(case.title, case.text)}
        tp, fp, fn = found & case.expect, found - case.expect, case.expect - found
        result.tp += len(tp)
        result.fp += len(fp)
        result.fn += len(fn)
        if fp or fn:
            result.errors.append(
                f"{case.id} [{case.lang}] +{sorted(fp)} -{sorted(fn)}: {case.title} {case.text}"
            )
    return result


def read_seed(path: Path) -> tuple[str, str]:
    """(title, body) from a seed file: the first non-empty line is the title,
    skipping a leading 'Courtesy of ...' credit line."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    if lines and lines[0].lower().startswith("courtesy of"):
        lines = lines[1:]
    return lines[0], "\n".join(lines[1:])


SYNTHETIC_EN = (
    "OpenAI raises $6.6 billion as Sam Altman courts investors\n",
    "SAN FRANCISCO (Reuters) - OpenAI said on Wednesday it had raised $6.6 billion in a "
    "funding round led by Thrive Capital, valuing the ChatGPT maker at $157 billion. "
    "Microsoft, Nvidia and SoftBank also took part, according to people familiar with the "
    "matter. The round comes weeks after chief technology officer Mira Murati left the "
    "company, and after Ilya Sutskever, a co-founder, departed to start Safe Superintelligence. "
    "Altman told staff the money would fund research and compute. Rival Anthropic, led by "
    "Dario Amodei, is said to be in talks for a round of its own, while Google DeepMind, "
    "headed by Demis Hassabis, continues to ship Gemini models. Meta, whose chief executive "
    "Mark Zuckerberg has spent heavily on AI talent, launched a new Llama model this week. "
    "Apple, meanwhile, has not announced a partnership. Elon Musk's xAI raised $6 billion "
    "in May. Analysts said the figure reflects investor appetite for frontier models despite "
    "high costs: training runs can cost hundreds of millions of dollars, and inference at the "
    "scale of hundreds of millions of weekly users is expensive. The company expects revenue "
    "of $11.6 billion next year, up from $3.7 billion this year, the New York Times reported. "
    "Greg Brockman, the president, returned from a leave of absence in November. Investors "
    "including Tiger Global and Khosla Ventures participated. The new funding comes with "
    "conditions: OpenAI must convert into a for-profit company within two years, or investors "
    "can ask for their money back. Amazon and Alibaba were not involved. Hugging Face chief "
    "executive Clem Delangue said open models would keep pace. Nadella, asked about the deal, "
    "said Microsoft remained committed to the partnership, and Huang praised the demand for "
    "Nvidia chips. Jan Leike, who joined Anthropic last year, did not comment.",
)


def timing(entities: Sequence[Entity], repeats: int = 200) -> dict[str, float]:
    """Median milliseconds per enrich() call for each seed and a 2 KB English article.

    The language detector is warmed up first: its one-off model loading is
    reported separately by the caller, not folded into per-article time."""
    from watchlist.enrich import Enricher
    from watchlist.matcher import fold

    enricher = Enricher(entities)
    articles = {p.name[:3]: read_seed(p) for p in sorted(SEEDS.glob("*.txt"))}
    articles["synthetic-en"] = SYNTHETIC_EN
    for title, body in articles.values():
        enricher.enrich(title, body)
    medians: dict[str, float] = {}
    for name, (title, body) in articles.items():
        samples = []
        for _ in range(repeats):
            fold.cache_clear()  # a new article is never in the cache
            t0 = time.perf_counter()
            enricher.enrich(title, body)
            samples.append((time.perf_counter() - t0) * 1000)
        medians[name] = statistics.median(samples)
    return medians


def _rss_mb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def detector_cost() -> tuple[float, int]:
    """Seconds and resident MB the shared detector costs on first use (zero
    if something in this process already loaded it)."""
    from watchlist.language import default_detector

    before, t0 = _rss_mb(), time.perf_counter()
    default_detector().detect("Sam Altman dipecat", "")
    return time.perf_counter() - t0, _rss_mb() - before


def held_out_reports() -> dict[str, object]:
    """The held-out set's report per half (watchlist.scoring.Report)."""
    from watchlist.scoring import load_labelled, score_labelled

    entities = load_entities(SIGNAL / "entities.toml")
    halves = HALVES + MENTION_HALVES + EVENT_HALVES + STORY_HALVES + DEV_ONLY + STORY_DEV_ONLY
    return {
        half: score_labelled(entities, load_labelled(SIGNAL / f"{half}.jsonl")) for half in halves
    }


def print_held_out(verbose: bool) -> None:
    from watchlist.scoring import Report

    for half, report in held_out_reports().items():
        assert isinstance(report, Report)
        print(f"held-out {half} half:")
        scored = () if half in STORY_HALVES + STORY_DEV_ONLY else (report.mentions, report.events)
        for name, table in zip(("mentions", "events"), scored, strict=False):
            for lang in ("en", "id", "pt", "all"):
                if lang in table:
                    print(f"  {name:8} {lang:3} {table[lang].line()}")
        for key, tally in sorted(report.details.items()):
            print(f"  detail   {key:8} {tally.tp}/{tally.tp + tally.fn} right")
        for pair in ("en", "id", "pt", "cross"):
            if pair in report.story_pairs:
                print(f"  stories  {pair:5} {report.story_pairs[pair].line()}")
        if report.story_pairs:
            print(f"  stories  all   {report.stories.line()}")
        if verbose and half.endswith("dev"):
            for table in scored:
                for line in table.get("all", Score()).errors:
                    print("    " + line)
            for tally in report.details.values() if scored else ():
                for line in tally.errors:
                    print("    " + line)
            for line in report.stories.errors:
                print("    " + line)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=DATA / "cases.jsonl")
    parser.add_argument("--entities", type=Path, default=DATA / "entities.toml")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args(argv)
    entities = load_entities(args.entities)
    cases = load_cases(args.cases)
    result = score(entities, cases)
    print(
        f"{len(cases)} cases: precision {result.precision:.4f} recall {result.recall:.4f} "
        f"(tp {result.tp}, fp {result.fp}, fn {result.fn})"
    )
    if args.verbose:
        for line in result.errors:
            print("  " + line)
    print_held_out(args.verbose)
    if not args.no_timing:
        load_s, grew_mb = detector_cost()
        print(f"language detector: first use {load_s:.2f} s, resident memory +{grew_mb} MB")
        medians = timing(entities)
        for name, ms in medians.items():
            print(f"enrich {name}: median {ms:.3f} ms")
        print(f"median over articles: {statistics.median(medians.values()):.3f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
