"""Trigger words of hires, appointments and returns in English, Indonesian and
Portuguese, listed by root and spelled out by watchlist.event_morphology.
"""

from __future__ import annotations

from watchlist.event_morphology import Forms, en, id_, pt, pt_perfect, pt_reflexive, trigger
from watchlist.event_trigger import NOT_BY, UPPER_NEXT, Triggers
from watchlist.event_trigger import t as _t

# "names Mustafa Suleyman as chief executive", not "names Gemini a priority"
_AS_ROLE = r"(?=\s+(?:[\w.'-]+\s+){1,4}?(?:as|to|its|chief|head|ceo|president)\b)"
_PT_PLACE = r"\s+(?:[^\W\d_]+\s+)?(?:para|ao|à|como)\b"

# "was named as a witness", "named in a lawsuit", "named to Time's list":
# named, but to no job.
_NAMED_ELSEWHERE = (
    r"(?!\s+(?:as\s+)?(?:a|an|the)\s+(?:co-?)?(?:witness|defendant|plaintiff|finalist"
    r"|winner|party|suspect|respondent|honoree|person)\b"
    r"|\s+(?:in|after|among|on|by)\b|\s+to\s+(?:[\w'’]+\s+){0,3}?(?:list|ranking)\b)"
)

HIRE: Triggers = {
    "en": (
        _t(
            "before",
            "was were been is are has",
            r"(?:was|were|been|is|are|has\s+been)\s+"
            r"(?:hired|appointed|named" + _NAMED_ELSEWHERE + r"|promoted|tapped|poached|rehired"
            r"|installed|reinstated"
            r"|elevated|recruited|restored|reappointed"
            # "was brought back to Google", "was lured back": the one brought is first
            r"|(?:brought|lured|wooed|coaxed)\s+back)\b",
        ),
        # not "joined xAI's $6 billion raise": an investor, told as funding
        _t(
            "before",
            "join rejoin",
            r"(?:re)?join(?:s|ed|ing)\b(?!\s+(?:\S+\s+){0,4}?(?:round|raise)\b)",
        ),
        trigger(
            "object",
            en("hire", "poach", "tap+", "rehire", "recruit", "reinstate", base=False)
            + Forms(["appoints", "appointing"]),
            # not "acqui-hired": that is a purchase; not "hiring by Meta"
            r"\b" + NOT_BY,
            head="(?<!-)",
        ),
        trigger(
            "object", en("name", "pick", "promote", "elevate", "install", base=False), _AS_ROLE
        ),
        trigger("object", en("lure"), r"(?=\s+(?:[\w.'-]+\s+){1,3}?(?:away|from|to)\b)"),
        # "Meta landed Alexandr Wang": only a person is landed here (a deal is funding)
        trigger("object", en("land", base=False), UPPER_NEXT),
        # "had signed Alexandr Wang to lead its new lab"
        trigger(
            "object", en("sign"), r"(?=\s+(?-i:[A-Z])[\w.'-]*\s+(?:[\w.'-]+\s+){0,2}?(?:to|as)\b)"
        ),
        _t(
            "object",
            "brought bring brings bringing",
            # (not "brought in €1.7 billion": money raised)
            r"(?:brought|brings?|bringing)\s+(?:back|on|in)\b(?!\s+(?:another\s+)?(?:US\$|R\$|[$€£]|\d))|"
            # "brought Sam Altman on board"
            r"(?:brought|brings?)(?=\s+(?:[\w.'-]+\s+){1,3}(?:on\s+board|aboard)\b)|"
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
        # "whose move to Anthropic", "Schulman's move to Anthropic": where is checked
        _t("before", "move", r"(?:(?<=['’]s )|(?<=whose ))move\s+to\b"),
        trigger("before", en("sign"), r"\s+on\s+(?:with|as|at|to)\b"),
        trigger("before", en("head"), r"\s+(?:back\s+)?to\b"),
        _t(
            "before",
            "is was back",
            r"(?:(?:is|was)\s+)?back\s+(?:in\s+charge\s+(?:of|at)|at\s+the\s+helm\s+of"
            # "back as OpenAI CEO": the company may name the role
            r"|as\s+(?:the\s+)?(?:(?-i:[A-Z])[\w.-]*(?:['’]s)?\s+)?(?:interim\s+)?"
            r"(?:ceo|chief|president|head|chair))\b",
        ),
        # "takes over as", "took the helm at", "becomes chief executive of"
        trigger(
            "before",
            en("take/took/taken"),
            r"\s+(?:over\s+(?:as|at)|the\s+(?:helm|reins)\s+(?:at|of))\b",
        ),
        trigger(
            "before",
            en("become/became"),
            # "became Meta's chief AI officer": the company may own the role
            r"\s+(?:the\s+)?(?:(?-i:[A-Z])[\w.-]*['’]s\s+)?(?:new\s+|interim\s+)?"
            r"(?:ceo|chief|president|head|chair|cto)\b",
            # "Nadella, who became chief executive in 2014": a biography's background
            head=r"(?<!who )",
        ),
        # "defected to Anthropic", "is decamping to Meta": the place says where
        trigger("before", en("defect", "decamp"), r"\s+to\b"),
        # "succeeds Bob McGrew as head of research", "will replace Barret Zoph as":
        # the successor comes first (the predecessor is no subject: checked)
        trigger(
            "before",
            en("succeed", "replace"),
            r"(?=\s+(?:[\w.'-]+\s+){1,4}?(?:as|at\s+the\s+helm)\b)",
        ),
        trigger("before", en("step+"), r"\s+in\s+as\b"),
        trigger("before", en("move"), r"\s+over\s+to\b"),
        # "jumped ship to Meta"
        trigger("before", en("jump"), r"\s+ship\s+to\b"),
        # "swapped Google for Microsoft": the one who moves comes first
        trigger("before", en("swap+"), r"\s+(?:[\w.'-]+\s+){1,3}?for" + UPPER_NEXT),
        _t(
            "before",
            "is was are were back",
            r"(?:(?:is|was|are|were)\s+)?back\s+(?:at|with)" + UPPER_NEXT,
        ),
        # "OpenAI said Zoph would rejoin the company": a future told as fact,
        # as "would leave" is (conditions and counterfactuals are hedged)
        _t("before", "will would", r"(?:will|would)\s+(?:re)?join\b"),
        # "He came back to OpenAI in November", "is coming back to Google"
        _t(
            "before",
            "come comes came coming",
            r"c(?:ome|omes|ame|oming)\s+back\s+to"
            r"(?=\s+(?:the\s+)?(?:(?-i:[A-Z])|(?:company|startup|lab|firm)\b))",
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
            # "Kursi CEO diambil alih oleh Mark Chen": a person's name after; a
            # company taken over by another is an acquisition
            r"diambil\s+alih\s+oleh(?=\s+(?-i:[A-Z][a-z]+\s+(?:\([A-Z][a-z]+\)\s+)?[A-Z][a-z]+\b))|"
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
            + id_("rekrut", "gaet", "pinang", "comot", "boyong", "bajak", bare=True),
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
                "tugaskan",
                passive=True,
            ),
        ),
        trigger("after", id_("rekrut", "angkat", "tunjuk", "lantik", noun=True)),
        # "Kembalinya Greg Brockman ke OpenAI": only to a company (checked)
        _t("after", "kembalinya", r"kembalinya\b(?=\s+(?:\S+\s+){1,4}?ke\b)"),
        _t(
            "before",
            "bergabung gabung menjabat kembali pindah berpindah naik masuk mengambil menyusul "
            "berlabuh merapat hijrah loncat melompat membelot menyeberang mengisi menggantikan",
            # "resmi menjabat", "kini menjabat": a post taken; "(masih) menjabat
            # sebagai CEO", "sempat menjabat CTO OpenAI" is a post held, no move
            r"(?:bergabung|gabung|(?:(?<=resmi )|(?<=mulai )|(?<=akan )|(?<=bakal )|(?<=segera )"
            r"|(?<=baru )|(?<=langsung )|(?<=kini ))menjabat)\b|"
            r"naik\s+jabatan\b|masuk\s+(?:jajaran\s+)?(?:direksi|dewan|komisaris)\b|"
            r"mengambil\s+alih\s+(?:kursi|jabatan|posisi|kepemimpinan|kemudi|tampuk|komando)\b|"
            # "mengisi kursi CEO", "menggantikan (posisi) Bob McGrew sebagai"
            r"mengisi\s+(?:kursi|jabatan|posisi)\b|"
            r"menggantikan(?=\s+(?:\S+\s+){1,4}?sebagai\b)|"
            r"menyusul\s+(?:[\w.'-]+\s+){1,3}?ke\b|"
            r"(?:ber)?pindah\s+ke\b|"
            # "Kevin Weil berlabuh ke Meta", "merapat ke Anthropic", "hijrah ke"
            r"(?:berlabuh|merapat|hijrah|loncat|melompat|membelot|menyeberang)\s+(?:ke|di)\b|"
            # "kembali menguasai OpenAI": back in charge is back
            r"kembali\s+(?:ke|menjadi|memimpin|menguasai|menakhodai)\b|"
            # "kembali berkantor di OpenAI": back at work is back
            r"kembali\s+(?:berkantor|bekerja|aktif)\s+di\b",
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
            + pt("reconduzir", finite=False, participle=True)
            + pt("reintegrar", finite=False, participle=True)
            + Forms(["nombrado", "nombrada"]),
        ),
        _t(
            "before",
            "escolhid alcad",
            r"(?:escolhid[oa]s?\s+(?:como|para)|al[cç]ad[oa]s?\s+(?:a[oà]?s?|à))\b",
        ),
        trigger("before", pt_reflexive("juntar"), r"\s+(?:a|à|ao|com)\b"),
        trigger("before", Forms(["juntou-se", "junta-se"])),
        trigger(
            "before",
            pt("assumir") + pt("reassumir"),
            r"\s+(?:o\s+cargo|o\s+comando|interinamente|a\s+presid[eê]ncia|a\s+lideran[cç]a"
            r"|a\s+chefia|o\s+posto|a\s+dire[cç][aã]o)\b",
        ),
        # "volta a comandar a OpenAI": back in charge is back
        trigger(
            "before",
            pt("voltar"),
            r"\s+a\s+(?:comandar|liderar|chefiar|presidir|dirigir)\b",
        ),
        # "sucede Bob McGrew no comando", "vai substituir Barret Zoph no comando"
        trigger(
            "before",
            pt("suceder") + pt("substituir"),
            r"(?=\s+(?:[\w.'-]+\s+){1,4}?(?:no\s+comando|na\s+chefia|como|no\s+cargo)\b)",
        ),
        _t(
            "before",
            "assumiu assume assumira",
            r"assum(?:iu|e|ir[aá])\s+como\s+(?:nov[oa]\s+)?"
            r"(?:ceo|presidente|diretor|diretora|chefe|l[ií]der|cientista)",
        ),
        trigger("before", pt("remanejar", finite=False, participle=True), r"\s+para\b"),
        # "Mark Chen é o novo diretor de pesquisa"
        _t(
            "before",
            "novo nova",
            r"(?:(?<=é o )|(?<=é a )|(?<=será o )|(?<=será a ))nov[oa]\s+"
            r"(?:ceo|presidente|diretor|diretora|chefe|l[ií]der|vice-presidente|cientista-chefe)",
        ),
        # "está de volta à OpenAI", "estava de volta ao Google"
        _t(
            "before",
            "esta estava estao estavam",
            r"est(?:[aá]|ava|[aã]o|avam)\s+de\s+volta\s+(?:[aà]|ao|[aà]s|aos)\b",
        ),
        trigger("before", pt("voltar") + pt("retornar") + pt("regressar"), _PT_PLACE),
        # "desembarca na Meta", "bandeou-se para a Anthropic": arriving at a new employer
        trigger("before", pt("desembarcar"), r"\s+(?:n[ao]s?|em)\b"),
        # "chega à Microsoft", "se mudou para a Meta", "assina com a Meta": where is checked
        trigger("before", pt("chegar"), r"\s+(?:[aà]|ao|[aà]s|aos)\b"),
        trigger("before", pt_reflexive("mudar"), r"\s+para\b"),
        trigger("before", pt("assinar"), r"\s+com\s+(?:a|o)\b"),
        trigger("before", pt_reflexive("bandear"), r"\s+para\b"),
        # Forms of "ir": "vai para a Meta", "irá para o Google", "está indo para a
        # Anthropic" (the place must be an organisation: checked)
        _t(
            "before",
            "vai vao ira irao indo",
            r"(?:vai|v[aã]o|ir[aá]|ir[aã]o|indo)\s+para\s+[ao]\b",
        ),
        # "entrou na Meta", "entra para o conselho": where is checked
        # not "entrou na rodada da Mistral AI": a round joined is funding
        trigger(
            "before",
            pt("entrar"),
            r"\s+(?:para|n[ao]s?)\b(?!\s+(?:nova\s+)?(?:rodada|capta[cç][aã]o)\b)",
        ),
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
        trigger("object", pt_perfect("contratar")),
        trigger("object", pt("fichar"), UPPER_NEXT),
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
        # "Jan Leike troca a OpenAI pela Anthropic": the one who moves comes first
        trigger("before", pt("trocar"), r"\s+(?:a|o)\s+(?:[\w.'-]+\s+){1,3}?pel[ao]\b"),
        trigger(
            "before",
            pt_reflexive("tornar"),
            # not "o CEO mais bem pago", nor "que se tornou CEO em 1993" (a biography)
            r"\s+(?:o\s+|a\s+)?(?:nov[oa]\s+)?(?:ceo|presidente|diretor|diretora|chefe)\b"
            r"(?!\s+mais\b)",
            head=r"(?<!que )",
        ),
        # "virou chefe de IA da Meta": became the boss
        _t(
            "before",
            "virou vira",
            r"(?<!que )vir(?:ou|a|ará|ara)\s+(?:o\s+|a\s+)?(?:nov[oa]\s+)?"
            r"(?:ceo|presidente|diretor|diretora|chefe)\b(?!\s+mais\b)",
        ),
        trigger(
            "before",
            pt("passar"),
            r"\s+a\s+(?:comandar|liderar|chefiar|presidir|dirigir)\b",
        ),
        _t(
            "object",
            "trouxe traz",
            r"(?:trouxe|traz)\s+de\s+volta\b|(?:trouxe|traz)(?=\s+(?:[\w.'-]+\s+){1,3}de\s+volta\b)|"
            # "trouxe Alexandr Wang como diretor de IA"
            r"(?:trouxe|traz)(?=\s+(?:[\w.'-]+\s+){1,3}como\b)",
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
