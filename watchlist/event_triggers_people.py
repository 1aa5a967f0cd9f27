"""Trigger words of the people's event kinds (on leave, left, fired, hired) in
English, Indonesian and Portuguese (some Spanish), by kind and language.
"""

from __future__ import annotations

from watchlist.event_trigger import Triggers
from watchlist.event_trigger import t as _t

_UPPER_NEXT = r"(?=\s+(?:the\s+|his\s+|her\s+|its\s+)?(?-i:[A-Z]))"
# "fired back at critics", "fires off a letter": not a firing.
_NOT_BACK = r"(?!\s+(?:back|off|up|away)\b)"

LEAVE: Triggers = {
    "en": (_t("before", "leave sabbatical", r"leave\s+of\s+absence\b|sabbatical\b"),),
    "id": (_t("before", "cuti", r"cuti\b"),),
    "pt": (
        _t(
            "before",
            "licenca",
            r"(?:(?<=tirou )|(?<=tira )|(?<=tirar )|(?<=de )|(?<=em ))licen[cç]a\b",
        ),
    ),
}

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
}

FIRED: Triggers = {
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
}

HIRE: Triggers = {
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
}
