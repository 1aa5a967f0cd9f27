"""Which of the tellings an article matches it may join in a story group.

Matching is pairwise (watchlist.stories); a group is the matches' connected
components. Three kinds of article match tellings of different stories and
would join them into one:

* an undated telling matching dated tellings days apart ("Karpathy leaves
  OpenAI" matches his 2017 and his 2024 departure);
* an article stating the amounts of two deals (a roundup, "Google's week:
  5.5 billion euros for Germany, $40 billion for Texas", or a retelling that
  recalls the same investor's deal of two days before);
* an article that tells two stories its matches tell apart (a weekly
  roundup, "OpenAI's round and ChatGPT's Canvas", or "$5 billion for Intel,
  $100 billion for OpenAI"), or several people's moves ("Schulman exits,
  Brockman takes leave"): a roundup is a story of its own;
* an article telling no event (a headline whose verb was not read, "Sam
  Altman Kembali Pimpin OpenAI") matching, on the names it shares, tellings
  of events judged apart (his firing and his return days later).

The first joins only the dated telling(s) it resembles most; the second only
the tellings of the amount its headline states, or none when its headline
states neither; the third none of the tellings it bridges, nor a telling
that does not name every person whose move it tells; the fourth only the
tellings it shares more than names with (an amount, a rare word), else the
nearest in date, or none when tellings of two stories are as near. Each is
decided from the article's matches alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import timedelta

from watchlist.story_features import StoryFeatures

# Distinct (shared amounts, amounts) signatures compared when looking for two
# deals among an article's matches: pairs of them, so kept small.
MAX_DEALS = 12


# Kinds that together are one move of one person: a departure and the new
# job announced together are one story, told as either or both.
MOVE_KINDS = frozenset({"departure", "hire", "fired"})


def may_drop(features: StoryFeatures) -> bool:
    """Whether an article may join fewer tellings than it matches."""
    return (
        features.published is None
        or not features.events
        or len(features.money) >= 2
        or len(features.people) >= 2
        or len(features.events) >= 2
    )


def kept(
    fa: StoryFeatures,
    matches: Mapping[str, StoryFeatures],
    max_apart: timedelta,
    rarity: Callable[[str], float] = lambda _: 1.0,
    apart: Callable[[str, str], bool] = lambda _a, _b: False,
) -> set[str]:
    """The matches an article joins (all of them, for most articles).
    `rarity` weighs an anchor (its IDF in the grouper's corpus); `apart`
    says whether two matches were judged different stories."""
    found = set(matches)
    if _bridges(fa, matches, apart):
        return set()
    if len(fa.money) >= 2 and _two_deals(fa, matches):
        found = {o for o in found if matches[o].money & fa.title_money}
    told = {who for _, who in fa.events if who in fa.people}
    if len(told) >= 2:
        # An article telling several people's events ("Schulman exits,
        # Brockman takes leave") joins only tellings that name them all.
        found = {o for o in found if told <= matches[o].entities}
    if len(fa.people) >= 2 and _two_people(fa, matches):
        # A roundup of two people's stories ("Hinton in physics, Hassabis
        # in chemistry") joins only its own retellings, which name both.
        found = {o for o in found if fa.people <= matches[o].entities}
    if not fa.events and _two_stories(matches, found, apart):
        found = _nearest(fa, matches, found, apart)
    if fa.published is None:
        dated = {o: p for o in found if (p := matches[o].published) is not None}
        if dated and max(dated.values()) - min(dated.values()) > max_apart:
            ranked = {o: resemblance(fa, matches[o], rarity) for o in dated}
            best = max(ranked.values())
            found = {o for o, rank in ranked.items() if rank == best}
            days = [dated[o] for o in found]
            if max(days) - min(days) > max_apart:
                return set()  # two stories resemble it as much: it joins neither
    return found


def _two_stories(
    matches: Mapping[str, StoryFeatures], found: set[str], apart: Callable[[str, str], bool]
) -> bool:
    """Whether some of the matches tell events judged apart: two stories
    about the names an article telling no event shares with them. Matches
    with the same events are compared once, and only so many."""
    signatures: dict[frozenset, str] = {}
    for other in sorted(found):
        if matches[other].events:
            signatures.setdefault(matches[other].events, other)
            if len(signatures) >= MAX_DEALS:
                break
    listed = list(signatures.values())
    return any(apart(a, b) for i, a in enumerate(listed) for b in listed[i + 1 :])


def _nearest(
    fa: StoryFeatures,
    matches: Mapping[str, StoryFeatures],
    found: set[str],
    apart: Callable[[str, str], bool],
) -> set[str]:
    """What an article telling no event joins of matches telling two stories:
    the names alone do not say which story a headline tells. Matches that
    share more (an amount, a rare word) stand on that; the ones sharing only
    names are dropped then; else only the dated ones nearest in publication
    date are kept, or none when two stories are as near or the article is
    undated.
    Matches telling no event are kept."""
    told = {o for o in found if matches[o].events}
    more = {o for o in told if _more_than_names(fa, matches[o])}
    if more:
        return (found - told) | more
    days = {
        o: abs(fa.published - published).days
        for o in told
        if fa.published and (published := matches[o].published)
    }
    if not days:
        return found - told
    nearest = min(days.values())
    chosen = {o for o, d in days.items() if d == nearest}
    if any(apart(a, b) for a in chosen for b in chosen if a < b):
        chosen = set()
    return (found - told) | chosen


def _more_than_names(fa: StoryFeatures, fo: StoryFeatures) -> bool:
    """Whether two articles share an anchor that is not a watched name."""
    return any(not anchor.startswith("ent:") for anchor in fa.anchors & fo.anchors)


def _one_move(a: Iterable[tuple[str, str]], b: Iterable[tuple[str, str]]) -> bool:
    events = set(a) | set(b)
    return len({who for _, who in events}) == 1 and {kind for kind, _ in events} <= MOVE_KINDS


def _tells(fa: StoryFeatures, fo: StoryFeatures, other: StoryFeatures) -> bool:
    """Whether an article tells what sets one telling apart from another: an
    event or an amount the one states and the other does not. A headline
    stating an amount says which deal the article is about (a retelling may
    recall another deal of the week in its body)."""
    amounts = fa.title_money or fa.money
    return bool((fa.events & fo.events) - other.events or (amounts & fo.title_money) - other.money)


def _bridges(
    fa: StoryFeatures, matches: Mapping[str, StoryFeatures], apart: Callable[[str, str], bool]
) -> bool:
    """Whether the article tells two stories its matches were judged apart on:
    two tellings of different events (not one person's move told as a
    departure in one and a hire in the other), or of different amounts, and
    the article tells what each has that the other lacks. Matches with the
    same events and amounts are compared once, and only so many."""
    if len(fa.events) < 2 and len(fa.money) < 2:
        return False
    signatures: dict[tuple[frozenset, frozenset], str] = {}
    for other, fo in matches.items():
        if fo.events or fo.title_money:
            signatures.setdefault((fo.events, fo.title_money), other)
            if len(signatures) >= MAX_DEALS:
                break
    listed = list(signatures.values())
    for i, a in enumerate(listed):
        for b in listed[i + 1 :]:
            fo, fp = matches[a], matches[b]
            if fo.events and fp.events and _one_move(fo.events, fp.events):
                continue
            if _tells(fa, fo, fp) and _tells(fa, fp, fo) and apart(a, b):
                return True
    return False


def _two_deals(fa: StoryFeatures, matches: Mapping[str, StoryFeatures]) -> bool:
    """Whether the article shares one amount with some matches and another
    with others that state neither of the first ones' amounts, and whose
    headlines name other things ("Germany", "Texas"). Tellings of one deal
    may each give a part of it ("Microsoft $5 billion, Nvidia $10 billion"
    / "$15 billion in all"), but under the same headline names."""
    deals: set[tuple[frozenset[str], frozenset[str], frozenset[str]]] = set()
    for other in matches.values():
        shared = other.money & fa.money
        if shared and other.names:
            deals.add((shared, other.money, other.names))
            if len(deals) >= MAX_DEALS:
                break
    listed = list(deals)
    return any(
        not shared_a & money_b and not shared_b & money_a and not names_a & names_b
        for i, (shared_a, money_a, names_a) in enumerate(listed)
        for shared_b, money_b, names_b in listed[i + 1 :]
    )


def _two_people(fa: StoryFeatures, matches: Mapping[str, StoryFeatures]) -> bool:
    """Whether the article shares one prominent person with some matches and
    another with others, neither of those names the other's person, and
    they tell no kind of event in common (one launch presented by a chief
    executive in one telling and by the lab's head in another is one story)."""
    stories: set[tuple[frozenset[str], frozenset[str], frozenset[str]]] = set()
    for other in matches.values():
        shared = other.people & fa.people
        if shared:
            stories.add((shared, other.entities, frozenset(kind for kind, _ in other.events)))
            if len(stories) >= MAX_DEALS:
                break
    listed = list(stories)
    return any(
        not shared_a & named_b and not shared_b & named_a and not kinds_a & kinds_b
        for i, (shared_a, named_a, kinds_a) in enumerate(listed)
        for shared_b, named_b, kinds_b in listed[i + 1 :]
    )


def _overlap(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def resemblance(
    fa: StoryFeatures, fb: StoryFeatures, rarity: Callable[[str], float] = lambda _: 1.0
) -> tuple[float, ...]:
    """How closely two matching tellings resemble each other: the amounts
    they share, then their anchors, events and headline names, as overlap;
    anchors weighed by rarity, so "Opus" says more than "rilis" (released)."""
    union = sum(rarity(a) for a in fa.anchors | fb.anchors)
    shared = sum(rarity(a) for a in fa.anchors & fb.anchors)
    return (
        float(len(fa.money & fb.money)),
        shared / union if union else 0.0,
        _overlap(fa.events, fb.events),
        _overlap(fa.title_names, fb.title_names),
    )
