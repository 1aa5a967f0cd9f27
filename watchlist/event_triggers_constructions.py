"""Event constructions rather than single words, each built from verb roots
spelled out by watchlist.event_morphology (a root added to a list brings all
its forms into every construction it takes part in):

* passives naming their agent: "was absorbed / snapped up by", "foi
  incorporada pela", "diambil alih oleh", "diakuisisinya X oleh", "was
  released by" (the agent is the buyer or the maker, after the keyword);
* money handed to a company ("has been handed $80 million by"), shares or a
  stake bought, a round joined or valued, fresh money received ("dapat
  suntikan modal");
* ownership changing hands ("took control of", "became part of", "passou
  para as mãos da", "menjadi milik", "dijual ke");
* roles taken ("assumed the role of", "assumiu o papel de", "mengisi
  posisi"), posts lost ("lost his job as", "perdeu o cargo", "kehilangan
  kursi CEO"), withdrawals ("withdrew from", "menarik diri dari");
* Indonesian verbs made nouns by -nya ("direkrutnya", "dipecatnya");
* products announced, dropped, shown off or brought to a market when a
  versioned product or a model follows ("announced GPT-5", "levou o Gemini
  ao Brasil").

Each asks for what makes it an event (an agent, an amount, a product, an
organisation), and every one is read through the same hedge, negation and
subject checks as the word triggers.
"""

from __future__ import annotations

from watchlist.event_morphology import Forms, en, id_, pt, pt_reflexive, trigger
from watchlist.event_trigger import Triggers

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
_UPPER_NEXT = r"(?=\s+(?-i:[A-Z]|[a-z][A-Z]))"
# Passive auxiliaries right before: "was", "has been", "is being", "got".
_EN_BE = (
    "(?:"
    + "|".join(
        rf"(?<=\b{aux} )" for aux in ("was", "were", "been", "being", "got", "gets", "is", "are")
    )
    + ")"
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

# Participles of bringing out a product: "was released by", "was rolled out by".
_EN_MADE_BY = Forms(
    ["released", "launched", "unveiled", "introduced", "rolled out", "shipped", "open-sourced"]
)
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

# Taking a role: "assumed the role of", "stepped into the post of", "took on
# the job of", "was handed the role of".
_EN_ROLE_VERBS = en("assume", "take/took/taken", "step+", "move")
_EN_ROLE_NOUN = (
    r"\s+(?:on\s+|into\s+|up\s+|over\s+)?(?:the|a|his|her|their)\s+(?:new(?:ly\s+created)?\s+|top\s+"
    r"|interim\s+|permanent\s+)?(?:role|post|position|job|title|mantle|seat)\s+(?:of|as)\b"
)

# Withdrawing: "withdrew from OpenAI's board", "menarik diri dari", "se retirou
# do conselho". What was left must be an organisation or role (checked, as for
# every verb of leaving, by watchlist.event_objects).
_EN_WITHDRAW = en("withdraw/withdrew/withdrawn")


def _nya(forms: Forms) -> Forms:
    """Indonesian verbs made nouns by -nya: "direkrutnya X oleh Meta",
    "dipecatnya X dari OpenAI", "bergabungnya X ke Anthropic"; the one the
    event befell follows."""
    return Forms(w + "nya" for w in forms.words)


HIRE: Triggers = {
    "en": (trigger("before", _EN_ROLE_VERBS, _EN_ROLE_NOUN),),
    "pt": (
        # "foi designado para liderar", "designada como chefe"
        trigger("before", pt("designar", finite=False, participle=True), r"\s+(?:para|como)\b"),
        # "assumiu o papel de", "passou a ocupar o cargo de"
        trigger(
            "before",
            pt("assumir") + pt("ocupar"),
            r"\s+(?:o|a)\s+(?:papel|fun[cç][aã]o|vaga|cadeira|divis[aã]o|[aá]rea|unidade|equipe"
            r"|laborat[oó]rio|departamento)\s+d[eoa]s?\b",
        ),
    ),
    "id": (
        trigger(
            "after",
            _nya(id_("rekrut", "gaet", "pinang", "tunjuk", "angkat", "boyong", passive=True))
            + _nya(Forms(["bergabung", "berlabuh", "didapuk"])),
        ),
        # "mengisi posisi kepala riset", "menduduki kursi CEO"
        trigger(
            "before",
            id_("isi", "duduki", "emban", active=True, passive=True),
            r"\s+(?:posisi|jabatan|kursi|peran)\b",
        ),
    ),
}

DEPARTURE: Triggers = {
    "en": (trigger("before", _EN_WITHDRAW, r"\s+from\b"),),
    "id": (
        trigger("before", id_("tarik", active=True), r"\s+diri\s+dari\b"),
        trigger("after", _nya(Forms(["cabut", "pergi", "berhenti", "hijrah"]))),
    ),
    "pt": (trigger("before", pt_reflexive("retirar"), r"\s+d[aeo]s?\b"),),
}

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
        trigger("after", Forms(["folded", "absorbed", "merged"]), r"\s+into\b", head=_EN_BE),
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
            _nya(id_("akuisisi", "caplok", "beli", passive=True)),
            r"\s+(?:\S+\s+){1,4}?oleh\b",
        ),
    ),
}

# A post held: "kursi CEO", "jabatan", "posisi direktur"; not "kursi di pesawat".
_POST_NEXT = (
    r"\s+(?:jabatan|posisi|pekerjaan|kursi\s+(?:(?-i:[A-Z])\w*|ketua|direktur|presiden|kepala"
    r"|pimpinan|bos|nomor))\b"
)

FIRED: Triggers = {
    "id": (
        trigger("after", _nya(id_("pecat", "depak", "copot", "tendang", "dongkel", passive=True))),
        trigger("after", _nya(id_("lengser", "berhenti", passive=True, kan=True))),
        # "didongkel dari OpenAI", "dewan mendongkel Sam Altman"
        trigger("before", id_("dongkel", passive=True)),
        trigger("object", id_("dongkel", active=True, bare=True)),
        # "kehilangan kursi CEO", "diturunkan dari kursi CEO", "dikeluarkan dari OpenAI"
        trigger("before", Forms(["kehilangan"]), _POST_NEXT),
        trigger(
            "before",
            Forms(["diturunkan", "dikeluarkan"]),
            r"\s+dari(?:" + _POST_NEXT + r"|(?=\s+(?-i:[A-Z])))",
        ),
    ),
    "pt": (
        # "perdeu o cargo de CEO", "foi removido do comando", "posto para fora"
        trigger("before", pt("perder"), r"\s+o\s+(?:cargo|posto|emprego|comando)\b"),
        trigger(
            "before",
            pt("remover", finite=False, participle=True),
            r"\s+d[oa]\s+(?:cargo|comando|posto|presid[eê]ncia|conselho)\b",
        ),
        trigger("before", Forms(["posto", "posta"]), r"\s+para\s+fora\b"),
    ),
    # "lost his job as OpenAI CEO"
    "en": (
        trigger("before", en("lose/lost"), r"\s+(?:his|her|their)\s+(?:job|post|position|seat)\b"),
    ),
}

# A product named with its version ("GPT-5", "Llama 4", "Claude Opus 4.1")
# or as a new model: what announcing makes a launch ("announced GPT-5",
# "umumkan GPT-5", "anuncia o GPT-5"), not "announced a partnership".
_PRODUCT_NEXT = (
    r"(?=\s+(?:(?:its|their|the|a|an|o|os|seu|sua)\s+)?(?:new\s+|latest\s+|novo\s+|baru\s+)?"
    r"(?:(?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*)?(?:\d|\s+\d)"
    r"|(?:[\w-]+\s+){0,2}?(?:model|models|chip|chips|chatbot|app|agent|assistant|glasses"
    r"|browser|modelo|modelos)\b))"
)

# Bringing a product to a market: "brought ChatGPT Go to Indonesia", "levou o
# Gemini ao Brasil", "membawa Gemini ke Indonesia"; not a person brought to a
# company ("brought Mustafa Suleyman to Microsoft" is a hire).
_BROUGHT_TO = (
    r"(?=\s+(?:its|the|o|a|os|as|seu|sua)?\s*(?!(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+)\s)"
    r"(?-i:[A-Z])[\w.-]*(?:\s+[\w.-]+){{0,2}}?\s+(?:{to})\s+(?:o\s+|a\s+|the\s+)?(?-i:[A-Z]))"
)

LAUNCH: Triggers = {
    "en": (
        trigger("before", en("bring/brought", base=False), _BROUGHT_TO.format(to="to")),
        # "GPT-5 was released by OpenAI": the maker after "by"
        trigger("after", _EN_MADE_BY, r"\s+by\b", head=_EN_BE),
        trigger("before", en("announce", base=False), _PRODUCT_NEXT),
        # "dropped Llama 4 on a Saturday"; not "dropped its lawsuit"
        trigger("before", en("drop+", base=False), _PRODUCT_NEXT),
        # "pushed out Claude 3.7 Sonnet", "showed off GPT-5"; not "pushed out of OpenAI"
        trigger(
            "before",
            en("push", "put/put", "bring/brought", base=False),
            r"\s+out" + _PRODUCT_NEXT,
        ),
        trigger("before", en("show/showed/shown", base=False), r"\s+off" + _PRODUCT_NEXT),
        # "made GPT-5 available to all users": a product, not a person made available
        trigger(
            "before",
            en("make/made", base=False),
            r"(?=\s+(?:[\w.-]+\s+){0,3}?(?:[\w.-]*\d[\w.-]*|models?|apps?|agents?|chatbots?"
            r"|features?)\s+(?:[\w.-]+\s+){0,2}?(?:available|public)\b)",
        ),
    ),
    "id": (
        trigger(
            "before", Forms(["mengumumkan", "umumkan"]) + id_("lepas", active=True), _PRODUCT_NEXT
        ),
        trigger("before", id_("kenal", active=True, bare=True, kan=True)),
        trigger("before", id_("bawa", active=True, bare=True), _BROUGHT_TO.format(to="ke")),
    ),
    "pt": (
        trigger(
            "before", pt("anunciar") + pt("divulgar") + pt("soltar") + pt("mostrar"), _PRODUCT_NEXT
        ),
        # "abriu o código do Qwen3": open-sourced
        trigger("before", pt("abrir", extra="abriu abriram"), r"\s+o\s+c[oó]digo\b"),
        # "foi disponibilizado pela Alibaba": the maker after
        trigger(
            "after",
            pt("disponibilizar", finite=False, participle=True)
            + pt("liberar", finite=False, participle=True)
            + pt("apresentar", finite=False, participle=True),
            r"\s+(?:por|pel[oa]s?)\b",
        ),
        # "colocou o Llama 4 no mercado"
        trigger("before", pt("colocar"), r"(?=\s+(?:\S+\s+){1,4}?n[oa]\s+mercado\b)"),
        trigger(
            "before",
            pt("levar") + pt("trazer", finite=False, extra="traz trazem trouxe trouxeram trará"),
            _BROUGHT_TO.format(to=r"a|à|ao|aos|às|para"),
        ),
        # "colocou o GPT-5 à disposição de todos"
        trigger("before", pt("colocar"), r"(?=\s+(?:\S+\s+){1,4}?[àa]\s+disposi[cç][aã]o\b)"),
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
        trigger("before", _EN_HANDED, _MONEY_NEXT, head=_EN_BE),
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
