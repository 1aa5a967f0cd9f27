"""Checks that decide whether an event keyword, read in its sentence, is the
event: negations, hedges and denials, what a verb leaves or launches, and
whether the name found is the subject at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watchlist.event_hedges import (
    CONDITION_SE_NEXT,
    CONDITIONAL_OPENERS,
    CONDITIONS_AFTER,
    HEDGE_PAIRS,
    HEDGES,
    NEGATIONS,
    TOPIC_WORDS,
    VERDICT_PAIRS,
    VERDICTS,
)
from watchlist.event_kinds import PERSON_EVENTS
from watchlist.event_objects import (
    DETERMINERS,
    TOKEN,
    Found,
    buys_no_company,
    leaves_nothing_of_note,
    object_of,
    placed_nowhere_of_note,
)
from watchlist.event_scope import hedge_spans
from watchlist.lexicon import words
from watchlist.matcher import fold

__all__ = ["AFTER_WORDS", "CLAUSE_BREAK", "LIST_GLUE", "TOKEN", "Found", "negated", "plausible"]

# A first and last name, then where or what for: "joined Donald Trump at the
# White House", "bergabung dengan Donald Trump di", "joined Yoshua Bengio in calling".
_WITH_SOMEONE = re.compile(
    r"\s+(?:(?:dengan|com|a)\s+)?(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+)\s+(?:on\s+stage\b|onstage\b"
    r"|at\s+the\b|in\s+\w+ing\b|for\s+(?:a|an|the)\b|di\s|dalam\s|em\s|n[ao]\s)",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]|\s-\s")


def negated(sentence: str, keyword_start: int, keyword_end: int) -> bool:
    """A negation among the four words before the keyword in its clause, a
    hedge or denial anywhere before it, or a verdict of untruth after it."""
    if sentence.rstrip(" \"'”’»)").endswith("?"):
        return True  # "Will Sam Altman leave OpenAI?"
    opening = TOKEN.match(sentence.lstrip(" \"'“‘«("))
    if opening and opening.group().lower() in CONDITIONAL_OPENERS:
        return True
    window = sentence[max(0, keyword_start - 40) : keyword_start]
    clause_start = 0
    for found in CLAUSE_BREAK.finditer(window):
        clause_start = found.end()
    near = [w.lower() for w in TOKEN.findall(window, clause_start)[-4:]]
    for word in near:
        if word in NEGATIONS or word.endswith("n't"):
            return True
    if near and (
        near[-1] in TOPIC_WORDS
        or (len(near) > 1 and near[-2] in TOPIC_WORDS and near[-1] in DETERMINERS)
    ):
        return True
    found_before = [
        w for a, b in hedge_spans(sentence, keyword_start) for w in TOKEN.findall(sentence, a, b)
    ]
    before = [w.lower() for w in found_before]
    if "may" in found_before or not HEDGES.isdisjoint(before):
        return True
    if not HEDGE_PAIRS.isdisjoint(zip(before, before[1:], strict=False)):
        return True
    after = [w.lower() for w in TOKEN.findall(sentence, keyword_end)]
    if not VERDICTS.isdisjoint(after):
        return True
    # A condition in the keyword's own clause: "would step down only if the
    # board asked", not "left OpenAI, and it is unclear if she will return".
    brk = CLAUSE_BREAK.search(sentence, keyword_end)
    own = after[: len(TOKEN.findall(sentence, keyword_end, brk.start()))] if brk else after
    if not CONDITIONS_AFTER.isdisjoint(own):
        return True
    if "se" in own and any(
        w == "se" and n in CONDITION_SE_NEXT for w, n in zip(own, own[1:], strict=False)
    ):
        return True
    return not VERDICT_PAIRS.isdisjoint(zip(after, after[1:], strict=False))


# What a launch verb launched when it is no product: "launched an investigation".
_NOT_LAUNCHED = words("""
    statement statements investigation investigations probe inquiry review appeal lawsuit
    report reports campaign campaigns attack attacks criticism criticisms results earnings figures
    pernyataan penyelidikan investigasi penyidikan gugatan laporan kampanye serangan kritik
    nota comunicado investigação investigacao inquérito inquerito processo relatório
    relatorio campanha ataque ataques ofensiva críticas criticas crítica critica kritikan
    office offices kantor escritório escritorio escritórios escritorios
    company startup perusahaan empresa into
    program programme programs programmes scholarship beasiswa pelatihan programa programas bolsas
    plan plans strategy rencana strategi plano planos estratégia estrategia resultados
    balanço balanco números numeros proposta
    ceo cto cfo chief head boss kepala direktur bos pemimpin diretor diretora presidente chefe
    """)
_FIRMS = words("company startup perusahaan empresa")
# A launch as an occasion people attend, not a product launched.
_EVENT_NOUNS = words("acara event events party ceremony evento festa cerimônia cerimonia")
_FOUNDING_VERBS = (
    "found",
    "co-found",
    "cofund",
    "mendirikan",
    "dirikan",
    "fundou",
    "fundar",
    "started",
)
_CONTRACTS = words("""
    contract contracts order orders kontrak pesanan contrato contratos pedido
    revenue revenues sales profit profits earnings pendapatan penjualan laba
    receita receitas vendas lucro faturamento
    """)
# What a company raises that is no funding: "raised its capital spending
# target", "menaikkan proyeksi", "elevou a previsão".
_MEASURES = words("""
    target targets forecast forecasts guidance outlook estimate estimates dividend dividends
    price prices spending capex
    proyeksi perkiraan dividen harga
    previsão previsao projeção projecao dividendos preço preco preços precos meta metas
    """)
# Between a deal's keyword and its company: the money went elsewhere.
_CONTRAST = words("rather instead ketimbang daripada alih-alih vez invés inves")
_PURPOSE = words("to untuk para")
_SPEAKER = re.compile(
    r"\s*(?:,\s*)?(?:said|says|told|wrote|kata|ujar|ucap|tutur|disse|diz|afirmou|escreveu)\b",
    re.IGNORECASE,
)
_SPEAKER_BEFORE = re.compile(
    r",\s*(?:said|says|kata|ujar|ucap|tutur|tulis|disse|diz|afirmou|escreveu)\s+$",
    re.IGNORECASE,
)
# A quote in the first person is the speaker's own news: "'I'm leaving
# OpenAI,' Mira Murati wrote", "'Saya mundur dari OpenAI,' kata ...".
_FIRST_PERSON = re.compile(
    r"[\"“'‘]\s*(?:I|I['’]m|I['’]ve|I['’]ll|I\s+am|I\s+have|I\s+will|saya|aku|eu|estou|vou|decidi)"
    r"(?:\s+(?:am|have|will|sedang|akan|vou|estou|decided\s+to|have\s+decided\s+to))?\s+$",
    re.IGNORECASE,
)
_SINCE = words("since sejak desde")
# A new clause whose subject is a name nobody watches, just before a move
# verb: "X mendepak sejumlah eksekutif, lalu Igor Babuschkin pamit dari xAI".
_OTHER_SUBJECT = re.compile(
    # (not "and": "Mark Chen and Jakub Pachocki were named" share the verb)
    r"\b(?:lalu|kemudian|sementara|sedangkan|then|while|whereas|enquanto|after|setelah|"
    r"sesudah|usai|before|sebelum|when|ketika|saat)\s+"
    r"(?P<name>(?-i:[A-Z][\w.'-]+)(?:\s+(?-i:[A-Z][\w.'-]+)){1,2})\s+$"
)
# Letters only: "Guyur Rp81 Triliun ke Intel" (a headline's capitals) names no one.
_NAME_AFTER = re.compile(
    r"\s+(?P<name>(?-i:[A-Z](?:[^\W\d_]|[.'-])+)\s+(?-i:[A-Z](?:[^\W\d_]|[.'-])+))"
)
_OPENS_CLAUSE = re.compile(r"[,;:\"“”'‘’(\u2013\u2014]\s*$")
# After a departure keyword: the person stays in the organisation, so a role
# was left, not the company ("meninggalkan posisi ..., tetapi tetap di OpenAI").
_STAYS = re.compile(
    r"\b(?:tetap|masih)\s+(?:berada\s+|bekerja\s+)?di\b"
    r"|\b(?:stays?|remains?|staying|remaining)\s+(?:at|with)\b"
    r"|\b(?:permanece|continua)\w*\s+n[ao]\b",
    re.IGNORECASE,
)


def _object_words(text: str, end: int) -> list[str]:
    return TOKEN.findall(text, end, min(len(text), end + 60))[:4]


# Portuguese nouns of coming and going: a move only when a company is named
_ARRIVALS = ("chegada", "ida ", "volta ", "retorno", "regresso", "kembalinya")
# Words that do not make a subject of their own before a keyword: auxiliaries,
# adverbs and the openers of a fronted clause ("Depois de deixar a OpenAI, X").
_AUXILIARIES = words("""
    has have had is was are were will would has been officially finally now just
    resmi akhirnya kini telah sudah akan baru
    oficialmente finalmente agora já ja
    after before since when while upon depois antes após apos desde quando enquanto de do da
    setelah sebelum sesudah usai sejak ketika saat sementara
    """)
# A departure just before "to found": "who left OpenAI to co-found Perplexity".
_LEFT_TO = re.compile(
    r"\b(?:left|quit|exited|departed|keluar|hengkang|mundur|cabut|saiu|deixou|largou)\b"
    r"[^.;]{0,40}?\b(?:to|untuk|para)\s+$",
    re.IGNORECASE,
)
# Succession verbs: the successor comes first, the predecessor after.
_SUCCEEDING = ("succeed", "replac", "menggantikan", "suced", "substitu")
# A conjunction opening a clause of its own after the keyword.
_WHILE = re.compile(
    r"\b(?:while|whereas|sementara|sedangkan|enquanto|ao\s+passo\s+que)\b", re.IGNORECASE
)
# Holding a stake is no news: "owns a 27% stake in OpenAI", "detém 27%".
_HOLDS = re.compile(
    r"\b(?:owns?|owning|holds?|holding|has|have|memegang|menggenggam|menguasai|det[eé]m|possui)\s+"
    r"(?:\S+\s+){0,3}$",
    re.IGNORECASE,
)
# "Google's stake in Anthropic is worth $14 billion": a stake held, valued
_VALUED = re.compile(
    r"[^.;]{0,40}?\b(?:is|was|are|were)\s+(?:now\s+)?(?:worth|valued)\b"
    r"|[^.;]{0,40}?\b(?:bernilai|senilai\s+kini|vale|valia)\b",
    re.IGNORECASE,
)
# "Bukan X, melainkan Y", "not X but his deputy": the name is denied as the subject.
_CONTRASTED = re.compile(r"\b(?:bukan|not|n[aã]o|nem)\s+$", re.IGNORECASE)
_BUT = words("melainkan tetapi tapi namun but mas sino")
# A capitalised name joined on an occasion: "joined Donald Trump on a state visit".
_IN_COMPANY = re.compile(
    r"\s+(?P<name>(?-i:[A-Z][\w.'-]+)\s+(?-i:[A-Z][\w.'-]+))\s+(?:on|for)\s+"
    r"(?:a|an|his|her|their|stage)\b",
    re.IGNORECASE,
)
AFTER_WORDS = re.compile(
    r"\b(?:after|setelah|sesudah|usai|depois\s+de|ap[oó]s)\s+(?:\w+\s+){0,2}$", re.IGNORECASE
)
# Between names listed together: "A, B and C", "A, along with B,", "A bersama B".
LIST_GLUE = re.compile(
    r"\s*(?:,\s*)?(?:(?:and|dan|serta|e|y|&|along\s+with|together\s+with"
    r"|bersama(?:-sama)?(?:\s+dengan)?|(?:junto|juntamente)\s+com)\s+)?",
    re.IGNORECASE,
)


def plausible(
    text: str,
    kind: str,
    way: str,
    chosen: Found,
    inside: Sequence[Found],
    k_start: int,
    k_end: int,
) -> bool:
    """Whether the keyword, read with what follows it, is the event at all."""
    if kind == "departure" and leaves_nothing_of_note(text, k_start, k_end, inside):
        return False
    if kind in ("departure", "hire") and placed_nowhere_of_note(text, k_start, k_end, inside):
        return False
    if kind == "acquisition" and way == "before" and buys_no_company(text, k_start, k_end, inside):
        return False
    if kind == "funding" and way != "before" and chosen[2].startswith("person:"):
        return False  # money goes into companies: "invested in Jack Altman's fund"
    if (
        kind == "funding"
        and text[k_start:k_end].lower().startswith("stake")
        and (
            _HOLDS.search(text, max(0, k_start - 40), k_start)
            or (
                text[max(0, k_start - 3) : k_start] in ("'s ", "’s ") and _VALUED.match(text, k_end)
            )
        )
    ):
        return False
    if kind == "funding":
        following = {w.lower() for w in TOKEN.findall(text, k_end, min(len(text), k_end + 60))}
        if following & _CONTRACTS:
            return False  # "secured a $10 billion cloud contract", "gets $5 billion in revenue"
        head = []
        for word in TOKEN.findall(text, k_end, min(len(text), k_end + 50))[:5]:
            if word[0].isdigit():
                break
            head.append(word)  # as written: "meta" is a target, "Meta" a company
        if not _MEASURES.isdisjoint(head):
            return False  # "raised its capital spending target": a figure, not money
    if kind == "launch":
        following = _object_words(text, k_end)
        if following and following[0].lower() in DETERMINERS:
            following = following[1:]
        # Founding a startup is launching one: "mendirikan startup model dunia".
        founding = fold(text[k_start:k_end]).startswith(_FOUNDING_VERBS)
        # ("was released by the company": its agent follows, not what it launched)
        if not text[k_start:k_end].lower().endswith(" by") and any(
            word.lower() in _NOT_LAUNCHED and not (founding and word.lower() in _FIRMS)
            for word in following[:3]
        ):
            return False  # "launched an investigation", "released its annual report"
        before = TOKEN.findall(text, max(0, k_start - 12), k_start)
        if before and before[-1].lower() in _EVENT_NOUNS:
            return False  # "hadir dalam acara peluncuran ponsel": attending one
        if following and following[0].lower() in _EVENT_NOUNS:
            return False  # "spoke at the launch event for a phone"
        if (
            before
            and before[-1].lower() in _PURPOSE
            # "left OpenAI to co-found Perplexity": a company that exists was founded
            and not (founding and chosen[0] >= k_end and _LEFT_TO.search(text, 0, k_start))
        ):
            return False  # "untuk mendirikan ...": an intention
    before = TOKEN.findall(text, max(0, k_start - 12), k_start)
    if (
        kind == "hire"
        and fold(text[k_start : k_start + 8]).startswith(_ARRIVALS)
        and all(c[2].startswith("person:") for c in inside)
    ):
        return False  # "a chegada de Sam Altman a Brasília": a visit, unless a company hires
    if (
        kind == "hire"
        and text[k_start:k_end].lower().startswith("move")
        and not any(c[0] >= k_end and not c[2].startswith("person:") for c in inside)
    ):
        return False  # "whose move to London": a place, not an employer
    if kind == "hire":
        clause = CLAUSE_BREAK.split(text[k_end : k_end + 80])[0]
        named_after = any(k_end <= c[0] < k_end + len(clause) for c in inside)
        if before and before[-1].lower() in _PURPOSE and not named_after:
            return False  # "untuk kembali menjadi pendiri startup": an intention, no employer
    if kind in ("departure", "hire", "leave") and way == "before" and chosen[1] <= k_start:
        other = _OTHER_SUBJECT.search(text, max(chosen[1], k_start - 60), k_start)
        if other is not None and not any(
            c[0] < other.end("name") and c[1] > other.start("name") for c in inside
        ):
            return False
    if way == "after":
        # "depois da saída de Daniel Gross", "a saída de Daniel Gross ... confirmada
        # por Ilya Sutskever": the one who left is the name right after it
        named = _NAME_AFTER.match(text, k_end)
        if named is not None and not any(c[0] == named.start("name") for c in inside):
            return False
    if kind == "departure" and _STAYS.search(text, k_end, min(len(text), k_end + 120)):
        return False  # "meninggalkan posisi ..., tetapi tetap di OpenAI": a new role
    if before and before[-1].lower() in _SINCE:
        return False  # "sejak menjabat", "since founding SSI": a state, not news
    if (
        chosen[0] >= k_end
        and _SPEAKER.match(text, chosen[1])
        and _OPENS_CLAUSE.search(text, max(0, chosen[0] - 3), chosen[0])
        and not _FIRST_PERSON.search(text, max(0, k_start - 30), k_start)
    ):
        # "hired thousands of engineers, Sam Altman said": he said it; but in
        # "mengucurkan ... ke Anthropic, kata sumber" Anthropic is the object.
        return False
    quoted_self = _FIRST_PERSON.search(text, max(0, k_start - 30), k_start) is not None
    if chosen[0] >= k_end and _SPEAKER_BEFORE.search(text, max(0, chosen[0] - 12), chosen[0]):
        return quoted_self  # "merekrut ribuan insinyur, kata Sam Altman"
    if kind == "hire" and way == "before" and not fold(text[k_start:k_end]).startswith(_SUCCEEDING):
        # "joined Sam Altman on stage": joining a person is no hire (succeeding one is).
        near = [c for c in inside if k_end <= c[0] <= k_end + 20]
        if near and near[0][2].startswith("person:"):
            return False
        if not near and _WITH_SOMEONE.match(text, k_end):
            return False  # "joined Donald Trump at the White House": someone unwatched
    if chosen[1] <= k_start and _CONTRASTED.search(text, max(0, chosen[0] - 8), chosen[0]):
        # "Bukan Demis Hassabis, melainkan wakilnya yang meninggalkan ...": the other did
        between = {w.lower() for w in TOKEN.findall(text, chosen[1], k_start)}
        if between & _BUT:
            return False
    if kind in PERSON_EVENTS and way == "before" and chosen[0] >= k_end:
        # "Apple AI chief exits; Tim Cook names ...": the keyword has a subject of
        # its own, nobody watched ("OpenAI has parted ways with X" has none)
        window = max(0, k_start - 60)
        clause_at = (
            window + len(text[window:k_start]) - len(CLAUSE_BREAK.split(text[window:k_start])[-1])
        )
        words = [
            w
            for w in TOKEN.finditer(text, clause_at, k_start)
            if not any(c[0] <= w.start() < c[1] for c in inside)
            and w.group().lower() not in _AUXILIARIES
        ]
        if len(words) >= 2 and not quoted_self:  # "I am leaving," X wrote: X is "I"
            return False
    if chosen[0] >= k_end and fold(text[k_start:k_end]).startswith(_SUCCEEDING):
        return False  # "Who will succeed Tim Cook": the one after is the predecessor
    if chosen[0] >= k_end and _WHILE.search(text, k_end, chosen[0]):
        return False  # "hired Varun Mohan, while Sundar Pichai praised": another clause
    if (
        way == "object"
        and chosen[0] >= k_end
        and (";" in text[k_end : chosen[0]] or object_of(text, k_end, inside) == "number")
    ):
        return False  # "Meta demite 600 da área de IA; Yann LeCun fica": the object is the 600
    if (
        kind == "hire"
        and fold(text[k_start:k_end]).startswith(("join", "rejoin"))
        and object_of(text, k_end, inside) == "other"
    ):
        return False  # "joined a panel", "joined forces with": no employer
    if kind == "hire" and way == "before" and fold(text[k_start:k_end]).startswith("join"):
        company = _IN_COMPANY.match(text, k_end)
        if company is not None and not any(c[0] == company.start("name") for c in inside):
            return False  # "joined Donald Trump on a state visit": company, not a company
    if chosen[0] >= k_end and kind in ("funding", "acquisition"):
        between = {w.lower() for w in TOKEN.findall(text, k_end, chosen[0])}
        if between & _CONTRAST:
            return False  # "invested in its own chips rather than in Anthropic"
    return True
