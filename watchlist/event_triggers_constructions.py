"""People and launch constructions rather than single words, each built from
verb roots spelled out by watchlist.event_morphology (a root added to a list
brings all its forms into every construction it takes part in):

* roles taken ("assumed the role of", "assumiu o papel de", "mengisi
  posisi"), posts lost ("lost his job as", "perdeu o cargo", "kehilangan
  kursi CEO"), withdrawals ("withdrew from", "menarik diri dari");
* Indonesian verbs made nouns by -nya ("direkrutnya", "dipecatnya");
* launches told in the passive with their maker ("was released by", "foi
  disponibilizado pela"), and products announced, dropped, shown off or
  brought to a market when a versioned product or a model follows
  ("announced GPT-5", "levou o Gemini ao Brasil").

The deal constructions are in watchlist.event_triggers_deal_constructions.
Each asks for what makes it an event (an agent, a product, an organisation),
and every one is read through the same hedge, negation and subject checks as
the word triggers.
"""

from __future__ import annotations

from watchlist.event_morphology import Forms, en, id_, nominal, pt, pt_reflexive, trigger
from watchlist.event_trigger import EN_PASSIVE, Triggers

# Participles of bringing out a product: "was released by", "was rolled out by".
_EN_MADE_BY = Forms(
    ["released", "launched", "unveiled", "introduced", "rolled out", "shipped", "open-sourced"]
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


HIRE: Triggers = {
    "en": (
        trigger("before", _EN_ROLE_VERBS, _EN_ROLE_NOUN),
        # "is Meta's new chief AI officer", "is now the new head of research" (the
        # role is looked ahead: "head of" is no move "to" anywhere)
        trigger(
            "before",
            Forms(["is", "was"]),
            r"\s+(?:now\s+)?(?:the\s+)?(?:(?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*)?['’]s\s+)?"
            r"new(?=\s+(?:[\w-]+\s+){0,2}?(?:ceo|cto|cfo|chief|head|president|chair|chairman"
            r"|director|lead|leader)\b)",
        ),
    ),
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
            nominal(id_("rekrut", "gaet", "pinang", "tunjuk", "angkat", "boyong", passive=True))
            + nominal(Forms(["bergabung", "berlabuh", "didapuk"])),
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
        trigger("after", nominal(Forms(["cabut", "pergi", "berhenti", "hijrah"]))),
    ),
    "pt": (trigger("before", pt_reflexive("retirar"), r"\s+d[aeo]s?\b"),),
}


# A post held: "kursi CEO", "jabatan", "posisi direktur"; not "kursi di pesawat".
_POST_NEXT = (
    r"\s+(?:jabatan|posisi|pekerjaan|kursi\s+(?:(?-i:[A-Z])\w*|ketua|direktur|presiden|kepala"
    r"|pimpinan|bos|nomor))\b"
)

FIRED: Triggers = {
    "id": (
        trigger(
            "after", nominal(id_("pecat", "depak", "copot", "tendang", "dongkel", passive=True))
        ),
        trigger("after", nominal(id_("lengser", "berhenti", passive=True, kan=True))),
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
        trigger("after", _EN_MADE_BY, r"\s+by\b", head=EN_PASSIVE),
        trigger("before", en("announce", base=False), _PRODUCT_NEXT),
        # "Anthropic's Claude Sonnet 4.5 went live"; "is out with Claude Sonnet 4.5"
        trigger("before", en("go/went/gone", base=False), r"\s+live\b"),
        trigger("before", Forms(["is out with", "are out with"]), _PRODUCT_NEXT),
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
