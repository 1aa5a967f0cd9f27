"""Sentences of an article, cut the way the event finder needs them: a period
after an abbreviation, an initial or an acronym does not end a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from watchlist.lexicon import words

_ABBREVIATIONS = words("""
    mr mrs ms dr dra prof sr sra jr st mt inc corp ltd co cos plc vs etc eg ie approx est
    jan feb mar apr jun jul aug sep sept oct nov dec gen gov sen rep fig no nos vol
    dll dkk dsb tbk pt bpk yth sdr av nº
    """)
# A run of end punctuation (with closing quotes/brackets) before whitespace,
# or a run of newlines. Written to open with one character class, which lets
# the regex engine skip to candidates in C; the plain alternation
# "[.!?…]+[...]*(?=\s)|\n+" is tried at every position and costs far more.
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=[.!?…])[.!?…]*[\"'”’»)\]]*(?=\s)|(?<=\n)\n*)")
# What may open a word before a period: "(U.S." is the word "U.S.".
_OPENING = "(\"'“‘"
_NEXT_CHAR = re.compile(r"\s*(\S)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of sentences. A period after a known abbreviation,
    an initial ("J. Smith") or an acronym ("U.S.") does not end a sentence, nor
    does one followed by a lower-case word."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if _ends_sentence(text, m):
            span = _trimmed(text, start, m.end())
            if span is not None:
                spans.append(span)
            start = m.end()
    span = _trimmed(text, start, len(text))
    if span is not None:
        spans.append(span)
    return spans


def _ends_sentence(text: str, boundary: re.Match[str]) -> bool:
    """Whether a boundary candidate ends a sentence, from the text around it
    alone: the word before a period never reaches back past the previous
    sentence end (that end is whitespace or follows a newline), so deciding
    does not depend on the boundaries before it."""
    at = boundary.start()
    if text[at] != ".":
        return True
    window = text[max(0, at - 24) : at]
    if not window or window[-1].isspace():
        # No word right before the period; after a newline, the newlines were
        # a sentence end of their own.
        word = ""
    else:
        # The window's last word without its opening quotes or brackets (one
        # character at least), found by str methods: a regex anchored at the
        # end is still tried from every start in the window.
        token = window.rsplit(None, 1)[-1]
        word = token.lstrip(_OPENING) or token[-1]
    if (
        word.lower() in _ABBREVIATIONS
        or (len(word) == 1 and word.isalpha())
        or ("." in word and len(word) <= 6)
    ):
        return False
    following = _NEXT_CHAR.match(text, boundary.end())
    return not (following and following.group(1).islower())


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """text[start:end] without surrounding whitespace, as a span; None if blank."""
    # str.strip() drops exactly the characters str.isspace() accepts, in C.
    piece = text[start:end]
    stripped = piece.lstrip()
    if not stripped:
        return None
    start += len(piece) - len(stripped)
    return start, start + len(stripped.rstrip())


class Sentences:
    """The sentence around a position, as split_sentences would cut it, deciding
    only the boundary candidates next to that position: an article has dozens
    of sentences and its few event keywords need two or three of them."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._candidates = list(_BOUNDARY.finditer(text))
        self._ends = [m.end() for m in self._candidates]
        self._decided: dict[int, bool] = {}

    def _ends_sentence(self, index: int) -> bool:
        decided = self._decided.get(index)
        if decided is None:
            decided = _ends_sentence(self._text, self._candidates[index])
            self._decided[index] = decided
        return decided

    def around(self, position: int) -> tuple[int, int] | None:
        """Span of the sentence holding the non-blank character at position."""
        after = bisect_right(self._ends, position)  # first candidate ending past it
        before = after - 1
        while before >= 0 and not self._ends_sentence(before):
            before -= 1
        while after < len(self._ends) and not self._ends_sentence(after):
            after += 1
        start = self._ends[before] if before >= 0 else 0
        end = self._ends[after] if after < len(self._ends) else len(self._text)
        return _trimmed(self._text, start, end)
