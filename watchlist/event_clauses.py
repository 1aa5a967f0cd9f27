"""Whether a name before an event keyword sits inside a phrase that modifies
some other subject: a relative clause ("researchers who worked with X
joined", "peneliti yang bekerja dengan X", "pesquisadores que trabalharam
com X"), an agent phrase ("a team led by X left") or a group "of" phrase
("former colleagues of X", "people close to X", "rekan kerja X"). The verb
after such a phrase belongs to its head, not to the name inside it; when the
head is itself a watched name ("Murati, who worked with X, left"), that name
is the subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watchlist.event_checks import TOKEN, Found
from watchlist.lexicon import words

# A relative pronoun, then at least one word before the name: "who worked
# with X" has its subject gap before the name, while "the startup that X
# founded" has X as the clause's own subject, and "said that X left" is a
# reported clause, not a relative one.
_RELATIVE = re.compile(
    r"\b(?P<pronoun>who|that|yang|que)\s+(?P<words>(?:[^\W\d_][\w'’-]*\s+){1,8})$",
    re.IGNORECASE,
)
# "that" and "que" also open reported clauses: only after a noun for people
# or groups ("engineers that", "pesquisadores que") is the clause relative.
_GROUP_HEAD = re.compile(
    r"(?:[^\W\d_]+(?:ers|ors|ists|ees|ives|ants|ians|dores|eiros|istas|ivos|ários|arios)"
    r"|people|staff|team|group|colleagues|members|others|those|pessoas|equipe|grupo|time"
    r"|membros|colegas|outros|aqueles)",
    re.IGNORECASE,
)
# Nouns of reports and rumours take a "that" clause: "rumors that X left".
_REPORT_HEADS = words("rumors rumours reports claims speculation boatos rumores relatos")
# The name is the agent or a member of something else: "a team led by",
# "former colleagues of", "people close to", "equipe liderada por".
_EMBEDDING = re.compile(
    r"(?:\b(?:led|run|headed|managed|supervised|mentored|trained|advised|hired|recruited"
    r"|founded|co-founded|started|created|built)\s+by"
    r"|\b(?:colleagues?|associates?|allies|friends|confidants?|proteg[eé]s?|students|"
    r"lieutenants|loyalists|members|staffers|researchers|engineers|employees|people|"
    r"team|group|former\s+reports)\s+(?:of|close\s+to|under|around|loyal\s+to|with)"
    r"|\b(?:dipimpin|dikepalai|diasuh|dibimbing|direkrut|dibawa)(?:\s+oleh)?"
    r"|\b(?:rekan(?:-rekan)?(?:\s+kerja)?|kolega|orang(?:-orang)?\s+dekat|anak\s+buah"
    r"|loyalis|murid(?:-murid)?)"
    r"|\b(?:liderad|chefiad|comandad|dirigid|coordenad|contratad)[oa]s?\s+(?:por|pel[oa]s?)"
    r"|\b(?:ex-)?(?:colegas|aliad[oa]s|amig[oa]s|pessoas|membros|pesquisadores|engenheiros"
    r"|funcion[aá]rios|equipe|subordinad[oa]s|disc[ií]pulos)"
    r"\s+(?:de|d[oa]s?|pr[oó]xim[oa]s\s+(?:a|de|d[oa]s?)|ligad[oa]s\s+a|sob)"
    r")\s+$",
    re.IGNORECASE,
)
# The last word of an embedding phrase, and the relative pronouns.
_EMBEDDING_ENDS = words("""
    by of to under around with oleh dipimpin dikepalai diasuh dibimbing direkrut dibawa
    rekan rekan-rekan kerja kolega dekat buah loyalis murid murid-murid
    por pelo pela pelos pelas de do da dos das a sob
""")
_OBJECT_PRONOUNS = words("that que which")
_PRONOUNS = words("who that yang que")
# A company name that only qualifies the former staff after it: "former
# Google DeepMind researchers", "mantan OpenAI karyawan", not the subject.
_ATTRIBUTIVE = re.compile(
    r"\s+(?:researchers|engineers|employees|staff|staffers|executives|alumni|veterans"
    r"|scientists|founders|insiders|peneliti|insinyur|karyawan|alumni)\b",
    re.IGNORECASE,
)
_FORMER_BEFORE = re.compile(r"(?:former|ex-|eks-?|mantan|bekas)\s*$", re.IGNORECASE)
_COORDINATED = re.compile(r"\s*,?\s*(?:and|dan|serta|e)\s+", re.IGNORECASE)
_CLOSED = re.compile(r"[,;:()\u2013\u2014]")
# "who co-founded DeepMind before Google bought it": the name opens a clause
# of its own, whose verb it is the subject of.
_SUBORDINATORS = words("""
    before after when while because since until
    sebelum setelah sesudah ketika saat sewaktu karena sejak hingga
    antes depois quando enquanto porque desde até
""")
_HEAD_BEFORE = re.compile(r"[^\W\d_][\w'’-]*(?=\s*,?\s*$)")
# "the startup that Mira Murati founded raised $2 billion": the name is the
# subject of the relative clause's own verb, the head of the main one.
_OBJECT_RELATIVE = re.compile(r"\b(?:that|que|which)\s+$", re.IGNORECASE)
_FIRM_HEADS = words("""
    startup startups company companies firm firms lab labs venture ventures
    perusahaan empresa empresas laboratório laboratorio
""")


def _head(
    text: str, s_start: int, end: int, chosen: Found, candidates: Sequence[Found]
) -> Found | str:
    """The watched name right before `end` ("Mira Murati, who"), else the word."""
    before = text[s_start:end]
    for head in candidates:
        if head is not chosen and head[1] <= end and not before[head[1] - s_start :].strip(" ,"):
            return head
    words_before = _HEAD_BEFORE.findall(before)
    return words_before[-1].lower() if words_before else ""


def embedded_subject(
    text: str, s_start: int, chosen: Found, candidates: Sequence[Found], k_start: int
) -> Found | None | bool:
    """False when `chosen` is the subject as far as this check goes; None when
    it sits in a phrase whose head is no watched name (no event for it); else
    the watched name heading that phrase, which is the subject instead."""
    if _COORDINATED.fullmatch(text, chosen[1], k_start):
        # "yang dikembangkan oleh OpenAI dan diluncurkan": the keyword is the
        # clause's own second verb, whose agent the name is too
        return False
    if _ATTRIBUTIVE.match(text, chosen[1]) and _FORMER_BEFORE.search(
        text, max(s_start, chosen[0] - 12), chosen[0]
    ):
        return None  # "founded by former Google DeepMind researchers, raised"
    window_start = max(s_start, chosen[0] - 120)
    window = text[window_start : chosen[0]].lower().split()
    if not window:
        return False
    # Word lookups first: most names have none of these words before them.
    last = window[-1]
    if last in _EMBEDDING_ENDS and _EMBEDDING.search(
        text, max(window_start, chosen[0] - 60), chosen[0]
    ):
        return None
    object_relative = (
        _OBJECT_RELATIVE.search(text, chosen[0] - len(last) - 2, chosen[0])
        if last in _OBJECT_PRONOUNS
        else None
    )
    if (
        object_relative is not None
        and TOKEN.search(text, chosen[1], k_start) is not None
        and not _CLOSED.search(text, chosen[1], k_start)
    ):
        head = _head(text, s_start, object_relative.start(), chosen, candidates)
        if not isinstance(head, str):
            return head  # "Anthropic, which Jan Leike joined, raised"
        if head in _FIRM_HEADS or (head not in _REPORT_HEADS and _GROUP_HEAD.fullmatch(head)):
            return None
    if _PRONOUNS.isdisjoint(window[-9:]):
        return False
    relative = _RELATIVE.search(text, window_start, chosen[0])
    if relative is None or _CLOSED.search(relative.group("words")):
        return False
    if not _SUBORDINATORS.isdisjoint(w.lower() for w in relative.group("words").split()):
        return False
    pronoun = relative.group("pronoun").lower()
    head_word = _head(text, s_start, relative.start(), chosen, candidates)
    if not isinstance(head_word, str):
        return head_word  # "Mira Murati, who worked with X, left"
    if pronoun in ("that", "que") and (
        head_word in _REPORT_HEADS or not _GROUP_HEAD.fullmatch(head_word)
    ):
        return False
    return None if head_word else False


# "He replaces Daniel Gross, who left to join Meta": the relative pronoun's
# head is a name nobody watches, so nobody watched is the keyword's subject.
_UNWATCHED_HEAD = re.compile(
    r"(?-i:[A-Z])[\w.'’-]+\s*,?\s+(?:who|yang|que)\s+(?:[^\W\d_]+\s+){0,2}$"
)


def relative_of_unwatched(text: str, s_start: int, k_start: int, found: Sequence[Found]) -> bool:
    """The keyword opens a relative clause about a capitalised name that is no mention."""
    head = _UNWATCHED_HEAD.search(text, max(s_start, k_start - 60), k_start)
    return head is not None and not any(m[0] <= head.start() < m[1] for m in found)


# Between a parenthesis's closing comma and the keyword: auxiliaries only.
_AUX_ONLY = re.compile(
    r"\s*(?:(?:has|have|had|is|was|will|would|just|also|now|then|recently|officially|reportedly"
    r"|telah|sudah|baru|kini|juga|resmi|akan|já|ja|também|tambem|agora|oficialmente)\s+){0,3}$",
    re.IGNORECASE,
)


def parenthetical_head(
    text: str, s_start: int, chosen: Found, pool: Sequence[Found], k_start: int
) -> Found | None:
    """The watched name a comma-closed parenthesis holding `chosen` describes,
    when the keyword follows that parenthesis: "DeepSeek, which buys chips
    from Nvidia, released R1", "Mistral AI, backed by Microsoft, raised",
    "A DeepSeek, que usa chips da Nvidia, lançou". None when `chosen` is not
    inside one."""
    closing = text.rfind(",", chosen[1], k_start)
    if closing < 0 or not _AUX_ONLY.match(text, closing + 1, k_start):
        return None
    opening = text.rfind(",", s_start, chosen[0])
    if opening < 0 or "," in text[chosen[1] : closing] or ";" in text[opening:closing]:
        return None
    for head in pool:
        if head[1] <= opening and not text[head[1] : opening].strip():
            return head
    return None
