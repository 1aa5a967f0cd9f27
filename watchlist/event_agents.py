"""The maker named as the agent of a launch told in the passive or as a
noun: "R1, released by DeepSeek", "o R1, lançado pela DeepSeek", "R1 yang
dirilis DeepSeek", "Peluncuran R1 oleh DeepSeek". The subject of such a
keyword is after it, whoever else the sentence names before it ("Nvidia
praised R1, released by DeepSeek" is DeepSeek's launch, not Nvidia's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watchlist.event_objects import Found
from watchlist.lexicon import words
from watchlist.textfold import fold

# Launches told as nouns, which may name the product before the agent.
_LAUNCH_NOUNS = words("launch release debut lancamento estreia peluncuran perilisan")
_PARTICIPLE_ENDS = ("ed", "ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas")
_AGENT_NEXT = re.compile(r"\s+(?:by|oleh|pela|pelo|por)\s+(?:the\s+)?", re.IGNORECASE)
# "o lançamento do R1, da DeepSeek": a Portuguese noun names its maker with "da".
_NOUN_THEN_AGENT = re.compile(
    r"(?:\s+[^\s,;.]+){0,4}?(?:\s+(?:by|oleh|pela|pelo|por)|,?\s+d[ao])\s+(?:the\s+)?",
    re.IGNORECASE,
)
# What a company's possessive may own and still be the launch's maker: not
# its people ("OpenAI's former CTO launched a startup").
_PEOPLE = words("""
    ceo cto cfo coo chief founder co-founder cofounder executive executives head president
    chair chairman scientist scientists researcher researchers engineer engineers staff
    employees employee former ex alumni boss team veteran veterans investor investors
    partner partners rival rivals
    """)
_POSSESSIVE = re.compile(r"['’]s\s")


def passive_agent(text: str, k_start: int, k_end: int, companies: Sequence[Found]) -> Found | None:
    """The watched company named as the agent right after a passive or
    nominal launch keyword, else None."""
    keyword = fold(text[k_start:k_end]).split()
    if not keyword:
        return None
    word = keyword[-1]
    noun = word in _LAUNCH_NOUNS
    indonesian_passive = word.startswith("di") and len(word) > 5
    if not (noun or indonesian_passive or word.endswith(_PARTICIPLE_ENDS)):
        return None
    after = [c for c in companies if c[0] >= k_end]
    if not after:
        return None
    agent = min(after)
    if noun:
        found = _NOUN_THEN_AGENT.fullmatch(text, k_end, agent[0])
    else:
        found = _AGENT_NEXT.fullmatch(text, k_end, agent[0])
        if found is None and indonesian_passive and not text[k_end : agent[0]].strip():
            return agent  # "R1 yang dirilis DeepSeek": the agent follows, no "oleh"
    return agent if found is not None else None


def owns_launched_product(text: str, name_end: int, k_start: int) -> bool:
    """A company's possessive owning the product a launch keyword launched:
    "DeepSeek's R1, released last week", "Google's new Gemini model launched"."""
    if not _POSSESSIVE.match(text, name_end):
        return False
    between = [w.lower() for w in re.findall(r"[\w'-]+", text[name_end + 3 : k_start])]
    return len(between) <= 6 and _PEOPLE.isdisjoint(between)
