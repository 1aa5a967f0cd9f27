"""What an event verb takes after it, read from the words that follow: an
organisation or role ("left OpenAI", "deixou o cargo"), a name, a number,
another word, or nothing ("is leaving after six years"). The checks in
watchlist.event_checks use it to tell "left OpenAI" from "left Paris" and
"acquired Run:ai" from "acquired 100,000 GPUs".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from watchlist.lexicon import COMMON_WORDS, HONORIFICS, words
from watchlist.matcher import fold

Found = tuple[int, int, str]  # (start, end, entity id) of a mention

TOKEN = re.compile(r"[\w']+")

# Verbs that leave something: the thing left must be an organisation or a
# role ("left OpenAI", "deixou o cargo"), or nothing ("is leaving after six
# years"); "exited the stage", "meninggalkan kesan" are not departures.
_TRANSITIVE_LEAVING = (
    "abandon",
    "larg",
    "leav",
    "left",
    "quit",
    "exit",
    "depart",
    "meninggalkan",
    "tinggalkan",
    "deix",
)
_ORG_NOUNS = words("""
    company company's companies startup firm lab laboratory board role post job team position
    group unit division office government administration chair seat business maker
    developer rival maker makers provider supplier
    produsen pembuat penyedia pemasok fabricante fabricantes fornecedora fornecedor
    perusahaan pekerjaan jabatan posisi dewan kantor tim startup laboratorium kursi pemerintahan
    empresa companhia cargo conselho equipe time laboratório laboratorio posto governo
    presidência presidencia comando diretoria
    """)
DETERMINERS = words("the a an his her its their this that o os as um uma seu sua seus suas")
_UP_TO = words("up to hingga sampai até ate")
# Portuguese writes a company's nationality before its name, in lower case.
_DEMONYMS = words("""
    francesa francês frances americana americano chinesa chinês chines alemã alema alemão
    alemao britânica britanica britânico britanico israelense canadense brasileira brasileiro
    japonesa japonês japones coreana coreano indiana indiano sueca sueco holandesa holandês
    espanhola espanhol italiana italiano suíça suica suíço suico
    """)
_BUYING = (
    "acquir",
    "buy",
    "bought",
    "membeli",
    "beli ",
    "mengakuisisi",
    "comprou",
    "compra",
    "adquir",
    # "snaps up a stake in Intel" is funding, "scoops up GPUs" no deal
    "snap",
    "scoop",
    "gobbl",
)
_ADVERB = re.compile(r"\w{3,}mente|\w{3,}ly|resmi|akhirnya|officially")
# Verbs whose place comes after a preposition: "keluar dari ruang sidang",
# "saiu do tribunal" are no departures; "bergabung dalam panggilan video",
# "joined in the call" no hires.
_PLACED_VERBS = tuple(
    sorted(
        words("""
    keluar mundur hengkang berhenti cabut sai saí sair despe deslig aposent afast separ head assum
    direkrut digaet dipinang diboyong dibajak dicomot didapuk dilantik
    join rejoin bergabung gabung juntou
    junta return kembali volt retorn diangkat ditunjuk dipromosikan berpisah entr follow
    menyusul segui walk cheg mud withdr menarik retir pindah berpindah
    """)
    )
)
# Forms of Portuguese "ir" (to go), folded.
_GOING = words("vai vao ira irao indo")
_ROLES = words("""
    head lead leader member anggota membro chefe líder lider pemimpin
    chief president director officer executive chair chairman adviser advisor
    wakil presiden direktur kepala ketua komisaris penasihat
    presidente vice-presidente diretor diretora executivo executiva conselheiro conselheira
    """)
_MANNER = re.compile(
    r"\s+(?:secara\s+\w+|sejenak|sebentar|virtually|remotely|\w{3,}ly)\b", re.IGNORECASE
)
# Where anyone goes back to after a break: no new employer.
_ROUTINE_PLACES = words("office work desk kantor rumah home escritório escritorio trabalho casa")
# A time after the preposition is no place: "saiu em setembro de 2024", "no ano passado".
_TIME_WORDS = words("""
    janeiro fevereiro março marco abril maio junho julho agosto setembro outubro novembro
    dezembro ano mês mes semana semestre início inicio fim final
    januari februari maret april mei juni juli agustus oktober desember tahun bulan pekan minggu
    """)
# Words opening a time phrase after a verb: "left the same day", "quit last week".
_TIME_OBJECTS = words("""
    same next last following previous day week month year morning afternoon evening night
    weeks months years days hari pekan minggu bulan tahun mesmo dia semana ano
    """)
_ADVERBIAL_NOUNS = words("novo nuevo repente vez fato imediato")
_PLACE_PREPOSITIONS = words("""
    from of with to into in on at dari dengan ke dalam di pada
    do da de dos das com à ao na no em para
    sebagai menjadi jadi
    """)


def placed_nowhere_of_note(text: str, k_start: int, k_end: int, mentions: Sequence[Found]) -> bool:
    """A move verb followed by a preposition whose place is neither a watched
    name, an organisation or role, nor a date: "keluar dari ruang sidang"."""
    verb = fold(text[k_start:k_end]).split()
    if len(verb) > 1 and verb[0] in _GOING and verb[1] == "para":
        return object_of(text, k_end, mentions) != "org"  # "vai para a Índia": a trip
    if not verb or not any(word.startswith(_PLACED_VERBS) for word in verb):
        return False
    if any(w.startswith(("cheg", "mud", "pindah", "berpindah")) for w in verb):
        following = [w.lower() for w in TOKEN.findall(text, k_end, min(len(text), k_end + 30))]
        if following and following[0] in _ROUTINE_PLACES:
            return True  # "pindah ke kantor baru": an office move
        # "chegou a São Paulo", "se mudou para Lisboa": a trip; "chega à Microsoft": a
        # move (the keyword ends with its preposition)
        return object_of(text, k_end, mentions) != "org"
    if verb[-1] in _PLACE_PREPOSITIONS:  # "returned to", "kembali ke": in the keyword
        place_at = k_end
    else:
        # "bergabung secara virtual dalam sesi": the manner is not the place
        manner = _MANNER.match(text, k_end)
        start = manner.end() if manner else k_end
        following = TOKEN.match(text, start + len(text[start:]) - len(text[start:].lstrip()))
        if following is None or following.group().lower() not in _PLACE_PREPOSITIONS:
            return False
        place_at = following.end()
    following = [w.lower() for w in TOKEN.findall(text, place_at, min(len(text), place_at + 30))]
    if following and following[0] in DETERMINERS:
        following = following[1:]
    if following and following[0] in _ROUTINE_PLACES:
        return True  # "kembali ke kantor setelah libur", "returned to the office"
    if following and following[0] in _TIME_WORDS:
        return False
    place = object_of(text, place_at, mentions)
    if place == "other" and _named_in_clause(text, place_at, mentions):
        return False  # "assumiu a chefia de pesquisa da OpenAI": a unit of a company
    if verb[0].startswith("head"):
        return place != "org"  # "heads to Washington": a trip; "heads back to Google": a move
    if place != "other":
        return False
    after_place = TOKEN.match(text, place_at + len(text[place_at:]) - len(text[place_at:].lstrip()))
    if (
        after_place is not None
        and text[place_at - 5 : place_at].lower().endswith("para")
        and after_place.group().lower().endswith(("ar", "er", "ir"))
    ):
        return False  # "vai sair para abrir sua própria empresa": a purpose, not a place
    # "saiu de novo", "de repente": an adverb, not a place
    after = TOKEN.search(text, place_at)
    return after is None or after.group().lower() not in _ADVERBIAL_NOUNS


# Words that relate the place to the company otherwise than as its unit:
# "bersama para analis Google", "gugatan terhadap OpenAI".
_COMPANY_OF = words("""
    with bersama dengan com junto and dan e serta against terhadap melawan contra versus vs
    over about soal tentang sobre atas for untuk by oleh por pela pelo from dari to ke
    """)


def _named_in_clause(text: str, start: int, mentions: Sequence[Found]) -> bool:
    """A watched company a few words after `start`, whose unit or role those
    words name ("a chefia de pesquisa da OpenAI"), not company kept ("bersama")."""
    for m in mentions:
        if start <= m[0] <= start + 40 and not m[2].startswith("person:"):
            between = [w.lower() for w in TOKEN.findall(text, start, m[0])]
            return (
                len(between) <= 4
                and _COMPANY_OF.isdisjoint(between)
                and not any(c in text[start : m[0]] for c in ",;:()")
            )
    return False


def object_of(text: str, end: int, mentions: Sequence[Found]) -> str:
    """What a verb ending at `end` takes as its object: "org" (a watched name,
    an organisation or role noun), "name" (another capitalised name), "number",
    "other" (another word), or "none" (nothing, or a function word after an
    intransitive use: "is leaving after six years")."""
    found = list(TOKEN.finditer(text, end, min(len(text), end + 80)))[:6]
    # "deixou oficialmente a Meta", "left quietly": the adverb is not the object
    while found and _ADVERB.fullmatch(found[0].group().lower()):
        found = found[1:]
    if found and found[0].group().lower() in DETERMINERS:
        found = found[1:]
    if (
        len(found) > 1
        and found[0].group().lower() in ("to", "untuk")
        and found[1].group().lower() != "up"
    ):
        return "none"  # "quit to co-found Mistral AI": a purpose follows, not an object
    # "to buy up to 160 million shares", "hingga 160 juta saham": a quantity
    while found and found[0].group().lower() in _UP_TO:
        found = found[1:]
    found = found[:4]
    if not found:
        return "none"
    first = found[0]
    word = first.group()
    if any(m[0] == first.start() for m in mentions):
        return "org"
    if word[0].isdigit():
        return "number"
    if word[:1].isupper():
        if word.endswith(("'s", "’s")) and len(found) > 1:
            return "org" if found[1].group().lower() in _ORG_NOUNS else "other"
        # "left the Trump administration", "the Biden White House team"
        if any(w.group().lower() in _ORG_NOUNS for w in found[1:4]):
            return "org"
        return "name"
    lowered = word.lower().removesuffix("nya")
    if lowered in _TIME_WORDS or lowered in _TIME_OBJECTS:
        return "none"  # "left the same day", "saiu no mesmo dia": when, not what
    if lowered in _DEMONYMS and len(found) > 1 and found[1].group()[:1].isupper():
        return "org"  # "comprou a francesa Pollen Robotics": the French company
    # "a small browser startup": the noun may come a word or two on
    if lowered in _ORG_NOUNS or lowered in HONORIFICS or lowered in _ROLES:
        return "org"  # a role is a place too: "diangkat menjadi kepala riset"
    if any(w.group().lower() in _ORG_NOUNS for w in found[1:4]):
        return "org"
    return "none" if lowered in COMMON_WORDS else "other"


_FOR = re.compile(r"\s+for\b", re.IGNORECASE)
_OWNED_NOUN = re.compile(r"(?:['’]s|\bwhose)\s+(?:\w+\s+)?$", re.IGNORECASE)


def leaves_nothing_of_note(text: str, k_start: int, k_end: int, mentions: Sequence[Found]) -> bool:
    """A leaving verb whose object is neither a watched organisation nor a
    role: "exited the stage", "meninggalkan kesan", "left Paris"."""
    verb = fold(text[k_start:k_end]).split()
    if not verb or not verb[-1].startswith(_TRANSITIVE_LEAVING) or verb[-1].endswith("ure"):
        return False  # "departure" is a noun: what follows is no object
    if _OWNED_NOUN.search(text, max(0, k_start - 30), k_start):
        return False  # "Mira Murati's exit came ...": a noun too
    bound = _FOR.match(text, k_end)
    if bound is not None:  # "is leaving for Davos": a trip, unless it names the employer
        return object_of(text, bound.end(), mentions) != "org"
    kind = object_of(text, k_end, mentions)
    if kind == "name" and _TO_JOIN.match(text, k_end, min(len(text), k_end + 60)):
        return False  # "left Inflection AI to join Microsoft": the name was an employer
    return kind not in ("org", "none")


# Leaving a name in order to join somewhere says the name was a workplace.
_TO_JOIN = re.compile(
    r"[^.;:!?]*?\b(?:to\s+join|untuk\s+bergabung|para\s+(?:se\s+juntar|entrar|ir\s+para))\b",
    re.IGNORECASE,
)


def buys_no_company(text: str, k_start: int, k_end: int, mentions: Sequence[Found]) -> bool:
    """A buying verb whose object is goods or money, not a company: "acquired
    100,000 GPUs", "bought $1.5 billion in bitcoin", "bought back shares"."""
    if not fold(text[k_start : k_start + 12]).startswith(_BUYING):
        return False
    return object_of(text, k_end, mentions) in ("number", "other")
