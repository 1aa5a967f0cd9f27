"""Whose event a keyword tells: the watched mention chosen as its subject in
its sentence (watchlist.events finds the keywords and reports the events).

Each keyword says which way its subject usually lies ("X resigned" before,
"acquired by X" after); the nearest watched mention of the right sort in that
direction is chosen, then rejected when it is not the subject after all: a
possessor ("Sam Altman's brother"), kin, a former employer, a founding told as
background, a name inside another name's clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from watchlist.event_agents import owns_launched_product, passive_agent
from watchlist.event_checks import AFTER_WORDS, LIST_GLUE, TOKEN, Found, plausible
from watchlist.event_clauses import embedded_subject, parenthetical_head
from watchlist.event_details import find_date
from watchlist.event_kinds import PERSON_EVENTS
from watchlist.event_refs import company_subject_between
from watchlist.event_roles import bought_person
from watchlist.event_subjects import (
    KIN_BEFORE,
    possessor_not_subject,
    pronoun_subject_between,
    unwatched_subject,
)
from watchlist.event_voice import agent_before_active_verb, company_opens_clause
from watchlist.matcher import fold

__all__ = ["FOUNDING", "Choice", "choose_subject", "listed_with", "not_the_subject"]

_AGENT_AFTER = re.compile(r"\b(?:by|oleh)\s+(?:the\s+)?$", re.IGNORECASE)
_PASSIVE_AGENT = re.compile(r"\b(?:by|oleh|por|pela|pelo)\s*$", re.IGNORECASE)
# A backer named in a relative clause or apposition: "yang didukung
# Microsoft", "apoiada pela Microsoft", "backed by Microsoft".
_BACKED_BY = re.compile(
    r"(?:\b(?:didukung|disokong|dimiliki|backed\s+by|owned\s+by|funded\s+by)"
    r"|\b(?:apoiad[oa]|controlad[oa]|financiad[oa])\s+pel[oa])\s+$",
    re.IGNORECASE,
)
# "mendirikan Safe Superintelligence": whoever founds it, the launch is the company's.
FOUNDING = ("found", "co-found", "cofound", "mendirikan", "dirikan", "fundou", "fundar", "cofund")
# "into xAI's latest funding round", "joined xAI's $6 billion raise": the
# round is xAI's, the money too.
_ROUND_OF = re.compile(r"['’]s\s+(?:[\w$€£.,-]+\s+){0,3}(?:round|funding|raise)\b", re.IGNORECASE)
# English "founded" with no "has": news when its sentence dates it ("In 2023
# he founded DeepSeek"), else a biography's background.
_BARE_FOUNDED = re.compile(r"(?:co-?)?founded\s+(?-i:[A-Z]|[a-z][A-Z])", re.IGNORECASE)
# ... or when its sentence follows a departure: "After leaving OpenAI, Mira
# Murati founded Thinking Machines Lab" tells what happened next.
_AFTER_LEAVING = re.compile(
    r"\W*(?:(?:shortly|soon|weeks|months|a\s+year)\s+)?after\s+(?:leaving|quitting|departing"
    r"|exiting|stepping\s+down)\b",
    re.IGNORECASE,
)
_FORMER = re.compile(
    r"\b(?:former|ex|eks|bekas|mantan|antig[oa])(?:-|\s+)(?:[\w-]+\s+){0,4}(?:d[aeo]\s+)?$",
    re.IGNORECASE,
)

# A company's former staff are not the company: "Alumni OpenAI mendirikan",
# "OpenAI alumni launched", "jebolan Google DeepMind".
# "According to Sam Altman, Mark Chen joined": the source of the news, not one of a list.
_SOURCE_BEFORE = re.compile(
    r"\b(?:according\s+to|segundo|conforme|de\s+acordo\s+com|menurut|kata)\s+$", re.IGNORECASE
)
_BUYING_SHARES = ("buy", "bough", "purcha", "picked", "picks", "snappe")
# A capitalised name after a verb of poaching, then an apposition calling it a
# firm: the firm was bought ("nabbed PlayAI, a voice startup").
_FIRM_NAMED_NEXT = re.compile(
    r"\s+(?:a\s+|the\s+)?(?-i:[A-Z])[\w.:-]*(?:\s+(?-i:[A-Z])[\w.:-]*)?\s*,\s*"
    r"(?:(?:a|an|the|sebuah|uma|um)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:startup|start-up|company|firm|perusahaan|empresa|rintisan)\b"
    # "John Smith, a startup founder": a person
    r"(?!\s+(?:founder|co-?founder|ceo|executive|veteran|engineer|investor|pendiri|fundador))",
    re.IGNORECASE,
)


def people_after(inside: Sequence[Found], k_end: int) -> list[Found]:
    return [c for c in inside if c[0] >= k_end and c[2].startswith("person:")]


# Between names hired with their roles: "X as CTO and Y", "X sebagai CTO dan Y".
_ROLE_THEN_AND = re.compile(
    r"\s+(?:as|sebagai|como)\s+(?:[\w.-]+\s+){1,4}?(?:,\s*)?(?:and|dan|serta|e)\s+",
    re.IGNORECASE,
)
_ROLE_OR_END = re.compile(r"\s*(?:[.,;]|$)|\s+(?:as|sebagai|como)\b", re.IGNORECASE)
# A name after one of these is a phrase's object, not one of a list of subjects.
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:from|by|with|of|for|at|in|on|dari|oleh|dengan|untuk|di|da|do|de|pela|pelo|com|por"
    r"|na|no)\s+$",
    re.IGNORECASE,
)
_ALUMNI_BEFORE = re.compile(r"\b(?:alumni|alumnus|jebolan|lulusan|veteran)\s+$", re.IGNORECASE)
_ALUMNI_AFTER = re.compile(r"\s+(?:alumni|alums|alumnus|veterans)\b", re.IGNORECASE)
# A company named for its shares is what is sold, not who deals: "sold Tesla
# shares to buy Twitter", "menjual saham Tesla", "vendeu ações da Tesla".
_SHARES_BEFORE = re.compile(r"\b(?:saham|a[cç][oõ]es\s+d[ao])\s+$", re.IGNORECASE)
_SHARES_AFTER = re.compile(r"\s+(?:shares|stock)\b", re.IGNORECASE)

# Right after a departure keyword, a time it lasts makes it a leave: "mundur
# sementara dari OpenAI", "steps away temporarily", "afastou-se temporariamente".
_TEMPORARY = re.compile(
    r"\s+(?:(?:untuk\s+)?sementara(?:\s+waktu)?|temporarily|for\s+(?:a\s+few|several|two|three)"
    r"\s+(?:weeks|months)|temporariamente|por\s+(?:algumas|alguns|duas|três|tres)"
    r"\s+(?:semanas|meses))\b",
    re.IGNORECASE,
)

# The place a departure verb names before a time: "from OpenAI", "dari OpenAI".
_AFTER_PLACE = re.compile(
    r"(?:\s+(?:from|dari|d[aeo]s?)\s+(?:the\s+|a\s+|o\s+)?[\w.:-]+(?:\s+(?-i:[A-Z])[\w.-]*)?)?",
    re.IGNORECASE,
)
_OPENS_APPOSITION = re.compile(r"\s*,[^,;.]*")


class Choice(NamedTuple):
    kind: str  # may differ from the keyword's: "scoops up Scale AI's Alexandr Wang" hires
    way: str
    chosen: Found
    pool: list[Found]  # the mentions of the subject's sort, for names listed with it
    companies: list[Found]


def _in_apposition(text: str, company: Found, people: Sequence[Found], k_start: int) -> bool:
    """The company is inside commas that describe a person before the keyword:
    "Andrej Karpathy, a founding member of OpenAI, launched Eureka Labs"."""
    if company[1] > k_start or "," not in text[company[1] : k_start]:
        return False
    return any(
        p[1] <= company[0] and _OPENS_APPOSITION.fullmatch(text, p[1], company[0]) for p in people
    )


def _choose(
    candidates: Sequence[Found], way: str, k_start: int, k_end: int, strict: bool
) -> Found | None:
    before = [c for c in candidates if c[1] <= k_start]
    after = [c for c in candidates if c[0] >= k_end]
    nearest_before = max(before, key=lambda c: c[1]) if before else None
    nearest_after = min(after, key=lambda c: c[0]) if after else None
    if way == "object" or (way == "after" and strict):
        return nearest_after
    if way == "after":
        return nearest_after or nearest_before
    return nearest_before or nearest_after


def listed_with(text: str, pool: Sequence[Found], chosen: Found) -> list[Found]:
    """The chosen mention and the names listed with it: "A, B and C left"."""
    if chosen not in pool:
        return [chosen]  # a launched company kept out of the pool as a former employer's
    ordered = sorted(pool)
    index = ordered.index(chosen)
    group = [chosen]
    for step in (-1, 1):
        j = index
        while 0 <= j + step < len(ordered):
            a, b = (ordered[j + step], ordered[j]) if step < 0 else (ordered[j], ordered[j + step])
            glue = LIST_GLUE.fullmatch(text, a[1], b[0])
            if glue is None and step > 0 and chosen[0] > 0:
                # "hired Barret Zoph as CTO and Luke Metz as a researcher"
                glue = _ROLE_THEN_AND.fullmatch(text, a[1], b[0])
                if glue is not None and not _ROLE_OR_END.match(text, b[1]):
                    glue = None  # "named X as CTO and Sam Altman praised him": a new clause
            if glue is None or a[1] == b[0]:
                break
            joining = ordered[j + step]
            if _SOURCE_BEFORE.search(text, max(0, joining[0] - 20), joining[0]):
                break
            if (
                step < 0
                and glue.group().strip() == ","
                and _PREPOSITION_BEFORE.search(text, max(0, joining[0] - 8), joining[0])
            ):
                break  # "With funding from Amazon, Anthropic launched": a fronted phrase
            j += step
            group.append(ordered[j])
    return group


def choose_subject(
    text: str, kind: str, way: str, k_start: int, k_end: int, s_start: int, inside: list[Found]
) -> Choice | None:
    """The subject of the keyword at k_start:k_end among the sentence's
    mentions `inside`, or None when none of them is."""
    people = [c for c in inside if c[2].startswith("person:")]
    companies = [c for c in inside if not c[2].startswith("person:")]
    if kind == "acquisition" and way == "before" and bought_person(text, k_end, inside):
        kind, way = "hire", "object"  # "Meta scoops up Scale AI's Alexandr Wang"
    if (
        kind == "hire"
        and way == "object"
        and not people_after(inside, k_end)
        and _FIRM_NAMED_NEXT.match(text, k_end)
    ):
        kind, way = "acquisition", "before"  # "Cohere mencomot Ottogrid, startup asal Vancouver"
    if kind == "departure" and (
        _TEMPORARY.match(text, k_end)
        # "stepped away from OpenAI for a few months": the time after the place
        or _TEMPORARY.match(text, _AFTER_PLACE.match(text, k_end).end())
    ):
        kind = "leave"
    if (
        kind == "funding"
        and way == "after"
        and fold(text[k_start : k_start + 6]).startswith(_BUYING_SHARES)
        and not any(c[1] <= k_start for c in inside)
    ):
        return None  # "Investors bought Nvidia shares": trading, no backer named
    strict = False
    if kind in PERSON_EVENTS:
        pool = people
    else:
        # "Bekas petinggi Tesla, Andrej Karpathy, meluncurkan": a former
        # employer launches nothing here
        # "Former OpenAI CTO Mira Murati has raised $2 billion for ...": a
        # former employer deals in nothing here either
        pool = [c for c in companies if not _FORMER.search(text, s_start, c[0])]
        if kind == "launch":
            pool = [c for c in pool if not _in_apposition(text, c, people, k_start)]
        pool = [
            c
            for c in pool
            if not (
                _ALUMNI_BEFORE.search(text, max(s_start, c[0] - 12), c[0])
                or _ALUMNI_AFTER.match(text, c[1])
                or (
                    kind == "acquisition"
                    and c[1] <= k_start
                    and (
                        _SHARES_BEFORE.search(text, max(s_start, c[0] - 12), c[0])
                        or _SHARES_AFTER.match(text, c[1])
                    )
                )
            )
        ]
        pool = pool or people
        strict = bool(companies) and way == "after" and kind != "launch"
        # "OpenAI yang didukung Microsoft mengunci pendanaan": the backer
        # in a relative clause or apposition is not the subject
        pool = [
            c
            for c in pool
            if c[1] > k_start or not _BACKED_BY.search(text, max(s_start, c[0] - 24), c[0])
        ]
    if way == "before" and kind not in PERSON_EVENTS:
        # "the investment by Amazon in Anthropic": the agent after "by" deals,
        # the company after it is the one dealt with
        agents = [c for c in pool if c[0] >= k_end and _AGENT_AFTER.search(text, k_end, c[0])]
        if agents and len(agents) < len(pool):
            pool = [c for c in pool if c not in agents]
        elif agents and not any(c[1] <= k_start for c in pool) and kind == "funding":
            # "The startup has been handed $80 million by investors led by
            # Nvidia": the backer is named, the company funded is not
            return None
    if way == "before" and _PASSIVE_AGENT.search(text, k_start, k_end):
        # "The round was led by a16z, with NVIDIA": who follows "by" is the
        # agent, never the subject, so an unnamed subject means no event
        pool = [c for c in pool if c[1] <= k_start]
    chosen = _choose(pool, way, k_start, k_end, strict)
    subject = max((c for c in inside if c[1] <= k_start), key=lambda c: c[1], default=None)
    founding = fold(text[k_start:k_end]).startswith(FOUNDING)
    if founding and AFTER_WORDS.search(text, max(s_start, k_start - 40), k_start):
        return None  # "setelah 20 tahun mendirikan Character.AI": background
    if kind == "launch" and (
        founding or (subject is not None and subject[2].startswith("person:"))
    ):
        # "Murati has launched Thinking Machines Lab": a person launching
        # a company founds it (a company launching one names a product).
        launched = [c for c in companies if k_end <= c[0] <= k_end + 30]
        if launched and len(TOKEN.findall(text, k_end, launched[0][0])) <= 3:
            chosen = launched[0]
        elif founding and people:
            # Companies do not found startups, people do: "Kevin Weil
            # Tinggalkan OpenAI, Dirikan Startup Sains Sendiri".
            pool = people
            chosen = _choose(pool, way, k_start, k_end, False)
    if kind == "launch" and way == "before":
        # "Nvidia praised R1, released by DeepSeek": the agent after it launched
        agent = passive_agent(text, k_start, k_end, companies)
        if agent is not None:
            return Choice(kind, way, agent, pool, companies)
    if chosen is not None and way == "before" and chosen[1] <= k_start:
        # "DeepSeek, which buys chips from Nvidia, released R1": DeepSeek did
        chosen = parenthetical_head(text, s_start, chosen, pool, k_start) or chosen
    if chosen is not None and chosen[1] <= k_start:
        # "researchers who worked with X joined": the head joined
        head = embedded_subject(text, s_start, chosen, inside, k_start)
        if head is not False:
            chosen = head if head in pool else None
    if chosen is None or text[max(0, chosen[0] - 4) : chosen[0]].lower().endswith(
        ("ex-", "eks-", "ex ")
    ):
        return None  # "eks-OpenAI mendirikan ...": former staff, not the company
    return Choice(kind, way, chosen, pool, companies)


def not_the_subject(
    text: str,
    sentence: str,
    s_start: int,
    choice: Choice,
    inside: list[Found],
    k_start: int,
    k_end: int,
) -> bool:
    """The chosen mention is not what the event is about after all, or the
    keyword tells no news of it."""
    kind, way, chosen = choice.kind, choice.way, choice.chosen
    if (
        chosen[1] <= k_start
        and (
            pronoun_subject_between(text, chosen[1], k_start)
            or (
                possessor_not_subject(text, chosen[1], k_start)
                # "DeepSeek's R1, released last week": the product's maker launched it
                and not (
                    kind == "launch"
                    and not chosen[2].startswith("person:")
                    and owns_launched_product(text, chosen[1], k_start)
                )
            )
        )
        # "Mistral AI's chief executive said the company had raised": it is Mistral
        and not (
            not chosen[2].startswith("person:")
            and company_subject_between(text, chosen[1], k_start)
        )
    ):
        return True
    if (
        chosen[0] >= k_end
        and text.startswith(("'s ", "’s "), chosen[1])
        and not _ROUND_OF.match(text, chosen[1])
    ):
        return True  # "hired Jan Leike's deputy": the deputy was hired
    kin = KIN_BEFORE.search(text, max(s_start, chosen[0] - 24), chosen[0])
    if (
        kin is not None
        # "menjadi milik Nvidia": the keyword's own word, not a kinship
        and not (kin.start() >= k_start and chosen[0] <= k_end + 1)
        and not (kind == "launch" and passive_agent(text, k_start, k_end, [chosen]) == chosen)
    ):
        return True  # "Adik Sam Altman, Jack Altman, mundur": the brother did
    if _BARE_FOUNDED.match(text, k_start) and (
        text[max(0, k_start - 4) : k_start].lower() == "who "
        or (find_date(sentence, k_start - s_start) is None and not _AFTER_LEAVING.match(sentence))
    ):
        return True  # "X, who co-founded DeepMind", "co-founded SSI": background
    if not plausible(text, kind, way, chosen, inside, k_start, k_end):
        return True
    if kind in PERSON_EVENTS and chosen[1] <= k_start:
        between = [c for c in inside if chosen[1] <= c[0] and c[1] <= k_start]
        if between and company_opens_clause(text, between[-1], k_start):
            return True  # "the report that Microsoft would leave OpenAI": not his move
    if kind == "fired" and chosen[1] <= k_start and agent_before_active_verb(text, k_start, k_end):
        return True  # "Dario Amodei dismissed the idea that ...": he did the dismissing
    if kind == "leave" and AFTER_WORDS.search(text, max(s_start, k_start - 24), k_start):
        return True  # "returned after a sabbatical": the leave is over
    return chosen[2].startswith("person:") and unwatched_subject(text, s_start, chosen[0], inside)
