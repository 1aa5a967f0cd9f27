"""Which characters right after an event keyword's stem rule out every rule
that stem starts, read off the rules' parsed regexes.

A stem is found at a word start of the folded text, and each of its rules is
then matched there. Most stems are everyday words or word starts ("to",
"was", "se" in "several") and most of their matches fail on the first few
characters after the stem, yet each try runs a large regex. The characters a
match can have just after the stem (and, when that is a space, just after
that space) are known from the regex alone, so a set lookup on the text can
skip the tries that cannot match.

The reading over-approximates, so it may let through a place where no rule
matches but never skips one where a rule does: the stem's own characters
may be any that fold to them, assertions and lookarounds are treated as
always true, and a construct it does not follow (a backreference, a
conditional) leaves the stem unfiltered.
"""

from __future__ import annotations

import re
import re._compiler as sre_compile  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
import sys
from array import array
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache
from string import printable
from typing import Any

from watchlist.textfold import fold

# The characters ruled out are looked for among these; any other is let through.
PROBES = tuple(sorted(set(printable) - set("\t\n\r\x0b\x0c")))
_MAX_STATES = 4000  # places in the regex one position may be at; beyond, no filter

_SINGLE = {sre_parse.LITERAL, sre_parse.NOT_LITERAL, sre_parse.IN, sre_parse.ANY}
_ZERO_WIDTH = {sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT}
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, sre_parse.POSSESSIVE_REPEAT}
_GROUPS = {sre_parse.SUBPATTERN, sre_parse.ATOMIC_GROUP}

# A continuation: the (op, argument, flags) items a match has still to get
# through, first first. A single-character item with its flags is an "element".
Item = tuple[Any, Any, int]
Element = tuple[Any, Any, int]
State = tuple[Item, ...]

# After this item anything may come: what a lookahead or a word boundary
# at the end of a regex leaves once its own condition is read.
_REST: Item = ("rest", None, 0)
_WORD = (sre_parse.CATEGORY, sre_parse.CATEGORY_WORD)
_WORD_CHAR: Element = (sre_parse.IN, [_WORD], re.UNICODE)
_NOT_WORD_CHAR: Element = (sre_parse.IN, [(sre_parse.NEGATE, None), _WORD], re.UNICODE)


class Unfollowed(Exception):
    """The regex uses a construct this reading does not follow."""


def _ends(tail: State) -> bool:
    """Whether nothing in `tail` consumes a character (the match may end)."""
    return all(op in _ZERO_WIDTH for op, _, _ in tail)


def _expand(
    rest: State, prev_word: bool | None, depth: int = 0
) -> Iterator[tuple[Element, State] | None]:
    """Each element the continuation may match next, with what follows it;
    None when the match may end here (anything may follow). `prev_word`:
    whether the character before is a word character (None: not known)."""
    if depth > 200:
        raise Unfollowed("nesting")
    if not rest:
        yield None
        return
    (op, av, flags), tail = rest[0], rest[1:]
    if op in _SINGLE:
        yield (op, av, flags), tail
    elif op == "rest":
        yield None
    elif op in _ZERO_WIDTH:
        # An assertion only narrows what may follow, so skipping it is safe;
        # at the end of a regex, what it asks of the next character is all
        # that is known of it ("lead\b(?=\s+...)", "left\b").
        ahead = [(a, f) for o, a, f in rest if o is sre_parse.ASSERT and a[0] == 1]
        if ahead and _ends(tail):
            (_, items), inner_flags = ahead[0]
            inner = tuple((o, a, inner_flags) for o, a in items) + (_REST,)
            yield from _expand(inner, prev_word, depth + 1)
        elif (
            _ends(tail)
            and op is sre_parse.AT
            and av is sre_parse.AT_BOUNDARY
            and prev_word is not None
            and not flags & re.ASCII
        ):
            yield (_NOT_WORD_CHAR if prev_word else _WORD_CHAR), (_REST,)
        else:
            yield from _expand(tail, prev_word, depth + 1)
    elif op in _GROUPS:
        if op is sre_parse.ATOMIC_GROUP:
            items, inner_flags = av, flags
        else:
            _, add, drop, items = av
            inner_flags = (flags | add) & ~drop
        yield from _expand(
            tuple((o, a, inner_flags) for o, a in items) + tail, prev_word, depth + 1
        )
    elif op is sre_parse.BRANCH:
        for alternative in av[1]:
            yield from _expand(
                tuple((o, a, flags) for o, a in alternative) + tail, prev_word, depth + 1
            )
    elif op in _REPEATS:
        low, high, items = av
        if high == 0:
            yield from _expand(tail, prev_word, depth + 1)
            return
        if low == 0:
            yield from _expand(tail, prev_word, depth + 1)
        fewer = high if high == sre_parse.MAXREPEAT else high - 1
        again = (op, (max(low - 1, 0), fewer, items), flags)
        body = tuple((o, a, flags) for o, a in items)
        yield from _expand(body + (again, *tail), prev_word, depth + 1)
    else:
        raise Unfollowed(str(op))


_ACCEPTS: dict[tuple[Any, str, int, tuple[str, ...]], frozenset[str]] = {}


def _accepted(element: Element, chars: tuple[str, ...]) -> frozenset[str]:
    """Those of `chars` the element matches, as the regex engine says."""
    op, av, flags = element
    key = (op, repr(av), flags, chars)
    found = _ACCEPTS.get(key)
    if found is None:
        state = sre_parse.State()
        state.flags = flags
        match = sre_compile.compile(sre_parse.SubPattern(state, [(op, av)])).fullmatch
        found = _ACCEPTS[key] = frozenset(c for c in chars if match(c) is not None)
    return found


def _key(state: State) -> tuple[Any, ...]:
    return tuple(
        (op, av[0], av[1], id(av[2]), flags) if op in _REPEATS else (op, id(av), flags)
        for op, av, flags in state
    )


class _FoldsTo:
    """Per folded character, every character of the first plane that folds
    to it: what the text may hold where a stem has that character. Folding
    is per character and keeps the length, and no character past the first
    plane lower-cases to one a stem spells. Stems spell a few dozen
    characters, so each is looked up in the folded plane when first asked
    for rather than the whole plane grouped up front."""

    def __init__(self) -> None:
        # Decoded from UTF-32 in one call: a chr() per code costs three times more.
        codes = array("I", range(0x10000))
        if sys.byteorder == "big":
            codes.byteswap()
        self._plane = fold(codes.tobytes().decode("utf-32-le", "surrogatepass"))
        self._found: dict[str, tuple[str, ...]] = {}

    def get(self, folded: str, default: Any = None) -> Any:
        found = self._found.get(folded)
        if found is None:
            chars = []
            at = self._plane.find(folded)
            while at != -1:  # the plane's index of a character is its code
                chars.append(chr(at))
                at = self._plane.find(folded, at + 1)
            found = self._found[folded] = tuple(chars)
        return found or default


@lru_cache(maxsize=1)
def _folds_to() -> _FoldsTo:
    return _FoldsTo()


def _step(
    states: list[State], chars: tuple[str, ...], prev_word: bool | None
) -> list[State] | None:
    """The continuations after one more character, any of `chars`; None when
    the match may already have ended (anything may follow)."""
    after: dict[tuple[Any, ...], State] = {}
    for state in states:
        for option in _expand(state, prev_word):
            if option is None:
                return None
            element, rest = option
            if _accepted(element, chars):
                after.setdefault(_key(rest), rest)
                if len(after) > _MAX_STATES:
                    raise Unfollowed("too many states")
    return list(after.values())


def _possible(states: list[State], prev_word: bool | None) -> set[str] | None:
    """Probe characters some state may match next; None: any may come."""
    possible: set[str] = set()
    for state in states:
        for option in _expand(state, prev_word):
            if option is None:
                return None
            possible |= _accepted(option[0], PROBES)
    return possible


@cache
def _parsed(regex: str) -> Any:
    # Rules are shared between stems; parsing is most of the reading's cost.
    return sre_parse.parse(regex, re.IGNORECASE)


@cache
def _word_like(chars: tuple[str, ...]) -> bool | None:
    """Whether each of the characters is a word character (True), none is
    (False), or some are (None)."""
    words = [re.match(r"\w", c) is not None for c in chars]
    return True if words and all(words) else False if not any(words) else None


def ruled_out(regexes: Sequence[str], stem: str) -> tuple[frozenset[str], frozenset[str]]:
    """(after, after_space): probe characters that, standing right after the
    stem (or right after a space that follows it), no match of any of the
    regexes (case-insensitive, matched where the stem starts) can have.
    Empty sets when that cannot be told."""
    nothing: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    # None once any regex may have anything there.
    first: set[str] | None = set()
    second: set[str] | None = set()
    folds = _folds_to()
    ends_word = _word_like(folds.get(stem[-1], (stem[-1],)))
    try:
        for regex in regexes:
            parsed = _parsed(regex)
            flags = parsed.state.flags
            states: list[State] | None = [tuple((o, a, flags) for o, a in parsed.data)]
            for index, char in enumerate(stem):
                if states is not None:
                    before = _word_like(folds.get(stem[index - 1], ())) if index else None
                    states = _step(states, folds.get(char, (char,)), before)
            if states is None:
                return nothing
            possible = _possible(states, ends_word)
            spaced = _step(states, (" ",), ends_word)
            later = _possible(spaced, False) if spaced is not None else None
            first = None if first is None or possible is None else first | possible
            second = None if second is None or later is None else second | later
    except Unfollowed:
        return nothing
    probes = frozenset(PROBES)
    return (
        probes - first if first is not None else frozenset(),
        probes - second if second is not None else frozenset(),
    )
