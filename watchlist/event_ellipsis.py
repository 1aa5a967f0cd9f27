"""Events told once and given to someone else by ellipsis: "Barret Zoph
returned to OpenAI, as did Luke Metz", "Jan Leike joined Anthropic, and so
did John Schulman", "Mira Murati left OpenAI. So did Bob McGrew.", "voltou à
OpenAI, assim como Luke Metz", "hengkang dari OpenAI, begitu pula Bob
McGrew". The person after the marker shares the event of the clause before
it: its kind, organisations and date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from watchlist.event_kinds import PERSON_EVENTS
from watchlist.event_objects import Found
from watchlist.event_record import Event
from watchlist.sentences import Sentences

# Right before the person's name (at most one determiner between).
_MARKER = re.compile(
    r"(?:\b(?:as|and\s+so|so)\s+(?:did|has|have|had|was|were|will|does|is)"
    r"|\b(?:assim|tal)\s+como|\bbegitu\s+(?:pula|juga)(?:\s+dengan)?|\bseperti\s+halnya"
    r"|\bfollowed\s+by|\bseguid[oa]s?\s+(?:por|pel[oa])|\bdiikuti(?:\s+oleh)?)"
    r"\s+(?:the\s+|o\s+|a\s+)?$",
    re.IGNORECASE,
)
# Company kept in the same clause: "is returning to OpenAI together with Luke
# Metz", "kembali ke OpenAI bersama Luke Metz", "junto com Luke Metz"; not
# across a comma ("left OpenAI, where he worked together with X").
_WITH = re.compile(
    r"(?<![,;])\s+(?:together\s+with|along\s+with|bersama(?:-sama)?(?:\s+dengan)?"
    r"|(?:junto|juntamente)\s+com)\s+$",
    re.IGNORECASE,
)
# A clause break or a subordinate clause before the marker: the company kept
# belongs to another verb ("after working together with X").
_CLAUSE_BREAK = re.compile(
    r"[,;:()]|\b(?:after|before|when|while|where|who|which|that|since|setelah|sebelum|ketika"
    r"|saat|yang|sejak|depois|antes|quando|enquanto|onde|que|desde)\b",
    re.IGNORECASE,
)
# How far before the marker the event it repeats may be told.
_REACH = 300


def shared_by_ellipsis(
    text: str, sentences: Sentences, found: Sequence[Event], mentions: Sequence[Found]
) -> list[Event]:
    """Events of the people named right after an ellipsis marker, copied from
    the latest person event told before the marker."""
    told = [(text.find(e.sentence), e) for e in found if e.kind in PERSON_EVENTS]
    told = [(at, e) for at, e in told if at >= 0]
    if not told:
        return []
    shared: list[Event] = []
    for start, _end, who in mentions:
        if not who.startswith("person:") or text[start - 1 : start] not in (" ", "\u00a0"):
            continue
        marker = _MARKER.search(text, max(0, start - 40), start)
        if marker is None:
            marker = _WITH.search(text, max(0, start - 40), start)
            if marker is None:
                continue
            span = sentences.around(start)
            if span is None or _CLAUSE_BREAK.search(text, span[0], marker.start()) is not None:
                continue
        before = [
            (at, e)
            for at, e in told
            if marker.start() - _REACH <= at < marker.start() and e.entity_id != who
        ]
        if not before:
            continue
        event = max(before, key=lambda pair: pair[0])[1]
        span = sentences.around(start)
        shown = text[span[0] : span[1]] if span else event.sentence
        shared.append(replace(event, entity_id=who, sentence=shown))
    return shared
