"""Article language: the feed's declared language, else a plain majority of
one language's function words (watchlist.language_cues), else lingua's guess.

Lingua is restricted to the languages we expect: every language loaded adds
to its memory, and all 75 would cost several times what six do. High-accuracy
mode is kept because low-accuracy mode (trigrams only) gets short titles wrong
("Sam Altman dipecat" -> English, "Nvidia menjual chip" -> English), and a
title with a one-line summary is a common feed item.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

from watchlist.language_cues import obvious_language

BODY_PREFIX = 300  # characters of body used with the title
TITLE_PREFIX = 150
# Codes lingua knows (75 languages): a declared 'xx' outside them is junk.
_VALID_CODES = frozenset(lang.iso_code_639_1.name.lower() for lang in Language.all())
_TAG = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$")


def normalise_code(declared: str | None) -> str | None:
    """'en-US' / 'pt_BR' / 'ID' -> 'en' / 'pt' / 'id'; None if not ISO 639-1."""
    if not declared:
        return None
    found = _TAG.match(declared)
    if not found:
        return None
    code = found.group(1).lower()
    return code if code in _VALID_CODES else None


class LanguageDetector:
    """Thread-safe, lazily built detector for a fixed set of languages."""

    def __init__(
        self,
        languages: Sequence[str] = ("en", "id", "pt", "es", "fr", "de"),
        *,
        low_accuracy: bool = False,
    ) -> None:
        """`low_accuracy`: trigram models only, for whole articles (the seed files).
        They load far faster (lingua holds the GIL while it loads), and on a
        long text they pick the same language; short titles need
        the full models, which enrichment uses."""
        self._low_accuracy = low_accuracy
        codes = [normalise_code(code) for code in languages]
        if None in codes or len(codes) < 2:
            raise ValueError(f"need two or more ISO 639-1 codes, got {languages!r}")
        self._codes = frozenset(c for c in codes if c is not None)
        self._languages = [
            Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper()))
            for c in codes
            if c is not None
        ]
        self._detector = None
        self._lock = threading.Lock()

    def _get(self):  # -> lingua.LanguageDetector
        if self._detector is None:
            with self._lock:
                if self._detector is None:
                    builder = LanguageDetectorBuilder.from_languages(*self._languages)
                    if self._low_accuracy:
                        builder = builder.with_low_accuracy_mode()
                    self._detector = builder.build()
        return self._detector

    def detect(self, title: str, body: str, declared: str | None = None) -> str | None:
        """ISO 639-1 code, lower-case. A valid declared language wins; else
        detect on the title plus the start of the body; None if undecidable."""
        code = normalise_code(declared)
        if code is not None:
            return code
        # A "title" longer than a headline is a lead paragraph; lingua's cost
        # grows with length, and 150 + 300 characters decide any language.
        text = f"{(title or '')[:TITLE_PREFIX]}\n{(body or '')[:BODY_PREFIX]}".strip()
        if not any(c.isalpha() for c in text):
            return None
        # A text full of one language's function words needs no models.
        return obvious_language(text, self._codes) or self.guess(text)

    def guess(self, text: str) -> str | None:
        """Lingua's verdict on `text` as given, without the function-word test."""
        language = self._get().detect_language_of(text)
        return language.iso_code_639_1.name.lower() if language is not None else None


@lru_cache(maxsize=1)
def default_detector() -> LanguageDetector:
    """One detector per process for the default languages: its models are the
    biggest thing enrichment holds in memory, so workers should share it."""
    return LanguageDetector()
