"""Function words that settle a text's language before lingua is asked.

Most articles are long enough to carry a dozen function words of their own
language and none of another's ("the", "of", "with"; "yang", "dengan";
"não", "uma", "pelo"); lingua costs more than all the rest of enrichment on
them and can only agree. Each list holds words of one language that are not
everyday words in the others, so a count is evidence for that language alone.
Only a clear majority decides: at least MIN_CUES words of one language and
MARGIN times more than of all the others together. Short or mixed texts
(titles, one-line summaries, quotes in another language) go to lingua.

Only English, Indonesian and Portuguese, the languages the feeds are in, are
decided here; the other lists only veto ("el", "der", "della" in the text).
"""

from __future__ import annotations

from collections.abc import Collection

_CUES = {
    "en": """the and of to is with that for it this by has have are from its said
        been which their they who would about after were not but than""",
    "id": """yang dan ini itu dengan untuk dari akan tidak dalam pada oleh juga
        sebagai telah sudah bahwa atau karena adalah menjadi lebih secara tersebut
        saat bisa ada kata kami mereka""",
    "pt": """não uma com em ao aos pela pelo pelos também foi são é na nas dos ele ela
        já disse após às à isso essa esse seu sua""",
    "es": "el los las del y con una pero más su sus al fue según muy ha han lo",
    "fr": """le les est une et dans pour pas qui sur au aux avec ce cette il elle
        sont ont été selon aussi leur""",
    "de": """der die das und ist nicht mit von den dem sich auf für ein eine einer zu
        auch wird wurde sind hat bei nach aus wie oder über noch nur""",
    "it": "il della che gli delle nel alla sono questo anche degli dei",
}
# A word in two lists would count for both: each word belongs to one language.
_LANGUAGE_OF: dict[str, str] = {}
for _language, _words in _CUES.items():
    for _word in _words.split():
        _LANGUAGE_OF[_word] = "" if _word in _LANGUAGE_OF else _language
_LANGUAGE_OF = {word: language for word, language in _LANGUAGE_OF.items() if language}

CUED = frozenset(_CUES)
DECIDED = frozenset({"en", "id", "pt"})
MIN_CUES = 4
MARGIN = 4


def obvious_language(text: str, languages: Collection[str]) -> str | None:
    """The language `text` is plainly in, when it is one of `languages` and
    DECIDED; None when lingua should judge. `languages` must all have cue
    lists, else a language without them could go unnoticed."""
    if not CUED.issuperset(languages):
        return None
    # Words as split at spaces: one with punctuation glued on ("said,") is
    # not counted, which only makes a decision rarer.
    # Most words are no cue: they are dropped in C before any counting.
    cues = list(filter(None, map(_LANGUAGE_OF.get, text.lower().split())))
    if not cues:
        return None
    counts: dict[str, int] = {}  # in order of first cue, so ties go to the first
    for language in cues:
        counts[language] = counts.get(language, 0) + 1
    best = max(counts, key=counts.__getitem__)
    top = counts[best]
    others = sum(counts.values()) - top
    if best in DECIDED and best in languages and top >= MIN_CUES and others * MARGIN <= top:
        return best
    return None
