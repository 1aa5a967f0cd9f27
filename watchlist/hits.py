"""What the matcher finds: mentions, and the patterns and hits behind them."""

from __future__ import annotations

from dataclasses import dataclass

FIELDS = ("title", "body")
FIELD_ORDER = {field: index for index, field in enumerate(FIELDS)}


@dataclass(frozen=True, slots=True)
class Mention:
    entity_id: str
    start: int
    end: int  # exclusive
    surface: str
    field: str  # "title" | "body"
    fuzzy: bool = False


_NEW = object.__new__
_SET_MENTION = tuple(
    getattr(Mention, name).__set__
    for name in ("entity_id", "start", "end", "surface", "field", "fuzzy")
)


def mention(entity_id: str, start: int, end: int, surface: str, field: str, fuzzy: bool) -> Mention:
    """Mention(...) built through its slots: a frozen dataclass's __init__ sets
    each field through object.__setattr__, which costs several times more,
    and an article has dozens of mentions. The result is an ordinary Mention."""
    made = _NEW(Mention)
    set_id, set_start, set_end, set_surface, set_field, set_fuzzy = _SET_MENTION
    set_id(made, entity_id)
    set_start(made, start)
    set_end(made, end)
    set_surface(made, surface)
    set_field(made, field)
    set_fuzzy(made, fuzzy)
    return made


@dataclass(frozen=True, slots=True)
class Pattern:
    entity_id: str
    alias: str  # as written, punctuation-normalised
    surname: bool  # a bare surname: needs the full name elsewhere
    case_sensitive: bool
    ambiguous: bool  # an everyday word: context rules apply
    # Several capitalised words ("Open AI", "Hugging Face"): each must start
    # with its capital, so "open AI" and "a hugging face emoji" are not names.
    initials: bool = False


# How much an article must show that it is about technology or business for
# a hit to count: nothing, a telling word or another watched name, or another
# watched name only (an all-caps "XAI" next to the words "explainable AI").
NO_SIGNAL, ANY_SIGNAL, ENTITY_SIGNAL = 0, 1, 2


@dataclass(slots=True)
class Hit:
    field: str
    start: int
    end: int
    patterns: tuple[Pattern, ...]
    fuzzy: bool = False
    needs: int = NO_SIGNAL
