"""Text folded for search: case and accents ignored, in every script.

"Início", "INICIO" and "inicio" fold alike, as do "segurança" and
"seguranca", "Straße" and "strasse", "ﬁ" and "fi". Case folding comes first
(it turns "İ" into "i" + a combining dot), then compatibility decomposition
splits accented letters into letter + mark, and the marks are dropped. Only
the marks that languages treat as optional accents go: Latin, Greek and
Cyrillic diacritics, Hebrew points, Arabic harakat. The vowel signs of Indic
and South-East Asian scripts are letters there, and are kept.
"""

from __future__ import annotations

import re
import unicodedata

_MARK_RANGES = (
    (0x0300, 0x036F),  # combining diacritical marks
    (0x0483, 0x0489),  # Cyrillic
    (0x0591, 0x05C7),  # Hebrew points and accents
    (0x064B, 0x065F),  # Arabic harakat
    (0x0670, 0x0670),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)
# Letters with no decomposition that people still type without the stroke.
_PLAIN = {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ı": "i", "æ": "ae", "œ": "oe", "ħ": "h"}

# Regular expressions rather than str.translate with a table: they run in C
# over the whole text, where a translate table is consulted per character.
_MARKS = re.compile("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in _MARK_RANGES) + "]+")
_PLAINS = re.compile("[" + "".join(_PLAIN) + "]")


def _fold_unicode(folded: str) -> str:
    # Decomposing can reveal capitals ("ℌ" is "H"), so fold case once more.
    plain = _MARKS.sub("", unicodedata.normalize("NFKD", folded).casefold())
    if _PLAINS.search(plain):
        plain = _PLAINS.sub(lambda found: _PLAIN[found.group()], plain)
    return plain


def fold(text: str) -> str:
    """`text` casefolded and without accents; plain ASCII costs one casefold."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return _fold_unicode(folded)


def fold_words(text: str) -> list[str]:
    """The folded words of `text` (folding can split a word, e.g. a lone accent).

    Word by word: news text is mostly ASCII with a few accented or curly-quoted
    words, and only those need decomposing."""
    words: list[str] = []
    for word in text.casefold().split():
        if word.isascii():
            words.append(word)
        else:
            words.extend(_fold_unicode(word).split())
    return words
