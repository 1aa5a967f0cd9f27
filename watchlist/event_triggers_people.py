"""Trigger words of the people's event kinds (on leave, left, fired, hired) in
English, Indonesian and Portuguese (some Spanish), by kind and language.

Verbs and nouns are listed once, by root, and spelled out in all their forms
by watchlist.event_morphology: `pt("deixar")` is "deixa", "deixou",
"deixará", "deixando" ...; `en("step+")` is "steps", "stepped", "stepping";
`id_("rekrut", active=True, passive=True)` is "merekrut", "direkrut".
"""

from __future__ import annotations

from watchlist.event_morphology import Forms, en, id_, pt, pt_reflexive, trigger
from watchlist.event_trigger import Triggers
from watchlist.event_trigger import t as _t

_UPPER_NEXT = r"(?=\s+(?:the\s+|his\s+|her\s+|its\s+)?(?-i:[A-Z]))"
# "fired back at critics", "fires off a letter": not a firing.
_NOT_BACK = r"(?!\s+(?:back|off|up|away)\b)"
_NOT_BY = r"(?!\s+by\b)"
# "names Mustafa Suleyman as chief executive", not "names Gemini a priority"
_AS_ROLE = r"(?=\s+(?:[\w.'-]+\s+){1,3}?(?:as|to|its|chief|head|ceo|president)\b)"
_PT_PLACE = r"\s+(?:[^\W\d_]+\s+)?(?:para|ao|à|como)\b"

LEAVE: Triggers = {
    "en": (
        _t(
            "before",
            "leave sabbatical",
            r"leave\s+of\s+absence\b|sabbatical\b|"
            r"(?:(?<=on )|(?<=medical )|(?<=parental )|(?<=extended )|(?<=took ))leave\b",
        ),
    ),
    "id": (_t("before", "cuti rehat sabatikal", r"(?:cuti|rehat|sabatikal)\b"),),
    "pt": (
        _t(
            "before",
            "licenca",
            r"(?:(?<=tirou )|(?<=tira )|(?<=tirar )|(?<=de )|(?<=em )|(?<=uma ))licen[cç]a\b",
        ),
        trigger("before", pt("licenciar", participle=True, clitics=True)),
        _t("before", "periodo sabatic", r"(?:per[ií]odo\s+)?sab[aá]tic[oa]\b"),
    ),
}

_PT_LEAVING = pt("renunciar") + pt("abandonar") + pt("largar") + Forms(["saído"])
# "sai da OpenAI": bare "sai" only before its place
_PT_SAIR = Forms(w for w in pt("sair").words if w not in ("sai", "saem"))

DEPARTURE: Triggers = {
    "en": (
        _t("before", "has had have is was", r"(?:has|had|have|is|was)\s+left\b"),
        _t("before", "left", r"left" + _UPPER_NEXT),
        _t(
            "before",
            "left",
            r"left\s+(?:the|his|her|their)\s+"
            r"(?:company|startup|firm|lab|board|role|post|job|team)",
        ),
        trigger("before", en("leave", "depart", "quit/quit", "resign", base=False) + en("exit")),
        trigger("before", en("step+"), r"\s+(?:down|away|back|aside)\b"),
        # "chose to leave": the choice is made, unlike "plans to leave"
        _t(
            "before",
            "chose decided opted",
            r"(?:chose|decided|opted)\s+to\s+(?:leave|quit|resign|step\s+down)\b",
        ),
        trigger("before", en("walk"), r"\s+away\b"),
        trigger("before", en("retire"), r"\s+(?:from|as)\b"),
        trigger("before", en("part"), r"\s+ways\b"),
        trigger("before", en("bow"), r"\s+out\s+(?:of|as|at)\b"),
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
            r"(?:keluar|meninggalkan|tinggalkan|mundur|hengkang|minggat|berhenti|lengser)\b|"
            r"(?:cabut|pamit|angkat\s+kaki)\s+dari\b",
        ),
        # "resmi berpisah dengan Kevin Weil", "tak lagi bersama OpenAI"
        _t(
            "before",
            "berpisah tak tidak meletakkan melepas",
            r"berpisah\s+(?:jalan\s+)?dengan\b|(?:tak|tidak)\s+lagi\s+(?:bersama|menjabat)\b|"
            r"(?:meletakkan|melepas)\s+jabatan\b",
        ),
    ),
    "pt": (
        trigger("before", _PT_LEAVING),
        trigger("before", pt("deixar"), r"\s+(?!de\b)"),
        trigger("before", _PT_SAIR + Forms(["sai", "saem"]), r"(?<!sai)(?<!saem)\b|\s+d[aeo]s?\b"),
        # "pede demissão", "O pedido de demissão de Jan Leike"
        trigger("before", pt("pedir"), r"\s+(?:a\s+)?demiss[aã]o\b"),
        _t("after", "pedido", r"pedido\s+de\s+demiss[aã]o\s+d[eoa]s?\b"),
        # "se despede da OpenAI", "desligou-se da empresa", "se aposentou do Google"
        trigger(
            "before",
            pt_reflexive("demitir", "despedir", "desligar", "aposentar", "afastar", "separar"),
        ),
        _t("after", "saida renuncia", r"(?:sa[ií]da|ren[uú]ncia)\s+d[eoa]s?\b"),
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
        trigger("object", en("fire", "oust", "sack", "axe", base=False), _NOT_BACK + _NOT_BY),
        _t(
            "after",
            "fire oust sack dismiss",
            r"(?:fired|ousted|sacked|dismissed)\b" + _NOT_BACK + r"(?!\s+(?:as|by)\b)",
        ),
        _t("object", "removed removes", r"remov(?:ed|es)" + _UPPER_NEXT),
        # "showed Sam Altman the door"
        trigger("object", en("show/showed/shown"), r"(?=\s+(?:[\w.'-]+\s+){1,3}the\s+door\b)"),
        _t(
            "after",
            "ouster firing dismissal removal sacking",
            r"(?:ouster|firing|dismissal|removal|sacking)\b",
        ),
        _t(
            "before",
            "forced pushed let kicked thrown booted",
            r"(?:forced|pushed|kicked|thrown|booted)\s+out\b|let\s+go\b",
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

HIRE: Triggers = {
    "en": (
        _t(
            "before",
            "was were been is are has",
            r"(?:was|were|been|is|are|has\s+been)\s+"
            r"(?:hired|appointed|named|promoted|tapped|poached|rehired|installed|reinstated"
            r"|elevated|recruited)",
        ),
        _t("before", "join rejoin", r"(?:re)?join(?:s|ed|ing)\b"),
        trigger(
            "object",
            en("hire", "poach", "tap+", "rehire", "recruit", "reinstate", base=False)
            + Forms(["appoints", "appointing"]),
            # not "acqui-hired": that is a purchase; not "hiring by Meta"
            r"\b" + _NOT_BY,
            head="(?<!-)",
        ),
        trigger(
            "object", en("name", "pick", "promote", "elevate", "install", base=False), _AS_ROLE
        ),
        trigger("object", en("lure"), r"(?=\s+(?:[\w.'-]+\s+){1,3}?(?:away|from|to)\b)"),
        _t(
            "object",
            "brought bring brings",
            r"(?:brought|brings?)\s+back\b|"
            # "brought Sam Altman back": the name between verb and particle
            r"(?:brought|brings?)(?=\s+(?:[\w.'-]+\s+){1,3}back\b)",
        ),
        _t(
            "before",
            "appointed named",
            r"appointed\b|named\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?(?:ceo|chief|head)",
        ),
        _t("after", "appointment hiring hire", r"(?:appointment|hiring|hire)\s+of\b"),
        _t("before", "hiring", r"hiring\s+by\b"),
        trigger("before", en("sign"), r"\s+on\s+(?:with|as|at|to)\b"),
        trigger("before", en("head"), r"\s+(?:back\s+)?to\b"),
        _t(
            "before",
            "took takes taking is was back",
            r"(?:took|takes|taking)\s+over\s+as\b|"
            r"(?:(?:is|was)\s+)?back\s+(?:in\s+charge\s+(?:of|at)|at\s+the\s+helm\s+of)\b",
        ),
        # "followed Mira Murati to Thinking Machines Lab": the place says where
        _t("before", "followed follows", r"follow(?:s|ed)\s+(?:[\w.'-]+\s+){1,3}?to\b"),
        _t(
            "before",
            "return returns returned returning serve regain retook retakes",
            r"(?:to\s+)?return(?:s|ed|ing)?\s+(?:to|as)\b|serve\s+as\s+interim\b|"
            r"(?:regain|regains|regained|retook|retakes)\s+(?:control|command|the\s+helm)\s+of\b",
        ),
    ),
    "id": (
        _t(
            "object",
            "diambil mengembalikan",
            r"diambil\s+alih\s+oleh\b|"
            r"mengembalikan(?:nya)?(?=\s+(?:\S+\s+){0,3}(?:ke|sebagai)\b)",
        ),
        trigger(
            "object",
            id_(
                "rekrut",
                "angkat",
                "tunjuk",
                "gaet",
                "bajak",
                "boyong",
                "pinang",
                "comot",
                active=True,
            )
            + id_("rekrut", "gaet", "pinang", "comot", bare=True),
            r"(?:nya)?\b",
        ),
        # "OpenAI Angkat Mark Chen Jadi Kepala Riset", not "angkat bicara"
        _t("object", "angkat", r"angkat(?=\s+(?:\S+\s+){1,4}?(?:jadi|menjadi|sebagai)\b)"),
        trigger(
            "before",
            id_(
                "rekrut",
                "angkat",
                "tunjuk",
                "gaet",
                "bajak",
                "boyong",
                "pinang",
                "comot",
                "dapuk",
                "lantik",
                "promosikan",
                "pindahtugaskan",
                passive=True,
            ),
        ),
        trigger("after", id_("rekrut", "angkat", "tunjuk", "lantik", noun=True)),
        _t(
            "before",
            "bergabung gabung menjabat kembali pindah naik masuk mengambil menyusul",
            r"(?:bergabung|gabung|menjabat)\b|"
            r"naik\s+jabatan\b|masuk\s+(?:jajaran\s+)?(?:direksi|dewan|komisaris)\b|"
            r"mengambil\s+alih\s+(?:kursi|jabatan|posisi|kepemimpinan)\b|"
            r"menyusul\s+(?:[\w.'-]+\s+){1,3}?ke\b|"
            r"pindah\s+ke\b|"
            # "kembali menguasai OpenAI": back in charge is back
            r"kembali\s+(?:ke|menjadi|memimpin|menguasai|menakhodai)\b",
        ),
    ),
    "pt": (
        trigger(
            "before",
            pt("contratar", finite=False, participle=True)
            + pt("recontratar", finite=False, participle=True)
            + pt("readmitir", finite=False, participle=True)
            + pt("nomear", finite=False, participle=True)
            + pt("promover", finite=False, participle=True)
            + pt("empossar", finite=False, participle=True)
            + Forms(["nombrado", "nombrada"]),
        ),
        _t("before", "escolhid alcad", r"(?:escolhid[oa]s?\s+(?:como|para)|al[cç]ad[oa]s?\s+a)\b"),
        trigger("before", pt_reflexive("juntar"), r"\s+(?:a|à|ao|com)\b"),
        trigger("before", Forms(["juntou-se", "junta-se"])),
        trigger(
            "before",
            pt("assumir"),
            r"\s+(?:o\s+cargo|o\s+comando|interinamente|a\s+presid[eê]ncia|a\s+lideran[cç]a"
            r"|a\s+chefia|o\s+posto|a\s+dire[cç][aã]o)\b",
        ),
        # "Mark Chen é o novo diretor de pesquisa"
        _t(
            "before",
            "novo nova",
            r"(?:(?<=é o )|(?<=é a )|(?<=será o )|(?<=será a ))nov[oa]\s+"
            r"(?:ceo|presidente|diretor|diretora|chefe|l[ií]der|vice-presidente|cientista-chefe)",
        ),
        trigger("before", pt("voltar") + pt("retornar") + pt("regressar"), _PT_PLACE),
        _t("before", "vai", r"vai\s+para\s+[ao]\b"),
        # "entrou na Meta", "entra para o conselho": where is checked
        trigger("before", pt("entrar"), r"\s+(?:para|n[ao]s?)\b"),
        trigger("before", pt("ingressar"), r"\s+(?:n[ao]s?|em)\b"),
        _t(
            "before",
            "seguiu seguiram retomou retoma",
            r"segui(?:u|ram)\s+(?:[\w.'-]+\s+){1,3}?para\b|"
            r"retom(?:ou|a)\s+o\s+(?:comando|controle)\s+d[aoe]\b",
        ),
        trigger(
            "object",
            pt("contratar", clitics=True)
            + pt("recontratar", clitics=True)
            + pt("nomear", clitics=True)
            + pt("readmitir")
            + pt("promover"),
        ),
        trigger("object", pt("fichar"), _UPPER_NEXT),
        trigger(
            "object",
            pt("escolher"),
            r"(?=\s+(?:[\w.'-]+\s+){1,3}?(?:como|para\s+(?:o|a)\s+cargo)\b)",
        ),
        # "reforça a equipe com John Schulman", "troca Daniel Gross por Ilya Sutskever"
        trigger(
            "object",
            pt("reforçar"),
            r"\s+(?:a\s+|o\s+|sua\s+|seu\s+)?(?:equipe|time|quadro|diretoria)\s+com\b",
        ),
        trigger("object", pt("trocar"), r"\s+(?:[\w.'-]+\s+){1,3}?por\b"),
        _t(
            "object",
            "trouxe traz",
            r"(?:trouxe|traz)\s+de\s+volta\b|(?:trouxe|traz)(?=\s+(?:[\w.'-]+\s+){1,3}de\s+volta\b)",
        ),
        # "a contratação de Alexandr Wang", "a volta de Sam Altman à OpenAI"
        _t(
            "after",
            "contratacao recontratacao nomeacao chegada ida volta retorno regresso promocao",
            r"(?:(?:re)?contrata[cç][aã]o|nomea[cç][aã]o|chegada|ida|volta|retorno|regresso"
            r"|promo[cç][aã]o)\s+d[eoa]\b",
        ),
    ),
}
