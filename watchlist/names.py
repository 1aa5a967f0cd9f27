"""Small readings of the text around a name: where sentences start, which
word is a given name, runs of capitalised words."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

_OPENERS = " \t\"'“”‘’«»([*•·–—-"
_SENTENCE_END = ".!?:;\n"
# Runs of capitalised words (hyphenated compounds kept whole), one space apart.
_UPPER = "A-ZÀ-ÖØ-Þ"
# The pattern starts with a character class so the regex engine can skip
# ahead quickly; the left word boundary is checked by the caller.
CAPITALISED_RUN = re.compile(
    rf"[{_UPPER}][^\W_]*(?:-[^\W_]+)*(?: [{_UPPER}0-9][^\W_]*(?:-[^\W_]+)*)*"
)


def at_sentence_start(text: str, index: int) -> bool:
    j = index - 1
    while j >= 0 and text[j] in _OPENERS:
        j -= 1
    return j < 0 or text[j] in _SENTENCE_END


def version_end(text: str, index: int) -> int:
    """End of a version number glued to a name: "Qwen2.5" -> after "5"."""
    n = len(text)
    while index < n and (
        text[index].isdigit()
        or (text[index] == "." and index + 1 < n and text[index + 1].isdigit())
    ):
        index += 1
    return index


def initials_match(text: str, start: int, length: int, alias: str) -> bool:
    """Each capitalised word of the alias starts with a capital in the text."""
    return all(text[start + i].isupper() for i in _initials(alias) if i < length)


def initial_offsets(alias: str) -> tuple[int, ...]:
    """Offsets of the capitals that start the alias's words, which
    initials_match reads."""
    return _initials(alias)


@lru_cache(maxsize=4096)  # a watchlist has a few dozen such aliases
def _initials(alias: str) -> tuple[int, ...]:
    """Offsets of the capitals that start the alias's words."""
    return tuple(i for i, c in enumerate(alias) if c.isupper() and (i == 0 or alias[i - 1] == " "))


def is_titlecase_word(word: str) -> bool:
    return len(word) >= 2 and word[0].isupper() and word[1:].replace("-", "").islower()


def close_given(given: str, first: str) -> bool:
    """Whether a written first name is a small misspelling of a known one."""
    if given[:1] != first[:1] or min(len(given), len(first)) < 4:
        return False
    return Levenshtein.distance(given, first, score_cutoff=2) <= 1


_SPACES = " \u00a0"
_NICK_CLOSE = ')”"»'
_NICK_OPEN = '(“"«'


def _word_before(text: str, end: int) -> tuple[str, int] | None:
    """The word separated from text[end:] by exactly one space, and its start."""
    space = end - 1
    if space < 1 or text[space] not in _SPACES:
        return None
    start = space
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    word = text[start:space]
    return (word, start) if word and word[0].isalpha() else None


def name_before(text: str, end: int) -> tuple[str, str | None, int] | None:
    """(given name, nickname, start) before a surname: 'William (Liam) Fedus'
    gives ('William', 'Liam', start of William); 'Jack Altman' ('Jack', None, ...).
    Scanned by hand: a regex anchored at the end retries every start position."""
    nick = None
    if end >= 3 and text[end - 1] in _SPACES and text[end - 2] in _NICK_CLOSE:
        close = end - 2
        low = max(0, close - 32)
        opened = max(text.rfind(c, low, close) for c in _NICK_OPEN)
        inner = text[opened + 1 : close].strip() if opened >= 0 else ""
        if not inner or "\n" in inner or any(c in inner for c in "()"):
            return None
        nick, end = inner, opened
    found = _word_before(text, end)
    if found is None:
        return None
    return found[0], nick, found[1]


# "Daniela and Dario Amodei", "Daniela dan Dario Amodei": two given names share
# the surname written once, after the second.
_JOINERS = (" and ", " dan ", " serta ", " e ", " y ", " & ")
_SHARED_SURNAME = re.compile(rf"([{_UPPER}][^\W\d_]+)\s*,?\s+(?:and|dan|serta|e|y|&)\s+$")


def given_sharing_surname(text: str, start: int) -> tuple[str, int] | None:
    """(given name, start) of a first name coordinated before the full name
    starting at `start`, which it shares the surname of."""
    if start < 6 or not text.endswith(_JOINERS, 0, start):
        return None  # most names have no "and" right before them
    found = _SHARED_SURNAME.search(text, max(0, start - 40), start)
    return (found.group(1), found.start(1)) if found else None
