"""People-and-company events, from the keyword rules in watchlist.event_kinds,
sentence by sentence, in English, Indonesian and Portuguese (some Spanish).

Each keyword says which way its subject usually lies. "X resigned" has the
person before the verb, "pengunduran diri X" / "acquired by X" after it; the
event goes to the nearest watched mention in that direction, and to every
name listed with it ("Murati, McGrew and Zoph left"). People's kinds go to
people; company kinds to companies, else people ("Karpathy launches Eureka
Labs"), and a launched watched company is the launch's subject ("Murati
launched Thinking Machines Lab"). An acquisition goes to the buyer, funding
to the company funded: "Amazon invested $4 billion in Anthropic" is
Anthropic's, with Amazon as investor.

A keyword does not count when the sentence denies or doubts it: a negation
in the four words before it ("did not leave"), a hedge or denial earlier in
the sentence ("Rumors that ...", "is considering stepping down", "membantah"),
or a verdict after it ("... are false"). Nor when the name is not the
subject: "Sam Altman's brother Jack launched", "Jack Altman, brother of Sam
Altman, raised".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from watchlist.event_checks import (
    AFTER_WORDS,
    LIST_GLUE,
    TOKEN,
    Found,
    negated,
    plausible,
)
from watchlist.event_clauses import embedded_subject, relative_of_unwatched
from watchlist.event_details import find_amount, find_date
from watchlist.event_keywords import Stem, keyword_hits
from watchlist.event_kinds import EVENT_KINDS, PERSON_EVENTS
from watchlist.event_moves import destination
from watchlist.event_refs import (
    companies_before,
    company_referent,
    company_subject_between,
    earlier_date,
    referent,
)
from watchlist.event_roles import bought_person, roles_of
from watchlist.event_subjects import (
    KIN_BEFORE,
    possessor_not_subject,
    pronoun_subject_between,
    unwatched_subject,
)
from watchlist.matcher import Mention, fold
from watchlist.sentences import Sentences, split_sentences

__all__ = ["EVENT_KINDS", "PERSON_EVENTS", "Event", "find_events", "split_sentences"]


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # one of EVENT_KINDS
    entity_id: str
    sentence: str  # so the reader can show why
    language: str | None
    # Organisations by role ("from"/"to" for moves, "investor"/"target" for deals).
    roles: tuple[tuple[str, str], ...] = ()
    amount: str | None = None  # "USD:4000000000"
    date: str | None = None  # the event's own date: "2023", "2023-11", "2023-11-17"

    def details(self) -> dict[str, str]:
        """Roles, amount and date as one flat mapping, only those known."""
        found = dict(self.roles)
        if self.amount:
            found["amount"] = self.amount
        if self.date:
            found["date"] = self.date
        return found

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "entity_id": self.entity_id,
            "sentence": self.sentence,
            "language": self.language,
        }
        if self.roles:
            data["roles"] = dict(self.roles)
        if self.amount:
            data["amount"] = self.amount
        if self.date:
            data["date"] = self.date
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        return cls(
            data["kind"],
            data["entity_id"],
            data["sentence"],
            data.get("language"),
            tuple((data.get("roles") or {}).items()),
            data.get("amount"),
            data.get("date"),
        )


_PASSIVE_AGENT = re.compile(r"\b(?:by|oleh|por|pela|pelo)\s*$", re.IGNORECASE)


def _choose(
    candidates: Sequence[Found], way: str, k_start: int, k_end: int, strict: bool
) -> Found | None:
    before = [c for c in candidates if c[1] <= k_start]
    after = [c for c in candidates if c[0] >= k_end]
    nearest_before = max(before, key=lambda c: c[1]) if before else None
    nearest_after = min(after, key=lambda c: c[0]) if after else None
    if way == "object" or (way == "after" and strict):
        return nearest_after
    if way == "after":
        return nearest_after or nearest_before
    return nearest_before or nearest_after


def _listed_with(text: str, pool: Sequence[Found], chosen: Found) -> list[Found]:
    """The chosen mention and the names listed with it: "A, B and C left"."""
    ordered = sorted(pool)
    index = ordered.index(chosen)
    group = [chosen]
    for step in (-1, 1):
        j = index
        while 0 <= j + step < len(ordered):
            a, b = (ordered[j + step], ordered[j]) if step < 0 else (ordered[j], ordered[j + step])
            glue = LIST_GLUE.fullmatch(text, a[1], b[0])
            if glue is None or a[1] == b[0]:
                break
            j += step
            group.append(ordered[j])
    return group


# A backer named in a relative clause or apposition: "yang didukung
# Microsoft", "apoiada pela Microsoft", "backed by Microsoft".
_BACKED_BY = re.compile(
    r"(?:\b(?:didukung|disokong|dimiliki|backed\s+by|owned\s+by|funded\s+by)"
    r"|\b(?:apoiad[oa]|controlad[oa]|financiad[oa])\s+pel[oa])\s+$",
    re.IGNORECASE,
)
# Verbs that swap one employer for another: a hire and a departure at once.
_SWAPPING = ("troc", "swap")
# "mendirikan Safe Superintelligence": whoever founds it, the launch is the company's.
_FOUNDING = ("found", "co-found", "cofound", "mendirikan", "dirikan", "fundou", "fundar", "cofund")
# "into xAI's latest funding round", "joined xAI's $6 billion raise": the
# round is xAI's, the money too.
_ROUND_OF = re.compile(r"['’]s\s+(?:[\w$€£.,-]+\s+){0,3}(?:round|funding|raise)\b", re.IGNORECASE)
# English "founded" with no "has": news when its sentence dates it ("In 2023
# he founded DeepSeek"), else a biography's background.
_BARE_FOUNDED = re.compile(r"(?:co-?)?founded\s+(?-i:[A-Z])", re.IGNORECASE)
_FORMER = re.compile(
    r"\b(?:former|ex|eks|bekas|mantan|antig[oa])(?:-|\s+)(?:[\w-]+\s+){0,4}(?:d[aeo]\s+)?$",
    re.IGNORECASE,
)


def find_events(
    title: str,
    body: str,
    mentions: Sequence[Mention],
    language: str | None,
    stems: Mapping[str, Sequence[tuple[int, Stem]]] | None = None,
) -> list[Event]:
    """Events in title and body, each at most once per (kind, entity, sentence).
    `stems`: per field, the TRIGGER_STEMS found at word starts by the
    caller's own pass over the folded text (a field left out is searched here)."""
    events: list[Event] = []
    weights: list[int] = []  # how much each event's shown telling says
    for field, text in (("title", title or ""), ("body", body or "")):
        # (start, end, entity id) once per field, not per keyword.
        field_mentions = [(m.start, m.end, m.entity_id) for m in mentions if m.field == field]
        if not field_mentions:
            continue
        hits = keyword_hits(text, stems.get(field) if stems else None)
        if not hits:
            continue
        sentences = Sentences(text)
        # Mentions come in text order: a sentence's are found by bisection.
        starts = [c[0] for c in field_mentions]
        in_order = starts == sorted(starts)
        for kind, way, k_start, k_end in hits:
            span = sentences.around(k_start)
            if span is None or k_end > span[1]:
                continue
            s_start, s_end = span
            if in_order:
                candidates = field_mentions[
                    bisect_left(starts, s_start) : bisect_right(starts, s_end)
                ]
            else:
                candidates = field_mentions
            inside = [c for c in candidates if c[0] >= s_start and c[1] <= s_end]
            shown_from = s_start  # where the sentence shown as the reason starts
            if kind in PERSON_EVENTS and not any(c[2].startswith("person:") for c in inside):
                if relative_of_unwatched(text, s_start, k_start, inside):
                    continue  # "He replaces Daniel Gross, who left": Gross left
                # "He left OpenAI in 2025", "dewan direksi memecatnya"
                found = referent(text, sentences, span, (k_start, k_end), way, field_mentions)
                if found is not None:
                    inside = sorted([*inside, found[0]])
                    shown_from = found[1]
            elif kind not in PERSON_EVENTS and all(c[2].startswith("person:") for c in inside):
                found = company_referent(text, sentences, span, k_start, field_mentions)
                if found is None and not inside and fold(text[k_start:k_end]).startswith(_FOUNDING):
                    # "That year she co-founded World Labs": founders are people
                    found = referent(text, sentences, span, (k_start, k_end), way, field_mentions)
                if found is not None:
                    inside = sorted([*inside, found[0]])
                    shown_from = found[1]
            if not inside:
                continue
            sentence = text[s_start:s_end]
            if negated(sentence, k_start - s_start, k_end - s_start):
                continue
            people = [c for c in inside if c[2].startswith("person:")]
            companies = [c for c in inside if not c[2].startswith("person:")]
            if kind == "acquisition" and way == "before" and bought_person(text, k_end, inside):
                kind, way = "hire", "object"  # "Meta scoops up Scale AI's Alexandr Wang"
            strict = False
            if kind in PERSON_EVENTS:
                pool = people
            else:
                # "Bekas petinggi Tesla, Andrej Karpathy, meluncurkan": a former
                # employer launches nothing here
                pool = companies
                if kind == "launch":
                    pool = [c for c in companies if not _FORMER.search(text, s_start, c[0])]
                pool = pool or people
                strict = bool(companies) and way == "after" and kind != "launch"
                # "OpenAI yang didukung Microsoft mengunci pendanaan": the backer
                # in a relative clause or apposition is not the subject
                pool = [
                    c
                    for c in pool
                    if c[1] > k_start or not _BACKED_BY.search(text, max(s_start, c[0] - 24), c[0])
                ]
            if way == "before" and _PASSIVE_AGENT.search(text, k_start, k_end):
                # "The round was led by a16z, with NVIDIA": who follows "by" is the
                # agent, never the subject, so an unnamed subject means no event
                pool = [c for c in pool if c[1] <= k_start]
            chosen = _choose(pool, way, k_start, k_end, strict)
            subject = max((c for c in inside if c[1] <= k_start), key=lambda c: c[1], default=None)
            founding = fold(text[k_start:k_end]).startswith(_FOUNDING)
            if founding and AFTER_WORDS.search(text, max(s_start, k_start - 40), k_start):
                continue  # "setelah 20 tahun mendirikan Character.AI": background
            if kind == "launch" and (
                founding or (subject is not None and subject[2].startswith("person:"))
            ):
                # "Murati has launched Thinking Machines Lab": a person launching
                # a company founds it (a company launching one names a product).
                launched = [c for c in companies if k_end <= c[0] <= k_end + 30]
                if launched and len(TOKEN.findall(text, k_end, launched[0][0])) <= 3:
                    chosen = launched[0]
                elif founding and people:
                    # Companies do not found startups, people do: "Kevin Weil
                    # Tinggalkan OpenAI, Dirikan Startup Sains Sendiri".
                    pool = people
                    chosen = _choose(pool, way, k_start, k_end, False)
            if chosen is not None and chosen[1] <= k_start:
                # "researchers who worked with X joined": the head joined
                head = embedded_subject(text, s_start, chosen, inside, k_start)
                if head is not False:
                    chosen = head if head in pool else None
            if chosen is None or text[max(0, chosen[0] - 4) : chosen[0]].lower().endswith(
                ("ex-", "eks-", "ex ")
            ):
                continue  # "eks-OpenAI mendirikan ...": former staff, not the company
            if (
                chosen[1] <= k_start
                and (
                    pronoun_subject_between(text, chosen[1], k_start)
                    or possessor_not_subject(text, chosen[1], k_start)
                )
                # "Mistral AI's chief executive said the company had raised": it is Mistral
                and not (
                    not chosen[2].startswith("person:")
                    and company_subject_between(text, chosen[1], k_start)
                )
            ):
                continue
            if (
                chosen[0] >= k_end
                and text.startswith(("'s ", "’s "), chosen[1])
                and not _ROUND_OF.match(text, chosen[1])
            ):
                continue  # "hired Jan Leike's deputy": the deputy was hired
            if KIN_BEFORE.search(text, max(s_start, chosen[0] - 24), chosen[0]):
                continue  # "Adik Sam Altman, Jack Altman, mundur": the brother did
            if _BARE_FOUNDED.match(text, k_start) and (
                text[max(0, k_start - 4) : k_start].lower() == "who "
                or find_date(sentence, k_start - s_start) is None
            ):
                continue  # "X, who co-founded DeepMind", "co-founded SSI": background
            if not plausible(text, kind, way, chosen, inside, k_start, k_end):
                continue
            if kind == "leave" and AFTER_WORDS.search(text, max(s_start, k_start - 24), k_start):
                continue  # "returned after a sabbatical": the leave is over
            if chosen[2].startswith("person:") and unwatched_subject(
                text, s_start, chosen[0], inside
            ):
                continue
            amount = None
            if kind in ("funding", "acquisition"):
                amount = find_amount(sentence, k_start - s_start, language)
            date = find_date(sentence, k_start - s_start) or earlier_date(text, sentences, span)
            # A move whose sentence names no organisation happened where the
            # sentence before was: "... di OpenAI. Barret Zoph juga mundur".
            context = companies if companies or kind not in PERSON_EVENTS else None
            if context is None:
                context = companies_before(text, sentences, s_start, field_mentions)
            shown = text[shown_from:s_end]  # verbatim: the reader finds it in the text
            for who in _listed_with(text, pool, chosen):
                roles = roles_of(text, kind, who, context, k_start, k_end)
                event = Event(kind, who[2], shown, language, roles, amount, date)
                # Organisations the sentence itself names weigh more than borrowed ones.
                own = context is companies
                _add(events, weights, event, _weight(event) * 2 + (own and bool(roles)))
                source = dict(roles).get("from")
                target = (
                    destination(text, k_start, k_end, companies) if kind == "departure" else None
                )
                if target is not None and target[2] != who[2]:
                    # "left OpenAI to join Anthropic": a hire at the destination too
                    came = (("to", target[2]),) + ((("from", source),) if source else ())
                    joined = Event("hire", who[2], shown, language, came, None, date)
                    _add(events, weights, joined, _weight(joined) * 2 + 1)
                if kind == "hire" and source and fold(text[k_start:k_end]).startswith(_SWAPPING):
                    # "trocou a OpenAI pela Anthropic": the one left is a departure too
                    left = Event(
                        "departure", who[2], shown, language, (("from", source),), None, date
                    )
                    _add(events, weights, left, _weight(left) * 2 + own)
    # "disokong Google lewat putaran pendanaan": the investor raised nothing.
    investors = {(e.sentence, dict(e.roles).get("investor")) for e in events if e.kind == "funding"}
    # "is stepping away for a few weeks on medical leave": a leave, not a departure
    leaves = {(e.sentence, e.entity_id) for e in events if e.kind == "leave"}
    return [
        e
        for e in events
        if not (e.kind == "funding" and (e.sentence, e.entity_id) in investors)
        and not (e.kind == "departure" and (e.sentence, e.entity_id) in leaves)
    ]


def _agree(a: Event, b: Event) -> bool:
    """Two tellings in one article of one event: same kind and subject, no
    organisation in one role that differs, no date that differs."""
    if (a.kind, a.entity_id) != (b.kind, b.entity_id):
        return False
    if a.date and b.date and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    theirs = dict(b.roles)
    return all(theirs.get(role, entity) == entity for role, entity in a.roles)


def _weight(event: Event) -> int:  # how much a telling says
    return bool(event.date) * 4 + len(event.roles) * 2 + bool(event.amount)


def _add(events: list[Event], weights: list[int], event: Event, weight: int) -> None:
    """One event per subject, kind and organisations in an article, however
    many sentences tell it: the tellings' details are pooled, and the sentence
    shown is the one that says most."""
    for index, kept in enumerate(events):
        if not _agree(kept, event):
            continue
        shown = kept if weights[index] >= weight else event
        weights[index] = max(weights[index], weight)
        roles = dict(event.roles) | dict(kept.roles)
        dates = [d for d in (kept.date, event.date) if d]
        events[index] = replace(
            shown,
            roles=tuple(roles.items()),
            amount=kept.amount or event.amount,
            date=max(dates, key=len) if dates else None,
        )
        return
    events.append(event)
    weights.append(weight)
