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

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence

from watchlist.event_checks import Found, negated
from watchlist.event_choice import FOUNDING, Choice, choose_subject, listed_with, not_the_subject
from watchlist.event_clauses import relative_of_unwatched
from watchlist.event_details import find_amount, find_date
from watchlist.event_ellipsis import shared_by_ellipsis
from watchlist.event_keywords import Stem, keyword_hits
from watchlist.event_kinds import EVENT_KINDS, PERSON_EVENTS
from watchlist.event_moves import destination
from watchlist.event_record import Event, add_event, weight_of
from watchlist.event_refs import companies_before, company_referent, earlier_date, referent
from watchlist.event_roles import roles_of
from watchlist.matcher import Mention, fold
from watchlist.sentences import Sentences, split_sentences

__all__ = ["EVENT_KINDS", "PERSON_EVENTS", "Event", "find_events", "split_sentences"]

# Verbs that swap one employer for another: a hire and a departure at once.
_SWAPPING = ("troc", "swap")


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
                if found is None and not inside and fold(text[k_start:k_end]).startswith(FOUNDING):
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
            choice = choose_subject(text, kind, way, k_start, k_end, s_start, inside)
            if choice is None or not_the_subject(
                text, sentence, s_start, choice, inside, k_start, k_end
            ):
                continue
            shown = text[shown_from:s_end]  # verbatim: the reader finds it in the text
            _report(
                events,
                weights,
                text,
                sentences,
                span,
                (k_start, k_end),
                choice,
                shown,
                field_mentions,
                language,
            )
        # "Barret Zoph returned to OpenAI, as did Luke Metz": Metz too
        for event in shared_by_ellipsis(text, sentences, events, field_mentions):
            add_event(events, weights, event, weight_of(event) * 2)
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


def _report(
    events: list[Event],
    weights: list[int],
    text: str,
    sentences: Sentences,
    span: tuple[int, int],
    keyword: tuple[int, int],
    choice: Choice,
    shown: str,
    field_mentions: Sequence[Found],
    language: str | None,
) -> None:
    """Add the event a keyword tells of its chosen subject (and of the names
    listed with it), with the organisations, amount and date it says."""
    kind, chosen, pool, companies = choice.kind, choice.chosen, choice.pool, choice.companies
    (s_start, s_end), (k_start, k_end) = span, keyword
    sentence = text[s_start:s_end]
    amount = None
    if kind in ("funding", "acquisition"):
        amount = find_amount(sentence, k_start - s_start, language)
    date = find_date(sentence, k_start - s_start) or earlier_date(text, sentences, span)
    # A move whose sentence names no organisation happened where the
    # sentence before was: "... di OpenAI. Barret Zoph juga mundur".
    context = companies if companies or kind not in PERSON_EVENTS else None
    if context is None:
        context = companies_before(text, sentences, s_start, field_mentions)
        if kind == "hire" and chosen[0] >= k_end:
            # "Microsoft invested in OpenAI. It also hired Mustafa Suleyman": "it"
            # is the company the sentence before opens with, and it hires
            hirer = company_referent(text, sentences, span, k_start, field_mentions)
            if hirer is not None:
                context = [hirer[0]]
    for who in listed_with(text, pool, chosen):
        roles = roles_of(text, kind, who, context, k_start, k_end)
        event = Event(kind, who[2], shown, language, roles, amount, date)
        # Organisations the sentence itself names weigh more than borrowed ones.
        own = context is companies
        add_event(events, weights, event, weight_of(event) * 2 + (own and bool(roles)))
        source = dict(roles).get("from")
        target = destination(text, k_start, k_end, companies) if kind == "departure" else None
        if target is not None and target[2] != who[2]:
            # "left OpenAI to join Anthropic": a hire at the destination too
            came = (("to", target[2]),) + ((("from", source),) if source else ())
            joined = Event("hire", who[2], shown, language, came, None, date)
            add_event(events, weights, joined, weight_of(joined) * 2 + 1)
        if kind == "hire" and source and fold(text[k_start:k_end]).startswith(_SWAPPING):
            # "trocou a OpenAI pela Anthropic": the one left is a departure too
            left = Event("departure", who[2], shown, language, (("from", source),), None, date)
            add_event(events, weights, left, weight_of(left) * 2 + own)
