"""More English newswire wording of people's moves and deals, added to the
trigger tables by watchlist.event_kinds after watchlist.event_triggers_wording:
"bid farewell to", "is no longer at", "let X go", "came aboard", "took a job
at", "starts at", "clinched $N", "took $N from", "won backing from", "is
taking over X", "absorbs X". As there, each trigger asks for what makes it
an event (a capitalised name next, an amount), so the same words in other
senses stay quiet.
"""

from __future__ import annotations

from watchlist.event_morphology import en, trigger
from watchlist.event_trigger import Triggers
from watchlist.event_trigger import t as _t

# A capitalised name next, maybe after "the" or a possessive: "to OpenAI", "at
# the Allen Institute".
_NAME_NEXT = r"(?=\s+(?:the\s+)?(?-i:[A-Z]|[a-z][A-Z]))"
_MONEY_NEXT = r"(?=\s+(?:another\s+|a\s+further\s+)?(?:US)?[$€£]\s?\d)"

DEPARTURE: Triggers = {
    "en": (
        # "bid farewell to OpenAI", "waved goodbye to", "is moving on from"
        trigger("before", en("bid+/bid/bade"), r"\s+farewell\s+to" + _NAME_NEXT),
        trigger("before", en("wave"), r"\s+goodbye\s+to" + _NAME_NEXT),
        trigger("before", en("move"), r"\s+on\s+from" + _NAME_NEXT),
        trigger("before", en("part"), r"\s+company\s+with" + _NAME_NEXT),
        # "is no longer at OpenAI", "no longer works for Meta": a move told as a state
        _t(
            "before",
            "no",
            r"no\s+longer\s+(?:(?:works?|working|employed)\s+)?(?:at|with|for)" + _NAME_NEXT,
        ),
        # "stepped off OpenAI's board"
        trigger(
            "before",
            en("step+"),
            r"\s+off\s+(?:the\s+)?(?:(?-i:[A-Z])[\w.-]*(?:['’]s)?\s+)?board\b",
        ),
    ),
}

FIRED: Triggers = {
    # "OpenAI let Kevin Weil go": the one let go is named between
    "en": (
        _t(
            "object",
            "let lets letting",
            r"let(?:s|ting)?(?=\s+(?-i:[A-Z])[\w.'-]*\s+"
            r"(?:(?-i:[A-Z])[\w.'-]*\s+)?go\b)",
        ),
    ),
}

HIRE: Triggers = {
    "en": (
        # "came aboard at Meta", "has come on board"
        trigger("before", en("come/came"), r"\s+(?:aboard|on\s+board)\b"),
        # "took a job at Meta", "is taking a role with Anthropic"
        trigger(
            "before",
            en("take/took/taken"),
            r"\s+(?:a|the|an?\s+new)\s+(?:[\w-]+\s+)?(?:job|role|position|post)\s+(?:at|with)"
            + _NAME_NEXT,
        ),
        trigger("before", en("accept"), r"\s+(?:an?\s+)?(?:job\s+)?offer\s+from" + _NAME_NEXT),
        # "starts at Meta on Monday" (no launch: nothing is started)
        trigger("before", en("start", base=False), r"\s+(?:work\s+)?at" + _NAME_NEXT),
        _t("before", "will", r"will\s+start\s+(?:work\s+)?at" + _NAME_NEXT),
        trigger("before", en("sign"), r"\s+with" + _NAME_NEXT),
        # "is Meta's newest hire"
        _t(
            "before",
            "is was",
            r"(?:is|was)\s+(?-i:[A-Z])[\w.-]*['’]s\s+(?:newest|latest|biggest)\s+hire\b",
        ),
        # "will be Meta's chief AI officer"
        _t(
            "before",
            "will",
            r"will\s+be\s+(?:the\s+)?(?:(?-i:[A-Z])[\w.-]*['’]s\s+)?(?:new\s+|next\s+)?"
            r"(?:[\w-]+\s+){0,2}?(?:ceo|chief|president|head|cto)\b",
        ),
    ),
}

FUNDING: Triggers = {
    # "Anthropic clinched $13 billion", "drew $13 billion from investors"
    "en": (
        trigger("before", en("clinch", "draw/drew", "attract", base=False), _MONEY_NEXT),
        _t("before", "closed closes", r"(?:closed|closes)\s+on" + _MONEY_NEXT),
        # "Anthropic took $2 billion from Google": money taken from a backer
        _t(
            "before",
            "took takes take taking",
            r"t(?:ook|akes?|aking)(?=\s+(?:US)?[$€£]\s?\d[\d.,]*\s*(?:million|billion|bn|[mb])?"
            r"\s+(?:more\s+)?from\b)",
        ),
        # "Anthropic won backing from Google": the one backed comes first
        _t("before", "backing", r"backing(?=\s+from\b)(?=.{0,60}?(?:\$|billion|million))"),
    ),
}

ACQUISITION: Triggers = {
    "en": (
        # "is taking over Segment" (not "taking over as CEO", nor "taking over the stage")
        trigger("before", en("take/took/taken"), r"\s+over" + r"(?=\s+(?-i:[A-Z]))"),
        trigger("before", en("absorb", base=False), r"(?=\s+(?-i:[A-Z]))"),
        # "finalized its deal for Segment", "completed its deal to buy Segment"
        trigger(
            "before",
            en("finalize", "finalise", "complete", "close", base=False),
            r"\s+(?:its|the|their)\s+(?:\$[\d.,]+\s*(?:[mb]n?|million|billion)\s+)?"
            r"(?:deal|takeover|purchase)\s+(?:for|of|to\s+(?:buy|acquire))" + _NAME_NEXT,
        ),
    ),
}
