"""Seed articles: plain-text copies of news pages, loaded once on first start.

A seed file is whatever a person pasted from a web page: a headline somewhere
near the top (sometimes after a breadcrumb, sometimes repeated, sometimes
missing), a dateline in the outlet's own language and time zone, share
buttons, view counters, photo credits, "read also" links, a comment form.
extract_seed() recovers the article from that with general rules about page
furniture (nothing here knows about particular files), and dateparser reads
dates in any language, so no month table is written by hand.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, timezone
from pathlib import Path

from ingest.sanitize import clean_text, safe_link
from ingest.seed_files import SEEDS_LOADED_KEY, pending_seeds
from ingest.seed_files import seed_files as seed_files  # re-exported
from storage.records import NO_DATE, SEED_FEED_ID, Article, NewArticle, Source
from storage.store import ArticleStore

log = logging.getLogger(__name__)

DetectLanguage = Callable[[str], str | None]

_URL = re.compile(r"https?://[^\s)\]>\"']+")
# "Courtesy of TechCrunch", "Source: https://...", "Sumber: ...", "Fonte: ..."
_COURTESY = re.compile(r"^(?:courtesy of|via|cortesia de|dari)\s+(?P<outlet>.{2,60})$", re.I)
_SOURCE_LINE = re.compile(r"^(?:sumber|source|fonte|fuente)\s*:\s*(?P<rest>.*)$", re.I)
# A dateline that opens the first paragraph: "FTNews - Perusahaan ..."
_DATELINE = re.compile(r"^(?P<outlet>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})\s+[-–—]\s+\S")
# "Editor Downcodes akan memberi Anda ..." names the publishing outlet.
_EDITOR_OF = re.compile(r"\b(?:Editor|Redaksi|Redação|Tim)\s+(?P<outlet>[A-Z][\w.]{2,30})\b")
# Furniture recognised by shape.
_COUNTER = re.compile(
    r"^\d[\d.,]*\s*(?:dibaca|views?|visualiza\w+|leituras?|comments?|komentar|coment\w+)?$",
    re.I,
)
_AD_SLOT = re.compile(r"^[a-z]{1,4}-\d{1,3}$")
_READ_ALSO = re.compile(
    r"^(?:baca juga|lihat juga|simak juga|leia também|veja também|read (?:also|more)|"
    r"see also|related)\s*:",
    re.I,
)
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]*(?:getty|reuters|afp|\bap\b|antara|shutterstock|istock|foto|photo)[^()]*)\)\s*$"
    r"|\b(?:REUTERS|AFP|ANTARA(?: FOTO)?|Getty Images|AP Photo)\s*/\s*\S",
    re.I,
)
_CREDIT = re.compile(
    r"\s*\((?:[^()]*(?:getty|reuters|afp|\bap\b|antara|shutterstock|istock|foto|photo)[^()]*)\)"
    r"\s*$|\s*\b(?:REUTERS|AFP|ANTARA(?: FOTO)?|Getty Images|AP Photo)\s*/.*$",
    re.I,
)
# A question-and-answer widget glues its "Q" and "A" markers to the text.
_QA_MARKER = re.compile(r"(?<=[?])A$|(?<=[.!])Q$")
_TAG_LINE = re.compile(r"^tags?\b[\s:]", re.I)
# Sections after which nothing is the article any more.
_END_OF_ARTICLE = re.compile(
    r"^(?:leave a reply|tinggalkan balasan|deixe (?:uma resposta|um comentário)|"
    r"komentar|comments)\b",
    re.I,
)
_BULLET = re.compile(r"^[-*•·]\s+")
_SENTENCE_END = re.compile(r"[.!?…\"”»)]$")
# Dates: "16 Jul 2025, 03.58 WIB", "Senin, 20 Mei 2024 | 00:00 WIB", "(4/2/2025)".
_WORD_DATE = re.compile(
    r"(?:\b[^\W\d_]+,\s*)?\b\d{1,2}\s+[^\W\d_]{3,}\.?\s+(?:19|20)\d{2}"
    r"(?:\s*[,|]?\s*(?:pukul\s+)?\d{1,2}[.:]\d{2}(?:\s*[A-Z]{2,5}\b)?)?"
)
_NUMERIC_DATE = re.compile(r"\((?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})\)")
_TIME_WITH_DOT = re.compile(r"(\d{1,2})\.(\d{2})(?=\s*[A-Z]{2,5}\b|\s*$)")


@dataclass(frozen=True, slots=True)
class SeedArticle:
    """What a seed file yields, before it becomes a stored article."""

    file_name: str
    title: str
    published: datetime | None
    date_precision: str
    language: str | None
    source: Source | None
    paragraphs: tuple[str, ...]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def to_new_article(self) -> NewArticle:
        return NewArticle(
            feed_id=SEED_FEED_ID,
            guid=f"seed:{self.file_name}",
            title=self.title,
            link=self.source.url if self.source else None,
            published=self.published,
            body=self.body,
            language=self.language,
            source=self.source,
            date_precision=self.date_precision,
            links=(self.source.url,) if self.source and self.source.url else (),
        )


_PARAGRAPH_END = re.compile(r"[.!…\"”»]$")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z\"“]")


def _is_paragraph(line: str) -> bool:
    """Running text, as opposed to a headline, a label or a caption.

    Headlines are long too, and may end with a question mark ("..., Ada
    Apa?"), so length alone does not decide: a paragraph ends like a
    statement, or holds more than one sentence, or is longer than headlines.
    """
    words = len(line.split())
    return (
        len(line) >= 200
        or bool(_SENTENCE_BREAK.search(line))
        or (words >= 8 and bool(_PARAGRAPH_END.search(line)))
    )


def _is_short_label(line: str) -> bool:
    """A button, a section label or a category: short and not a sentence."""
    return len(line) < 40 and not _SENTENCE_END.search(line) and not _BULLET.match(line)


def _is_furniture(line: str) -> bool:
    return bool(
        _COUNTER.match(line)
        or _AD_SLOT.match(line)
        or _READ_ALSO.match(line)
        or _TAG_LINE.match(line)
        or _COURTESY.match(line)
        or _SOURCE_LINE.match(line)
        or line in {"*", "Q", "A"}
    )


# Indonesian outlets write local time: WIB (Jakarta) unless they say WITA/WIT.
_ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
_ZONE_NAME = re.compile(r"\b(WIB|WITA|WIT)\b")


def _article_zone(text: str, language: str | None) -> timezone:
    """The zone a date without one is written in: the one the article names,
    else WIB for an Indonesian article, else UTC."""
    named = _ZONE_NAME.search(text)
    if named:
        return timezone(timedelta(hours=_ZONES[named.group(1)]))
    return timezone(timedelta(hours=7)) if language == "id" else UTC


def _parse_date(
    text: str, language: str | None, zone: timezone = UTC
) -> tuple[datetime | None, str]:
    """The first date in `text` that dateparser understands, in UTC. A date
    without a time is the midnight that starts that day in `zone`."""
    import dateparser  # deferred: it is slow to import and only seeds need it here

    languages = [lang for lang in (language, "en") if lang]
    for match in _WORD_DATE.finditer(text):
        candidate = _TIME_WITH_DOT.sub(r"\1:\2", match.group(0).replace("|", " "))
        has_time = bool(re.search(r"\d{1,2}:\d{2}", candidate))
        parsed = dateparser.parse(
            candidate,
            languages=languages,
            settings={
                "DATE_ORDER": "DMY",
                "RETURN_AS_TIMEZONE_AWARE": True,
                "TO_TIMEZONE": "UTC",
                "TIMEZONE": "UTC",
                "REQUIRE_PARTS": ["day", "month", "year"],
            },
        )
        if parsed is not None:
            if not has_time:  # the day starts at midnight in the article's zone
                return datetime.combine(parsed.date(), time(), zone).astimezone(UTC), "day"
            return parsed.astimezone(UTC), "second"
    for match in _NUMERIC_DATE.finditer(text):
        candidate = f"{match['d']}/{match['m']}/{match['y']}"
        parsed = dateparser.parse(
            candidate, settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
        )
        if parsed is not None:
            return datetime.combine(parsed.date(), time(), zone).astimezone(UTC), "day"
    return None, "day"


def _caption(line: str) -> str:
    return "Photo: " + _CREDIT.sub("", line).strip()


def _find_source(lines: list[str], first_paragraph: str | None) -> Source | None:
    outlet: str | None = None
    url: str | None = None
    for line in lines:
        if courtesy := _COURTESY.match(line):
            outlet = outlet or courtesy["outlet"].strip()
        if source_line := _SOURCE_LINE.match(line):
            found = _URL.search(source_line["rest"])
            if found:
                url = url or safe_link(found.group(0).rstrip(".,"))
            elif source_line["rest"].strip():
                outlet = outlet or source_line["rest"].strip()
    if outlet is None and first_paragraph:
        if dateline := _DATELINE.match(first_paragraph):
            outlet = dateline["outlet"]
        elif editor := _EDITOR_OF.search(first_paragraph):
            outlet = editor["outlet"]
    if outlet is None and url is None:
        return None
    return Source(outlet=outlet, url=url)


def _first_sentence(paragraph: str, limit: int = 160) -> str:
    match = re.search(r"^(.+?[.!?])(?:\s|$)", paragraph)
    sentence = match.group(1) if match else paragraph
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0] + "…"
    return sentence


def _choose_title(header: list[str]) -> str | None:
    """The headline among the lines above the first paragraph.

    Pages often print the headline twice (once in a breadcrumb, once as the
    heading): a line repeated, or contained at the end of another line, wins.
    Otherwise the first line that reads like a headline.
    """
    candidates = [
        line
        for line in header
        if len(line.split()) >= 4 and not _is_furniture(line) and not _WORD_DATE.search(line)
    ]
    for line in candidates:
        if sum(1 for other in header if other == line or other.endswith(" " + line)) > 1:
            return line.rstrip(".")
    return candidates[0].rstrip(".") if candidates else None


def extract_seed(file_name: str, text: str, detect_language: DetectLanguage) -> SeedArticle:
    lines = [clean_text(line, single_line=True) for line in text.splitlines()]
    lines = [line for line in lines if line]
    end = next((i for i, line in enumerate(lines) if _END_OF_ARTICLE.match(line)), len(lines))
    lines = lines[:end]
    language = detect_language("\n".join(line for line in lines if _is_paragraph(line)))

    # The header ends at the first paragraph written in the article's own
    # language: a caption in another language (an agency photo caption in
    # English above a Portuguese text) is still header.
    first = next(
        (
            i
            for i, line in enumerate(lines)
            if _is_paragraph(line)
            and not _PHOTO_CREDIT.search(line)
            and (language is None or detect_language(line) == language)
        ),
        len(lines),
    )
    header, rest = lines[:first], lines[first:]
    title = _choose_title(header)
    first_paragraph = rest[0] if rest else None

    zone = _article_zone("\n".join(lines), language)
    published, precision = _parse_date("\n".join(header), language, zone)
    if published is None:
        published, precision = _parse_date("\n".join(rest), language, zone)

    # Photo captions are content (they may be the only place a person is
    # named in full); their agency credits are not. A caption in another
    # language above the text is a caption too.
    paragraphs: list[str] = [
        _caption(line)
        for line in header
        if _PHOTO_CREDIT.search(line) or (_is_paragraph(line) and line != title)
    ]
    for line in rest:
        if _PHOTO_CREDIT.search(line):
            paragraphs.append(_caption(line))
            continue
        if line == title or _is_furniture(line) or _is_short_label(line):
            continue
        if _WORD_DATE.fullmatch(line):
            continue
        paragraphs.append(_QA_MARKER.sub("", _BULLET.sub("• ", line)))
    if title is None:
        title = _first_sentence(paragraphs[0]).rstrip(".") if paragraphs else file_name

    return SeedArticle(
        file_name=file_name,
        title=title,
        published=published,
        date_precision=precision if published else NO_DATE,
        language=language,
        source=_find_source(lines, first_paragraph),
        paragraphs=tuple(paragraphs),
    )


def read_seed(path: Path, detect_language: DetectLanguage) -> SeedArticle:
    raw = path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    return extract_seed(path.name, text, detect_language)


def load_pending_seeds(
    store: ArticleStore, directory: Path, detect_language: DetectLanguage
) -> list[Article]:
    """Store the seed files not loaded before and remember them as loaded."""
    pending = pending_seed_files(store, directory)
    if not pending:
        return []
    return store_seeds(store, extract_seeds(pending, detect_language))


def pending_seed_files(store: ArticleStore, directory: Path) -> list[Path]:
    return pending_seeds(directory, store.meta(SEEDS_LOADED_KEY, []) or [])


def extract_seeds(paths: Iterable[Path], detect_language: DetectLanguage) -> list[SeedArticle]:
    """Read and extract seed files; one that cannot be read is logged and skipped."""
    extracted = []
    for path in paths:
        try:
            extracted.append(read_seed(path, detect_language))
        except OSError as error:
            log.warning("seed %s could not be read: %s", path, error)
    return extracted


def extract_seeds_light(paths: list[Path]) -> list[SeedArticle]:
    """extract_seeds with lingua's light models: seeds are whole articles,
    which they judge as well as the full ones, and far quicker to build.

    The dashboard runs this in a process of its own: importing dateparser
    (compiling its patterns) and building lingua's models hold the GIL long
    enough to stall the dashboard's first seconds on a first start.
    """
    from watchlist.language import LanguageDetector

    detector = LanguageDetector(low_accuracy=True)
    return extract_seeds(paths, lambda text: detector.detect("", text))


def store_seeds(store: ArticleStore, extracted: list[SeedArticle]) -> list[Article]:
    """Store extracted seeds and remember their files as loaded."""
    if not extracted:
        return []
    loaded: list[str] = store.meta(SEEDS_LOADED_KEY, []) or []
    added = store.add([seed.to_new_article() for seed in extracted])
    store.set_meta(SEEDS_LOADED_KEY, sorted({*loaded, *(seed.file_name for seed in extracted)}))
    store.flush_state()
    return added
