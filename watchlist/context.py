"""Context checks the matcher uses to tell a name from the same letters used
otherwise: inside a web address, in an all-caps headline, at a sentence start
where capitals say nothing, or in an article with nothing about technology.

Each check looks at a few characters or words around one hit, so they cost
nothing unless a hit needs them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from watchlist.hits import ANY_SIGNAL, NO_SIGNAL
from watchlist.lexicon import (
    COMMON_WORDS,
    COMPOUND_SUFFIXES,
    INDUSTRY_WORDS,
    NOUN_CONNECTORS,
    ORG_VERBS,
    SENSE_CUES,
    words,
)
from watchlist.names import at_sentence_start, is_titlecase_word

_ADDRESS_GLUE = "./@:"
# Characters next to a name that may make it part of an address.
ADDRESS_BEFORE = _ADDRESS_GLUE + "#/"
ADDRESS_AFTER = _ADDRESS_GLUE + "/"
_DOMAIN = re.compile(r"[a-z0-9-]+\.[a-z]{2,}(?:/|$)", re.IGNORECASE)
_TRAILING = ".,;:!?)]}\"'”’»"


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The whitespace-delimited token holding text[start:end]."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    n = len(text)
    while right < n and not text[right].isspace():
        right += 1
    while right > end and text[right - 1] in _TRAILING:
        right -= 1
    return left, right


def in_address(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] sits inside a URL, a domain or an e-mail
    address ("openai.com", "press@openai.com", "blog.google",
    "huggingface.co/deepseek-ai") rather than in running text. A hashtag or
    handle spelled as the name ("#OpenAI", "@OpenAI") still names it, and so
    does a name whose own spelling has a dot ("Character.AI")."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before not in ADDRESS_BEFORE and after not in ADDRESS_AFTER:
        return False
    if before == "#":
        return False
    if before == "@":
        # press@openai.com is an address; a lone @OpenAI is the account.
        return start >= 2 and (text[start - 2].isalnum() or text[start - 2] in "._-")
    if before == "." and start >= 2 and text[start - 2].isalnum():
        return True  # a domain label: blog.google, nvidianews.nvidia.com
    if after == "@":
        return True
    if after in ".:" and end + 1 < len(text) and text[end + 1].isalnum():
        return True  # openai.com, huggingface.co
    left, right = _token_bounds(text, start, end)
    token = text[left:right]
    if (left, right) == (start, end):
        return False
    return "://" in token or token.lower().startswith("www.") or bool(_DOMAIN.search(token))


def caps_context(text: str, start: int, end: int, reach: int = 40) -> bool:
    """Whether the words around a hit are in capitals (an all-caps headline),
    so a name's usual casing cannot be expected."""
    window = text[max(0, start - reach) : start] + " " + text[end : end + reach]
    letters = [c for c in window if c.isalpha()]
    if len(letters) < 6:
        return False
    upper = sum(1 for c in letters if c.isupper())
    return upper >= 0.85 * len(letters)


_WORD = re.compile(r"[^\W\d_]+(?:['’][a-z]+)?")


_REACH = 40  # characters title_case_context reads on either side


def title_case_context(text: str, start: int, end: int, reach: int = _REACH) -> bool:
    """Whether the words around a hit are all capitalised (a Title Case
    headline: "Amazon Suntik Anthropic Rp 60 Triliun"), so a capital before a
    name says nothing about a longer name. Short words ("di", "of") may not be."""
    # Newlines are looked for within reach only: a body without any would
    # otherwise be read to both ends for every name in it.
    line_start = text.rfind("\n", max(0, start - reach), start) + 1
    line_end = text.find("\n", end, end + reach)
    stop = end + reach if line_end == -1 else line_end
    window = text[max(line_start, start - reach) : start] + " " + text[end:stop]
    # Running text fails at its first long lower-case word: no need to read on.
    long_words = 0
    for found in _WORD.finditer(window):
        word = found.group()
        if len(word) >= 4:
            if not (is_titlecase_word(word) or word.isupper()):
                return False
            long_words += 1
    return long_words >= 3


def next_words(text: str, end: int, count: int, stop: str = ".!?;\n") -> list[str]:
    """Up to `count` words after `end`, within the sentence."""
    limit = min(len(text), end + 120)
    marks = _SENTENCE_STOPS if stop == ".!?;\n" else _stop_marks(stop)
    found = marks.search(text, end, limit)
    if found is not None:
        limit = found.start()
    return _WORD.findall(text, end, limit)[:count]


@lru_cache(maxsize=16)
def _stop_marks(stop: str) -> re.Pattern[str]:
    # One search for the first of the marks rather than one find per mark.
    return re.compile("[" + re.escape(stop) + "]")


_SENTENCE_STOPS = _stop_marks(".!?;\n")  # the default, without the cache lookup


def word_before(text: str, start: int) -> str | None:
    """The word just before `start`, across spaces only (not punctuation)."""
    j = start - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    if j < 0 or j == start - 1:
        return None
    k = j
    while k >= 0 and (text[k].isalnum() or text[k] in "-'’"):
        k -= 1
    word = text[k + 1 : j + 1]
    return word or None


def acts_like_company(following: list[str]) -> bool:
    """The word after a sentence-opening name reads as its verb ("Mistral
    released", "Meta mengumumkan", "A Meta anunciou"), as a company's would."""
    if not following:
        return False
    word = following[0].casefold()
    if word in ORG_VERBS:
        return True
    if word.endswith("'s") or word.endswith("’s"):
        return True
    first = following[0]
    if first[:1].isupper() and first.casefold() not in COMMON_WORDS:
        return True  # a brand or product after it: "Amazon Prime", "Intel Corp"
    # English past tense and third person; Indonesian active/passive verb
    # prefixes; Portuguese preterite. Lower-case words only: a capitalised
    # follower is a name ("Apple Intelligence"), judged elsewhere.
    if not following[0][:1].islower():
        return False
    if len(word) >= 5 and word.endswith(("ed", "s")) and not word.endswith(("ss", "us", "is")):
        return True  # "Anthropic appoints", "Mistral released"
    if len(word) >= 6 and word.startswith(("meng", "mem", "men", "me", "di", "ber")):
        return True
    return len(word) >= 5 and word.endswith(("ou", "iu"))


_SIGNAL = re.compile(r"[A-Za-zÀ-ÿ]+")
_UPPER_SIGNALS = words("AI IA GPU GPUs LLM LLMs CEO CTO")


def industry_signal(*texts: str) -> bool:
    """Whether an article talks about technology or business at all: a
    sentence-opening "Intel" or a bare surname in a football report is not ours."""
    for text in texts:
        for word in _SIGNAL.findall(text):
            if word in _UPPER_SIGNALS or word.casefold() in INDUSTRY_WORDS:
                return True
    return False


def running_word_before(text: str, start: int, before: str | None) -> bool:
    """Whether `before` (word_before(text, start)) is a lower-case word of four
    letters or more one space before `start`: running text, where
    title_case_context stops, as it does for most names."""
    return (
        before is not None
        and 4 <= len(before) < _REACH
        and before.isalpha()
        and before.islower()
        and text.startswith(before, start - 1 - len(before))
    )


def common_sense(text: str, start: int, end: int, alias: str) -> int | None:
    """None when an everyday-word alias is used as the everyday word, else
    how much the article must be about technology for it to count."""
    if text[end : end + 1] == "-" and text[end + 1 : end + 2].islower():
        suffix = next_words(text, end + 1, 1)
        if not suffix or suffix[0].casefold() not in COMPOUND_SUFFIXES:
            return None  # "Meta-analysis", "Apple-flavoured"; not "Meta-backed"
    before = word_before(text, start)
    cues = SENSE_CUES.get(alias.casefold())
    # The words after are read only when a cue or a sentence start needs them.
    following = None
    if cues:
        folded = before.casefold() if before is not None else ""
        if folded in cues and folded not in COMMON_WORDS:
            return None  # "hutan Amazon"
        following = next_words(text, end, 6)
        if not cues.isdisjoint(map(str.casefold, following)):
            return None  # "Apple pie", "the Mistral, a cold wind"
    if before is not None and before[0].isdigit():
        return None  # a unit: "7 Tesla"
    if not at_sentence_start(text, start) and (
        running_word_before(text, start, before) or not title_case_context(text, start, end)
    ):
        if (
            before
            and is_titlecase_word(before)
            and before.casefold() not in COMMON_WORDS
            and not before.endswith(("'s", "’s"))
        ):
            # Mid-sentence after another capitalised word: a longer
            # proper name ("Nikola Tesla"), unless that word opens the sentence.
            j = start - len(before) - 1
            if not at_sentence_start(text, max(0, j)):
                return None
        return NO_SIGNAL
    # Opening a sentence, the capital says nothing: "Meta de vendas" is
    # the noun; "Meta says" is the company; else the article decides.
    if following is None:
        following = next_words(text, end, 6)
    first = following[0] if following else ""
    if text[end : end + 1] in " \u00a0" and first in NOUN_CONNECTORS:
        return None
    if acts_like_company(following) or text[end : end + 1] in "'’":
        return NO_SIGNAL
    return ANY_SIGNAL
