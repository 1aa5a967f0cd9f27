"""Trigger words of the companies' event kinds (funding, launch, acquisition)
in English, Indonesian and Portuguese (some Spanish), by kind and language.
"""

from __future__ import annotations

from watchlist.event_trigger import Triggers
from watchlist.event_trigger import t as _t

_AMOUNT_AHEAD = (
    r"(?=.{0,30}(?:\$|US\$|R\$|€|£|\d\s*(?:million|billion|bn|milh|bilh|juta|miliar|triliun)"
    r"|funding|round|capital|series\s+[a-f]\b|euros?|d[oó]lares|reais))"
)

FUNDING: Triggers = {
    "en": (
        _t(
            "after",
            "buy buys bought buying take takes took taking acquir purchas",
            r"(?:buys?|bought|buying|takes?|took|taking|acquir\w*|purchas\w*)\s+"
            r"(?:a\s+|an\s+)?(?:\d+(?:[.,]\d+)?\s*%\s+|minority\s+|majority\s+|small\s+)?"
            r"(?:equity\s+)?stake\b",
        ),
        # "raised its stake in Anthropic to 14%": more of a company, not all of it
        _t(
            "after",
            "rais increas boost lift doubl",
            r"(?:rais|increas|boost|lift|doubl)\w*\s+(?:its|their|his|her|a|the)\s+"
            r"(?:equity\s+)?stake\s+in\b",
        ),
        _t(
            "before",
            "rais secure will to",
            r"(?:raises|raised|raising|secures|secured|(?:will|to)\s+raise)\b" + _AMOUNT_AHEAD,
        ),
        _t("before", "receiv", r"(?:receives|received|receiving)\b" + _AMOUNT_AHEAD),
        # "hauled in $1 billion", "landed a $2 billion seed round"
        _t(
            "before",
            "haul pull rake land bag nab snag",
            r"(?:hauls|hauled|pulls|pulled|rakes|raked)\s+in\b" + _AMOUNT_AHEAD + "|"
            r"(?:lands|landed|bags|bagged|nabs|nabbed|snags|snagged)\s+(?:a|an)\b"
            r"(?=.{0,40}?\b(?:round|funding|investment)\b)",
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
        # "pours $2 billion into xAI", "pumped $1 billion into"
        _t(
            "after",
            "pour pump inject sink sank",
            r"(?:pours?|poured|pouring|pumps?|pumped|pumping|injects?|injected|injecting|"
            r"sinks?|sank)\s+(?:[^\s;]+\s+){0,5}?into\b",
        ),
        # "backs Anthropic with a fresh $1 billion investment", not "backed by"
        _t(
            "object",
            "back",
            r"(?:backs|backed|backing)(?!\s+by\b)(?=.{0,60}?(?:investment|funding|\$|"
            r"billion|million))",
        ),
        # "another $4 billion investment", "a $1 billion investment": the amount makes it one
        _t("before", "investment", r"(?<=illion )investment\b|(?<=bn )investment\b"),
        _t("after", "stake", r"stake\s+in\b"),
    ),
    "id": (
        _t(
            "after",
            "membeli beli mengambil menambah memperbesar memborong",
            r"(?:membeli|beli|mengambil|menambah|memperbesar|memborong)\s+"
            r"(?:[^\s;]+\s+){0,3}?(?:saham|kepemilikan)",
        ),
        _t(
            "before",
            "pendanaan mengumpulkan menggalang meraih galang meraup mengantongi kantongi raup "
            "kebanjiran",
            r"pendanaan\b|(?:mengumpulkan|menggalang|meraih|galang|meraup|mengantongi|kantongi"
            r"|raup|kebanjiran)\s+dana\b",
        ),
        _t(
            "before",
            "suntikan menerima kucuran",
            r"suntikan\s+dana\b|kucuran\s+dana\b|menerima\s+(?:\S+\s+){0,2}?dana\b",
        ),
        # "Anthropic kembali disokong Google": funded by whoever follows
        _t("before", "disokong didanai", r"(?:disokong|didanai)\b"),
        _t(
            "after",
            "menyuntikkan suntik berinvestasi investasi mengucurkan menggelontorkan mengguyur "
            "menanamkan menyuntik",
            r"menyuntikkan\b|menyuntik\b|suntik\b|berinvestasi\b|"
            r"(?:mengucurkan|menggelontorkan|mengguyur)\b|"
            r"menanamkan\s+(?:modal|investasi|dana|uang|US\$|Rp)|"
            r"investasi\s+(?:[^\s;]+\s+){0,2}?(?:di|ke)\b",
        ),
    ),
    "pt": (
        _t(
            "after",
            "comprou compra comprar comprando adquir elev ampli aument",
            r"(?:compr(?:ou|a|ar|ando)|adquir\w*|elev\w*|ampli\w*|aument\w*)\s+"
            r"(?:uma\s+|sua\s+|a\s+)?(?:fatia\b|\d+(?:[.,]\d+)?\s*%|"
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
            "captou capta levantou levantando arrecadou arrecadando garantiu garante",
            r"(?:capt(?:ou|a|ando)|levant(?:ou|ando)|arrecad(?:ou|ando)|garant(?:iu|e))\b"
            + _AMOUNT_AHEAD,
        ),
        _t("before", "aporte", r"aporte\b"),
        _t("before", "recebeu recebe recebera", r"receb(?:eu|e|er[aá])\b" + _AMOUNT_AHEAD),
        _t(
            "after",
            "investiu investe investir investira injeta injetou despeja despejou aporta aportou "
            "investimento",
            r"invest(?:iu|e|ir|ir[aá])\b|(?:injet|despej|aport)(?:a|ou|ar[aá])\b|"
            r"investimento\s+n[ao]s?\b",
        ),
    ),
    "es": (_t("before", "ronda", r"ronda\s+de\s+financiaci[oó]n\b"),),
}

LAUNCH: Triggers = {
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
            r"released\s+(?:(?:a|an|its|the|new)\b|(?-i:[A-Z0-9]))",
        ),
        _t("before", "has starts", r"has\s+(?:co-)?founded\b|starts\b"),
        # "In 2023 he founded DeepSeek", "started a world-model startup called AMI Labs"
        _t(
            "before",
            "founded co-founded cofounded started",
            r"(?:co-?)?founded(?=\s+(?-i:[A-Z]))|"
            r"(?:started|(?:co-?)?founded)\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,3}?"
            r"(?:startup|company|lab|firm|venture)\b",
        ),
        _t("before", "will to", r"(?:will|to)\s+(?:launch|release|unveil)\b"),
    ),
    "id": (
        _t(
            "before",
            "meluncurkan diluncurkan merilis dirilis luncurkan menggulirkan menghadirkan",
            r"(?:meluncurkan|diluncurkan|merilis|dirilis|luncurkan|menggulirkan|menghadirkan)\b",
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
        _t(
            "before",
            "fundou fundaram liberou libera",
            r"(?:co)?fund(?:ou|aram)\b|liber(?:ou|a|aram)\s+(?:o|a|os|as)\b",
        ),
    ),
    "es": (_t("before", "lanza lanzo", r"(?:lanza|lanzo)\b"),),
}

ACQUISITION: Triggers = {
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
        _t("after", "takeover purchase", r"(?:takeover|purchase)\s+by\b"),
        # "its purchase of Segment": the buyer before, the bought after
        _t("before", "acquisition takeover purchase", r"(?:acquisition|takeover|purchase)\s+of\b"),
        _t("before", "snap", r"snap(?:s|ped|ping)?\s+up\b"),
        _t("before", "acqui", r"acqui-?hir(?:es|ed|ing)\b"),
    ),
    "id": (
        _t("after", "diakuisisi dibeli", r"(?:diakuisisi|dibeli)\s+oleh\b"),
        _t(
            "before",
            "mengakuisisi akuisisi membeli mencaplok caplok pembelian",
            # "Google Caplok Wiz" (a headline's bare verb); "menuntaskan pembelian
            # Run:ai", but "pembelian saham" is a stake
            r"(?:mengakuisisi|akuisisi|membeli|mencaplok|caplok)\b|"
            r"pembelian\b(?!\s+(?:\S+\s+){0,2}?saham)",
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
            "adquiriu adquire comprou compra comprar arremat",
            r"(?:adquiriu|adquire|comprou|comprar|compra\s+(?:a|o)\b|arremat(?:ou|a)\b)",
        ),
        _t("before", "aquisicao", r"aquisi[cç][aã]o\s+d[aeo]\b"),
    ),
}
