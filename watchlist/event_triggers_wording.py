"""English newswire and headline wording of events, added to the trigger
tables by watchlist.event_kinds: "X out at Y", "X to lead Y's team",
"adds X to its team", "makes X its chief", "nabs X", "takes leave from",
"leads a round in", "the round was led by", "commits $N to", "co-founds".
Each trigger asks for what makes it an event (a capitalised name, an
organisation, an amount), so the same verbs in other senses stay quiet.
"""

from __future__ import annotations

from watchlist.event_morphology import Forms, en, pt, trigger
from watchlist.event_trigger import Triggers
from watchlist.event_trigger import t as _t
from watchlist.lexicon import words

_NAME_NEXT = r"(?=\s+(?-i:[A-Z]|[a-z][A-Z]))"
# What a new job is at: "Meta's superintelligence effort", "a new safety
# group"; not "the delegation to Paris" or "the keynote".
_ORGANISATION_AHEAD = (
    r"(?=\s+(?:[\w.'’-]+\s+){0,5}?(?:team|teams|group|unit|lab|labs|division|effort|efforts"
    r"|research|business|arm|operations|organi[sz]ation|department|products?|models?"
    r"|superintelligence|company|startup)\b)"
)
# Headline ellipsis "Bob McGrew out at OpenAI": the word before is the name,
# not a verb ("lashes out at", "came out at", "stands out as") nor the "is
# out at" another trigger reads.
_NOT_A_VERB_BEFORE = "".join(
    f"(?<!{word} )"
    for word in sorted(
        words("""
            s ed ing lash hit speak spoke reach come came stand stood turn roll start
            cash sell sold go went run ran way is was are were now be been figure point
            carry sort check
        """)
    )
)
# A capitalised name of up to three words, then what follows it.
_NAME_THEN = r"(?=\s+(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,2}\s+"

_MONEY = r"(?:US)?[$€£]\s?[\d.,]+\s*(?:[mb]n?\b|million\b|billion\b)?"

# "Jan Leike akan memimpin tim keselamatan", "vai comandar a equipe de
# pesquisa": a future told as fact, with what the job is at.
_ID_ORGANISATION_AHEAD = (
    r"(?=\s+(?:[\w.'’-]+\s+){0,3}?(?:tim|kelompok|unit|divisi|lab|laboratorium|riset"
    r"|bisnis|perusahaan|departemen|startup)\b)"
)
_PT_ORGANISATION_AHEAD = (
    r"(?=\s+(?:[\w.'’-]+\s+){0,3}?(?:equipe|grupo|unidade|divis[aã]o|laborat[oó]rio"
    r"|[aá]rea|pesquisa|time|neg[oó]cio|departamento|empresa|startup)\b)"
)

# A role after a headline's bare passive: "reinstated as OpenAI CEO"
_ROLE_NOUN = (
    r"(?:(?:new|interim|acting|permanent|co-)\s*)*(?:ceo|chief|head|president|chair\w*|cto"
    r"|cfo|coo|director|officer|lead|scientist|boss)\b"
)
# After "as" a company may qualify the role ("as OpenAI CEO"); without it only
# lower-case words may, or "named Linda Yaccarino chief" would be a passive.
_ROLE = (
    r"(?:the\s+|its\s+)?(?:(?:new|interim|acting|permanent|co-)\s*)*"
    r"(?:[\w'’-]+\s+){0,2}?" + _ROLE_NOUN
)
_BARE_ROLE = (
    r"(?:the\s+|its\s+)?(?:(?:new|interim|acting|permanent|co-)\s*)*"
    r"(?:(?-i:[a-z])[\w'’-]*\s+){0,2}?" + _ROLE_NOUN
)

HIRE_EN = (
    # headline passives without "is": "Mira Murati named interim CEO of OpenAI"
    _t(
        "before",
        "named appointed reinstated tapped installed hired promoted elevated reappointed",
        r"(?:named|appointed|reinstated|tapped|installed|hired|promoted|elevated|reappointed)"
        # not "hired its chief executive, Alexandr Wang": active, its object next
        + r"\s+(?!(?:its|their|his|her)\s)(?:as\s+"
        + _ROLE
        + "|"
        # "named Meta's chief AI officer": the company may own the role
        + r"(?:(?-i:[A-Z]|[a-z][A-Z])[\w.-]*['’]s\s+)?"
        + _BARE_ROLE
        + ")",
    ),
    # "Anthropic adds Jan Leike to its alignment team"
    trigger(
        "object",
        en("add", base=False),
        r"(?=\s+(?-i:[A-Z])(?:[\w.'’-]+\s+){1,3}?to\s+(?:its|the|their)\s)",
    ),
    # "Meta makes Alexandr Wang its chief AI officer"
    trigger(
        "object",
        en("make/made", base=False),
        r"(?=\s+(?-i:[A-Z])(?:[\w.'’-]+\s+){1,3}?(?:(?:its|their|the)\s+)?(?:new\s+)?"
        r"(?:[\w-]+\s+){0,3}?(?:chief|head|ceo|cto|cfo|coo|president|officer|director|lead"
        r"|chair\w*|scientist)\b)",
    ),
    # "Noam Shazeer to lead Google's Gemini team", "will run a new safety group";
    # not "used to lead", "continues to lead" (background, not news)
    _t(
        "before",
        "lead head run helm oversee",
        # found at the verb, not at the frequent "to": the word before is checked
        r"(?:(?<=\bto )|(?<=\bwill ))(?<!used to )(?<!continue to )(?<!continues to )"
        r"(?<!continued to )(?:lead|head|run|helm|oversee)\b" + _ORGANISATION_AHEAD,
    ),
    # "is moving to Meta"; not "moves to block the deal"
    trigger("before", en("move"), r"\s+to" + _NAME_NEXT),
    # "Meta nabs Liam Fedus from OpenAI", "snags OpenAI's Luke Metz"
    trigger("object", en("nab+", "snag+", base=False), _NAME_NEXT),
)
HIRE: Triggers = {
    "en": HIRE_EN,
    "id": (
        # "Sam Altman Kembali Jadi CEO OpenAI"; not "kembali jadi sorotan"
        _t(
            "before",
            "kembali balik",
            r"(?:kembali|balik)\s+(?:jadi|menjadi|menjabat)\s+(?:ceo|cto|kepala|bos|direktur"
            r"|presiden|pemimpin|ketua|chief)\b",
        ),
        # "Alexandr Wang menjadi kepala AI Meta"; not "yang menjadi CEO" (background)
        _t(
            "before",
            "menjadi jadi",
            r"(?<!yang )(?<!yang sempat )(?:menjadi|jadi)\s+(?:ceo|cto|kepala|bos|direktur"
            r"|presiden|pemimpin|ketua|chief)\b",
        ),
        # a headline's bare "Tunjuk Mustafa Suleyman": the one named next
        _t("object", "tunjuk", r"tunjuk" + _NAME_NEXT),
        _t(
            "before",
            "memimpin mengepalai menakhodai menukangi",
            r"(?<=\bakan )(?:memimpin|mengepalai|menakhodai|menukangi)\b" + _ID_ORGANISATION_AHEAD,
        ),
    ),
    "pt": (
        # "A Meta tirou Mark Chen da OpenAI": taken from a company, hired
        trigger("object", pt("tirar", clitics=True), _NAME_THEN + r"d[ao]s?" + _NAME_NEXT + ")"),
        # "Meta leva Alexandr Wang": a person taken on; "levou o ChatGPT Go" is no hire
        trigger("object", pt("levar"), _NAME_NEXT),
        # "A Meta recruta Mark Chen", "fisga", "atrai" (not "atrai críticas")
        trigger(
            "object",
            pt("recrutar", clitics=True)
            + pt("fisgar")
            + Forms(["atrai", "atraiu", "atraem", "atraíram", "atrairá"]),
            _NAME_NEXT,
        ),
        _t(
            "before",
            "comandar liderar chefiar dirigir comandara liderara chefiara",
            r"(?:(?:(?<=\bvai )|(?<=\bir[aá] ))(?:comandar|liderar|chefiar|dirigir)"
            r"|(?:comand|lider|chefi)ar[aá])\b" + _PT_ORGANISATION_AHEAD,
        ),
    ),
}

LEAVE: Triggers = {
    # "takes leave from OpenAI" (the article-less form)
    "en": (
        trigger("before", en("take/took/taken"), r"\s+(?:medical\s+|parental\s+)?leave\s+from\b"),
    ),
}

FIRED: Triggers = {
    # "Sam Altman ousted as OpenAI chief executive", "was ousted as CEO"
    "en": (
        _t(
            "before",
            "fired ousted sacked removed axed dismissed deposed",
            r"(?:fired|ousted|sacked|removed|axed|dismissed|deposed)\s+as\s+" + _ROLE,
        ),
    ),
    # "O conselho tirou Sam Altman do comando": removed from the post
    "pt": (
        trigger(
            "object",
            pt("tirar", clitics=True),
            _NAME_THEN
            + r"d[oa]\s+(?:cargo|comando|posto|presid[eê]ncia|conselho|dire[cç][aã]o|chefia))",
        ),
    ),
}

DEPARTURE: Triggers = {
    "en": (
        _t(
            "before", "out", r"(?=out\s+a[ts]\s)" + _NOT_A_VERB_BEFORE + r"out\s+a[ts]" + _NAME_NEXT
        ),
        # a headline's "OpenAI's Mira Murati out", "Murati out as OpenAI CTO"
        _t("before", "out", r"(?=out\b)" + _NOT_A_VERB_BEFORE + r"out(?=\s*$|\s+as\s)"),
    ),
}

# "memimpin putaran pendanaan Mistral AI", "liderou a rodada de US$ 600
# milhões da Mistral AI": the company whose round it is comes after.
_ID_LED_ROUND = (
    r"(?:memimpin|pimpin)\s+(?:putaran\s+)?(?:pendanaan|investasi|penggalangan\s+dana)"
    r"(?:\s+(?:seri|tahap)\s+\w+|\s+terbaru|\s+baru)*(?:\s+(?:di|untuk|ke|bagi))?" + _NAME_NEXT
)
_PT_LED_ROUND = (
    r"(?:co-?)?(?:liderou|lidera|liderará|lideraram)\s+(?:a|uma)\s+(?:nova\s+)?rodada\b"
    r"(?=[^.;]{0,60}?\b(?:d[aeo]s?|n[ao]s?|para\s+[ao])\s+(?-i:[A-Z]))"
)

FUNDING: Triggers = {
    "en": (
        # "Nvidia leads $500 million round in Mistral AI": the company after
        _t(
            "after",
            "lead led co-lead co-led",
            r"(?:co-?)?(?:leads?|led)\s+(?:(?:a|an|the|its)\s+)?(?:[^\s;,]+\s+){0,4}?"
            r"(?:round|investment|raise|financing)\s+(?:in|into|for)\b",
        ),
        # "Perplexity's $500 million round was led by Nvidia": the company before
        _t(
            "before",
            "round investment raise financing",
            r"(?:round|investment|raise|financing)\s+(?:was\s+|is\s+)?(?:co-?)?led\s+by\b",
        ),
        # "commits $2.75 billion to Anthropic", "is putting $10 billion into OpenAI"
        _t(
            "after",
            "commit put pump",
            r"(?:commit(?:s|ted|ting)?|put(?:s|ting)?|pump(?:s|ed|ing)?)\s+"
            r"(?:another\s+|an\s+(?:additional|extra)\s+|up\s+to\s+)?" + _MONEY + r"\s+"
            r"(?:more\s+)?(?:in|into|to)\b",
        ),
        # "Perplexity nets $500 million", "scores $4 billion from Amazon"
        trigger("before", en("net+", "score", base=False), r"(?=\s+(?:another\s+)?" + _MONEY + ")"),
        # "Mistral AI closes $640 million Series B"
        _t("before", "close", r"(?:closes|closed|closing)\s+" + _MONEY + r"\s+series\s+[a-h]\b"),
    ),
    # "Microsoft tanam modal US$2 miliar di Mistral AI": a headline's bare verb
    "id": (
        _t("after", "memimpin pimpin", _ID_LED_ROUND),
        _t("after", "tanam tanamkan", r"tanam(?:kan)?\s+modal\b"),
    ),
    "pt": (
        _t("after", "liderou lidera liderara lideraram co-liderou", _PT_LED_ROUND),
        # "A Databricks abocanhou US$ 10 bilhões em uma rodada": money, not a company
        trigger("before", pt("abocanhar"), r"(?=\s+(?:mais\s+)?(?:US\$|R\$|\$|€|£))"),
        # "A Microsoft coloca US$ 2 bilhões na Mistral AI"
        trigger(
            "after",
            pt("colocar", extra="põe pôs puseram"),
            r"\s+(?:mais\s+|outros\s+)?(?:US\$|R\$|\$|€|£)\s?[\d.,]+\s*"
            r"(?:mil|milh(?:[aã]o|[oõ]es)|bilh(?:[aã]o|[oõ]es)|bi|mi)?\s+n[ao]s?\b",
        ),
    ),
}

ACQUISITION: Triggers = {
    # "OpenAI is buying Windsurf" (the table's bare "buying" is a stake's)
    "en": (
        _t(
            "before",
            "buying",
            r"(?:(?<=\bis )|(?<=\bwas )|(?<=\bare )|(?<=\bwere ))buying" + _NAME_NEXT,
        ),
    ),
    # "A OpenAI incorpora a Windsurf" (not "incorpora recursos")
    "pt": (trigger("before", pt("incorporar"), r"(?=\s+(?:a|o)\s+(?-i:[A-Z]))"),),
}

# "showed off Gemini 3", "took the wraps off its new Siri": a product named next
_PRODUCT_NEXT = r"(?=\s+(?:(?:its|their|the)\s+)?(?:new\s+|latest\s+)?(?-i:[A-Z]))"

LAUNCH: Triggers = {
    "en": (
        # "Liang Wenfeng co-founds a new research lab"
        _t("before", "founds co-founds cofounds", r"(?:co-?)?founds\b"),
        trigger("before", en("show/showed/shown"), r"\s+off" + _PRODUCT_NEXT),
        trigger("before", en("showcase", base=False), _PRODUCT_NEXT),
        # "introduced Llama 4", "introduced its new chips"; not "introduced Sam Altman"
        _t(
            "before",
            "introduced",
            r"introduced(?=\s+(?:(?:its|their|a|the)\s+)?new\s|\s+(?:its|their)\s"
            r"|\s+(?-i:[A-Z])[\w.-]*[\s-]*\d)",
        ),
        trigger(
            "before",
            en("take/took/taken", "pull", "lift"),
            r"\s+the\s+(?:wraps|lid|covers)\s+(?:off|on)" + _PRODUCT_NEXT,
        ),
    ),
    "id": (
        _t("before", "memamerkan pamerkan", r"(?:memamerkan|pamerkan)" + _NAME_NEXT),
        # "Google Perkenalkan Gemini 3": a headline's bare verb, a product next
        _t("before", "perkenalkan", r"perkenalkan" + _NAME_NEXT),
    ),
    # "Liang Wenfeng funda a DeepSeek": a headline's present tense
    "pt": (_t("before", "funda fundam cofunda", r"(?:co)?fundam?(?=\s+(?:a|o)\s+(?-i:[A-Z]))"),),
}


def with_wording(triggers: Triggers, extra: Triggers) -> Triggers:
    """The trigger table with the wording above, per language. The wording
    comes first: each of its triggers is narrower than the table's verb it
    overlaps ("ousted as OpenAI CEO" is no "ousted X")."""
    return {**triggers, **{lang: (*more, *triggers.get(lang, ())) for lang, more in extra.items()}}
