"""What an event sentence says besides who and what: the amount of a deal and
the event's own date, in English, Indonesian and Portuguese.

Amounts come out as "CUR:number" ("USD:4000000000", "IDR:97000000000000"),
dates as "YYYY", "YYYY-MM" or "YYYY-MM-DD", so they compare and sort as text
and say their own precision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_MONTHS = {
    # English, Indonesian, Portuguese (full and short forms), folded.
    **dict.fromkeys(("january", "jan", "januari", "janeiro"), 1),
    **dict.fromkeys(("february", "feb", "februari", "fevereiro", "fev"), 2),
    **dict.fromkeys(("march", "mar", "maret", "marco", "março"), 3),
    **dict.fromkeys(("april", "apr", "abril", "abr"), 4),
    **dict.fromkeys(("may", "mei", "maio", "mai"), 5),
    **dict.fromkeys(("june", "jun", "juni", "junho"), 6),
    **dict.fromkeys(("july", "jul", "juli", "julho"), 7),
    **dict.fromkeys(("august", "aug", "agustus", "agosto", "ago"), 8),
    **dict.fromkeys(("september", "sep", "sept", "setembro", "set"), 9),
    **dict.fromkeys(("october", "oct", "oktober", "outubro", "out"), 10),
    **dict.fromkeys(("november", "nov", "novembro"), 11),
    **dict.fromkeys(("december", "dec", "desember", "dezembro", "dez"), 12),
}
_MONTH = r"(?P<{name}>(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r"))(?![^\W\d_])"
_YEAR = r"(?P<year{n}>(?:19|20)\d\d)"
_DATE_FORMS = (
    # "November 17, 2023" / "Nov. 17, 2023"
    re.compile(_MONTH.format(name="m1") + r"\.?\s+(?P<d1>\d{1,2}),?\s+" + _YEAR.format(n=1)),
    # "17 November 2023" / "13 Februari 2024" / "13 de fevereiro de 2024"
    re.compile(
        r"(?P<d2>\d{1,2})\s+(?:de\s+)?"
        + _MONTH.format(name="m2")
        + r"\s+(?:de\s+)?"
        + _YEAR.format(n=2)
    ),
    # "(6/3/2025)": day/month/year, as Indonesian and Portuguese outlets write it
    re.compile(r"(?P<d3>\d{1,2})/(?P<m3>\d{1,2})/" + _YEAR.format(n=3)),
    # "November 2023" / "novembro de 2023" / "Mei 2024"
    re.compile(_MONTH.format(name="m4") + r"\s+(?:de\s+)?" + _YEAR.format(n=4)),
    # "in 2020" / "pada 2020" / "em 2020" / "In 2020,"
    re.compile(r"(?i:\b(?:in|on|pada|em|tahun|no\s+ano\s+de))\s+" + _YEAR.format(n=5) + r"\b"),
)


_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# A date after these is when the words were quoted or looked up, not when the
# event happened: "tulis Altman dikutip Selasa (4/2/2025)", "accessed 3 May 2024".
_REPORTED = re.compile(
    r"\b(?:dikutip|dilansir|diakses|quoted|accessed|retrieved|citado|citada|acessado|"
    r"consultado)\b[^,.;:]{0,30}$",
    re.IGNORECASE,
)


def _date_of(found: re.Match[str]) -> str | None:
    groups = {k: v for k, v in found.groupdict().items() if v}
    year = next(v for k, v in groups.items() if k.startswith("year"))
    month_text = next((v for k, v in groups.items() if k.startswith("m")), None)
    day_text = next((v for k, v in groups.items() if k.startswith("d")), None)
    if month_text is None:
        return year
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
    if month is None or not 1 <= month <= 12:
        return None
    if day_text is None:
        return f"{year}-{month:02d}"
    day = int(day_text)
    return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None


def find_date(sentence: str, near: int) -> str | None:
    """The date the sentence gives nearest to position `near`, at the
    precision it is written with; None when it gives none with a year."""
    years = [y.span() for y in _ANY_YEAR.finditer(sentence)]
    if not years:
        return None  # every form needs a year, and ends with it
    best: tuple[int, str] | None = None
    taken: list[tuple[int, int]] = []
    windows = [(max(0, start - 32), end) for start, end in years]
    for form in _DATE_FORMS:
        for found in (f for low, high in windows for f in form.finditer(sentence, low, high)):
            if any(s < found.end() and found.start() < e for s, e in taken):
                continue  # "17 November 2023" is not also "November 2023"
            date = _date_of(found)
            if date is None or _REPORTED.search(sentence, 0, found.start()):
                continue
            taken.append(found.span())
            distance = min(abs(found.start() - near), abs(found.end() - near))
            if best is None or distance < best[0]:
                best = (distance, date)
    return best[1] if best else None


_CURRENCY_BEFORE = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "r$": "BRL",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "rp": "IDR",
    "rp.": "IDR",
}
# Where an amount may be: a currency sign, code or word (before or after the number).
_CURRENCY_MARK = re.compile(
    r"[$€£]|(?i:\b(?:rp|usd|eur|dollars?|d[oó]lar(?:es)?|euros?|reais|rupiah|pounds)\b)"
)
_AROUND = 40  # characters either side of a currency mark that an amount spans
_CURRENCY_AFTER = {
    "dollars": "USD",
    "dolar": "USD",
    "dólares": "USD",
    "dolares": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "reais": "BRL",
    "rupiah": "IDR",
    "pounds": "GBP",
}
_SCALES = {
    "thousand": 1e3,
    "ribu": 1e3,
    "mil": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "juta": 1e6,
    "milhão": 1e6,
    "milhões": 1e6,
    "milhao": 1e6,
    "milhoes": 1e6,
    "mi": 1e6,  # Brazilian outlets' "R$ 300 mi", "US$ 4 bi", "US$ 1 tri"
    "millones": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "miliar": 1e9,
    "bilhão": 1e9,
    "bilhões": 1e9,
    "bilhao": 1e9,
    "bilhoes": 1e9,
    "bi": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "triliun": 1e12,
    "trilhão": 1e12,
    "trilhões": 1e12,
    "trilhao": 1e12,
    "trilhoes": 1e12,
    "tri": 1e12,
}
_AMOUNT = re.compile(
    r"(?P<cur>(?i:US\$|R\$|\$|€|£|Rp\.?|USD|EUR))?\s?"
    r"(?P<num>\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)"
    r"(?:\s?(?P<scale>[^\W\d_]+))?(?:\s+(?:de\s+)?(?P<after>[^\W\d_]+))?",
)


def _number(text: str, language: str | None) -> float | None:
    """'14.3' (English) / '14,3' (Indonesian, Portuguese) / '1.000' / '1,000'."""
    decimal = "." if language not in ("id", "pt", "es") else ","
    thousands = "," if decimal == "." else "."
    if re.fullmatch(r"\d{1,3}(?:" + re.escape(thousands) + r"\d{3})+", text):
        return float(text.replace(thousands, ""))
    try:
        return float(text.replace(thousands, "").replace(decimal, "."))
    except ValueError:
        return None


def _amounts(text: str, language: str | None) -> Iterator[tuple[int, str]]:
    """(start, "CUR:number") of each money amount in the text."""
    for found in _AMOUNT.finditer(text):
        cur = found.group("cur")
        scale_word = (found.group("scale") or "").lower()
        after = (found.group("after") or "").lower()
        currency = _CURRENCY_BEFORE.get(cur.lower()) if cur else None
        scale = _SCALES.get(scale_word)
        if currency is None:
            currency = _CURRENCY_AFTER.get(after if scale else scale_word)
        if currency is None:
            continue
        if scale is None and scale_word and scale_word not in _CURRENCY_AFTER:
            scale = 1.0  # "$500 to ..." : a plain number
        value = _number(found.group("num"), language)
        if value is None:
            continue
        yield found.start(), f"{currency}:{round(value * (scale or 1.0))}"


def find_amount(sentence: str, near: int, language: str | None) -> str | None:
    """The money amount nearest to `near`: a number with a currency sign or
    word ("$4 billion", "US$14,3 miliar", "600 milhões de euros")."""
    if not any(map(str.isdigit, sentence)):
        return None
    best = min(_amounts(sentence, language), key=lambda a: abs(a[0] - near), default=None)
    return best[1] if best else None


def find_amounts(text: str, language: str | None) -> set[str]:
    """Every money amount in the text, as find_amount() writes one. A long
    text is read only around its currency signs and words: the amount
    pattern tried at every character of an article costs a millisecond."""
    found: set[str] = set()
    start = end = -1
    for marker in _CURRENCY_MARK.finditer(text):
        # A mark inside the window read so far widens it: the amount it
        # belongs to ("... at $30 billion") may go on past the window's end.
        if marker.start() >= end:
            if end > 0:
                found.update(amount for _, amount in _amounts(text[start:end], language))
            start = text.rfind(" ", 0, max(marker.start() - _AROUND, 0)) + 1
        space = text.find(" ", marker.end() + _AROUND)
        end = len(text) if space < 0 else space
    if end > 0:
        found.update(amount for _, amount in _amounts(text[start:end], language))
    return found
