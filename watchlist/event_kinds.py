"""Every event kind, declared once: its name, its label on screen, whom it
goes to, and its trigger words per language with an example sentence.

The tagger (watchlist.events), the dashboard's labels and the evaluation all
read this table; a test checks that each kind's example fires in each
language and that no trigger belongs to two kinds.

A trigger is (way, stems, regex). `way` says where the subject usually lies:
"before" ("X resigned"), "after" ("acquired by X", "the ouster of X", or
before it when nothing follows: "Altman's ouster"), or "object" (a verb's
object: "OpenAI hires X"; nobody after it, no event).
`stems` are the words an Aho-Corasick pass looks for at word starts before the
regex is tried there. Regexes run case-insensitively on the original text,
with character classes for accents; (?-i:...) marks where case matters.
Kinds are tried in table order and, within a kind, triggers in order: a later
match overlapping an earlier one is dropped, so "buys a 49% stake" is funding,
not an acquisition, because funding comes first.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("en", "id", "pt")
_UPPER_NEXT = r"(?=\s+(?:the\s+|his\s+|her\s+|its\s+)?(?-i:[A-Z]))"
# "fired back at critics", "fires off a letter": not a firing.
_NOT_BACK = r"(?!\s+(?:back|off|up|away)\b)"
_AMOUNT_AHEAD = (
    r"(?=.{0,30}(?:\$|US\$|R\$|€|£|\d\s*(?:million|billion|bn|milh|bilh|juta|miliar|triliun)"
    r"|funding|round|capital|series\s+[a-f]\b|euros?|d[oó]lares|reais))"
)


@dataclass(frozen=True, slots=True)
class Trigger:
    way: str  # "before" | "after" | "object"
    stems: str
    regex: str


@dataclass(frozen=True, slots=True)
class EventKind:
    name: str
    label: str  # shown in the dashboard
    subject: str  # "person": goes to people only; "company": companies, else people
    triggers: dict[str, tuple[Trigger, ...]]  # by language ("es" is best effort)
    examples: dict[str, str]  # one sentence per language that must fire this kind


def _t(way: str, stems: str, regex: str) -> Trigger:
    return Trigger(way, stems, regex)


KINDS: tuple[EventKind, ...] = (
    EventKind(
        "leave",
        "On leave",
        "person",
        {
            "en": (_t("before", "leave sabbatical", r"leave\s+of\s+absence\b|sabbatical\b"),),
            "id": (_t("before", "cuti", r"cuti\b"),),
            "pt": (
                _t(
                    "before",
                    "licenca",
                    r"(?:(?<=tirou )|(?<=tira )|(?<=tirar )|(?<=de )|(?<=em ))licen[cç]a\b",
                ),
            ),
        },
        {
            "en": "Greg Brockman is taking a leave of absence from OpenAI.",
            "id": "Greg Brockman mengambil cuti panjang dari OpenAI.",
            "pt": "Greg Brockman tirou licença da OpenAI.",
        },
    ),
    EventKind(
        "departure",
        "Left",
        "person",
        {
            "en": (
                _t("before", "has had have is was", r"(?:has|had|have|is|was)\s+left\b"),
                _t("before", "left", r"left" + _UPPER_NEXT),
                _t(
                    "before",
                    "left",
                    r"left\s+(?:the|his|her|their)\s+"
                    r"(?:company|startup|firm|lab|board|role|post|job|team)",
                ),
                _t(
                    "before",
                    "leav depart quit",
                    r"(?:leaves|leaving|departs|departed|departing|quits|quit)\b",
                ),
                _t(
                    "before",
                    "resign exit",
                    r"(?:resign|resigns|resigned|resigning|exits|exited)\b",
                ),
                _t("before", "step", r"(?:steps?|stepped|stepping)\s+(?:down|away)\b"),
                _t("before", "walk part", r"(?:walked|walks)\s+away\b|part(?:s|ed)?\s+ways\b"),
                _t(
                    "after",
                    "departure resignation exit",
                    r"(?:departure|resignation|exit)\s+of\b",
                ),
                _t("before", "departure resignation", r"(?:departure|resignation)\b"),
            ),
            "id": (
                _t("before", "mengundurkan undur", r"mengundurkan\s+dir\w*|undur\s+diri\b"),
                _t(
                    "after",
                    "pengunduran kepergian keluarnya",
                    r"pengunduran\s+dir\w*|kepergian\w*|keluarnya\b",
                ),
                _t(
                    "before",
                    "keluar meninggalkan mundur hengkang minggat berhenti",
                    r"(?:keluar|meninggalkan|mundur|hengkang|minggat|berhenti)\b",
                ),
            ),
            "pt": (
                _t(
                    "before",
                    "renunci deix",
                    r"renunci(?:ou|a|ar|ando|aram)\b|deix(?:ou|a|ar|ando|aram|am)\s+(?!de\b)",
                ),
                # not "sai": every "said" would try the rule
                _t(
                    "before",
                    "saiu saindo sair sairam saido pediu se",
                    r"sa[ií](?:u|ndo|r|ra|ram)\b|sa[ií]do\b|pediu\s+demiss[aã]o\b|se\s+demitiu\b",
                ),
                _t("after", "saida renuncia", r"(?:sa[ií]da|ren[uú]ncia)\s+d[eoa]s?\b"),
            ),
            "es": (_t("before", "renuncio dimitio dejo", r"(?:renunci[oó]|dimiti[oó]|dej[oó])\b"),),
        },
        {
            "en": "Mira Murati left OpenAI in September.",
            "id": "Jan Leike mengundurkan diri dari OpenAI.",
            "pt": "Mira Murati deixou a OpenAI.",
        },
    ),
    EventKind(
        "fired",
        "Fired",
        "person",
        {
            "en": (
                _t(
                    "before",
                    "was been is got being",
                    r"(?:was|been|is|got|being)\s+(?:fired|ousted|sacked|dismissed|removed)\b",
                ),
                _t("object", "fires ousts sacks", r"(?:fires|ousts|sacks)\b" + _NOT_BACK),
                _t(
                    "after",
                    "fire oust sack dismiss",
                    r"(?:fired|ousted|sacked|dismissed)\b" + _NOT_BACK,
                ),
                _t("object", "removed removes", r"remov(?:ed|es)" + _UPPER_NEXT),
                _t(
                    "after",
                    "ouster firing dismissal removal",
                    r"(?:ouster|firing|dismissal|removal)\b",
                ),
                _t("before", "forced pushed let", r"(?:forced|pushed)\s+out\b|let\s+go\b"),
            ),
            "id": (
                _t(
                    "before",
                    "dipecat diberhentikan didepak dilengserkan",
                    r"(?:dipecat|diberhentikan|didepak|dilengserkan)\b",
                ),
                _t("after", "pemecatan", r"pemecatan\w*"),
                _t(
                    "object",
                    "memecat mendepak pecat memberhentikan",
                    r"memecat\w*|mendepak\b|pecat\b|memberhentikan\b",
                ),
            ),
            "pt": (
                _t(
                    "before",
                    "demitid destituid afastad despedid",
                    r"(?:demitid[oa]s?|destitu[ií]d[oa]|afastad[oa]|despedid[oa])\b",
                ),
                _t("object", "demitiu demite afastou", r"demitiu\b|demite\b|afastou\b"),
                _t("after", "demissao", r"(?<!pediu )demiss[aã]o\b"),
            ),
        },
        {
            "en": "OpenAI ousts Sam Altman as chief executive.",
            "id": "Sam Altman dipecat dari OpenAI.",
            "pt": "O conselho da OpenAI demite Sam Altman.",
        },
    ),
    EventKind(
        "hire",
        "Hired",
        "person",
        {
            "en": (
                _t(
                    "before",
                    "was been is has",
                    r"(?:was|been|is|has\s+been)\s+"
                    r"(?:hired|appointed|named|promoted|tapped|poached|rehired)",
                ),
                _t("before", "join rejoin", r"(?:re)?join(?:s|ed|ing)\b"),
                _t(
                    "object",
                    "hire hiring appoints poach taps tapped rehire brought bring brings",
                    r"(?:hires|hired|hiring|appoints|poaches|poached|taps|tapped|rehires|"
                    r"rehired|rehiring)\b|(?:brought|brings?)\s+back\b",
                ),
                _t(
                    "before",
                    "appointed named",
                    r"appointed\b|named\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?(?:ceo|chief|head)",
                ),
                _t("after", "appointment hiring", r"(?:appointment|hiring)\s+of\b"),
                _t(
                    "before",
                    "return returns returned returning serve",
                    r"(?:to\s+)?return(?:s|ed|ing)?\s+(?:to|as)\b|serve\s+as\s+interim\b",
                ),
            ),
            "id": (
                _t(
                    "object",
                    "diambil merekrut mengangkat menunjuk rekrut",
                    r"diambil\s+alih\s+oleh\b|merekrut\b|mengangkat\b|menunjuk\b|rekrut\b",
                ),
                _t(
                    "before",
                    "diangkat ditunjuk bergabung direkrut dipromosikan menjabat kembali",
                    r"(?:diangkat|ditunjuk|bergabung|direkrut|dipromosikan|menjabat)\b|"
                    r"kembali\s+(?:ke|menjadi|memimpin)\b",
                ),
            ),
            "pt": (
                _t(
                    "before",
                    "contratad nomead nombrad promovid",
                    r"(?:contratad[oa]s?|nomead[oa]s?|nombrad[oa]|promovid[oa])\b",
                ),
                _t(
                    "before",
                    "junt se assum",
                    r"junt(?:ou|a)-se\b|se\s+junt(?:ou|a)\b|"
                    r"assum(?:e|iu)\s+(?:o\s+cargo|o\s+comando|interinamente)\b",
                ),
                _t(
                    "before",
                    "volta voltou voltam retorna retornou",
                    r"(?:volt(?:a|ou|am)|retorn(?:a|ou))\s+(?:[^\W\d_]+\s+)?(?:para|ao|à|como)\b",
                ),
                _t(
                    "object",
                    "contrat nomeia nomeou recontrat",
                    r"(?:re)?contrat(?:ou|a|ar)\b|nomeia\b|nomeou\b",
                ),
            ),
        },
        {
            "en": "Mustafa Suleyman joined Microsoft to lead consumer AI.",
            "id": "Jan Leike bergabung dengan Anthropic.",
            "pt": "A OpenAI recontratou Barret Zoph.",
        },
    ),
    EventKind(
        "funding",
        "Funding",
        "company",
        {
            "en": (
                _t(
                    "after",
                    "buy buys bought buying take takes took taking acquir purchas",
                    r"(?:buys?|bought|buying|takes?|took|taking|acquir\w*|purchas\w*)\s+"
                    r"(?:a\s+|an\s+)?(?:\d+(?:[.,]\d+)?\s*%\s+|minority\s+|majority\s+|small\s+)?"
                    r"(?:equity\s+)?stake\b",
                ),
                _t(
                    "before",
                    "rais secure will to",
                    r"(?:raises|raised|raising|secures|secured|(?:will|to)\s+raise)\b"
                    + _AMOUNT_AHEAD,
                ),
                # "closed a $3.5 billion round", not "shares closed at $140"
                _t(
                    "before",
                    "close",
                    r"(?:closes|closed|closing)\s+(?:a|an|its|the)\b.{0,30}?"
                    r"\b(?:round|funding|raise)\b",
                ),
                _t(
                    "before",
                    "funding series",
                    r"funding\s+round\b|series\s+[a-f]\s+round\b",
                ),
                _t(
                    "after",
                    "invest",
                    r"invest(?:s|ed|ing)?\s+(?:[^\s;]+\s+){0,5}?in\b|investment\s+in\b",
                ),
                _t("after", "stake", r"stake\s+in\b"),
            ),
            "id": (
                _t(
                    "after",
                    "membeli beli",
                    r"(?:membeli|beli)\s+(?:\d+(?:[.,]\d+)?\s*%\s+)?saham\b",
                ),
                _t(
                    "before",
                    "pendanaan mengumpulkan menggalang meraih galang",
                    r"pendanaan\b|(?:mengumpulkan|menggalang|meraih|galang)\s+dana\b",
                ),
                _t("before", "suntikan", r"suntikan\s+dana\b"),
                _t(
                    "after",
                    "menyuntikkan suntik berinvestasi investasi",
                    r"menyuntikkan\b|suntik\b|berinvestasi\b",
                ),
            ),
            "pt": (
                _t(
                    "after",
                    "comprou compra comprar",
                    r"compr(?:ou|a|ar)\s+(?:uma\s+)?(?:\d+(?:[.,]\d+)?\s*%|"
                    r"participa[cç][aã]o)",
                ),
                _t(
                    "before",
                    "rodada fechou fecha",
                    r"rodada\s+de\s+(?:investimento|financiamento|aporte|US\$|R\$)|"
                    r"fech(?:ou|a)\s+(?:uma\s+)?rodada\b",
                ),
                _t(
                    "before",
                    "captou capta levantou levantando arrecadou arrecadando",
                    r"(?:capt(?:ou|a|ando)|levant(?:ou|ando)|arrecad(?:ou|ando))\b" + _AMOUNT_AHEAD,
                ),
                _t("before", "aporte", r"aporte\b"),
                _t(
                    "after",
                    "investiu investe investir investira",
                    r"invest(?:iu|e|ir|ir[aá])\b",
                ),
            ),
            "es": (_t("before", "ronda", r"ronda\s+de\s+financiaci[oó]n\b"),),
        },
        {
            "en": "Amazon invested $4 billion in Anthropic.",
            "id": "Anthropic meraih pendanaan US$13 miliar.",
            "pt": "A Anthropic captou US$ 13 bilhões.",
        },
    ),
    EventKind(
        "launch",
        "Launch",
        "company",
        {
            "en": (
                _t(
                    "before",
                    "launch unveil debut",
                    r"(?:launches|launched|launching|unveils|unveiled|debuts|debuted)\b",
                ),
                _t(
                    "before",
                    "rolls rolled introduces releases released",
                    r"(?:rolls|rolled)\s+out\b|introduces\b|releases\b|"
                    r"released\s+(?:a|an|its|the|new)\b",
                ),
                _t("before", "has starts", r"has\s+(?:co-)?founded\b|starts\b"),
                _t("before", "will to", r"(?:will|to)\s+(?:launch|release|unveil)\b"),
            ),
            "id": (
                _t(
                    "before",
                    "meluncurkan diluncurkan merilis dirilis luncurkan",
                    r"(?:meluncurkan|diluncurkan|merilis|dirilis|luncurkan)\b",
                ),
                _t(
                    "before",
                    "peluncuran memperkenalkan mendirikan dirikan",
                    r"(?:peluncuran|memperkenalkan|mendirikan|dirikan)\b",
                ),
            ),
            "pt": (
                _t(
                    "before",
                    "lanc estreia",
                    r"lan[cç](?:a|ou|ar|ando|ad[oa]|aram|am)\b|lan[cç]amento\b|estr[eé]ia\b",
                ),
                _t(
                    "before",
                    "apresentou apresenta anunciou",
                    r"apresent(?:ou|a|aram|am)\b|anunciou\s+(?:um|uma|o|a)\s+nov[oa]\b",
                ),
            ),
            "es": (_t("before", "lanza lanzo", r"(?:lanza|lanzo)\b"),),
        },
        {
            "en": "Anthropic launches a new Claude model.",
            "id": "OpenAI meluncurkan model baru.",
            "pt": "A Meta lançou um novo modelo Llama.",
        },
    ),
    EventKind(
        "acquisition",
        "Acquisition",
        "company",
        {
            "en": (
                _t(
                    "after",
                    "acquired bought sold",
                    r"acquired\s+by\b|bought\s+by\b|sold\s+to\b",
                ),
                _t(
                    "before",
                    "acquir buys bought to",
                    r"(?:acquires|acquired|acquiring|acquire|buys|bought|to\s+buy)\b",
                ),
                _t("after", "takeover purchase", r"(?:takeover|purchase)\s+(?:of|by)\b"),
                _t("before", "acquisition", r"acquisition\s+of\b"),
            ),
            "id": (
                _t("after", "diakuisisi dibeli", r"(?:diakuisisi|dibeli)\s+oleh\b"),
                _t(
                    "before",
                    "mengakuisisi akuisisi membeli mencaplok",
                    r"(?:mengakuisisi|akuisisi|membeli|mencaplok)\b",
                ),
            ),
            "pt": (
                _t(
                    "after",
                    "comprad adquirid vendid",
                    r"(?:comprad|adquirid|vendid)[oa]s?\s+(?:por|pel[oa]s?|para\s+[ao])\b",
                ),
                _t(
                    "before",
                    "adquiriu adquire comprou compra",
                    r"(?:adquiriu|adquire|comprou|compra\s+(?:a|o)\b)",
                ),
                _t("before", "aquisicao", r"aquisi[cç][aã]o\s+d[aeo]\b"),
            ),
        },
        {
            "en": "Nvidia acquired Run:ai for about $700 million.",
            "id": "Nvidia mengakuisisi Run:ai.",
            "pt": "A Twilio comprou a Segment em 2020.",
        },
    ),
)

BY_NAME: dict[str, EventKind] = {kind.name: kind for kind in KINDS}
EVENT_KINDS: tuple[str, ...] = tuple(kind.name for kind in KINDS)
PERSON_EVENTS: frozenset[str] = frozenset(k.name for k in KINDS if k.subject == "person")


def label(kind: str) -> str:
    """The on-screen label of an event kind (the name itself if unknown)."""
    found = BY_NAME.get(kind)
    return found.label if found else kind


def rules() -> list[tuple[str, Trigger]]:
    """(kind, trigger) in the order they are tried."""
    return [
        (kind.name, trigger)
        for kind in KINDS
        for language in sorted(kind.triggers, key=lambda code: (code not in LANGUAGES, code))
        for trigger in kind.triggers[language]
    ]
