"""Every event kind, declared once: its name, its label on screen, whom it
goes to, its trigger words (watchlist.event_triggers_people, _hire and
watchlist.event_triggers_deals, by language) and an example sentence per
language. To add a kind, add its row here and its triggers there.

The tagger (watchlist.events), the dashboard's labels and the evaluation all
read this table; a test checks that each kind's example fires in each
language and that no trigger belongs to two kinds.

Kinds are tried in table order and, within a kind, triggers in order: a later
match overlapping an earlier one is dropped, so "buys a 49% stake" is funding,
not an acquisition, because funding comes first.
"""

from __future__ import annotations

from dataclasses import dataclass

import watchlist.event_triggers_constructions as constructions
import watchlist.event_triggers_deal_constructions as deal_constructions
import watchlist.event_triggers_newswire as newswire
import watchlist.event_triggers_wording as wording
from watchlist.event_trigger import Trigger, Triggers
from watchlist.event_triggers_deals import ACQUISITION, FUNDING, LAUNCH
from watchlist.event_triggers_hire import HIRE
from watchlist.event_triggers_people import DEPARTURE, FIRED, LEAVE
from watchlist.event_triggers_wording import with_wording

__all__ = ["BY_NAME", "EVENT_KINDS", "KINDS", "LANGUAGES", "PERSON_EVENTS", "EventKind", "Trigger"]

LANGUAGES = ("en", "id", "pt")


@dataclass(frozen=True, slots=True)
class EventKind:
    name: str
    label: str  # shown in the dashboard
    subject: str  # "person": goes to people only; "company": companies, else people
    triggers: Triggers  # by language ("es" is best effort)
    examples: dict[str, str]  # one sentence per language that must fire this kind


KINDS: tuple[EventKind, ...] = (
    EventKind(
        "leave",
        "On leave",
        "person",
        with_wording(LEAVE, wording.LEAVE),
        {
            "en": "Greg Brockman is taking a leave of absence from OpenAI.",
            "id": "Greg Brockman mengambil cuti panjang dari OpenAI.",
            "pt": "Greg Brockman tirou licença da OpenAI.",
        },
    ),
    EventKind(
        "departure",
        "Left",
        "person",
        with_wording(
            with_wording(with_wording(DEPARTURE, wording.DEPARTURE), newswire.DEPARTURE),
            constructions.DEPARTURE,
        ),
        {
            "en": "Mira Murati left OpenAI in September.",
            "id": "Jan Leike mengundurkan diri dari OpenAI.",
            "pt": "Mira Murati deixou a OpenAI.",
        },
    ),
    EventKind(
        "fired",
        "Fired",
        "person",
        with_wording(
            with_wording(with_wording(FIRED, wording.FIRED), newswire.FIRED),
            constructions.FIRED,
        ),
        {
            "en": "OpenAI ousts Sam Altman as chief executive.",
            "id": "Sam Altman dipecat dari OpenAI.",
            "pt": "O conselho da OpenAI demite Sam Altman.",
        },
    ),
    EventKind(
        "hire",
        "Hired",
        "person",
        with_wording(
            with_wording(with_wording(HIRE, wording.HIRE), newswire.HIRE), constructions.HIRE
        ),
        {
            "en": "Mustafa Suleyman joined Microsoft to lead consumer AI.",
            "id": "Jan Leike bergabung dengan Anthropic.",
            "pt": "A OpenAI recontratou Barret Zoph.",
        },
    ),
    EventKind(
        "funding",
        "Funding",
        "company",
        with_wording(
            with_wording(with_wording(FUNDING, wording.FUNDING), newswire.FUNDING),
            deal_constructions.FUNDING,
        ),
        {
            "en": "Amazon invested $4 billion in Anthropic.",
            "id": "Anthropic meraih pendanaan US$13 miliar.",
            "pt": "A Anthropic captou US$ 13 bilhões.",
        },
    ),
    EventKind(
        "launch",
        "Launch",
        "company",
        with_wording(with_wording(LAUNCH, wording.LAUNCH), constructions.LAUNCH),
        {
            "en": "Anthropic launches a new Claude model.",
            "id": "OpenAI meluncurkan model baru.",
            "pt": "A Meta lançou um novo modelo Llama.",
        },
    ),
    EventKind(
        "acquisition",
        "Acquisition",
        "company",
        with_wording(
            with_wording(with_wording(ACQUISITION, wording.ACQUISITION), newswire.ACQUISITION),
            deal_constructions.ACQUISITION,
        ),
        {
            "en": "Nvidia acquired Run:ai for about $700 million.",
            "id": "Nvidia mengakuisisi Run:ai.",
            "pt": "A Twilio comprou a Segment em 2020.",
        },
    ),
)

BY_NAME: dict[str, EventKind] = {kind.name: kind for kind in KINDS}
EVENT_KINDS: tuple[str, ...] = tuple(kind.name for kind in KINDS)
PERSON_EVENTS: frozenset[str] = frozenset(k.name for k in KINDS if k.subject == "person")


def label(kind: str) -> str:
    """The on-screen label of an event kind (the name itself if unknown)."""
    found = BY_NAME.get(kind)
    return found.label if found else kind


def rules() -> list[tuple[str, Trigger]]:
    """(kind, trigger) in the order they are tried."""
    return [
        (kind.name, trigger)
        for kind in KINDS
        for language in sorted(kind.triggers, key=lambda code: (code not in LANGUAGES, code))
        for trigger in kind.triggers[language]
    ]
