"""What kind of story a headline tells, in the words of each language.

A short retelling in another language keeps the names and what happened,
told in its own words: "confirms he is leaving Meta", "confirma saída da
Meta", "Resmi Pamit dari Meta". The event rules read a verb in a sentence
with its subject and objects, and miss many a headline's nominal or
colloquial wording; grouping only needs the kind of story the headline is
about, so each kind's words are listed here in English, Indonesian and
Portuguese (folded: lower case, no accents). A departure and a return, a
round and an acquisition, are different kinds: two headlines naming the same
people the same days and telling one kind are likelier one story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from watchlist.lexicon import words
from watchlist.textfold import fold

# Single words; multiword phrases below. Inflected forms are listed, not
# stemmed: a prefix such as "sai" would take "saiba" (know) too, and "sai"
# itself is as often a version coming out ("sai o novo modelo") as a leaver.
_KIND_WORDS: dict[str, frozenset[str]] = {
    "departure": words(
        """
        leave leaves leaving quit quits quitting exit exits exiting depart departs
        departure departs resign resigns resigned resignation
        deixa deixar deixara deixou deixam saida renuncia renunciou
        tinggalkan meninggalkan hengkang mundur pamit lengser cabut
        """
    ),
    "fired": words(
        """
        oust ousts ousted fire fires fired sack sacks sacked dismiss dismisses dismissed
        demite demitido demitida demissao afasta afastado afastada destitui destituido
        pecat dipecat memecat depak didepak mendepak copot dicopot mencopot
        """
    ),
    "return": words(
        """
        return returns returning rejoin rejoins comeback
        volta voltam voltou retorna retornam retorno
        kembali balik
        """
    ),
    "hire": words(
        """
        join joins joining hire hires hired appoint appoints appointed poach poaches poached
        contrata contratou contratado contratacao nomeia nomeado assume assumiu
        gabung bergabung rekrut merekrut boyong memboyong tunjuk menunjuk ditunjuk gaet menggaet
        """
    ),
    "funding": words(
        """
        raise raises raised raising funding round invest invests invested investment stake
        capta captou levanta levantou rodada aporte investe investiu investimento
        raup meraup kantongi mengantongi suntik menyuntik disuntik pendanaan investasi
        """
    ),
    "acquisition": words(
        """
        buy buys bought acquire acquires acquired acquisition takeover
        compra comprou adquire adquiriu aquisicao
        beli membeli akuisisi mengakuisisi caplok mencaplok
        """
    ),
    "launch": words(
        """
        launch launches launched unveil unveils unveiled release releases released debut debuts
        lanca lancou lancamento apresenta apresentou estreia
        luncurkan meluncurkan rilis merilis perkenalkan memperkenalkan pamerkan
        """
    ),
    "deal": words(
        """
        deal deals agreement pact partnership memorandum mou contract
        acordo parceria memorando contrato
        kesepakatan perjanjian kesepahaman kemitraan
        """
    ),
    "lawsuit": words(
        """
        sue sues sued lawsuit
        processa processam processou processo processada processadas processado processados
        gugat menggugat gugatan digugat
        """
    ),
    "testimony": words(
        """
        testify testifies testified testimony hearing
        depoe depos depoimento audiencia
        bersaksi kesaksian
        """
    ),
    "layoffs": words(
        """
        layoff layoffs
        demissoes
        phk
        """
    ),
}
_KIND_PHRASES: dict[str, tuple[str, ...]] = {
    "departure": ("step down", "steps down", "stepping down", "pede demissao", "keluar dari"),
    "deal": ("kerja sama", "nota kesepahaman"),
    "layoffs": ("cut jobs", "cuts jobs", "job cuts", "corta empregos"),
}
_WORD = re.compile(r"[a-z0-9]+")

# The kinds of headline that may tell each kind of event: a firing is told
# as a departure too, a hire as a return, a stake bought as a deal.
EVENT_STORY_KINDS: dict[str, frozenset[str]] = {
    "departure": frozenset({"departure", "fired"}),
    "fired": frozenset({"fired", "departure"}),
    "leave": frozenset({"departure"}),
    "hire": frozenset({"hire", "return"}),
    "funding": frozenset({"funding", "deal"}),
    "acquisition": frozenset({"acquisition", "funding", "deal"}),
    "launch": frozenset({"launch"}),
}


def tells_another_kind(kinds: frozenset[str], events: Iterable[str]) -> bool:
    """Whether a headline telling these kinds of story tells none of the
    kinds of event given (an unknown event kind could be any story)."""
    told: set[str] = set()
    for event in events:
        if event not in EVENT_STORY_KINDS:
            return False
        told |= EVENT_STORY_KINDS[event]
    return bool(kinds) and not kinds & told


KIND_WORDS: frozenset[str] = frozenset().union(*_KIND_WORDS.values())


def headline_kinds(title: str) -> frozenset[str]:
    """The kinds of story a headline's words tell."""
    folded = fold(title)
    tokens = set(_WORD.findall(folded))
    found = {kind for kind, listed in _KIND_WORDS.items() if tokens & listed}
    spaced = " " + " ".join(_WORD.findall(folded)) + " "
    found.update(
        kind
        for kind, phrases in _KIND_PHRASES.items()
        if any(f" {phrase} " in spaced for phrase in phrases)
    )
    return frozenset(found)


# A headline reporting talks or what sources say. Its confirmation days
# later is the same story (watchlist.story_judge); a plan a company states
# ("plans to", "berencana", "planeja") is not hearsay, and what it does
# later is a story of its own.
_RUMOUR_WORDS = words(
    """
    reportedly nears
    dikabarkan kabarnya dirumorkan rumor
    negocia negociam
    """
)
_RUMOUR_PHRASES = (
    "in talks",
    "said to be",
    "sources say",
    "people familiar",
    "em negociacao",
    "em negociacoes",
    "em conversas",
    "segundo fontes",
)


def headline_rumour(title: str) -> bool:
    """Whether a headline reports talks or what sources say."""
    tokens = _WORD.findall(fold(title))
    if _RUMOUR_WORDS.intersection(tokens):
        return True
    spaced = " " + " ".join(tokens) + " "
    return any(f" {phrase} " in spaced for phrase in _RUMOUR_PHRASES)


# A headline part set off by a colon or a bar that names a digest ("The week
# in AI:", "Rangkuman:", "Resumo do dia:", "Google's $45 billion week:"): the
# article retells several stories and is a story of its own. Short parts
# only: in a long one the word is the story's ("a week after ...").
_HEADLINE_PARTS = re.compile(r"\s*[:|]\s*")
_ROUNDUP_PART_WORDS = 6
_ROUNDUP_WORDS = words(
    """
    roundup round-up recap digest briefing newsletter week weekly daily
    rangkuman ringkasan kilas sepekan pekan
    resumo semana giro
    """
)


def headline_roundup(title: str) -> bool:
    """Whether a headline presents a digest of several stories."""
    parts = _HEADLINE_PARTS.split(fold(title))
    if len(parts) < 2:
        return False
    for part in parts:
        tokens = part.split()
        if len(tokens) <= _ROUNDUP_PART_WORDS and (
            _ROUNDUP_WORDS.intersection(tokens) or " day in " in f" {part} "
        ):
            return True
    return False


# The label an outlet sets before or after an analysis, a column or an
# opinion piece ("Análise:", "Opini:", "Opinion |", "ANALYSIS-"): what an
# event means is a story of its own, however closely it retells the event.
_OPINION_WORDS = words(
    """
    analysis opinion column commentary editorial op-ed viewpoint
    analisis opini kolom tajuk
    analise opiniao coluna comentario artigo
    """
)
_OPINION_PART_WORDS = 3
# "ANALYSIS-Nvidia ...": the label in capitals, where "Analysis-driven" is a word.
_OPINION_PREFIX = re.compile(r"([A-Z]{4,})\s*[-\u2013\u2014]")
# Headlines that ask what an event means rather than tell it ("What Fedus's
# exit says about OpenAI", "Por que a saída de X preocupa", "Mengapa X
# Hengkang"): an analysis even without a label.
_ANALYSIS_OPENINGS = re.compile(
    r"(?:why|por que|porque|mengapa|kenapa|entenda|di balik)\b"
    r"|(?:what|o que|apa)\b.*\b(?:means?|says? about|tells? us|significa|diz sobre|revela|arti)\b"
)
_ANALYSIS_STARTS = ("why", "por", "meng", "ken", "ent", "di ", "what", "o ", "apa")


def headline_opinion(title: str) -> bool:
    """Whether a headline presents an analysis, a column or an opinion piece."""
    title = title.strip()
    if title[:4].lower().startswith(_ANALYSIS_STARTS) and _ANALYSIS_OPENINGS.match(fold(title)):
        return True
    prefix = _OPINION_PREFIX.match(title)
    if prefix and prefix.group(1).lower() in _OPINION_WORDS:
        return True
    if ":" not in title and "|" not in title:
        return False  # no label set off
    return any(
        0 < len(tokens := part.split()) <= _OPINION_PART_WORDS and tokens[0] in _OPINION_WORDS
        for part in _HEADLINE_PARTS.split(fold(title))
    )
