"""Trigger words of the people's event kinds (on leave, left, fired; hired is
watchlist.event_triggers_hire) in
English, Indonesian and Portuguese (some Spanish), by kind and language.

Verbs and nouns are listed once, by root, and spelled out in all their forms
by watchlist.event_morphology: `pt("deixar")` is "deixa", "deixou",
"deixará", "deixando" ...; `en("step+")` is "steps", "stepped", "stepping";
`id_("rekrut", active=True, passive=True)` is "merekrut", "direkrut".
"""

from __future__ import annotations

from watchlist.event_morphology import Forms, en, id_, pt, pt_perfect, pt_reflexive, trigger
from watchlist.event_trigger import NOT_BY, UPPER_NEXT, Triggers
from watchlist.event_trigger import t as _t

# "fired back at critics", "fires off a letter": not a firing.
_NOT_BACK = r"(?!\s+(?:back|off|up|away)\b)"

LEAVE: Triggers = {
    "en": (
        _t(
            "before",
            "leave sabbatical",
            r"leave\s+of\s+absence\b|sabbatical\b|"
            r"(?:(?<=on )|(?<=medical )|(?<=parental )|(?<=paternity )|(?<=maternity )"
            r"|(?<=extended )|(?<=took ))leave\b",
        ),
        # "took a partial leave from Stanford", "is taking an extended leave"
        trigger(
            "before",
            en("take/took/taken"),
            r"\s+(?:a|an|some)\s+(?:[\w-]+\s+){0,2}?(?:leave|time\s+off)\b",
        ),
    ),
    "id": (_t("before", "cuti rehat sabatikal vakum", r"(?:cuti|rehat|sabatikal|vakum)\b"),),
    "pt": (
        _t(
            "before",
            "licenca",
            r"(?:(?<=tirou )|(?<=tira )|(?<=tirar )|(?<=de )|(?<=em )|(?<=uma ))licen[cç]a\b",
        ),
        trigger("before", pt("licenciar", participle=True, clitics=True)),
        # "tirou uma longa licença", "vai tirar um período sabático"
        trigger("before", pt("tirar"), r"\s+(?:uma\s+)?(?:[\w-]+\s+){0,2}?licen[cç]a\b"),
        _t("before", "periodo sabatic", r"(?:per[ií]odo\s+)?sab[aá]tic[oa]\b"),
    ),
}

# "deixou de", "deixou em aberto", "deixou claro", "deixou para trás": no departure
_NOT_LEFT_OPEN = r"\s+(?!de\b|em\s+aberto\b|claro\b|para\s+tr[aá]s\b)"
_PT_LEAVING = pt("renunciar") + pt("abandonar") + pt("largar") + Forms(["saído"])
# "sai da OpenAI": bare "sai" only before its place
_PT_SAIR = Forms(w for w in pt("sair").words if w not in ("sai", "saem"))

DEPARTURE: Triggers = {
    "en": (
        _t("before", "has had have is was", r"(?:has|had|have|is|was)\s+left\b"),
        _t("before", "left", r"left" + UPPER_NEXT),
        # "She left in September 2024", "He left last month": a dated departure
        # from the employer an earlier sentence named
        _t(
            "before",
            "left",
            r"left(?=\s+(?:in\s+(?:(?-i:[A-Z][a-z]+)\s+)?\d{4}\b|in\s+(?-i:January|February|March"
            r"|April|May|June|July|August|September|October|November|December)\b"
            r"|on\s+(?-i:[A-Z][a-z]+day)\b|last\s+(?:week|month|year)\b"
            r"|earlier\s+this\s+(?:week|month|year)\b))",
        ),
        _t(
            "before",
            "left",
            r"left\s+(?:the|his|her|their|its)\s+"
            r"(?:company|startup|firm|lab|board|role|post|job|team)",
        ),
        # "Mira Murati's exit", "whose abrupt exit": the owner left
        _t(
            "before",
            "exit abrupt sudden surprise",
            r"(?:(?<=['’]s )|(?<=whose ))(?:(?:abrupt|sudden|surprise)\s+)?exit\b",
        ),
        trigger("before", en("leave", "depart", "quit+/quit", "resign", base=False) + en("exit")),
        trigger("before", en("step+"), r"\s+(?:down|away|back|aside)\b"),
        # "chose to leave": the choice is made, unlike "plans to leave"
        # "would leave OpenAI at the end of the month", a headline's "X to depart":
        # a future told as fact ("plans to leave" is a hedge)
        _t(
            "before",
            "will would to",
            r"(?:will|would|to)\s+(?:leave|quit|resign|depart|exit|step\s+down)\b",
        ),
        _t(
            "before",
            "chose decided opted",
            r"(?:chose|decided|opted)\s+to\s+(?:leave|quit|resign|step\s+down)\b",
        ),
        trigger("before", en("walk"), r"\s+(?:away\b|out\s+of\b)"),
        # "is heading out the door at OpenAI", "headed for the exit"
        trigger("before", en("head"), r"\s+(?:out\s+the\s+door|for\s+the\s+exits?)\b"),
        # "said goodbye to OpenAI", "Bob McGrew said goodbye": a farewell is a departure
        trigger("before", en("say/said"), r"\s+(?:goodbye|farewell)\b"),
        trigger("before", en("retire"), r"\s+(?:from|as)\b"),
        trigger("before", en("part"), r"\s+ways\b"),
        trigger("before", en("bow"), r"\s+out\s+(?:of|as|at)\b"),
        # "OpenAI loses Mira Murati": the one lost is the verb's object
        trigger("object", en("lose/lost"), UPPER_NEXT),
        _t(
            "after",
            "departure resignation exit",
            r"(?:departure|resignation|exit)\s+of\b",
        ),
        _t("before", "departure resignation", r"(?:departures?|resignations?)\b"),
        # "is out at OpenAI", "was out as chief executive"
        _t("before", "is was are", r"(?:is|was|are)\s+(?:now\s+)?out\s+(?:at|of|from|as)\b"),
    ),
    "id": (
        _t("before", "mengundurkan undur", r"mengundurkan\s+dir\w*|undur\s+diri\b"),
        _t(
            "after",
            "pengunduran kepergian",
            r"pengunduran\s+dir\w*|kepergian\w*",
        ),
        # "Hengkangnya Jan Leike dari OpenAI": the verb made a noun by -nya
        trigger("after", id_("hengkang", "mundur", "lengser", "keluar", nya=True)),
        _t(
            "before",
            "keluar meninggalkan tinggalkan mundur hengkang minggat berhenti cabut lengser pamit "
            "angkat",
            # "Tinggalkan OpenAI": a headline's bare verb
            r"(?:keluar|meninggalkan|tinggalkan|mundur|hengkang|minggat|lengser)\b|"
            # "berhenti sejenak", "berhenti menggunakan Twitter": a pause, not a departure
            r"berhenti\b(?!\s+(?:sejenak|sebentar|sesaat|bicara|berbicara|menggunakan|memakai"
            r"|sebelum|ketika|saat|tiba-tiba)\b)|"
            r"(?:cabut|pamit|angkat\s+(?:kaki|koper))\s+dari\b|"
            # "Setelah Bob McGrew pamit, ...": nothing follows the farewell
            r"pamit(?=\s*[,.;]|\s+(?:dan|lalu|kemudian)\b)",
        ),
        # "memutuskan cabut", "memilih hengkang": the choice is made
        _t(
            "before",
            "memutuskan memilih",
            r"(?:memutuskan|memilih)\s+(?:untuk\s+)?(?:cabut|pamit|hengkang|keluar|mundur|berhenti)\b",
        ),
        # "OpenAI kehilangan Mira Murati", "OpenAI ditinggal Mira Murati"
        # (not "kehilangan kursi CEO": losing a post is being removed from it)
        _t(
            "object",
            "kehilangan ditinggal",
            r"(?:kehilangan(?!\s+(?:kursi|jabatan|posisi|pekerjaan)\b)"
            r"|ditinggal(?:kan)?(?:\s+oleh)?)\b",
        ),
        # "resmi berpisah dengan Kevin Weil", "tak lagi bersama OpenAI"
        _t(
            "before",
            "berpisah tak tidak meletakkan melepas lepas",
            r"berpisah\s+(?:jalan\s+)?dengan\b|(?:tak|tidak)\s+lagi\s+(?:bersama|menjabat)\b|"
            # "tak lagi di OpenAI", "tidak lagi bekerja di Google": no longer there
            r"(?:tak|tidak)\s+lagi\s+(?:bekerja\s+)?di" + UPPER_NEXT + "|"
            r"(?:meletakkan|melepas|lepas)\s+jabatan\b",
        ),
    ),
    "pt": (
        trigger("before", _PT_LEAVING),
        trigger("before", pt("deixar"), _NOT_LEFT_OPEN),
        # "não está mais na OpenAI", "deixou de trabalhar na Meta": no longer there
        _t(
            "before",
            "nao deixou deixa",
            r"(?:n[aã]o\s+(?:est[aá]|trabalha|faz)\s+mais\s+(?:parte\s+)?|deix(?:ou|a)\s+de\s+"
            r"(?:trabalhar|atuar)\s+)(?:n[ao]|d[ao])" + UPPER_NEXT,
        ),
        trigger("before", pt_perfect("deixar"), _NOT_LEFT_OPEN),
        # "a OpenAI perde Mira Murati": the one lost is the verb's object
        trigger("object", pt("perder"), UPPER_NEXT),
        trigger("before", _PT_SAIR + Forms(["sai", "saem"]), r"(?<!sai)(?<!saem)\b|\s+d[aeo]s?\b"),
        # "pede demissão", "O pedido de demissão de Jan Leike"
        trigger("before", pt("pedir"), r"\s+(?:a\s+)?(?:demiss[aã]o|as\s+contas)\b"),
        _t("after", "pedido", r"pedido\s+de\s+demiss[aã]o\s+d[eoa]s?\b"),
        # "se despede da OpenAI", "desligou-se da empresa", "se aposentou do Google"
        trigger(
            "before",
            pt_reflexive("demitir", "despedir", "desligar", "aposentar", "afastar", "separar"),
        ),
        _t(
            "after",
            "saida renuncia debandada",
            r"(?:sa[ií]da|ren[uú]ncia|debandada)\s+d[eoa]s?\b",
        ),
        # "anunciou sua saída": the owner of the noun is the subject before it
        _t("before", "sua seu", r"(?:sua|seu)\s+(?:sa[ií]da|ren[uú]ncia|desligamento)\b"),
        # "a despedida de Bob McGrew": a farewell, not a firing
        _t("after", "despedida", r"despedida\s+d[eoa]s?\b"),
        _t("before", "esta", r"est[aá]\s+fora\s+d[aoe]s?\b"),
    ),
    "es": (_t("before", "renuncio dimitio dejo", r"(?:renunci[oó]|dimiti[oó]|dej[oó])\b"),),
}

FIRED: Triggers = {
    "en": (
        _t(
            "before",
            "was were been is are got being",
            r"(?:was|were|been|is|are|got|being)\s+"
            r"(?:fired|ousted|sacked|dismissed|removed|axed|terminated)\b(?!\s+as\b)",
        ),
        # not "firing by the board": a noun, told below
        trigger("object", en("fire", "oust", "sack", "axe", base=False), _NOT_BACK + NOT_BY),
        _t(
            "after",
            "fire oust sack dismiss",
            r"(?:fired|ousted|sacked|dismissed)\b" + _NOT_BACK + r"(?!\s+(?:as|by)\b)",
        ),
        _t("object", "removed removes", r"remov(?:ed|es)" + UPPER_NEXT),
        # "showed Sam Altman the door"
        trigger("object", en("show/showed/shown"), r"(?=\s+(?:[\w.'-]+\s+){1,3}the\s+door\b)"),
        # "was shown the door by the board": the one shown is the subject
        _t(
            "before",
            "was were been is are got",
            r"(?:was|were|been|is|are|got)\s+shown\s+the\s+door\b",
        ),
        _t(
            "after",
            "ouster firing dismissal removal sacking",
            r"(?:ouster|firing|dismissal|removal|sacking)\b",
        ),
        _t(
            "before",
            "forced pushed let kicked thrown booted",
            # (not "pushed out Claude 3.7 Sonnet": a product released)
            r"(?:forced|pushed|kicked|thrown|booted)\s+out\b"
            r"(?!\s+(?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*)?\s+\d)"
            r"|let\s+go\b",
        ),
    ),
    "id": (
        trigger(
            "before",
            id_("pecat", "depak", "copot", "tendang", "lengserkan", "berhentikan", passive=True),
        ),
        trigger(
            "after", id_("pecat", "depak", "copot", noun=True) + Forms(["pemberhentian"]), r"\w*"
        ),
        trigger(
            "object",
            id_("pecat", "depak", "copot", active=True, bare=True)
            + Forms(["memberhentikan", "melengserkan"]),
            r"(?:nya)?\b",
        ),
    ),
    "pt": (
        trigger(
            "before",
            pt("demitir", finite=False, participle=True)
            + pt("destituir", finite=False, participle=True)
            + pt("afastar", finite=False, participle=True)
            + pt("despedir", finite=False, participle=True)
            + pt("chutar", finite=False, participle=True)
            + pt("dispensar", finite=False, participle=True)
            + pt("exonerar", finite=False, participle=True)
            + pt("desligar", finite=False, participle=True)
            + Forms(["expulso", "expulsa", "expulsos", "expulsas"]),
        ),
        # "foi mandado embora da OpenAI": sent away
        trigger("before", pt("mandar", finite=False, participle=True), r"\s+embora\b"),
        # "foi tirado do comando da OpenAI": removed from the post
        trigger(
            "before",
            pt("tirar", finite=False, participle=True),
            r"\s+d[oa]\s+(?:cargo|comando|posto|presid[eê]ncia|conselho|dire[cç][aã]o)\b",
        ),
        trigger(
            "object",
            pt("demitir", clitics=True)
            + pt("destituir", clitics=True)
            + pt("expulsar")
            + pt("exonerar")
            + Forms(["afastou", "afastaram"]),
        ),
        _t(
            "after",
            "demissao destituicao expulsao exoneracao",
            r"(?<!pediu )demiss[aã]o\b|"
            r"(?:destitui[cç][aã]o|expuls[aã]o|exonera[cç][aã]o)\s+d[eoa]\b",
        ),
    ),
}
