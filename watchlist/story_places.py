"""The countries a headline puts its story in, in each language's words.

One company's investments, launches or rulings in different countries are
different stories, even on consecutive days of one tour, and a telling's
body often recalls the country of the day before ("a day after announcing
$1.7 billion for Indonesia"). A headline's country, or a city standing for
it ("Jakarta", "Tóquio"), says which one a telling is about; each
language's name for a country maps to one code, so "Japan", "Jepang" and
"Japão" are one place. Regions ("Europe", "Asia") and demonyms ("Chinese
startup") are left out: a region holds countries, and a demonym is more
often a company's background than where its story happens.
"""

from __future__ import annotations

import re

from watchlist.textfold import fold

_PLACES: dict[str, str] = {}


def _add(code: str, names: str) -> None:
    for name in names.split(","):
        _PLACES[name.strip()] = code


_add("US", "united states, amerika serikat, estados unidos, washington, new york, nova york")
_add("US", "san francisco, seattle, texas, california, arizona, silicon valley")
_add("GB", "united kingdom, britain, inggris, reino unido, london, londres")
_add("CN", "china, tiongkok, beijing, pequim, shanghai, xangai, shenzhen, hangzhou, hong kong")
_add("TW", "taiwan, taipei, taipe, hsinchu")
_add("JP", "japan, jepang, japao, tokyo, toquio, osaka")
_add("KR", "korea, korsel, coreia, korea selatan, coreia do sul, south korea, seoul, seul")
_add("KP", "north korea, korea utara, coreia do norte")
_add("IN", "india, mumbai, bombaim, bengaluru, bangalore, new delhi, nova delhi, hyderabad")
_add("ID", "indonesia, jakarta, jacarta, batam, surabaya")
_add("MY", "malaysia, malasia, kuala lumpur, johor")
_add("TH", "thailand, tailandia, bangkok, banguecoque")
_add("VN", "vietnam, vietna, vietname, hanoi, ho chi minh")
_add("PH", "philippines, filipina, filipinas, manila")
_add("SG", "singapore, singapura, cingapura")
# Not "Sydney": it is also the name of a chatbot persona outlets write about.
_add("AU", "australia, melbourne")
_add("BR", "brazil, brasil, sao paulo, rio de janeiro, brasilia")
_add("MX", "mexico, meksiko")
_add("CA", "canada, kanada, toronto, montreal")
_add("FR", "france, prancis, franca, paris")
_add("DE", "germany, jerman, alemanha, berlin, berlim, munich, munique")
_add("IT", "italy, italia, rome, roma, milan, milao")
_add("ES", "spain, spanyol, espanha, madrid")
_add("PT", "portugal, lisbon, lisboa")
_add("NL", "netherlands, belanda, holanda, amsterdam")
_add("IE", "ireland, irlandia, irlanda, dublin")
_add("CH", "switzerland, swiss, suica, zurich, zurique, davos")
_add("SE", "sweden, swedia, suecia, stockholm, estocolmo")
_add("IL", "israel, tel aviv")
_add("AE", "uni emirat arab, emirados arabes, united arab emirates, dubai, abu dhabi")
_add("SA", "saudi arabia, arab saudi, arabia saudita, riyadh")
_add("QA", "qatar, catar, doha")
_add("RU", "russia, rusia")
_add("AR", "argentina")
_add("CL", "chile")
_add("ZA", "south africa, afrika selatan, africa do sul")
_add("NG", "nigeria")
_add("KE", "kenya, quenia")
_add("EG", "egypt, mesir, egito")
_add("TR", "turkey, turki, turquia")
_add("PL", "poland, polandia, polonia")
# Abbreviations, matched as written: "US" in a headline is the country, "us" a word.
_ABBREVIATIONS = {"US": "US", "AS": "US", "EUA": "US", "UK": "GB", "RI": "ID"}
_ABBREVIATIONS.update({"UAE": "AE", "UEA": "AE", "EAU": "AE"})
_LONGEST = max(name.count(" ") for name in _PLACES) + 1
_FIRST_WORDS = frozenset(name.split()[0] for name in _PLACES)
# The folded capitalised words one of which a text naming a place has.
PLACE_WORDS = _FIRST_WORDS | {"us", "u", "as", "eua", "uk", "ri", "uae", "uea", "eau"}
_WORD = re.compile(r"[^\W\d_]+")
_ABBREVIATION = re.compile(r"(?<![\w.])(?:U\.S\.?|US|AS|EUA|UK|RI|UAE|UEA|EAU)(?!\w)")
# "US$ 13 bi", "13 miliar dolar AS": a currency, not a country.
_CURRENCY = re.compile(r"\bUS\s?\$|\b(?:dolar|dollar)\s+AS\b", re.IGNORECASE)


def places(text: str) -> frozenset[str]:
    """The country codes a text names, by a country's or a city's name."""
    found = set()
    if not text.isupper():
        text = _CURRENCY.sub(" ", text)
        found.update(
            _ABBREVIATIONS[m.group().replace(".", "")] for m in _ABBREVIATION.finditer(text)
        )
    # Places are written capitalised in every language: only a capitalised
    # word may open one. Folding keeps the words where they were.
    tokens = _WORD.findall(text)
    folded = _WORD.findall(fold(text))
    if len(folded) != len(tokens):
        folded = [fold(word) for word in tokens]
    skip = 0
    for i, raw in enumerate(tokens):
        if i < skip or not raw[0].isupper() or folded[i] not in _FIRST_WORDS:
            continue
        for size in range(min(_LONGEST, len(tokens) - i), 0, -1):
            code = _PLACES.get(" ".join(folded[i : i + size]))
            if code is not None:
                # "North Korea" is one country, not North Korea and Korea.
                found.add(code)
                skip = i + size
                break
    return frozenset(found)


def other_places(
    title_a: frozenset[str], told_a: frozenset[str], title_b: frozenset[str], told_b: frozenset[str]
) -> bool:
    """Whether two headlines put their stories in different countries, one
    of them in a country the other article's headline and lead never name
    (`told_*`): a body may recall the other's country, not both each other's."""
    if not title_a or not title_b or title_a & title_b:
        return False
    return not title_a & told_b or not title_b & told_a
