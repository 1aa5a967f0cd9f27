"""Trigger words of the companies' event kinds (funding, launch, acquisition)
in English, Indonesian and Portuguese (some Spanish), by kind and language.
Verbs are listed by root and spelled out by watchlist.event_morphology.
"""

from __future__ import annotations

from watchlist.event_morphology import Forms, en, id_, pt, pt_perfect, trigger
from watchlist.event_trigger import Triggers
from watchlist.event_trigger import t as _t

_AMOUNT_AHEAD = (
    r"(?=.{0,30}(?:\$|US\$|R\$|€|£|\d\s*(?:million|billion|bn|milh|bilh|juta|miliar|triliun)"
    r"|funding|round|capital|series\s+[a-f]\b|euros?|d[oó]lares|reais"
    r"|investimento|aporte|financiamento))"
)
# "lands €1.7 billion", "bags $6 billion": money right after the verb
_MONEY_NEXT = r"(?=\s+(?:(?:a|an|another)\s+)?(?:US\$|R\$|\$|€|£|Rp))"

# "joined xAI's $6 billion raise", "took part in Anthropic's round": the
# investor before, the company whose round it is after.
_ROUND_AHEAD = r"(?=\s+(?:(?!(?:to|of|for|with|on|about)\s)\S+\s+){0,4}?(?:round|raise|funding)\b)"

FUNDING: Triggers = {
    "en": (
        _t(
            "after",
            "join participat took takes take led leads co-led co-leads",
            # "Nvidia led xAI's $6 billion round": the round is xAI's
            r"(?:join(?:s|ed)?|participat(?:es|ed)\s+in|t(?:ook|akes?)\s+part\s+in"
            r"|(?:co-)?le(?:d|ads))"
            r"(?=\s+(?:the\s+)?[\w.-]+['’]s\s)" + _ROUND_AHEAD,
        ),
        _t(
            "after",
            "buy buys bought buying take takes took taking acquir purchas",
            r"(?:buys?|bought|buying|takes?|took|taking|acquir\w*|purchas\w*)\s+"
            r"(?:a\s+|an\s+)?(?:\d+(?:[.,]\d+)?\s*%\s+|minority\s+|majority\s+|small\s+)?"
            r"(?:equity\s+)?stake\b|"
            # "agreed to buy 49% of Scale AI": part of a company is a stake
            r"(?:buys?|bought|buying|takes?|took|taking|acquir\w*)\s+(?:a\s+)?"
            r"\d+(?:[.,]\d+)?\s*%\s+(?:of|in)\b",
        ),
        # "raised its stake in Anthropic to 14%": more of a company, not all of it
        _t(
            "after",
            "rais increas boost lift doubl",
            r"(?:rais|increas|boost|lift|doubl)\w*\s+(?:its|their|his|her|a|the)\s+"
            r"(?:equity\s+)?stake\s+in\b",
        ),
        trigger("before", en("raise", "secure", base=False), _AMOUNT_AHEAD),
        _t("before", "will to", r"(?:will|to)\s+raise\b" + _AMOUNT_AHEAD),
        _t("before", "receiv", r"(?:receives|received|receiving)\b" + _AMOUNT_AHEAD),
        # "hauled in $1 billion", "landed a $2 billion seed round"
        _t(
            "before",
            "haul pull rake land bag nab snag brings brought",
            r"(?:hauls|hauled|pulls|pulled|rakes|raked|brings|brought)\s+in\b" + _AMOUNT_AHEAD + "|"
            r"(?:lands|landed|bags|bagged|nabs|nabbed|snags|snagged)"
            r"\s+(?:a|an|fresh|new|more|further|additional)\b"
            r"(?=.{0,40}?\b(?:round|funding|investment)\b)",
        ),
        trigger(
            "before", en("land", "bag+", "nab+", "snag+", "bank", "pocket", base=False), _MONEY_NEXT
        ),
        # "Anthropic gets $4 billion from Amazon", not "gets $5 billion in revenue"
        trigger(
            "before",
            en("get+/got"),
            _MONEY_NEXT + r"(?=.{0,50}?\b(?:from|funding|investment|round|led\s+by)\b)",
        ),
        # "closed a $3.5 billion round", not "shares closed at $140"
        _t(
            "before",
            "close",
            r"(?:closes|closed|closing)\s+(?:(?:a|an|its|the)\b.{0,30}?|(?=\$|US\$|€|£).{0,20}?)"
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
        trigger(
            "after",
            en("pour", "pump", "inject", "sink/sank/sunk", "plow", "plough", "funnel", "channel+"),
            r"\s+(?:[^\s;]+\s+){0,5}?into\b",
        ),
        # "doubled down on Anthropic with another $4 billion"
        trigger(
            "after",
            en("double"),
            r"\s+down\s+on\b(?=.{0,60}?(?:\$|billion|million|investment|funding))",
        ),
        # "backs Anthropic with a fresh $1 billion investment", not "backed by"
        _t(
            "object",
            "back",
            r"(?:backs|backed|backing)(?!\s+(?:by|from)\b)(?=.{0,60}?(?:investment|funding|\$|"
            r"billion|million))",
        ),
        # "another $4 billion investment", "a $1 billion investment": the amount makes it one
        # "Anthropic's $13 billion raise": the amount makes the noun a raise
        _t("before", "raise", r"(?:(?<=illion )|(?<=bn ))raise\b"),
        _t(
            "before",
            "investment injection infusion",
            r"(?:(?<=illion )|(?<=bn ))(?:investment|injection|infusion)\b",
        ),
        _t("after", "stake", r"stake\s+in\b"),
    ),
    "id": (
        # "ikut serta dalam penggalangan dana US$6 miliar xAI": xAI raised it
        _t(
            "after",
            "ikut berpartisipasi turut",
            r"(?:ikut(?:\s+serta)?|turut(?:\s+serta)?|berpartisipasi)\s+dalam\s+"
            r"(?:penggalangan\s+dana|putaran\s+pendanaan|pendanaan)\b",
        ),
        _t(
            "after",
            "membeli beli mengambil menambah memperbesar memborong borong mencaplok caplok "
            "mengakuisisi akuisisi",
            r"(?:membeli|beli|mengambil|menambah|memperbesar|memborong|borong|mencaplok|caplok"
            r"|mengakuisisi|akuisisi)\s+"
            r"(?:[^\s;]+\s+){0,3}?(?:saham|kepemilikan)",
        ),
        _t(
            "before",
            "pendanaan mengumpulkan menggalang meraih galang meraup mengantongi kantongi raup "
            "kebanjiran menghimpun himpun",
            r"pendanaan\b|(?:mengumpulkan|menggalang|meraih|galang|meraup|mengantongi|kantongi"
            r"|raup|kebanjiran|menghimpun|himpun)\s+(?:dana\b|modal\b|(?=US\$|Rp|\$|€))",
        ),
        _t(
            "before",
            "suntikan menerima kucuran",
            r"suntikan\s+dana\b|kucuran\s+dana\b|menerima\s+(?:\S+\s+){0,2}?dana\b"
            # "menerima US$2 miliar dari Google": an amount from a backer
            r"|menerima(?=\s+(?:US\$|Rp|\$|€)\s?\d[\d.,]*\s*(?:juta|miliar|triliun)?\s+dari\b)",
        ),
        _t("before", "suntikan", r"suntikan\s+(?:modal\b|(?=US\$|Rp|\$|€))"),
        # "Anthropic kembali disokong Google", "disuntik dana oleh Amazon":
        # funded by whoever follows
        trigger(
            "before", id_("sokong", "danai", "suntik", "suntikkan", "kucuri", "guyur", passive=True)
        ),
        _t(
            "after",
            "menyuntikkan suntik berinvestasi investasi mengucurkan menggelontorkan mengguyur "
            "kucurkan gelontorkan guyur "
            "menanamkan menanam menyuntik",
            r"menyuntikkan\b|menyuntik\b|suntik\b|berinvestasi\b|"
            r"(?:mengucurkan|menggelontorkan|mengguyur|kucurkan|gelontorkan|guyur)\b|"
            r"menanam(?:kan)?\s+(?:modal|investasi|dana|uang|US\$|Rp)|"
            r"investasi(?:nya)?\s+(?:[^\s;]+\s+){0,2}?(?:di|ke)\b",
        ),
    ),
    "pt": (
        # "participou da captação de US$ 6 bilhões da xAI": the xAI raised it
        trigger(
            "after",
            pt("participar") + pt("entrar"),
            r"\s+[dn][ao]\s+(?:nova\s+)?(?:capta[cç][aã]o|rodada)\b",
        ),
        _t(
            "after",
            "comprou compra comprar comprando adquir elev ampli aument",
            r"(?:compr(?:ou|a|ar|ando)|adquir\w*|elev\w*|ampli\w*|aument\w*)\s+"
            r"(?:uma\s+|sua\s+|a\s+)?(?:fatia\b|\d+(?:[.,]\d+)?\s*%|"
            r"participa[cç][aã]o)",
        ),
        _t(
            "before",
            "rodada",
            r"rodada\s+de\s+(?:investimento|financiamento|aporte|US\$|R\$)",
        ),
        # "fechou uma rodada", "conclui nova rodada", "anuncia rodada"
        trigger(
            "before",
            pt("fechar") + pt("concluir") + pt("anunciar"),
            r"\s+(?:uma\s+|a\s+|sua\s+)?(?:nova\s+)?rodada\b",
        ),
        trigger(
            "before",
            pt("captar")
            + pt("levantar")
            + pt("arrecadar")
            + pt("garantir")
            + pt("receber")
            + pt("embolsar")
            + pt("conseguir")
            + pt("obter", finite=False, extra="obtém obtêm obteve obtiveram obterá obtendo"),
            _AMOUNT_AHEAD,
        ),
        trigger("before", pt_perfect("captar", "levantar"), _AMOUNT_AHEAD),
        _t("before", "captacao", r"capta[cç][aã]o\s+de\b" + _AMOUNT_AHEAD),
        # "fez um aporte de US$ 5 bilhões na Intel": the money went to the Intel
        _t("after", "aporte", r"aporte\b[^.;]{0,40}?\s(?:n[ao]s?|em)\b(?=\s+(?-i:[A-Z]))"),
        _t("before", "aporte", r"aporte\b"),
        # "foi financiada por um consórcio": funded by whoever follows
        trigger(
            "before", pt("financiar", finite=False, participle=True), r"\s+(?:por|pel[oa]s?)\b"
        ),
        _t(
            "after",
            "investiu investe investir investira investiram investido investindo injeta injetou "
            "despeja despejou aporta aportou investimento aplica aplicou aplicara",
            r"invest(?:iu|e|ir|ir[aá]|iram|ido|indo)\b|(?:injet|despej|aport)(?:a|ou|ar|ar[aá])\b|"
            # "aplicou US$ 2 bilhões na xAI": money put into a company
            r"aplic(?:a|ou|ar[aá])(?=\s+(?:(?:mais|outros|outras|cerca\s+de|quase)\s+)?"
            r"(?:US\$|R\$|€|\d))|"
            r"investimento\s+(?:[^\s;]+\s+){0,6}?n[ao]s?\b",
        ),
    ),
    "es": (_t("before", "ronda", r"ronda\s+de\s+financiaci[oó]n\b"),),
}

LAUNCH: Triggers = {
    "en": (
        trigger("before", en("launch", "unveil", "debut", "open-source", base=False)),
        # "Meta's launch of Llama 4"
        _t("before", "launch", r"launch\s+of\b"),
        # "ships Claude Opus 4.1", "dropped its V3.1 model"
        trigger("before", en("ship+", base=False), r"(?=\s+(?-i:[A-Z]))"),
        trigger(
            "before",
            en("drop+", base=False),
            r"\s+(?:its|a|an|the)\s+(?:new\s+)?(?:[\w.-]+\s+){0,2}?(?:model|models|app|chatbot)\b",
        ),
        _t(
            "before",
            "roll introduces releases released",
            r"(?:rolls|rolled|rolling|roll)\s+out\b|introduces\b|releases\b|"
            # "has rolled Copilot Vision out to all users"
            r"(?:rolls|rolled)(?=\s+(?-i:[A-Z])(?:[\w.-]+\s+){1,3}?out\b)|"
            r"released\s+(?:(?:a|an|its|the|new)\b|(?-i:[A-Z0-9]))",
        ),
        _t("before", "has starts", r"has\s+(?:co-)?founded\b|starts\b"),
        # "In 2023 he founded DeepSeek", "started a world-model startup called AMI Labs"
        _t(
            "before",
            "founded co-founded cofounded started",
            r"(?:co-?)?founded(?=\s+(?-i:[A-Z]|[a-z][A-Z]))|"
            r"(?:started|(?:co-?)?founded)\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,3}?"
            r"(?:startup|company|lab|firm|venture)\b",
        ),
        _t("before", "will to", r"(?:will|to)\s+(?:launch|release|unveil)\b"),
        # "left OpenAI to co-found Perplexity" (an intention unless a departure precedes)
        _t("before", "found co-found cofound", r"(?<=to )(?:co-?)?found(?=\s+(?-i:[A-Z]))"),
    ),
    "id": (
        _t(
            "before",
            "meluncurkan diluncurkan luncurkan menggulirkan menghadirkan menelurkan",
            r"(?:meluncurkan|diluncurkan|luncurkan|menggulirkan|menghadirkan|menelurkan)\b",
        ),
        trigger("before", id_("rilis", active=True, passive=True)),
        # "DeepSeek Rilis Model V3.1": a headline's bare verb, not "rilis resmi"
        _t("before", "rilis", r"rilis(?=\s+(?-i:[A-Z]))"),
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
            r"lan[cç]amento\b|estr[eé]ia\b",
        ),
        # not "lançou mão de": made use of
        trigger("before", pt("lançar", participle=True), r"\b(?!\s+m[aã]o\b)"),
        trigger("before", pt_perfect("lançar"), r"\b(?!\s+m[aã]o\b)"),
        trigger("before", pt("estrear") + pt("disponibilizar")),
        # "solta nova versão do modelo"
        trigger("before", pt("soltar"), r"\s+(?:(?:um|uma|o|a|seu|sua)\s+)?nov[oa]\b"),
        # "colocou no ar o Claude 3.7", "pôs no ar"
        trigger("before", pt("colocar", extra="pôs põe"), r"\s+no\s+ar\b"),
        _t(
            "before",
            "apresentou apresenta",
            r"apresent(?:ou|a|aram|am)\b",
        ),
        # "anunciou um novo modelo", "publicou discretamente um novo modelo"
        trigger(
            "before",
            pt("anunciar") + pt("publicar"),
            r"(?:\s+\w+mente)?\s+(?:um|uma|o|a|seu|sua)\s+nov[oa]\b",
        ),
        _t(
            "before",
            "fundou fundaram cofundou cofundaram liberou libera criou criaram",
            r"(?:co)?fund(?:ou|aram)\b|liber(?:ou|a|aram)\s+(?:o|a|os|as)\b|"
            r"liber(?:ou|a|aram)(?=\s+(?-i:[A-Z]))|"
            # "criou a DeepSeek", "criou uma startup"
            r"cri(?:ou|aram)(?=\s+(?:a|o)\s+(?-i:[A-Z]))|"
            r"cri(?:ou|aram)\s+(?:uma|sua)\s+(?:pr[oó]pria\s+)?(?:startup|empresa)\b",
        ),
        _t("before", "fundar cofundar", r"(?<=para )(?:co)?fundar\b"),
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
        trigger("before", en("buy/bought"), r"\s+out\b"),
        _t(
            "before",
            "acquir buys bought to",
            r"(?:acquires|acquired|acquiring|acquire|buys|bought|to\s+buy)\b",
        ),
        _t("after", "takeover purchase", r"(?:takeover|purchase)\s+by\b"),
        # "its purchase of Segment": the buyer before, the bought after
        _t("before", "acquisition takeover purchase", r"(?:acquisition|takeover|purchase)\s+of\b"),
        trigger("before", en("snap+", "scoop", "gobble", "swallow"), r"\s+up\b"),
        # "agreed to pay about $700 million for Run:ai": the price of a company
        trigger(
            "before",
            en("pay/paid"),
            r"(?=\s+(?:\w+\s+){0,2}?(?:US)?[$€£][^.;]{0,25}?\s+for\s+(?-i:[A-Z]))",
        ),
        _t("before", "acqui", r"acqui-?hir(?:es|ed|ing)\b"),
    ),
    "id": (
        # "Pengambilalihan Segment oleh Twilio": the buyer after "oleh"
        _t(
            "after",
            "pengambilalihan pencaplokan akuisisi pembelian",
            r"(?:pengambilalihan|pencaplokan|akuisisi|pembelian)\s+(?:\S+\s+){1,4}?oleh\b",
        ),
        # "Wiz dicaplok Google": bought by whoever follows
        trigger("after", id_("akuisisi", "caplok", passive=True), r"(?:\s+oleh)?\b"),
        # "Segment dibeli Twilio": the buyer after, with or without "oleh"
        _t("after", "dibeli", r"dibeli(?:\s+oleh\b|(?=\s+(?!Rp\b|US\$)(?-i:[A-Z])))"),
        _t(
            "before",
            "mengakuisisi akuisisi membeli beli mencaplok caplok pembelian pengambilalihan "
            "pencaplokan mengambil ambil memborong borong pengakuisisian",
            # "Google Caplok Wiz" (a headline's bare verb); "menuntaskan pembelian
            # Run:ai", but "pembelian saham" is a stake
            r"(?:mengakuisisi|pengakuisisian|akuisisi|membeli|beli|mencaplok|caplok"
            r"|pengambilalihan|pencaplokan)\b|"
            # "memborong startup Run:ai", not "memborong saham" (a stake, told as funding)
            r"(?:memborong|borong)\b(?!\s+(?:\S+\s+){0,2}?saham)|"
            r"pembelian\b(?!\s+(?:\S+\s+){0,2}?saham)|"
            # "mengambil alih XetHub": taking over a company, not a seat or the stage
            r"(?:mengambil|ambil)\s+alih(?=\s+(?-i:[A-Z]))",
        ),
    ),
    "pt": (
        _t(
            "after",
            "comprad adquirid vendid",
            r"(?:comprad|adquirid|vendid)[oa]s?\s+(?:por|pel[oa]s?|para\s+[ao])\b"
            # "foi vendida ao Google"
            r"|vendid[oa]s?\s+(?:a[oà]?s?|à)\b",
        ),
        # "a compra da Segment pela Twilio": the buyer after "pela"
        _t(
            "after",
            "compra aquisicao",
            r"(?:compra|aquisi[cç][aã]o)\s+d[aeo]s?\s+(?:\S+\s+){1,4}?pel[oa]s?\b",
        ),
        trigger(
            "before",
            pt("adquirir")
            + Forms(w for w in pt("comprar").words if w != "compra")
            + pt("arrematar")
            + pt("abocanhar"),
        ),
        trigger("before", pt_perfect("adquirir", "comprar")),
        # "compra a Segment", headline "Nvidia Compra Run:ai"; not the noun "a compra Nvidia"
        _t("before", "compra", r"compra\s+(?:a|o)\b|(?<![aA] )compra(?=\s+(?-i:[A-Z]))"),
        # "pagou cerca de US$ 700 milhões pela Run:ai"
        trigger(
            "before",
            pt("pagar") + pt("desembolsar"),
            r"(?=\s+(?:\w+\s+){0,2}?(?:US\$|R\$|€)[^.;]{0,25}?\s+pel[ao]\s+(?-i:[A-Z]))",
        ),
        _t("before", "aquisicao compra", r"(?:aquisi[cç][aã]o\s+d[aeo]|compra\s+d[ao])\b"),
    ),
}
