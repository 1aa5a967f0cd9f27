"""Affiliation drift: the events say a watched person moved, feeds.toml does not.

A person's moves are their departure, fired and hire rows in the ledger,
newest first. The newest move that says anything about their affiliation
decides: joining the affiliation confirms it; joining somewhere else, or
leaving the affiliation, is drift. A hire whose company the same story also
has them leave ("left OpenAI ... to return as a founder" tagged as a hire at
OpenAI too) says nothing; being fired and hired back is a return. A move
with no date at all is no evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from core.ledger import LedgerRow
from watchlist.entities import entity_id

MOVES = ("departure", "fired", "hire")


@dataclass(frozen=True, slots=True)
class Drift:
    person: str  # entity id
    affiliation: str  # as feeds.toml says it
    left: str | None  # company id they left, when the events say so
    joined: str | None  # company id they joined: the new affiliation, if known
    evidence: LedgerRow


def affiliation_drift(
    person: str, affiliation: str | None, rows: Iterable[LedgerRow]
) -> Drift | None:
    """The drift the person's newest telling move shows, or None."""
    if not affiliation:
        return None
    current = entity_id("company", affiliation)
    # A move with no date at all (neither the event's nor its article's) cannot
    # be placed against what the file says: old news retold undated is no drift.
    moves = [row for row in rows if row.who == person and row.kind in MOVES and row.date]
    # Newest first; on one date, a hire before a departure: "joined Anthropic
    # after leaving OpenAI" ends at Anthropic.
    first_of_date: dict[str | None, int] = {}
    for index, row in enumerate(moves):
        first_of_date.setdefault(row.date, index)
    moves.sort(key=lambda row: (first_of_date[row.date], row.kind != "hire"))
    # Only leaving, not being fired: "fired ... and back five days later" is a return.
    left_in_story = {
        (story_member, row.role("from"))
        for row in moves
        if row.kind == "departure"
        for story_member in row.article_ids
    }
    for row in moves:  # newest first, as the ledger orders them
        if row.kind == "hire":
            joined = row.role("to")
            if joined is None:
                continue
            if any((member, joined) in left_in_story for member in row.article_ids):
                continue  # the same telling has them leave it: not a move
            if joined == current:
                return None
            return Drift(person, affiliation, row.role("from"), joined, row)
        if row.role("from") == current:
            return Drift(person, affiliation, current, None, row)
    return None
