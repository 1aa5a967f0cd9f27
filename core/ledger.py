"""The events ledger: every tagged event across the archive, one row per event
per story.

An article's events come from the watchlist engine (watchlist.events) as
dicts. A story told by several outlets, in several languages, tells its events
several times, and a long article may tell one event in several sentences: all
of those are one row, "told by" as many articles as told it. Two tellings are
the same event when they are of one story (or one article), of the same kind
and person or company, and do not contradict each other (another year, another
company left). The row is dated by the event when a sentence gives its date,
else by the article. No Textual here: the dashboard's screen, `aiwire digest`
and tests all read the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from storage.records import NO_DATE, SEED_FEED_ID, Article
from watchlist.event_kinds import label

# The day of a day-precision date: stored as midnight in the outlet's zone,
# converted to UTC, so the nearest UTC midnight is the outlet's own day.
_HALF_DAY = timedelta(hours=12)
ROLE_ORDER = ("from", "to", "investor", "target")
PRECISIONS = {4: "year", 7: "month", 10: "day"}


@dataclass(frozen=True, slots=True)
class LedgerRow:
    kind: str
    who: str  # entity id
    date: str | None  # "2023", "2023-11" or "2023-11-17"
    dated_by: str  # "event" (a sentence gives the date) | "article" | "none"
    roles: tuple[tuple[str, str], ...]  # (role, entity id) in ROLE_ORDER
    amount: str | None  # "USD:3200000000"
    sentence: str  # the sentence that shows why, from `article_id`
    article_id: str  # the telling the row opens
    article_ids: tuple[str, ...]  # every article that told it
    outlets: tuple[str, ...] = ()  # their outlets, once each
    language: str | None = None

    @property
    def told_by(self) -> int:
        return len(self.article_ids)

    @property
    def precision(self) -> str:
        return PRECISIONS.get(len(self.date or ""), "none")

    def role(self, name: str) -> str | None:
        return dict(self.roles).get(name)

    def entities(self) -> set[str]:
        return {self.who, *(entity for _, entity in self.roles)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "precision": self.precision,
            "dated_by": self.dated_by,
            "kind": self.kind,
            "who": self.who,
            "roles": dict(self.roles),
            "amount": self.amount,
            "sentence": self.sentence,
            "article_id": self.article_id,
            "article_ids": list(self.article_ids),
            "told_by": self.told_by,
            "outlets": list(self.outlets),
        }


@dataclass(frozen=True, slots=True)
class LedgerFilter:
    """Which rows to show; None or empty means any."""

    kinds: frozenset[str] = frozenset()
    entity: str | None = None  # the subject or any organisation of the row
    since: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD", inclusive
    until: str | None = None

    def accepts(self, row: LedgerRow) -> bool:
        if self.kinds and row.kind not in self.kinds:
            return False
        if self.entity and self.entity not in row.entities():
            return False
        if self.since or self.until:
            if row.date is None:
                return False
            # A row dated "2023-11" is in a range that overlaps November 2023.
            if self.since and _last_day(row.date) < _first_day(self.since):
                return False
            if self.until and _first_day(row.date) > _last_day(self.until):
                return False
        return True


def _first_day(text: str) -> str:
    return text + "-01-01"[len(text) - 4 :] if len(text) < 10 else text[:10]


def _last_day(text: str) -> str:
    # "-31" is past every month's end: comparisons as text stay right.
    return text + "-12-31"[len(text) - 4 :] if len(text) < 10 else text[:10]


def article_day(article: Article) -> str | None:
    """The article's own date as "YYYY-MM-DD" (None when it gave none)."""
    if article.published is None or article.date_precision == NO_DATE:
        return None
    moment = article.published
    if article.date_precision == "day":
        moment = moment + _HALF_DAY
    return moment.date().isoformat()


def default_outlet(article: Article) -> str:
    if article.source is not None and article.source.outlet:
        return article.source.outlet
    return "Seed" if article.feed_id == SEED_FEED_ID else article.feed_id


@dataclass(slots=True)
class _Draft:
    """A row being gathered from its tellings."""

    kind: str
    who: str
    date: str | None
    roles: dict[str, str]
    amount: str | None
    sentence: str
    article_id: str
    language: str | None
    detail: int  # how much the shown telling says: its sentence is the one shown
    article_ids: list[str] = field(default_factory=list)

    def agrees(self, date_: str | None, roles: Mapping[str, str]) -> bool:
        if date_ and self.date and not (date_.startswith(self.date) or self.date.startswith(date_)):
            return False
        return all(self.roles.get(role, entity) == entity for role, entity in roles.items())

    def take(self, event: Mapping[str, Any], article_id: str) -> None:
        date_, roles = event.get("date"), event.get("roles") or {}
        if date_ and (self.date is None or len(date_) > len(self.date)):
            self.date = date_
        for role, entity in roles.items():
            self.roles.setdefault(role, entity)
        self.amount = self.amount or event.get("amount")
        detail = _detail(event)
        if detail > self.detail:
            self.sentence, self.article_id, self.detail = event["sentence"], article_id, detail
            self.language = event.get("language")
        if article_id not in self.article_ids:
            self.article_ids.append(article_id)


def _detail(event: Mapping[str, Any]) -> int:
    return (
        bool(event.get("date")) * 4 + len(event.get("roles") or {}) * 2 + bool(event.get("amount"))
    )


StoryOf = Callable[[str], Iterable[str]] | Mapping[str, Iterable[str]]


def build_ledger(
    articles: Iterable[Article],
    story_of: StoryOf = lambda _id: (),
    outlet_of: Callable[[Article], str] = default_outlet,
) -> list[LedgerRow]:
    """Every event of the articles, one row per event per story, newest first.

    `story_of` gives an article's story (every member, itself included) or
    nothing when it stands alone: the library state's `stories` fits."""
    lookup = story_of.get if isinstance(story_of, Mapping) else story_of
    by_id: dict[str, Article] = {}
    drafts: dict[tuple[frozenset[str], str, str], list[_Draft]] = {}
    # Earliest telling first, so a tie between tellings' sentences always goes
    # the same way, whatever order the articles come in.
    told = sorted(
        (a for a in articles if a.events),
        key=lambda a: (a.published is None, a.published or a.first_seen, a.id),
    )
    for article in told:
        by_id[article.id] = article
        story = frozenset(lookup(article.id) or ()) or frozenset((article.id,))
        for event in article.events:
            key = (story, event["kind"], event["entity_id"])
            candidates = drafts.setdefault(key, [])
            roles = event.get("roles") or {}
            draft = next((d for d in candidates if d.agrees(event.get("date"), roles)), None)
            if draft is None:
                draft = _Draft(
                    event["kind"],
                    event["entity_id"],
                    None,
                    {},
                    None,
                    event["sentence"],
                    article.id,
                    event.get("language"),
                    -1,
                )
                candidates.append(draft)
            draft.take(event, article.id)
    rows = [_row(d, by_id, outlet_of) for group in drafts.values() for d in group]
    rows.sort(key=_newest_first)
    return rows


def _row(
    draft: _Draft, by_id: Mapping[str, Article], outlet_of: Callable[[Article], str]
) -> LedgerRow:
    # Earliest telling first: the outlet that broke it leads "told by".
    tellings = sorted(
        (by_id[i] for i in draft.article_ids),
        key=lambda a: (a.published is None, a.published or a.first_seen, a.id),
    )
    date_, dated_by = draft.date, "event"
    if date_ is None:
        # The earliest telling's date: a retelling days later is not the event.
        days = sorted(d for d in map(article_day, tellings) if d)
        date_, dated_by = (days[0], "article") if days else (None, "none")
    outlets = tuple(dict.fromkeys(outlet_of(article) for article in tellings))
    roles = tuple(sorted(draft.roles.items(), key=lambda r: _role_rank(r[0])))
    return LedgerRow(
        draft.kind,
        draft.who,
        date_,
        dated_by,
        roles,
        draft.amount,
        # One line: a reason may span a caption and the sentence after it.
        " ".join(draft.sentence.split()),
        draft.article_id,
        tuple(a.id for a in tellings),
        outlets,
        draft.language,
    )


def _role_rank(role: str) -> int:
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


def _newest_first(row: LedgerRow) -> tuple[bool, str, str, str]:
    # Undated rows last; among equal dates, by kind then subject, for a stable table.
    inverted = "".join(chr(0x10FFFF - ord(c)) for c in _last_day(row.date)) if row.date else ""
    return (row.date is None, inverted, row.kind, row.who)


def filter_rows(rows: Iterable[LedgerRow], ledger_filter: LedgerFilter) -> list[LedgerRow]:
    return [row for row in rows if ledger_filter.accepts(row)]


# --- words ------------------------------------------------------------------------


def format_amount(amount: str | None) -> str:
    """ "USD:3200000000" -> "USD 3.2B"."""
    if not amount or ":" not in amount:
        return amount or ""
    currency, _, number = amount.partition(":")
    try:
        value = float(number)
    except ValueError:
        return amount
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if value >= size:
            return f"{currency} {value / size:.3g}{suffix}"
    return f"{currency} {value:g}"


def organisations(row: LedgerRow, name_of: Callable[[str], str]) -> str:
    """ "OpenAI -> Anthropic", "from OpenAI", "Amazon -> Anthropic, USD 4B"."""
    return roles_text(row.roles, row.amount, name_of)


def roles_text(
    roles: tuple[tuple[str, str], ...], amount: str | None, name_of: Callable[[str], str]
) -> str:
    """What `organisations` says, for anything with roles and an amount."""
    parts = {role: name_of(entity) for role, entity in roles}
    text = ""
    for first, second in (("from", "to"), ("investor", "target")):
        if first in parts and second in parts:
            text = f"{parts[first]} -> {parts[second]}"
        elif first in parts or second in parts:
            role = first if first in parts else second
            text = f"{role} {parts[role]}"
        if text:
            break
    money = format_amount(amount)
    return ", ".join(p for p in (text, money) if p)


def describe(row: LedgerRow, name_of: Callable[[str], str]) -> str:
    """One line: "Calvin French-Owen: Departure (OpenAI), 2025-07-15"."""
    orgs = organisations(row, name_of)
    return f"{name_of(row.who)}: {label(row.kind)}" + (f" ({orgs})" if orgs else "")


def told_by_text(row: LedgerRow) -> str:
    if row.told_by <= 1:
        return row.outlets[0] if row.outlets else ""
    return f"told by {row.told_by}: " + ", ".join(row.outlets)


def date_text(row: LedgerRow) -> str:
    if row.date is None:
        return "undated"
    return row.date if row.dated_by == "event" else f"{row.date}*"


def group_stories(
    articles: Iterable[Article], body_of: Callable[[str], str]
) -> dict[str, tuple[str, ...]]:
    """Each grouped article's story (its members, itself included), for a run
    without the dashboard's grouper: `aiwire digest` reads a closed archive."""
    from watchlist.event_pairs import event_details
    from watchlist.stories import StoryGrouper

    grouper = StoryGrouper()
    for article in articles:
        grouper.add(
            article.id,
            article.title,
            body_of(article.id),
            dict(article.mention_counts) or article.entities,
            article.published,
            article.language,
            {(e["kind"], e["entity_id"], event_details(e)) for e in article.events},
        )
    stories: dict[str, tuple[str, ...]] = {}
    for group in grouper.groups():
        for article_id in group:
            stories[article_id] = tuple(group)
    return stories
