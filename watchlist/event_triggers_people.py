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
            "licenca licenci",
            r"(?:(?<=tirou )|(?<=tira )|(?<=tirar )|(?<=de )|(?<=em )|(?<=uma ))licen[cç]a\b|"
            r"licenci(?:ou|a|ar|ando)(?:-se)?\b",
        ),
        _t("before", "periodo sabatic", r"(?:per[ií]odo\s+)?sab[aá]tic[oa]\b"),
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
        _t("before", "step", r"(?:steps?|stepped|stepping)\s+(?:down|away|back)\b"),
        # "chose to leave": the choice is made, unlike "plans to leave"
        _t(
            "before",
            "chose decided opted",
            r"(?:chose|decided|opted)\s+to\s+(?:leave|quit|resign|step\s+down)\b",
        ),
        _t("before", "walk part", r"(?:walked|walks)\s+away\b|part(?:s|ed)?\s+ways\b"),
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
            "pengunduran kepergian keluarnya",
            r"pengunduran\s+dir\w*|kepergian\w*|keluarnya\b",
        ),
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
            "berpisah tak tidak",
            r"berpisah\s+(?:jalan\s+)?dengan\b|(?:tak|tidak)\s+lagi\s+bersama\b",
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
        _t("before", "esta", r"est[aá]\s+fora\s+d[aoe]s?\b"),
        _t("before", "se", r"se\s+separ(?:aram|ou)\b"),
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
        _t(
            "before",
            "forced pushed let kicked thrown booted",
            r"(?:forced|pushed|kicked|thrown|booted)\s+out\b|let\s+go\b",
        ),
    ),
    "id": (
        _t(
            "before",
            "dipecat diberhentikan didepak dilengserkan dicopot ditendang",
            r"(?:dipecat|diberhentikan|didepak|dilengserkan|dicopot|ditendang)\b",
        ),
        _t("after", "pemecatan", r"pemecatan\w*"),
        _t(
            "object",
            "memecat mendepak pecat memberhentikan depak mencopot copot melengserkan",
            r"memecat\w*|(?:mendepak|pecat|depak|memberhentikan|mencopot|copot|melengserkan)"
            r"(?:nya)?\b",
        ),
    ),
    "pt": (
        _t(
            "before",
            "demitid destituid afastad despedid chutad",
            r"(?:demitid[oa]s?|destitu[ií]d[oa]|afastad[oa]|despedid[oa]|chutad[oa])\b",
        ),
        _t(
            "object",
            "demitiu demite afastou destitui",
            r"demitiu\b|demite\b|afastou\b|destitu(?:i|iu)\b",
        ),
        _t("after", "demissao", r"(?<!pediu )demiss[aã]o\b"),
    ),
}

HIRE: Triggers = {
    "en": (
        _t(
            "before",
            "was were been is are has",
            r"(?:was|were|been|is|are|has\s+been)\s+"
            r"(?:hired|appointed|named|promoted|tapped|poached|rehired|installed)",
        ),
        _t("before", "join rejoin", r"(?:re)?join(?:s|ed|ing)\b"),
        _t(
            "object",
            "hire hiring appoints poach taps tapped rehire brought bring brings",
            # not "acqui-hired": that is a purchase
            r"(?<!-)(?:hires|hired|hiring|appoints|poaches|poached|taps|tapped|rehires|"
            r"rehired|rehiring)\b|(?:brought|brings?)\s+back\b|"
            # "brought Sam Altman back": the name between verb and particle
            r"(?:brought|brings?)(?=\s+(?:[\w.'-]+\s+){1,3}back\b)",
        ),
        _t(
            "before",
            "appointed named",
            r"appointed\b|named\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?(?:ceo|chief|head)",
        ),
        _t("after", "appointment hiring", r"(?:appointment|hiring)\s+of\b"),
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
            "diambil merekrut mengangkat menunjuk rekrut menggaet membajak memboyong meminang "
            "mengembalikan",
            r"diambil\s+alih\s+oleh\b|"
            r"(?:merekrut|mengangkat|menunjuk|rekrut|menggaet|membajak|memboyong|meminang)"
            r"(?:nya)?\b|mengembalikan(?:nya)?(?=\s+(?:\S+\s+){0,3}(?:ke|sebagai)\b)",
        ),
        _t(
            "before",
            "diangkat ditunjuk bergabung gabung direkrut dipromosikan menjabat kembali pindah "
            "dipindahtugaskan didapuk dilantik naik masuk mengambil menyusul",
            r"(?:diangkat|ditunjuk|bergabung|gabung|direkrut|dipromosikan|menjabat"
            r"|dipindahtugaskan|didapuk|dilantik)\b|"
            r"naik\s+jabatan\b|masuk\s+(?:jajaran\s+)?(?:direksi|dewan|komisaris)\b|"
            r"mengambil\s+alih\s+(?:kursi|jabatan|posisi|kepemimpinan)\b|"
            r"menyusul\s+(?:[\w.'-]+\s+){1,3}?ke\b|"
            r"pindah\s+ke\b|"
            # "kembali menguasai OpenAI": back in charge is back
            r"kembali\s+(?:ke|menjadi|memimpin|menguasai|menakhodai)\b",
        ),
    ),
    "pt": (
        _t(
            "before",
            "contratad recontratad readmitid nomead nombrad promovid empossad escolhid",
            r"(?:(?:re)?contratad[oa]s?|readmitid[oa]s?|nomead[oa]s?|nombrad[oa]|promovid[oa]"
            r"|empossad[oa]s?)\b|escolhid[oa]s?\s+(?:como|para)\b",
        ),
        _t(
            "before",
            "junt se assum",
            r"junt(?:ou|a)-se\b|se\s+junt(?:ou|a)\b|"
            r"assum(?:e|iu)\s+(?:o\s+cargo|o\s+comando|interinamente)\b",
        ),
        _t(
            "before",
            "volta voltou voltam retorna retornou vai retomou retoma entra entrou entraram seguiu "
            "seguiram",
            r"(?:volt(?:a|ou|am)|retorn(?:a|ou))\s+(?:[^\W\d_]+\s+)?(?:para|ao|à|como)\b|"
            r"vai\s+para\s+[ao]\b|"
            # "entrou na Meta", "entra para o conselho": where is checked
            r"entr(?:a|ou|aram)\s+(?:para|n[ao]s?)\b|segui(?:u|ram)\s+(?:[\w.'-]+\s+){1,3}?para\b|"
            r"retom(?:ou|a)\s+o\s+(?:comando|controle)\s+d[aoe]\b",
        ),
        _t(
            "object",
            "contrat nomeia nomeou recontrat readmit trouxe traz",
            r"(?:re)?contrat(?:ou|a|ar)\b|nomeia\b|nomeou\b|readmit(?:iu|e)\b|"
            r"(?:trouxe|traz)\s+de\s+volta\b|"
            r"(?:trouxe|traz)(?=\s+(?:[\w.'-]+\s+){1,3}de\s+volta\b)",
        ),
    ),
}
