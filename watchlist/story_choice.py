"""Which of the tellings an article matches it may join in a story group.

Matching is pairwise (watchlist.stories); a group is the matches' connected
components. Two kinds of article match tellings of different stories and
would join them into one:

* an undated telling matching dated tellings days apart ("Karpathy leaves
  OpenAI" matches his 2017 and his 2024 departure);
* an article stating the amounts of two deals (a roundup, "Google's week:
  5.5 billion euros for Germany, $40 billion for Texas", or a retelling that
  recalls the same investor's deal of two days before).

The first joins only the dated telling(s) it resembles most; the second only
the tellings of the amount its headline states, or none when its headline
states neither. Each is decided from the article's matches alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta

from watchlist.story_features import StoryFeatures

# Distinct (shared amounts, amounts) signatures compared when looking for two
# deals among an article's matches: pairs of them, so kept small.
MAX_DEALS = 12


def may_drop(features: StoryFeatures) -> bool:
    """Whether an article may join fewer tellings than it matches."""
    return features.published is None or len(features.money) >= 2 or len(features.people) >= 2


def kept(
    fa: StoryFeatures,
    matches: Mapping[str, StoryFeatures],
    max_apart: timedelta,
    rarity: Callable[[str], float] = lambda _: 1.0,
) -> set[str]:
    """The matches an article joins (all of them, for most articles).
    `rarity` weighs an anchor (its IDF in the grouper's corpus)."""
    found = set(matches)
    if len(fa.money) >= 2 and _two_deals(fa, matches):
        found = {o for o in found if matches[o].money & fa.title_money}
    if len(fa.people) >= 2 and _two_people(fa, matches):
        # A roundup of two people's stories ("Hinton in physics, Hassabis
        # in chemistry") joins only its own retellings, which name both.
        found = {o for o in found if fa.people <= matches[o].entities}
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
