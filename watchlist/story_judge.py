"""Whether two articles tell one story: the pairwise judgement of the grouper.

Most of what links two articles does not depend on the rest of the corpus
(shared names, dates, events): decide() answers those. What is left rests on
how rare their shared anchors are among the articles held, which
anchor_score() weighs (watchlist.stories keeps the counts). See
watchlist.stories for what makes two tellings one story.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import timedelta

from watchlist.story_compare import (
    cognate_words,
    names_in,
    names_unmentioned,
    other_years,
    same_event,
    same_headline_names,
    shared_person,
    surnamed,
    translated_names,
)
from watchlist.story_features import StoryFeatures
from watchlist.story_kinds import tells_another_kind
from watchlist.story_places import PLACE_WORDS, other_places

MAX_APART = timedelta(days=4)
# Talks reported and their confirmation: one story this many days apart.
RUMOUR_APART = timedelta(days=10)
MIN_ANCHOR_SCORE = 3.0
# Roles written capitalised ("CEO Anthropic Dario Amodei", "Bos Nvidia"):
# in every story about the person, so alone they say nothing of which.
ROLE_WORDS = frozenset({"ceo", "cto", "cfo", "coo", "bos"})
# Articles the IDF pretends to have seen at least: with three articles held,
# an anchor shared by two is not "rare" just because the corpus is tiny.
IDF_FLOOR_DOCS = 10
URL_WEIGHT = 2.0  # a shared link is strong evidence on its own
MONEY_WEIGHT = 2.0  # so is an amount, which survives translation
# A watched person named in passing by both: some evidence, not a story's
# own (Altman's stories often name Nadella).
PASSING_WEIGHT = 0.5
# Titles naming the same watched names, published close together: a little
# anchor evidence (one rare shared word) is enough.
SAME_TITLE_NAMES_SCORE = 1.0
SAME_TITLE_NAMES_APART = timedelta(days=2)
# Headlines naming this many watched entities, all the same, close together:
# one story even with no other word in common ("Musk sues OpenAI and Altman").
SAME_TITLE_NAMES_ALONE = 3
SAME_TITLE_COMPANIES = 2
SAME_HEADLINE_NAME_WORDS = 2
# A name both headlines spell their own way ("Senat" / "Senado"): as much
# as a rare shared word.
TRANSLATED_NAME_SCORE = 1.5  # a person's given name and surname
# Both headlines telling one kind of story (a departure, a deal) in their
# own words, under the same names the same days: as much as a rare word.
SAME_KIND_SCORE = 1.0


def deal_amounts(features: StoryFeatures) -> frozenset[str]:
    """The amounts of an article whose events and headline are a deal between
    named companies: its tellings may read one deal as different events."""
    if features.events and len(features.title_names) >= SAME_TITLE_COMPANIES:
        return features.money
    return frozenset()


def _figure_and_more(fa: StoryFeatures, fb: StoryFeatures) -> bool:
    """A number both headlines state, and something else both articles name:
    a company's "600 jobs" and its "600 new roles" are two stories."""
    figures = [f for f in fa.title_figures & fb.title_figures if f.startswith("num:")]
    return bool(figures) and len(fa.anchors & fb.anchors) > len(figures)


def _other_party(fa: StoryFeatures, fb: StoryFeatures) -> bool:
    """Whether a's headline names a watched company b never mentions, and b's
    headline names something a never mentions: one amount, two deals. A
    watched name is the same in every language, where an unwatched one may
    be translated ("Germany" / "Alemanha")."""
    return bool(fa.title_names - fb.entities) and names_unmentioned(fb, fa)


def _retold_names(told: StoryFeatures, untold: StoryFeatures) -> bool:
    """Whether an article with no event shares the headline names of one
    telling an event. The product a launch is about is in many of its
    company's stories (an outage, a lawsuit): for a launch, the other
    article must present the product as new too."""
    shared = told.names & untold.names
    if {kind for kind, _ in told.events} == {"launch"}:
        return bool(shared & untold.novel)
    return bool(shared)


def headline_subjects(features: StoryFeatures) -> frozenset[str]:
    """The unwatched names a dated headline telling a kind of story is
    about: what links its retellings when no watched name does."""
    if features.published is None or not features.kinds:
        return frozenset()
    return features.names


def _unwatched_subject(fa: StoryFeatures, fb: StoryFeatures, apart: timedelta | None) -> bool:
    """Whether two headlines about someone nobody watches tell one story:
    both name them ("Yaccarino"), tell one kind of story in their own words
    (a departure, a round), and were published the same days; an amount
    both state must be the same one, and events both read must meet."""
    if apart is None or apart > SAME_TITLE_NAMES_APART:
        return False
    if not headline_subjects(fa) & headline_subjects(fb) or not fa.kinds & fb.kinds:
        return False
    if fa.money and fb.money and not fa.money & fb.money:
        return False
    return not (fa.events and fb.events and not fa.events & fb.events)


def rumour_names(features: StoryFeatures) -> frozenset[str]:
    """The watched names a dated rumour's headline tells a kind of story
    about: what its confirmation days later names too."""
    if not features.rumour or features.published is None or not features.kinds:
        return frozenset()
    return features.title_names


def _confirms(fa: StoryFeatures, fb: StoryFeatures) -> bool:
    """Whether one article confirms, days later, what the other's headline
    reported as talks or hearsay: the same kind of story, the watched names
    of the rumour's headline in the confirmation's, the unwatched ones of
    each in the other, told after it."""
    if fa.rumour == fb.rumour:
        return False
    rumour, told = (fa, fb) if fa.rumour else (fb, fa)
    names = rumour_names(rumour)
    if not names or told.published is None or rumour.published is None:
        return False
    return (
        timedelta(0) <= told.published - rumour.published <= RUMOUR_APART
        and bool(rumour.kinds & told.kinds)
        and names <= told.title_names
        and (not rumour.names or names_in(rumour.names, told))
        and (not told.names or names_in(told.names, rumour))
    )


def _recalled(fa: StoryFeatures, fb: StoryFeatures) -> bool:
    """Whether the events a's body shares with b are background to another
    story its headline tells: the headline names none of their subjects and
    tells a kind of story none of them is ("Microsoft pays Inflection $650
    million in licensing deal", two days after "hiring Mustafa Suleyman")."""
    shared = fa.events & fb.events
    if any(who in fa.title_names for _, who in shared):
        return False
    return tells_another_kind(fa.kinds, [kind for kind, _ in shared])


def _recalls_other_subject(earlier: StoryFeatures, later: StoryFeatures) -> bool:
    """Whether a later article's headline is about something unwatched the
    earlier one never mentions, while it recalls the earlier headline's
    subject in its body only: the next story about another counterpart
    ("Meta acquires WaveForms, two days after it acquired PlayAI"). Places
    are compared as countries (watchlist.story_places)."""
    if earlier.published is None or later.published is None:
        return False
    if later.published.date() <= earlier.published.date():
        return False
    own = later.names - PLACE_WORDS
    # The earlier headline's words written as names ("Meta compra a PlayAI").
    other = {a for a in earlier.title_anchors if ":" not in a} - PLACE_WORDS
    if not own or not other & later.anchors or other & later.title_anchors:
        return False
    return not own & earlier.title_anchors and not names_in(own, earlier)


def decide(fa: StoryFeatures, fb: StoryFeatures, max_apart: timedelta) -> bool | None:
    """One story (True), two (False), or None: the shared anchors' rarity decides."""
    if fa.roundup or fb.roundup or fa.opinion or fb.opinion:
        return False  # a digest of the day's stories, or an analysis, is a story of its own
    if other_places(fa.title_places, fa.places, fb.title_places, fb.places):
        return False  # one company's investment in Thailand is not the one in Indonesia
    fa, fb = surnamed(fa, fb)
    if _confirms(fa, fb):
        return True  # "Meta in talks to invest in Scale AI" / "Meta invests in Scale AI"
    apart = abs(fa.published - fb.published) if fa.published and fb.published else None
    # One telling's headline may name the person, another's the company:
    # an event both tell, of what one headline names, links them too.
    if not fa.people & fb.people and not fa.title_names & fb.title_names:
        named = fa.people | fa.title_names | fb.people | fb.title_names
        if not any(who in named for _, who in fa.events & fb.events):
            return _unwatched_subject(fa, fb, apart)
    if apart is not None and apart > max_apart:
        return False
    if apart is None and other_years(fa, fb, max_apart):
        return False  # 2024's story is not 2025's
    if (
        fa.names
        and fb.names
        and not names_in(fa.names, fb)
        and not names_in(fb.names, fa)
        and not fa.money & fb.money  # "Germany" / "Alemanha": one amount, one deal
    ):
        return False  # "Meta buys PlayAI" and "Meta buys WaveForms"
    if _recalls_other_subject(fa, fb) or _recalls_other_subject(fb, fa):
        return False  # "Meta buys WaveForms", two days after it acquired PlayAI
    if (
        fa.money & fb.money
        and not fa.events & fb.events
        and (_other_party(fa, fb) or _other_party(fb, fa))
    ):
        return False  # "Nvidia invests $2 billion in xAI" / "... in Reflection AI"
    if fa.events and fb.events:
        # One event told twice, or two articles telling different events...
        if fa.events & fb.events:
            same = same_event(fa, fb, max_apart)
            if same is not False and (_recalled(fa, fb) or _recalled(fb, fa)):
                return None  # the anchors decide
            if same is not None:
                return same
            # Told alike only as who and what kind: one event when told the
            # same days. Days apart, an event read in passing ("Lumen, which
            # OpenAI released on Monday") is not enough on its own: the
            # anchors decide.
            return True if apart is None or apart <= SAME_TITLE_NAMES_APART else None
        # ...unless one deal was read two ways: the titles name the same
        # companies the same days, and the articles share an amount.
        same_deal = (
            len(fa.title_names) >= SAME_TITLE_COMPANIES
            and fa.title_names == fb.title_names
            and (apart is None or apart <= SAME_TITLE_NAMES_APART)
            and fa.money & fb.money
        )
        # ...or one launch credited to a person in one telling and to the
        # company in another: the same kind, and the anchors decide.
        same_kind = {k for k, _ in fa.events} == {k for k, _ in fb.events} == {"launch"}
        return None if same_deal or same_kind else False
    if fa.events or fb.events:
        told, untold = (fa, fb) if fa.events else (fb, fa)
        # A headline whose words tell another kind of story ("Kembali
        # Pimpin", a return) is not a retelling of the event (a firing) on
        # the names alone: the anchors decide.
        headline_events = [kind for kind, who in told.events if who in told.title_names]
        if headline_events and tells_another_kind(untold.kinds, headline_events):
            return None
        if (
            fa.title_names == fb.title_names
            and any(who in told.title_names for _, who in told.events)
            and (
                (apart is None or apart <= SAME_TITLE_NAMES_APART)
                and _retold_names(told, untold)
                or len(fa.title_names) >= SAME_TITLE_COMPANIES
            )
        ):
            return True  # a retelling whose event was missed: the same headline names
    return None


def anchor_score(
    fa: StoryFeatures, fb: StoryFeatures, held: int, df: Mapping[str, int], min_score: float
) -> float:
    """Evidence from shared anchors, weighted by their rarity among the `held`
    articles (`df`: how many of them have each anchor)."""
    fa, fb = surnamed(fa, fb)
    docs = max(held, IDF_FLOOR_DOCS)
    total = 0.0
    money = False
    for anchor in fa.anchors & fb.anchors:
        idf = math.log((docs + 1) / df[anchor])
        if anchor.startswith("url:"):
            total += idf * URL_WEIGHT
        elif anchor.startswith("money:"):
            total += idf * MONEY_WEIGHT
            money = True
        elif anchor.startswith("ent:"):
            total += idf * PASSING_WEIGHT
        else:
            total += idf
    apart = abs(fa.published - fb.published) if fa.published and fb.published else None
    titles = same_headline_names(fa, fb)
    same_titles = titles and (apart is None or apart <= SAME_TITLE_NAMES_APART)
    # A launch and the same days' first looks and reviews of what it
    # launched present one product as new under the same headline names
    # ("Anthropic's new Claude model ..." / "Anthropic's agent, tested: the
    # new Claude model ..."); a product named without that is in many of its
    # company's stories.
    if same_titles and fa.novel & fb.novel:
        return max(total, min_score)
    translated = translated_names(fa, fb)
    if translated:
        total += TRANSLATED_NAME_SCORE
    if same_titles and fa.kinds & fb.kinds:
        total += SAME_KIND_SCORE
    # A word each headline writes its own way: as much as a rare shared word,
    # when neither headline tells a kind of story the other does not (an
    # essay on superintelligence is not a product launch that names it).
    cognate = same_titles and fa.kinds == fb.kinds and cognate_words(fa, fb)
    if cognate:
        total += SAME_KIND_SCORE
    # A company in both titles needs a shared amount too, or a second
    # company in both titles the same days, or an unwatched person's full
    # name in both headlines ("OpenAI names Sarah Friar"), or a figure in both
    # ("Meta to cut 600 jobs" / "Meta PHK 600 Karyawan"; a share is not: a
    # follow-up quotes the stake the deal took). A shared product
    # ("ChatGPT", "Chrome") is not enough: a company's product is in many of
    # its stories.
    if not (
        shared_person(fa, fb)
        or money
        or same_titles
        and (
            len(titles) >= SAME_TITLE_COMPANIES
            or len(fa.names & fb.names) >= SAME_HEADLINE_NAME_WORDS
            or _figure_and_more(fa, fb)
            or translated
            or cognate
        )
    ):
        return 0.0
    # One rare word in both bodies ("Davos") is where a person spoke,
    # not what: alone, it does not make two interviews one story. Nor
    # does one product name ("Copilot") when a headline names what the
    # other article never mentions (a keynote's "GitHub", "Build", a
    # lawsuit's "Apple").
    pieces = [a for a in fa.anchors & fb.anchors if not a.startswith("ent:")]
    if len(pieces) == 1 and not pieces[0].startswith(("money:", "url:")):
        if (pieces[0] in fa.title_anchors) != (pieces[0] in fb.title_anchors) and len(
            titles
        ) < SAME_TITLE_COMPANIES:
            # What one headline about a person is about ("tells Senate") and
            # the other's body recalls ("days after his Senate testimony").
            return min(total, min_score / 2)
        if pieces[0] in ROLE_WORDS:
            return min(total, min_score / 2)
        if pieces[0] not in fa.names | fb.names:
            total = min(total, min_score / 2)
        elif names_unmentioned(fa, fb) or names_unmentioned(fb, fa):
            return min(total, min_score / 2)
    if same_titles and (
        total >= SAME_TITLE_NAMES_SCORE
        or fa.names & fb.names
        or len(titles) >= SAME_TITLE_NAMES_ALONE
    ):
        return max(total, min_score)
    return total
