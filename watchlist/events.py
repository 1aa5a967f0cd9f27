"""People-and-company events: departures, hires, firings, funding, launches,
acquisitions, from keyword rules in English, Indonesian and Portuguese (some
Spanish), sentence by sentence.

Each keyword says which way its subject usually lies. "X resigned" has the
person before the verb, "pengunduran diri X" / "acquired by X" after it; the
event goes to the nearest watched mention in that direction (falling back to
the other). Departures, hires and firings go to people; funding, launches and
acquisitions go to companies, else people ("Karpathy launches Eureka Labs").
An acquisition goes to the buyer: "Segment was bought by Twilio" is Twilio's.

A keyword with a negation just before it in the same clause ("did not leave",
"tidak keluar", "não estava saindo") does not count.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

from watchlist.lexicon import words
from watchlist.matcher import Mention, fold

EVENT_KINDS = ("departure", "hire", "fired", "funding", "launch", "acquisition")
PERSON_EVENTS = frozenset({"departure", "hire", "fired"})


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # one of EVENT_KINDS
    entity_id: str
    sentence: str  # so the reader can show why
    language: str | None
    # Organisations by role ("from"/"to" for moves, "investor"/"target" for deals).
    roles: tuple[tuple[str, str], ...] = ()
    amount: str | None = None  # "USD:4000000000"
    date: str | None = None  # the event's own date: "2023", "2023-11", "2023-11-17"

    def details(self) -> dict[str, str]:
        """Roles, amount and date as one flat mapping, only those known."""
        found = dict(self.roles)
        if self.amount:
            found["amount"] = self.amount
        if self.date:
            found["date"] = self.date
        return found

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": self.kind,
            "entity_id": self.entity_id,
            "sentence": self.sentence,
            "language": self.language,
        }
        if self.roles:
            data["roles"] = dict(self.roles)
        if self.amount:
            data["amount"] = self.amount
        if self.date:
            data["date"] = self.date
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        return cls(
            data["kind"],
            data["entity_id"],
            data["sentence"],
            data.get("language"),
            tuple((data.get("roles") or {}).items()),
            data.get("amount"),
            data.get("date"),
        )


# --- sentences ------------------------------------------------------------------

_ABBREVIATIONS = words("""
    mr mrs ms dr dra prof sr sra jr st mt inc corp ltd co cos plc vs etc eg ie approx est
    jan feb mar apr jun jul aug sep sept oct nov dec gen gov sen rep fig no nos vol
    dll dkk dsb tbk pt bpk yth sdr av nº
    """)
# A run of end punctuation (with closing quotes/brackets) before whitespace,
# or a run of newlines. Written to open with one character class, which lets
# the regex engine skip to candidates in C; the plain alternation
# "[.!?…]+[...]*(?=\s)|\n+" is tried at every position and costs 5x more.
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=[.!?…])[.!?…]*[\"'”’»)\]]*(?=\s)|(?<=\n)\n*)")
_LAST_WORD = re.compile(r"[(\"'“‘]*(\S+)$")
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
    if at and text[at - 1] == "\n":
        # The newlines before it were a sentence end of their own: no word.
        word = ""
    else:
        before = _LAST_WORD.search(text, max(0, at - 24), at)
        word = before.group(1) if before else ""
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


class _Sentences:
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


# --- keywords -------------------------------------------------------------------

# (kind, where the subject lies: "before" | "after", trigger stems, regex).
# An Aho-Corasick pass finds the trigger stems at word starts, and only there
# is the rule's regex tried (a regex scan per rule over the article costs
# milliseconds). Regexes run on the original text, case-insensitively, with
# character classes for accents; (?-i:...) marks where case matters. Order matters:
# specific rules first, a later match overlapping an earlier one is dropped.
_UPPER_NEXT = r"(?=\s+(?:the\s+|his\s+|her\s+|its\s+)?(?-i:[A-Z]))"
_RULES: list[tuple[str, str, str, str]] = [
    # departures
    ("departure", "before", "has had have is was", r"(?:has|had|have|is|was)\s+left\b"),
    ("departure", "before", "left", r"left" + _UPPER_NEXT),
    (
        "departure",
        "before",
        "left",
        r"left\s+(?:the|his|her|their)\s+(?:company|startup|firm|lab|board|role|post|job|team)",
    ),
    (
        "departure",
        "before",
        "leav depart quit",
        r"(?:leaves|leaving|departs|departed|departing|quits|quit)\b",
    ),
    ("departure", "before", "resign exit", r"(?:resign|resigns|resigned|resigning|exits|exited)\b"),
    ("departure", "before", "step", r"(?:steps?|stepped|stepping)\s+down\b"),
    ("departure", "before", "walk part", r"(?:walked|walks)\s+away\b|part(?:s|ed)?\s+ways\b"),
    ("departure", "after", "departure resignation exit", r"(?:departure|resignation|exit)\s+of\b"),
    ("departure", "before", "departure resignation", r"(?:departure|resignation)\b"),
    ("departure", "before", "mengundurkan undur", r"mengundurkan\s+dir\w*|undur\s+diri\b"),
    (
        "departure",
        "after",
        "pengunduran kepergian keluarnya",
        r"pengunduran\s+dir\w*|kepergian\w*|keluarnya\b",
    ),
    (
        "departure",
        "before",
        "keluar meninggalkan mundur hengkang minggat berhenti",
        r"(?:keluar|meninggalkan|mundur|hengkang|minggat|berhenti)\b",
    ),
    (
        "departure",
        "before",
        "renunci deix",
        r"renunci(?:ou|a|ar|ando)\b|deix(?:ou|a|ar|ando)\s+(?!de\b)",
    ),
    (
        "departure",
        "before",
        "saiu saindo sair pediu se",  # not "sai": every "said" would try the rule
        r"sai(?:u|ndo|r|ra)\b|pediu\s+demiss[aã]o\b|se\s+demitiu\b",
    ),
    ("departure", "after", "saida renuncia", r"(?:sa[ií]da|ren[uú]ncia)\s+d[eoa]s?\b"),
    ("departure", "before", "renuncio dimitio dejo", r"(?:renunci[oó]|dimiti[oó]|dej[oó])\b"),
    # firings
    (
        "fired",
        "before",
        "was been is got being",
        r"(?:was|been|is|got|being)\s+(?:fired|ousted|sacked|dismissed)\b",
    ),
    (
        "fired",
        "after",
        "fire oust sack dismiss",
        r"(?:fired|ousted|sacked|dismissed|fires|ousts|sacks)\b",
    ),
    ("fired", "after", "ouster firing dismissal removal", r"(?:ouster|firing|dismissal|removal)\b"),
    ("fired", "before", "forced pushed let", r"(?:forced|pushed)\s+out\b|let\s+go\b"),
    (
        "fired",
        "before",
        "dipecat diberhentikan didepak dilengserkan",
        r"(?:dipecat|diberhentikan|didepak|dilengserkan)\b",
    ),
    ("fired", "after", "pemecatan memecat", r"pemecatan\w*|memecat\w*"),
    (
        "fired",
        "before",
        "demitid destituid afastad despedid",
        r"(?:demitid[oa]s?|destitu[ií]d[oa]|afastad[oa]|despedid[oa])\b",
    ),
    ("fired", "after", "demitiu demissao", r"demitiu\b|(?<!pediu )demiss[aã]o\b"),
    # hires
    (
        "hire",
        "before",
        "was been is has",
        r"(?:was|been|is|has\s+been)\s+(?:hired|appointed|named|promoted|tapped)",
    ),
    ("hire", "before", "join", r"(?:joins|joined|joining)\b"),
    (
        "hire",
        "after",
        "hire hiring appoints poach taps tapped",
        r"(?:hires|hired|hiring|appoints|poaches|poached|taps|tapped)\b",
    ),
    (
        "hire",
        "before",
        "appointed named",
        r"appointed\b|named\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?(?:ceo|chief|head)",
    ),
    ("hire", "after", "appointment hiring", r"(?:appointment|hiring)\s+of\b"),
    (
        "hire",
        "after",
        "diambil merekrut mengangkat menunjuk",
        r"diambil\s+alih\s+oleh\b|merekrut\b|mengangkat\b|menunjuk\b",
    ),
    (
        "hire",
        "before",
        "diangkat ditunjuk bergabung direkrut dipromosikan",
        r"(?:diangkat|ditunjuk|bergabung|direkrut|dipromosikan)\b",
    ),
    (
        "hire",
        "before",
        "contratad nomead nombrad promovid",
        r"(?:contratad[oa]s?|nomead[oa]s?|nombrad[oa]|promovid[oa])\b",
    ),
    (
        "hire",
        "before",
        "junt se assum",
        r"junt(?:ou|a)-se\b|se\s+junt(?:ou|a)\b|assum(?:e|iu)\s+o\s+cargo\b",
    ),
    ("hire", "after", "contrat nomeia nomeou", r"contrat(?:ou|a|ar)\b|nomeia\b|nomeou\b"),
    # funding (companies)
    (
        "funding",
        "before",
        "rais secure close",
        r"(?:raises|raised|raising|secures|secured|closes|closed)\b(?=.{0,30}"
        r"(?:\$|US\$|€|£|\d\s*(?:million|billion|bn)|funding|round|capital|series\s+[a-f]\b))",
    ),
    (
        "funding",
        "before",
        "funding series valuation",
        r"funding\s+round\b|series\s+[a-f]\s+round\b|valuation\b",
    ),
    ("funding", "after", "invest", r"invest(?:s|ed|ing)?\s+in\b|investment\s+in\b"),
    (
        "funding",
        "before",
        "pendanaan mengumpulkan menggalang meraih",
        r"pendanaan\b|(?:mengumpulkan|menggalang|meraih)\s+dana\b",
    ),
    ("funding", "before", "suntikan valuasi", r"suntikan\s+dana\b|valuasi\b"),
    ("funding", "before", "rodada", r"rodada\s+de\s+(?:investimento|financiamento|aporte)\b"),
    (
        "funding",
        "before",
        "captou capta levantou arrecadou",
        r"(?:captou|capta|levantou|arrecadou)\b(?=.{0,30}(?:US\$|R\$|\$|€))",
    ),
    ("funding", "before", "aporte ronda", r"aporte\b|ronda\s+de\s+financiaci[oó]n\b"),
    # launches (companies)
    (
        "launch",
        "before",
        "launch unveil debut",
        r"(?:launches|launched|launching|unveils|unveiled|debuts|debuted)\b",
    ),
    (
        "launch",
        "before",
        "rolls rolled introduces releases",
        r"(?:rolls|rolled)\s+out\b|introduces\b|releases\b",
    ),
    (
        "launch",
        "before",
        "meluncurkan diluncurkan merilis dirilis",
        r"(?:meluncurkan|diluncurkan|merilis|dirilis)\b",
    ),
    ("launch", "before", "peluncuran memperkenalkan", r"(?:peluncuran|memperkenalkan)\b"),
    (
        "launch",
        "before",
        "lanc estreia",
        r"lan[cç](?:a|ou|ar|ando|ad[oa])\b|lan[cç]amento\b|estr[eé]ia\b",
    ),
    ("launch", "before", "lanza lanzo", r"(?:lanza|lanzo)\b"),
    # acquisitions (to the buyer)
    ("acquisition", "after", "acquired bought sold", r"acquired\s+by\b|bought\s+by\b|sold\s+to\b"),
    (
        "acquisition",
        "before",
        "acquir buys bought to",
        r"(?:acquires|acquired|acquiring|buys|bought|to\s+buy)\b",
    ),
    (
        "acquisition",
        "after",
        "acquisition takeover purchase",
        r"(?:acquisition|takeover|purchase)\s+(?:of|by)\b",
    ),
    ("acquisition", "after", "diakuisisi dibeli", r"(?:diakuisisi|dibeli)\s+oleh\b"),
    (
        "acquisition",
        "before",
        "mengakuisisi akuisisi membeli",
        r"(?:mengakuisisi|akuisisi|membeli)\b",
    ),
    (
        "acquisition",
        "after",
        "comprad adquirid vendid",
        r"(?:comprad|adquirid|vendid)[oa]s?\s+(?:por|pel[oa]s?|para\s+[ao])\b",
    ),
    (
        "acquisition",
        "before",
        "adquiriu adquire comprou compra",
        r"(?:adquiriu|adquire|comprou|compra\s+(?:a|o)\b)",
    ),
    ("acquisition", "after", "aquisicao", r"aquisi[cç][aã]o\s+d[aeo]\b"),
]


def _build_triggers() -> tuple[ahocorasick.Automaton, list[tuple[str, str, re.Pattern[str]]]]:
    rules = [(kind, way, re.compile(rx, re.IGNORECASE)) for kind, way, _, rx in _RULES]
    by_stem: dict[str, list[int]] = {}
    for index, (_, _, stems, _) in enumerate(_RULES):
        for stem in stems.split():
            by_stem.setdefault(stem, []).append(index)
    automaton = ahocorasick.Automaton()
    for stem, indexes in by_stem.items():
        # Each rule with its bound match method: no lookups per trigger found.
        tried = tuple((index, rules[index][2].match) for index in indexes)
        automaton.add_word(stem, (len(stem), tried))
    automaton.make_automaton()
    return automaton, rules


_TRIGGERS, _COMPILED = _build_triggers()

_NEGATIONS = words("""
    not never no n't didn't doesn't don't won't isn't wasn't denies denied deny
    tidak tak bukan belum membantah
    nao não nunca nem negou negam desmentiu
    """)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
_TOKEN = re.compile(r"[\w']+")
_SUBJECT_PRONOUNS = words("he she they ia dia beliau mereka ele ela eles elas")


def _negated(sentence: str, keyword_start: int) -> bool:
    """A negation among the four words before the keyword, in its clause."""
    window = sentence[max(0, keyword_start - 40) : keyword_start]
    clause_start = 0
    for found in _CLAUSE_BREAK.finditer(window):
        clause_start = found.end()
    for word in _TOKEN.findall(window, clause_start)[-4:]:
        word = word.lower()
        if word in _NEGATIONS or word.endswith("n't"):
            return True
    return False


def _pronoun_subject_between(sentence: str, start: int, end: int) -> bool:
    """A clause-opening subject pronoun between a mention and the keyword:
    "milik Elon Musk, X, ia ... mundur" is not Musk leaving."""
    for clause in _CLAUSE_BREAK.split(sentence[start:end])[1:]:
        words = _TOKEN.findall(clause)
        if words and words[0].lower() in _SUBJECT_PRONOUNS:
            return True
    return False


def _keyword_hits(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, way, start, end) of every keyword, in rule order; a match
    overlapping one of an earlier rule is dropped ("was fired" is not also
    "fired X"). Triggers are found on the folded text, rules run on the
    original (their character classes allow the accents)."""
    found: list[tuple[int, int, int]] = []
    lowered = fold(text)
    for last, (length, rules) in _TRIGGERS.iter(lowered):
        start = last - length + 1
        if start > 0 and lowered[start - 1].isalnum():
            continue
        for index, match in rules:
            m = match(text, start)
            if m:
                found.append((index, start, m.end()))
    found.sort()
    taken: list[tuple[int, int]] = []
    hits: list[tuple[str, str, int, int]] = []
    for index, start, end in found:
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        kind, way, _ = _COMPILED[index]
        hits.append((kind, way, start, end))
    return hits


def _choose(
    candidates: Sequence[tuple[int, int, str]], way: str, k_start: int, k_end: int
) -> tuple[int, int, str] | None:
    before = [c for c in candidates if c[1] <= k_start]
    after = [c for c in candidates if c[0] >= k_end]
    nearest_before = max(before, key=lambda c: c[1]) if before else None
    nearest_after = min(after, key=lambda c: c[0]) if after else None
    if way == "after":
        return nearest_after or nearest_before
    return nearest_before or nearest_after


def find_events(
    title: str, body: str, mentions: Sequence[Mention], language: str | None
) -> list[Event]:
    """Events in title and body, each at most once per (kind, entity, sentence)."""
    events: list[Event] = []
    seen: set[tuple[str, str, str]] = set()
    for field, text in (("title", title or ""), ("body", body or "")):
        # (start, end, entity id) once per field, not per keyword.
        field_mentions = [(m.start, m.end, m.entity_id) for m in mentions if m.field == field]
        if not field_mentions:
            continue
        hits = _keyword_hits(text)
        if not hits:
            continue
        sentences = _Sentences(text)
        for kind, way, k_start, k_end in hits:
            span = sentences.around(k_start)
            if span is None or k_end > span[1]:
                continue
            s_start, s_end = span
            if _negated(text[s_start:k_start], k_start - s_start):
                continue
            inside = [c for c in field_mentions if c[0] >= s_start and c[1] <= s_end]
            people = [c for c in inside if c[2].startswith("person:")]
            if kind in PERSON_EVENTS:
                pool = people
            else:
                pool = [c for c in inside if not c[2].startswith("person:")] or people
            chosen = _choose(pool, way, k_start, k_end)
            if chosen is None:
                continue
            if chosen[1] <= k_start and _pronoun_subject_between(text, chosen[1], k_start):
                continue
            sentence = text[s_start:s_end]
            key = (kind, chosen[2], sentence)
            if key not in seen:
                seen.add(key)
                events.append(Event(kind, chosen[2], sentence, language))
    return events
