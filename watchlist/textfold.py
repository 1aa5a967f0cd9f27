"""Folded text: lower-cased, accents and punctuation variants flattened, and
the same length as the original, so offsets found in it hold in the original."""

from __future__ import annotations

import re
from functools import lru_cache

from watchlist.entities import strip_accents

_PUNCT = {ord(c): "'" for c in "\u2018\u2019\u02bc\u2032`\u00b4"}
_PUNCT.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
_PUNCT.update({ord(c): " " for c in "\u00a0\u2007\u202f\t\n\r"})


def _fold_table() -> dict[int, str]:
    table = dict(_PUNCT)
    for code in range(0xC0, 0x250):
        base = strip_accents(chr(code))
        if len(base) == 1 and base.isascii() and base.isalpha():
            table[code] = base
    return table


_FOLD = _fold_table()
# Finding the few characters to change and replacing each kind with
# str.replace is much faster than str.translate with a dict table, which
# looks up every character, or re.sub, which calls back per occurrence. The
# replacements are never themselves replaced, so the order does not matter.
_FOLD_CHARS = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_FOLD)) + "]")


@lru_cache(maxsize=16)  # the matcher and the event finder fold the same text
def fold(text: str) -> str:
    """Lower-case, accent- and punctuation-flattened text of the same length."""
    flat = text
    for char in set(_FOLD_CHARS.findall(text)):
        flat = flat.replace(char, _FOLD[ord(char)])
    folded = flat.lower()
    if len(folded) == len(text):
        return folded
    # A few characters lower-case to two ("İ"); keep them so offsets hold.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in flat)


def normalise_punct(text: str) -> str:
    return text.translate(_PUNCT)


def compact(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())
