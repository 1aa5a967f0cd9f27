"""Where a hedge before an event keyword is read: not in a fronted phrase
set off by a comma ("After weeks of speculation, Mira Murati left"), nor
in a relative aside between commas ("Microsoft, which may build its own
models, hired ..."), nor in a clause before "but" ("The talks collapsed,
but Google later hired ..."). Those words doubt something else; a hedge
heading the keyword's own clause ("Rumours that X left", "is considering
stepping down") still counts.
"""

from __future__ import annotations

import re

# A fronted adverbial phrase: an opener, then no clause break until a comma.
_FRONTED = re.compile(
    r"\s*[\"'“‘]?(?:after|following|amid|despite|ending|setelah|sesudah|usai|seusai"
    r"|di\s+tengah|meski(?:pun)?|mengakhiri|menyusul|depois\s+de|ap[oó]s|apesar\s+d[eoa]s?"
    r"|em\s+meio\s+a|encerrando)\b[^,;:]*,",
    re.IGNORECASE,
)
_ASIDE = re.compile(
    r",\s*(?:which|who|whose|where|que|yang|onde|cuj[oa]s?|o\s+qual|a\s+qual)\b[^,;:()]*,",
    re.IGNORECASE,
)
_CONTRAST = re.compile(
    r"(?:[,;]\s*|\s)(?:but|however|tetapi|tapi|namun|mas|por[eé]m|contudo)\b", re.IGNORECASE
)


def hedge_spans(sentence: str, keyword_start: int) -> list[tuple[int, int]]:
    """The spans of the sentence before the keyword whose words may doubt it."""
    start = 0
    fronted = _FRONTED.match(sentence, 0, keyword_start)
    if fronted is not None:
        start = fronted.end()
    for contrast in _CONTRAST.finditer(sentence, start, keyword_start):
        start = contrast.end()
    spans: list[tuple[int, int]] = []
    for aside in _ASIDE.finditer(sentence, start, keyword_start):
        spans.append((start, aside.start()))
        start = aside.end()
    spans.append((start, keyword_start))
    return spans
