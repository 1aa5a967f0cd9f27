"""What tells two tellings apart, or shows them to be one story.

watchlist.story_features extracts what an article shares with its
retellings; the comparisons here are what keeps apart two stories about the
same person or company: a departure from OpenAI is not a departure from
Tesla, a $5 billion investment in Intel is not one in OpenAI, a round told
as "in November 2024" is not the one published in March, and an undated
telling naming 2025 is not the story of an article published in 2024.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from watchlist.story_features import AKIN_MIN, STEM, StoryFeatures, Telling, spelled

_DAY = re.compile(r"\d{4}-\d\d-\d\d")
AKIN_ENDING = 2  # letters the endings may differ by ("senat" / "senado")


def _span(date: str) -> tuple[datetime, datetime] | None:
    """The days a "YYYY", "YYYY-MM" or "YYYY-MM-DD" date covers."""
    try:
        parts = [int(p) for p in date.split("-")]
        if len(parts) == 1:
            return datetime(parts[0], 1, 1, tzinfo=UTC), datetime(parts[0], 12, 31, tzinfo=UTC)
        if len(parts) == 2:
            start = datetime(parts[0], parts[1], 1, tzinfo=UTC)
            following = datetime(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1, tzinfo=UTC)
            return start, following - timedelta(days=1)
        day = datetime(parts[0], parts[1], parts[2], tzinfo=UTC)
        return day, day
    except (ValueError, IndexError):
        return None


def _when(telling: Telling, published: datetime | None) -> tuple[datetime, datetime] | None:
    """When a telling says its event happened: its own date, else the day it was published."""
    if telling[4]:
        return _span(telling[4])
    if published is not None:
        day = published.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return day, day
    return None


def akin(a: str, b: str) -> bool:
    """Whether two folded words are one name in two languages' spelling:
    "senate" / "senat" / "senado", "olympiad" / "olimpiade", "congress" /
    "kongres". Equal but for the ending, once spelled alike, with four
    letters in common at least."""
    if a == b:
        return True
    a, b = spelled(a), spelled(b)
    if a[:AKIN_MIN] != b[:AKIN_MIN]:
        return False
    common = AKIN_MIN
    for x, y in zip(a[AKIN_MIN:], b[AKIN_MIN:], strict=False):
        if x != y:
            break
        common += 1
    return common >= max(len(a), len(b)) - AKIN_ENDING


def names_in(names: frozenset[str], other: StoryFeatures) -> bool:
    """Whether any of the names is among the other article's anchors, as
    itself or akin (looked up by the spelled start, so rarely compared)."""
    if names & other.anchors:
        return True
    for name in names:
        if spelled(name)[:AKIN_MIN] in other.spellings and any(
            akin(name, word) for word in other.anchors if ":" not in word
        ):
            return True
    return False


def translated_names(fa: StoryFeatures, fb: StoryFeatures) -> bool:
    """Whether both headlines name one thing each spelled its own way ("Senat"
    / "Senado"): a place or an institution translated, which the story is
    about, where a product keeps its name and is in many of its company's
    stories. In one headline only it may be the other's background ("days
    after his Senate testimony")."""
    return any(a != b and akin(a, b) for a in fa.names - fb.names for b in fb.names - fa.names)


def cognate_words(fa: StoryFeatures, fb: StoryFeatures) -> bool:
    """Whether two headlines in two languages each write one word its own
    way ("conscious" / "consciente", "superintelligence" /
    "superinteligência"): what a translation says besides the names. A word
    both write alike ("startup", "Computex") is a shared anchor or in many
    stories, and weighs as such elsewhere."""
    if fa.language == fb.language:
        return False
    only_b = fb.title_words - fa.title_words
    starts = {word[:STEM] for word in only_b}
    return any(word[:STEM] in starts for word in fa.title_words - fb.title_words)


@lru_cache(maxsize=4096)
def surnames(person: str) -> frozenset[str]:
    """How a headline may write a watched person's surname, from the id
    ("person:yann-lecun": "lecun"; "person:calvin-french-owen": "french-owen"
    or "owen")."""
    parts = person.split(":", 1)[-1].split("-")
    return frozenset({parts[-1], "-".join(parts[1:])} - {""})


def _surnamed(fa: StoryFeatures, fb: StoryFeatures) -> StoryFeatures:
    """a, naming in its headline by surname alone ("LeCun confirma saída da
    Meta") a person b is about, whom the matcher does not count without the
    full name: the same person, for this comparison."""
    missing = fb.people - fa.entities
    if not missing:
        return fa
    found = frozenset(p for p in missing if surnames(p) & fa.title_capitals)
    if not found:
        return fa
    # An article naming in full another person of that surname (Daniela
    # Amodei, not Dario) writes the surname for that person.
    named = {name for e in fa.entities if e.startswith("person:") for name in surnames(e)}
    found = frozenset(p for p in found if not surnames(p) & named)
    if not found:
        return fa
    return replace(
        fa,
        people=fa.people | found,
        title_names=fa.title_names | found,
        entities=fa.entities | found,
        anchors=fa.anchors.difference(*(surnames(p) for p in found)),
    )


def surnamed(fa: StoryFeatures, fb: StoryFeatures) -> tuple[StoryFeatures, StoryFeatures]:
    """Both articles, each naming the people the other is about whose
    surname alone its headline writes."""
    if not fa.people and not fb.people:
        return fa, fb
    return _surnamed(fa, fb), _surnamed(fb, fa)


def shared_person(fa: StoryFeatures, fb: StoryFeatures) -> bool:
    """A watched person one article is about and the other names: a short
    retelling may name the person it is about only once, in its body."""
    return bool(fa.people & fb.entities or fb.people & fa.entities)


def names_unmentioned(fa: StoryFeatures, fb: StoryFeatures) -> bool:
    """Whether a's headline names something, watched or not, b never mentions."""
    return bool(fa.title_names - fb.entities) or any(
        not names_in(frozenset({name}), fb) for name in fa.names - fb.anchors
    )


def same_headline_names(fa: StoryFeatures, fb: StoryFeatures) -> frozenset[str]:
    """The watched names two headlines share when they say the same: the
    same names, or, as a retelling's headline drops the company ("Dario
    Amodei warns" / "Anthropic's Dario Amodei warns"), names in common with
    everything either headline names mentioned in the other article."""
    shared = fa.title_names & fb.title_names
    if fa.title_names == fb.title_names or (
        shared and not names_unmentioned(fa, fb) and not names_unmentioned(fb, fa)
    ):
        return shared
    return frozenset()


def other_years(fa: StoryFeatures, fb: StoryFeatures, max_apart: timedelta) -> bool:
    """Whether two articles, one of them undated, are told in different years:
    the undated one names only years its dated match was not published in
    (days of slack at a year's ends), or each names only other years. The
    publication date comes first: a dated lead's "Rubin in 2026" is a plan,
    not the year its undated retelling ("Computex 2024") was told in."""
    if fa.published and fb.published:
        return False
    dated, undated = (fa, fb) if fa.published else (fb, fa)
    if dated.published is not None and undated.years:
        day = dated.published
        spans = [_span(year) for year in undated.years]
        return all(
            span is None or not span[0] - max_apart <= day <= span[1] + max_apart for span in spans
        )
    if fa.years and fb.years:
        return not fa.years & fb.years
    return False


def _states(money: frozenset[str], amount: str) -> bool:
    """Whether an article states an amount, or its parts: "Microsoft $5
    billion, Nvidia $10 billion" states the "$15 billion in all" another
    telling gives."""
    if "money:" + amount in money:
        return True
    currency, _, total = amount.rpartition(":")
    parts = []
    for anchor in money:
        cur, _, value = anchor[len("money:") :].rpartition(":")
        if cur == currency and value.isdigit():
            parts.append(int(value))
    if not total.isdigit() or len(parts) < 2:
        return False
    wanted = int(total)
    return sum(parts) == wanted or any(
        a + b == wanted for i, a in enumerate(parts) for b in parts[i + 1 :]
    )


def tellings_agree(
    ta: Telling, fa: StoryFeatures, tb: Telling, fb: StoryFeatures, max_apart: timedelta
) -> bool:
    """Whether two tellings of one kind of event by one subject can be the same
    event: no role names another organisation, each amount is among the other
    article's amounts (when both state any), and their dates can meet."""
    roles_a, roles_b = dict(ta[2]), dict(tb[2])
    if any(roles_a[k] != roles_b[k] for k in roles_a.keys() & roles_b.keys()):
        return False
    money_a, money_b = fa.money, fb.money
    # An article whose every amount the other states too contradicts none of
    # its amounts (a short retelling keeps the valuation, not the round).
    if (
        money_a
        and money_b
        and not (money_a <= money_b or money_b <= money_a)
        and ((ta[3] and not _states(money_b, ta[3])) or (tb[3] and not _states(money_a, tb[3])))
    ):
        return False
    # An event's own date against the other telling's. Between two dated
    # articles only a day counts ("dipecat Jumat (17/11/2023)": a follow-up
    # days later retells the event it follows); a year in the sentence is
    # often another event's ("returned in 2023") and the article's own date
    # says more.
    undated = fa.published is None or fb.published is None
    if (ta[4] or tb[4]) and (undated or _DAY.fullmatch(ta[4]) or _DAY.fullmatch(tb[4])):
        when_a, when_b = _when(ta, fa.published), _when(tb, fb.published)
        if when_a and when_b:
            gap = max(when_a[0] - when_b[1], when_b[0] - when_a[1])
            if gap > max_apart:
                return False
    return True


def _named(orgs: frozenset[str], features: StoryFeatures) -> bool:
    """Whether an article names the organisations another gives an event. A
    headline naming no company at all ("Jan Leike Gabung Anthropic" when the
    name was not recognised) cannot contradict them."""
    return orgs <= features.entities or not any(e.startswith("company:") for e in features.entities)


def same_event(fa: StoryFeatures, fb: StoryFeatures, max_apart: timedelta) -> bool | None:
    """Whether the two articles tell one event in common (and agree on it):
    True when two tellings of it also agree on a detail (an organisation, an
    amount, a date), None when they agree only on who and what kind, False
    when no event in common agrees. An organisation one article gives the
    event (left, joined, invested, bought) must be named somewhere in the
    other: "left OpenAI for Tesla" is not the story of leaving Tesla. When
    one of them is undated, False as soon as one event in common agrees in
    no telling: the other events may be background both recall."""
    orgs_a, orgs_b, none = dict(fa.organisations), dict(fb.organisations), frozenset()
    found: bool | None = False
    contradicted = False
    for key in fa.events & fb.events:
        if not _named(orgs_a.get(key, none), fb) or not _named(orgs_b.get(key, none), fa):
            contradicted = True
            continue
        told_b = [tb for tb in fb.tellings if tb[:2] == key]
        agreed = False
        for ta in fa.tellings:
            if ta[:2] != key:
                continue
            for tb in told_b:
                if tellings_agree(ta, fa, tb, fb, max_apart):
                    agreed = True
                    if (
                        set(ta[2]) & set(tb[2])
                        or ta[3]
                        and ta[3] == tb[3]
                        or ta[4]
                        and ta[4] == tb[4]
                    ):
                        found = True
                    elif found is False:
                        found = None
        contradicted = contradicted or not agreed
    if contradicted and (fa.published is None or fb.published is None):
        # Undated, one event told otherwise ("Hengkang Lagi, Kali Ini dari
        # Anthropic" against "leaves OpenAI for Anthropic") is another story,
        # whatever the body recalls alike ("hanya enam bulan setelah bergabung").
        return False
    return found


def _detail_in_common(ta: Telling, tb: Telling) -> bool:
    """Whether two tellings of one event name the same organisation in the
    same role, or state the same amount or date."""
    return bool(set(ta[2]) & set(tb[2]) or (ta[3] and ta[3] == tb[3]) or (ta[4] and ta[4] == tb[4]))
