"""Deal constructions (funding and acquisitions) built from verb roots: passives
naming the buyer ("was absorbed / snapped up by", "foi incorporada pela",
"diambil alih oleh"), money handed or put into a company ("has been handed
$80 million by", "US$100 miliar ke OpenAI"), shares or a stake bought, a round
joined or valued, ownership changing hands ("took control of", "passou para
as mãos da", "menjadi milik"). The people and launch constructions are in
watchlist.event_triggers_constructions; both are read through the same
hedge, negation and subject checks as the word triggers.
"""

from __future__ import annotations

from watchlist.event_morphology import Forms, en, id_, nominal, pt, trigger
from watchlist.event_trigger import EN_PASSIVE, Triggers

_UPPER_NEXT = r"(?=\s+(?-i:[A-Z]|[a-z][A-Z]))"
# English participles of taking a company over, with "by" after: "was
# snapped up by", "had been taken over by"; the phrasal ones need their
# particle ("was picked by", "was taken by" are no deals).
_EN_TAKEN_BY = Forms(
    [
        "acquired",
        "bought",
        "purchased",
        "absorbed",
        "swallowed",
        "swallowed up",
        "snapped up",
        "scooped up",
        "gobbled up",
        "taken over",
        "picked up",
        "bought out",
    ]
)
# Portuguese verbs of taking a company over, as participles: "foi
# incorporada pela Nvidia", "acabou absorvida pela Microsoft".
_PT_TAKEN = (
    pt("incorporar", finite=False, participle=True)
    + pt("absorver", finite=False, participle=True)
    + pt("arrematar", finite=False, participle=True)
    + pt("abocanhar", finite=False, participle=True)
    + pt("engolir", finite=False, participle=True)
)
# Indonesian passives of taking over: "diambil alih oleh", "diserap oleh".
_ID_TAKEN = id_("serap", "lahap", passive=True) + Forms(["diambil alih"])

_MONEY_INTO = (
    r"\s?\d[\d.,]*\s*(?:[mb]n?|million|billion|juta|miliar|triliun|mi|bi|milh[oõ]es|bilh[oõ]es"
    r"|milh[aã]o|bilh[aã]o)?(?:\s+(?:dolar\s+AS|de\s+d[oó]lares|de\s+reais))?"
    r"\s+(?:into|ke|kepada|na|no)(?=\s+(?-i:[A-Z]|[a-z][A-Z]))"
)
# Money handed to a company: "has been handed $80 million", "was given $1bn".
_EN_HANDED = Forms(["handed", "given", "granted", "awarded"])
_MONEY_NEXT = r"(?=\s+(?:(?:a|an|another|some|nearly|about|roughly)\s+)?(?:US\$|R\$|\$|€|£|Rp))"
# Portuguese participles of funding a company, then "por/pela" and the backer.
_PT_FUNDED = (
    pt("capitalizar", finite=False, participle=True)
    + pt("bancar", finite=False, participle=True)
    + pt("irrigar", finite=False, participle=True)
    + pt("turbinar", finite=False, participle=True)
)


ACQUISITION: Triggers = {
    "en": (
        # "completes its takeover of Run:ai", "closed the Run:ai acquisition"
        trigger(
            "before",
            en("complete", "close", "seal", "finalize", "finalise", base=False),
            r"\s+(?:its|the|a)?\s*(?:[\w.:-]+\s+){0,3}?(?:acquisition|takeover|purchase|buyout)\b",
        ),
        # with or without "was": headlines drop it ("Segment snapped up by Twilio")
        trigger("after", _EN_TAKEN_BY, r"\s+by\b"),
        # "took control of Run:ai", "Segment became part of Twilio"
        trigger("before", en("take/took/taken", base=False), r"\s+control\s+of" + _UPPER_NEXT),
        trigger("after", en("become/became", base=False), r"\s+part\s+of" + _UPPER_NEXT),
        # "was folded into Google", "was absorbed into Microsoft"
        trigger("after", Forms(["folded", "absorbed", "merged"]), r"\s+into\b", head=EN_PASSIVE),
    ),
    "pt": (
        trigger("after", _PT_TAKEN, r"\s+(?:por|pel[oa]s?)\b"),
        # "confirmou a compra de uma startup francesa"
        trigger("before", Forms(["compra de uma", "compra de um", "aquisição de uma"])),
        # "vai ficar com a Wiz por US$ 32 bilhões": a price says it is bought
        trigger(
            "before",
            pt("ficar"),
            r"\s+com\s+(?:a|o)(?=\s+(?-i:[A-Z])[^.;]{0,30}?\s+por\s+(?:US\$|R\$|€|cerca))",
        ),
        # "assumiu o controle da Run:ai"; "passou para as mãos da Nvidia",
        # "passou a pertencer à Nvidia": ownership changed hands
        trigger("before", pt("assumir"), r"\s+o\s+controle\s+d[aoe]s?\b"),
        trigger(
            "after",
            pt("passar"),
            r"\s+(?:para\s+as\s+m[aã]os\s+d[aoe]s?|a\s+pertencer\s+(?:[aà]s?|aos?))\b",
        ),
    ),
    "id": (
        trigger("after", _ID_TAKEN, r"(?:\s+oleh)?\b"),
        # "Wiz dijual ke Google": the buyer after
        trigger("after", Forms(["dijual ke", "dijual kepada", "terjual ke"])),
        # "Run:ai menjadi milik Nvidia", "jatuh ke tangan Nvidia"
        trigger(
            "after",
            Forms(["menjadi milik", "jadi milik", "jatuh ke tangan", "berpindah tangan ke"]),
        ),
        trigger("before", id_("ambil", active=True, bare=True), r"\s+kendali\s+(?:atas\s+)?"),
        # "menebus Wiz senilai ...", "merogoh kocek US$32 miliar untuk Wiz"
        trigger("before", id_("tebus", active=True, bare=True), _UPPER_NEXT),
        trigger(
            "before",
            id_("rogoh", active=True, bare=True),
            r"\s+(?:kocek|kantong)\b(?=[^.;]{0,40}?\buntuk\s+(?:membeli\s+|mengakuisisi\s+)?"
            r"(?-i:[A-Z]))",
        ),
        # "Diakuisisinya Run:ai oleh Nvidia": the buyer after "oleh"
        trigger(
            "after",
            nominal(id_("akuisisi", "caplok", "beli", passive=True)),
            r"\s+(?:\S+\s+){1,4}?oleh\b",
        ),
    ),
}

FUNDING: Triggers = {
    "en": (
        # "Intel stake picked up by Nvidia": a stake taken is funding, the
        # company whose stake it is comes before
        trigger(
            "before",
            Forms(["stake", "stakes"]),
            r"\s+(?:in\s+\S+\s+)?(?:(?:was|is|has\s+been|had\s+been)\s+)?"
            + _EN_TAKEN_BY.regex
            + r"\s+by\b",
        ),
        # "among the backers of xAI's latest round", "an investor in Mistral AI's
        # round", "backed xAI's $6 billion raise": the round's owner raised it
        trigger(
            "after",
            Forms(["backers of", "backer of", "investors in", "investor in", "participants in"])
            + en("back", base=False),
            r"(?=\s+(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,2}['’]s\s+(?:[\w$€£.,-]+\s+){0,4}?"
            r"(?:round|raise|fundraise|funding)\b)",
        ),
        # "bought about $5 billion of Intel stock", "picked up shares in Intel":
        # shares bought are a stake, the company whose shares they are is funded
        trigger(
            "after",
            en("buy/bought", "purchase", base=False)
            + Forms(["picked up", "picks up", "snapped up"]),
            r"(?=\s+(?:(?:about|roughly|nearly|some|more\s+than)\s+)?(?:(?:US)?[$€£][\d.,]+\s*"
            r"(?:[mb]n?|million|billion)?\s+(?:worth\s+)?of\s+)?(?:[\w.-]+\s+){0,2}?"
            r"(?:shares|stock|equity)\b)",
        ),
        # "$100 billion into OpenAI", "US$100 miliar ke OpenAI", "US$ 5 bi na Intel":
        # money put into a company, whatever verb put it there
        # (a noun of investing before the amount is read by its own rule)
        trigger(
            "after",
            Forms(["us$", "$", "rp", "r$", "€"]),
            _MONEY_INTO,
            head="(?<!aporte de )(?<!investimento de )(?<!investment of )(?<!investasi )",
        ),
        # "valued at $9 billion in a new round": the round raised money
        trigger(
            "before",
            Forms(["valued at"]),
            r"(?=[^.;]{0,40}?\b(?:round|raise|raising|fundraise|fundraising|funding)\b)",
        ),
        trigger("before", _EN_HANDED, _MONEY_NEXT, head=EN_PASSIVE),
        # headline "Mistral handed $80 million by Nvidia" drops the "was"
        trigger("before", _EN_HANDED, _MONEY_NEXT + r"(?=\s+\S+[^.;]{0,40}?\s+by\s)"),
    ),
    "pt": (
        trigger("before", _PT_FUNDED, r"\s+(?:por|pel[oa]s?)\b"),
        # "avaliada em US$ 9 bilhões em nova rodada"
        trigger(
            "before",
            Forms(["avaliada em", "avaliado em"]),
            r"(?=[^.;]{0,40}?\b(?:rodada|capta[cç][aã]o|aporte)\b)",
        ),
        # "ficou com uma fatia da Intel": a stake taken, the company after
        trigger(
            "after",
            Forms(["ficou com", "ficará com", "fica com", "ficaram com"]),
            r"\s+(?:uma\s+|a\s+|cerca\s+de\s+|quase\s+|mais\s+de\s+)?"
            r"(?:fatia|participa[cç][aã]o|\d+(?:[.,]\d+)?\s*%)",
        ),
    ),
    "id": (
        trigger("before", id_("gelontori", passive=True)),
        # "ditopang dana US$8 miliar dari Amazon"; not "ditopang permintaan"
        trigger("before", id_("topang", passive=True), r"\s+(?:dana|modal|pendanaan|investasi)\b"),
        # "dapat suntikan modal", "memperoleh dana segar", "mendapat guyuran dana"
        trigger(
            "before",
            id_("dapat", "peroleh", "raih", "terima", active=True, bare=True, kan=True),
            r"\s+(?:(?:suntikan|guyuran|kucuran|gelontoran|tambahan)\s+)?"
            r"(?:dana|modal|pendanaan|investasi)\b"
            # an amount or fresh money: "sudah mendapat dana dari Nvidia" is background
            r"(?=[^.;]{0,40}?(?:US\$|Rp|\$|€|\d|segar|baru))",
        ),
    ),
}
