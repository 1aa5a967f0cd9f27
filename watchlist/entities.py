"""Watched people and companies, and the name forms the matcher derives from them.

An Entity is what the config module hands us (from feeds.toml). Everything the
matcher needs beyond that (first names, surname, nickname forms) is derived
here so the config stays a plain list of names and aliases.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

KINDS = ("person", "company")

# Name suffixes that are not the surname ("Martin Luther King Jr." -> "King").
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "md"})
_PAREN_NICK = re.compile(r"\s*[(\"“”«»]\s*([^()\"“”«»]+?)\s*[)\"“”«»]\s*")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Entity:
    id: str  # stable slug, e.g. "person:sam-altman", "company:openai"
    kind: str  # "person" | "company"
    name: str
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"entity kind must be one of {KINDS}, got {self.kind!r}")

    @classmethod
    def make(
        cls,
        kind: str,
        name: str,
        aliases: tuple[str, ...] | list[str] = (),
        affiliation: str | None = None,
    ) -> Entity:
        """An entity whose id is derived from its kind and name."""
        return cls(entity_id(kind, name), kind, name, tuple(aliases), affiliation)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def entity_id(kind: str, name: str) -> str:
    """A stable slug: 'person:sam-altman'. Nicknames in parentheses are dropped
    so 'William (Liam) Fedus' and 'William Fedus' get the same id."""
    plain = _PAREN_NICK.sub(" ", name)
    slug = _SLUG_JUNK.sub("-", strip_accents(plain).lower()).strip("-")
    return f"{kind}:{slug}"


@dataclass(frozen=True, slots=True)
class PersonNames:
    """The name forms of a person that the matcher treats specially."""

    full_names: tuple[str, ...]  # every "First Surname" form, incl. nickname forms
    first_names: frozenset[str]  # casefolded given names and nicknames
    surnames: tuple[str, ...]  # as written (surname matching is case-sensitive)


def _split_nickname(name: str) -> tuple[str, str | None]:
    """'William (Liam) Fedus' -> ('William Fedus', 'Liam')."""
    found = _PAREN_NICK.search(name)
    if not found:
        return name, None
    plain = (name[: found.start()] + " " + name[found.end() :]).strip()
    return " ".join(plain.split()), found.group(1).strip()


def _surname_of(tokens: list[str]) -> str | None:
    while tokens and tokens[-1].lower() in _NAME_SUFFIXES:
        tokens = tokens[:-1]
    return tokens[-1].rstrip(",") if len(tokens) >= 2 else None


def person_names(entity: Entity) -> PersonNames:
    """Derive full-name forms, first names and surnames of a person.

    A nickname in the name or an alias ("William (Liam) Fedus") yields the
    plain forms "William Fedus", "Liam Fedus" and the written form itself.
    """
    full: list[str] = []
    firsts: set[str] = set()
    surnames: list[str] = []
    for written in (entity.name, *entity.aliases):
        plain, nick = _split_nickname(written)
        tokens = plain.split()
        surname = _surname_of(tokens)
        if surname is None:
            continue  # a single-token alias ("Sama") is matched as written
        given = tokens[0]
        forms = [plain]
        firsts.add(given.casefold())
        if nick:
            forms += [f"{nick} {surname}", f"{given} ({nick}) {surname}"]
            forms.append(f"{given} “{nick}” {surname}")
            forms.append(f'{given} "{nick}" {surname}')
            firsts.add(nick.casefold())
        if written != plain and written not in forms:
            forms.append(written)
        full += [f for f in forms if f not in full]
        if surname not in surnames:
            surnames.append(surname)
    return PersonNames(tuple(full), frozenset(firsts), tuple(surnames))
