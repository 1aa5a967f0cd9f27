"""People-and-company events, from the keyword rules in watchlist.event_kinds,
sentence by sentence, in English, Indonesian and Portuguese (some Spanish).

Each keyword says which way its subject usually lies. "X resigned" has the
person before the verb, "pengunduran diri X" / "acquired by X" after it; the
event goes to the nearest watched mention in that direction, and to every
name listed with it ("Murati, McGrew and Zoph left"). People's kinds go to
people; company kinds to companies, else people ("Karpathy launches Eureka
Labs"), and a launched watched company is the launch's subject ("Murati
launched Thinking Machines Lab"). An acquisition goes to the buyer, funding
to the company funded: "Amazon invested $4 billion in Anthropic" is
Anthropic's, with Amazon as investor.

A keyword does not count when the sentence denies or doubts it: a negation
in the four words before it ("did not leave"), a hedge or denial earlier in
the sentence ("Rumors that ...", "is considering stepping down", "membantah"),
or a verdict after it ("... are false"). Nor when the name is not the
subject: "Sam Altman's brother Jack launched", "Jack Altman, brother of Sam
Altman, raised".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

from watchlist.event_details import find_amount, find_date
from watchlist.event_kinds import EVENT_KINDS, PERSON_EVENTS, rules
from watchlist.lexicon import COMMON_WORDS, words
from watchlist.matcher import Mention, fold

__all__ = ["EVENT_KINDS", "PERSON_EVENTS", "Event", "find_events", "split_sentences"]


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


def _build_triggers() -> tuple[ahocorasick.Automaton, list[tuple[str, str, re.Pattern[str]]]]:
    table = rules()
    compiled = [(kind, t.way, re.compile(t.regex, re.IGNORECASE)) for kind, t in table]
    by_stem: dict[str, list[int]] = {}
    for index, (_, trigger) in enumerate(table):
        for stem in trigger.stems.split():
            by_stem.setdefault(stem, []).append(index)
    automaton = ahocorasick.Automaton()
    for stem, indexes in by_stem.items():
        # Each rule with its bound match method: no lookups per trigger found.
        tried = tuple((index, compiled[index][2].match) for index in indexes)
        automaton.add_word(stem, (len(stem), tried))
    automaton.make_automaton()
    return automaton, compiled


_TRIGGERS, _COMPILED = _build_triggers()

_NEGATIONS = words("""
    not never no n't didn't doesn't don't won't isn't wasn't denies denied deny
    tidak tak bukan belum membantah
    nao não nunca nem negou negam desmentiu
    """)
# Anywhere before the keyword in its sentence: the event is doubted or denied.
_HEDGES = words("""
    rumor rumors rumour rumours speculation speculated considering consider mulling
    weighing might could offer bid denied denies deny
    kabar isu spekulasi mempertimbangkan tawaran membantah dikabarkan bisa mungkin
    kemungkinan talvez possivelmente schedule jadwal cronograma
    rumores boatos especulação especulacao considerando estaria poderia pode proposta
    estuda estudando avalia avaliando
    oferta negou nega desmentiu desmente
    """)
# Anywhere after the keyword in its sentence: the report is called untrue,
# or the keyword describes a state since long ago ("bergabung sejak 2017").
_VERDICTS = words("""
    false untrue hoax denied dismissed since sejak desde delayed postponed ditunda
    tertunda adiado adiada adiados rumored rumoured speculated especulada especulado
    especulava
    hoaks bohong dibantah
    falso falsos falsa falsas mentira desmentido desmentida negado negada
    """)
_VERDICT_PAIRS = (("not", "true"), ("tidak", "benar"), ("não", "procede"))
_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
_TOKEN = re.compile(r"[\w']+")
_SUBJECT_PRONOUNS = words("he she they ia dia beliau mereka ele ela eles elas")


def _negated(sentence: str, keyword_start: int, keyword_end: int) -> bool:
    """A negation among the four words before the keyword in its clause, a
    hedge or denial anywhere before it, or a verdict of untruth after it."""
    window = sentence[max(0, keyword_start - 40) : keyword_start]
    clause_start = 0
    for found in _CLAUSE_BREAK.finditer(window):
        clause_start = found.end()
    for word in _TOKEN.findall(window, clause_start)[-4:]:
        word = word.lower()
        if word in _NEGATIONS or word.endswith("n't"):
            return True
    before = [w.lower() for w in _TOKEN.findall(sentence, 0, keyword_start)]
    if any(w in _HEDGES for w in before) or "may" in _TOKEN.findall(sentence, 0, keyword_start):
        return True
    after = [w.lower() for w in _TOKEN.findall(sentence, keyword_end)]
    if any(w in _VERDICTS for w in after):
        return True
    pairs = set(zip(after, after[1:], strict=False))
    return any(pair in pairs for pair in _VERDICT_PAIRS)


def _pronoun_subject_between(sentence: str, start: int, end: int) -> bool:
    """A clause-opening subject pronoun between a mention and the keyword:
    "milik Elon Musk, X, ia ... mundur" is not Musk leaving."""
    for clause in _CLAUSE_BREAK.split(sentence[start:end])[1:]:
        words = _TOKEN.findall(clause)
        if words and words[0].lower() in _SUBJECT_PRONOUNS:
            return True
    return False


# "Sam Altman's brother Jack ...", "Sam Altman's Worldcoin ...": the name owns
# the subject, it is not the subject.
_POSSESSED = re.compile(r"['’]s\s+(?:[a-z]+\s+){0,2}(?-i:[A-Z])")
# Verbs that leave something: the thing left must be an organisation or a
# role ("left OpenAI", "deixou o cargo"), or nothing ("is leaving after six
# years"); "exited the stage", "meninggalkan kesan" are not departures.
_TRANSITIVE_LEAVING = ("leav", "quit", "exit", "depart", "meninggalkan", "deix")
_ORG_NOUNS = words("""
    company company's companies startup firm lab laboratory board role post job team position
    group unit division office government administration chair seat
    perusahaan jabatan posisi dewan kantor tim startup laboratorium kursi pemerintahan
    empresa companhia cargo conselho equipe time laboratório laboratorio posto governo
    presidência presidencia comando diretoria
    """)
_DETERMINERS = words("the a an his her its their this that o os as um uma seu sua seus suas")
# What a launch verb launched when it is no product: "launched an investigation".
_NOT_LAUNCHED = words("""
    statement statements investigation investigations probe inquiry review appeal lawsuit
    report campaign attack criticism
    pernyataan penyelidikan investigasi penyidikan gugatan laporan kampanye serangan kritik
    nota comunicado investigação investigacao inquérito inquerito processo relatório
    relatorio campanha ataque ofensiva
    company startup perusahaan empresa
    """)
# Between a deal's keyword and its company: the money went elsewhere.
_CONTRAST = words("rather instead ketimbang daripada alih-alih vez invés inves")
_PURPOSE = words("to untuk para")


def _object_words(text: str, end: int) -> list[str]:
    return _TOKEN.findall(text, end, min(len(text), end + 60))[:4]


def _leaves_nothing_of_note(text: str, k_start: int, k_end: int) -> bool:
    """A leaving verb whose object is neither an organisation nor a role."""
    if not fold(text[k_start : k_start + 12]).startswith(_TRANSITIVE_LEAVING):
        return False
    following = _object_words(text, k_end)
    if following and following[0].lower() in _DETERMINERS:
        following = following[1:]
    if not following:
        return False
    word = following[0]
    if word[:1].isupper():
        possessive = word.endswith(("'s", "’s"))
        rest = following[1:]
        return possessive and bool(rest) and rest[0].lower() not in _ORG_NOUNS
    lowered = word.lower()
    return lowered not in _ORG_NOUNS and lowered not in COMMON_WORDS


_AFTER_WORDS = re.compile(
    r"\b(?:after|setelah|sesudah|usai|depois\s+de|ap[oó]s)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
_LIST_GLUE = re.compile(r"\s*(?:,\s*)?(?:(?:and|dan|serta|e|y|&)\s+)?", re.IGNORECASE)


def _unwatched_subject(text: str, s_start: int, m_start: int, mentions: Sequence[_Found]) -> bool:
    """The sentence opens with a name nobody watches, set off by a comma before
    the mention: "Jack Altman, brother of Sam Altman, raised ..."."""
    comma = text.find(",", s_start, m_start)
    if comma == -1:
        return False
    opening = text[s_start:comma].split()
    if not 2 <= len(opening) <= 4 or not all(w[:1].isupper() for w in opening):
        return False
    return not any(s_start <= m[0] < comma for m in mentions)


def _keyword_hits(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, way, start, end) of every keyword, in rule order; a match
    overlapping one of an earlier rule is dropped ("was fired" is not also
    "fired X"). Triggers are found on the folded text, rules run on the
    original (their character classes allow the accents)."""
    found: list[tuple[int, int, int]] = []
    lowered = fold(text)
    for last, (length, tried) in _TRIGGERS.iter(lowered):
        start = last - length + 1
        if start > 0 and lowered[start - 1].isalnum():
            continue
        for index, match in tried:
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


_Found = tuple[int, int, str]  # (start, end, entity id) of a mention


def _choose(
    candidates: Sequence[_Found], way: str, k_start: int, k_end: int, strict: bool
) -> _Found | None:
    before = [c for c in candidates if c[1] <= k_start]
    after = [c for c in candidates if c[0] >= k_end]
    nearest_before = max(before, key=lambda c: c[1]) if before else None
    nearest_after = min(after, key=lambda c: c[0]) if after else None
    if way == "object" or (way == "after" and strict):
        return nearest_after
    if way == "after":
        return nearest_after or nearest_before
    return nearest_before or nearest_after


def _listed_with(text: str, pool: Sequence[_Found], chosen: _Found) -> list[_Found]:
    """The chosen mention and the names listed with it: "A, B and C left"."""
    ordered = sorted(pool)
    index = ordered.index(chosen)
    group = [chosen]
    for step in (-1, 1):
        j = index
        while 0 <= j + step < len(ordered):
            a, b = (ordered[j + step], ordered[j]) if step < 0 else (ordered[j], ordered[j + step])
            glue = _LIST_GLUE.fullmatch(text, a[1], b[0])
            if glue is None or a[1] == b[0]:
                break
            j += step
            group.append(ordered[j])
    return group


def _nearest(found: Sequence[_Found], position: int) -> _Found | None:
    return min(found, key=lambda c: min(abs(c[0] - position), abs(c[1] - position)), default=None)


_FROM_WORDS = re.compile(r"(?:from|dari|da|de|do|na|no|of)\s+(?:the\s+)?$", re.IGNORECASE)


def _roles(
    text: str, kind: str, who: _Found, companies: Sequence[_Found], k_start: int, k_end: int
) -> tuple[tuple[str, str], ...]:
    """Organisations by role: from/to for people's moves, investor/target for deals."""
    others = [c for c in companies if c[2] != who[2]]
    if not others:
        return ()
    before = [c for c in others if c[1] <= k_start]
    after = [c for c in others if c[0] >= k_end]
    if kind == "hire":
        side = before if who[0] >= k_end else after
        to = _nearest(side, k_start) or _nearest(others, k_start)
        rest = [c for c in others if to is None or c[2] != to[2]]
        marked = [c for c in rest if _FROM_WORDS.search(text, max(0, c[0] - 12), c[0])]
        source = marked[0] if marked else (rest[0] if len(rest) == 1 else None)
        found = [("to", to[2])] if to else []
        return tuple(found + ([("from", source[2])] if source else []))
    if kind in PERSON_EVENTS:
        source = _nearest(after, k_end) or _nearest(before, k_start)
        return (("from", source[2]),) if source else ()
    if kind == "funding":
        investor = _nearest(before if who[0] >= k_end else after, k_start)
        return (("investor", investor[2]),) if investor else ()
    if kind == "acquisition":
        target = _nearest(after if who[1] <= k_start else before, k_start)
        return (("target", target[2]),) if target else ()
    return ()


def _plausible(
    text: str,
    kind: str,
    way: str,
    chosen: _Found,
    inside: Sequence[_Found],
    k_start: int,
    k_end: int,
) -> bool:
    """Whether the keyword, read with what follows it, is the event at all."""
    if kind == "departure" and _leaves_nothing_of_note(text, k_start, k_end):
        return False
    if kind == "launch":
        following = _object_words(text, k_end)
        if following and following[0].lower() in _DETERMINERS:
            following = following[1:]
        if following and following[0].lower() in _NOT_LAUNCHED:
            return False  # "launched an investigation", "mendirikan perusahaan"
        before = _TOKEN.findall(text, max(0, k_start - 12), k_start)
        if before and before[-1].lower() in _PURPOSE:
            return False  # "untuk mendirikan ...": an intention
    if kind == "hire" and way == "before":
        # "joined Sam Altman on stage": joining a person is no hire.
        near = [c for c in inside if k_end <= c[0] <= k_end + 20]
        if near and near[0][2].startswith("person:"):
            return False
    if chosen[0] >= k_end and kind in ("funding", "acquisition"):
        between = {w.lower() for w in _TOKEN.findall(text, k_end, chosen[0])}
        if between & _CONTRAST:
            return False  # "invested in its own chips rather than in Anthropic"
    return True


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
            inside = [c for c in field_mentions if c[0] >= s_start and c[1] <= s_end]
            if not inside:
                continue
            sentence = text[s_start:s_end]
            if _negated(sentence, k_start - s_start, k_end - s_start):
                continue
            people = [c for c in inside if c[2].startswith("person:")]
            companies = [c for c in inside if not c[2].startswith("person:")]
            strict = False
            if kind in PERSON_EVENTS:
                pool = people
            else:
                pool = companies or people
                strict = bool(companies) and way == "after" and kind != "launch"
            chosen = _choose(pool, way, k_start, k_end, strict)
            subject = max((c for c in inside if c[1] <= k_start), key=lambda c: c[1], default=None)
            if kind == "launch" and subject is not None and subject[2].startswith("person:"):
                # "Murati has launched Thinking Machines Lab": a person launching
                # a company founds it (a company launching one names a product).
                launched = [c for c in companies if k_end <= c[0] <= k_end + 30]
                if launched and len(_TOKEN.findall(text, k_end, launched[0][0])) <= 3:
                    chosen = launched[0]
            if chosen is None or text[max(0, chosen[0] - 4) : chosen[0]].lower().endswith(
                ("ex-", "eks-", "ex ")
            ):
                continue  # "eks-OpenAI mendirikan ...": former staff, not the company
            if chosen[1] <= k_start and (
                _pronoun_subject_between(text, chosen[1], k_start)
                or _POSSESSED.match(text, chosen[1]) is not None
            ):
                continue
            if chosen[0] >= k_end and text.startswith(("'s ", "’s "), chosen[1]):
                continue  # "hired Jan Leike's deputy": the deputy was hired
            if not _plausible(text, kind, way, chosen, inside, k_start, k_end):
                continue
            if kind == "leave" and _AFTER_WORDS.search(text, max(s_start, k_start - 24), k_start):
                continue  # "returned after a sabbatical": the leave is over
            if chosen[2].startswith("person:") and _unwatched_subject(
                text, s_start, chosen[0], inside
            ):
                continue
            amount = None
            if kind in ("funding", "acquisition"):
                amount = find_amount(sentence, k_start - s_start, language)
            date = find_date(sentence, k_start - s_start)
            for who in _listed_with(text, pool, chosen):
                key = (kind, who[2], sentence)
                if key in seen:
                    continue
                seen.add(key)
                roles = _roles(text, kind, who, companies, k_start, k_end)
                events.append(Event(kind, who[2], sentence, language, roles, amount, date))
    return events
