"""Seed files become articles with title, date (UTC), language and source."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ingest.seeds import extract_seed, load_pending_seeds, read_seed
from storage.store import ArticleStore
from tests.conftest import SEEDS_DIR
from tests.support.python import run_python
from watchlist.language import LanguageDetector


@pytest.fixture(scope="module")
def detect():  # type: ignore[no-untyped-def]
    detector = LanguageDetector()
    return lambda text: detector.detect("", text)


@pytest.fixture(scope="module")
def seeds(detect):  # type: ignore[no-untyped-def]
    return {path.name[:3]: read_seed(path, detect) for path in sorted(SEEDS_DIR.glob("*.txt"))}


def test_the_five_bundled_seeds_are_the_shared_files_unchanged() -> None:
    names = sorted(path.name for path in SEEDS_DIR.glob("*.txt"))
    assert names == [
        "000_32469dbd8dbbe5cf.txt",
        "001_678447d645fbbeec.txt",
        "002_b965bc62eb1ee936.txt",
        "003_55101d3c7054316f.txt",
        "004_7dc78da48f78b2fc.txt",
    ]


@pytest.mark.parametrize(
    ("seed", "title"),
    [
        (
            "000",
            "Pengalaman Menarik Insinyur di OpenAI Saat Mengembangkan Codex dan Budaya Perusahaan",
        ),
        ("001", "Um ex -engenheiro do Openai descreve como é realmente trabalhar lá"),
        (
            "002",
            "OpenAI, raksasa AI terkenal, baru-baru ini menarik perhatian luas karena "
            "masalah brain drain-nya",
        ),
        ("003", "Gagal Total, Begini Pengakuan Jujur Pencipta ChatGPT"),
        ("004", "Jajaran Eksekutif OpenAI Satu per Satu Minggat, Ada Apa?"),
    ],
)
def test_title(seeds, seed: str, title: str) -> None:  # type: ignore[no-untyped-def]
    assert seeds[seed].title == title


def test_wib_datetimes_are_converted_to_utc(seeds) -> None:  # type: ignore[no-untyped-def]
    # "16 Jul 2025, 03.58 WIB" (UTC+7) and "Senin, 20 Mei 2024 | 00:00 WIB".
    assert seeds["000"].published == datetime(2025, 7, 15, 20, 58, tzinfo=UTC)
    assert seeds["000"].date_precision == "second"
    assert seeds["004"].published == datetime(2024, 5, 19, 17, 0, tzinfo=UTC)


def test_a_bare_calendar_date_is_midnight_wib_with_day_precision(seeds) -> None:  # type: ignore[no-untyped-def]
    # "dikutip Selasa (4/2/2025)": Indonesian day/month order, no time given,
    # from an Indonesian outlet: the day starts at midnight WIB (UTC+7).
    assert seeds["003"].published == datetime(2025, 2, 3, 17, 0, tzinfo=UTC)
    assert seeds["003"].date_precision == "day"


@pytest.mark.parametrize(
    ("line", "language", "expected"),
    [
        # A zone named in the article wins; an Indonesian article is WIB;
        # anything else without a zone is UTC.
        ("Rabu, 20 Mei 2024\nMakassar (WITA)", "id", datetime(2024, 5, 19, 16, 0)),
        ("Kamis (6/3/2025) pagi", "id", datetime(2025, 3, 5, 17, 0)),
        ("Publicado: 12 março 2025", "pt", datetime(2025, 3, 12, 0, 0)),
    ],
)
def test_a_date_without_time_starts_at_midnight_in_the_articles_zone(
    detect, line: str, language: str, expected: datetime
) -> None:  # type: ignore[no-untyped-def]
    paragraph = {
        "id": "Ini adalah paragraf pertama artikel yang cukup panjang untuk dikenali.",
        "pt": "Este é o primeiro parágrafo do artigo, longo o bastante para ser lido.",
    }[language]
    article = extract_seed("x.txt", f"Judul artikel\n{line}\n{paragraph}\n", lambda _: language)
    assert article.published == expected.replace(tzinfo=UTC)
    assert article.date_precision == "day"


def test_seeds_without_a_date_say_so(seeds) -> None:  # type: ignore[no-untyped-def]
    for name in ("001", "002"):
        assert seeds[name].published is None
        assert seeds[name].date_precision == "none"


def test_language(seeds) -> None:  # type: ignore[no-untyped-def]
    assert {name: seed.language for name, seed in seeds.items()} == {
        "000": "id",
        "001": "pt",
        "002": "id",
        "003": "id",
        "004": "id",
    }


def test_source_outlet_and_url_where_the_text_names_them(seeds) -> None:  # type: ignore
    assert seeds["000"].source.outlet == "TechCrunch"
    assert seeds["000"].source.url == (
        "https://techcrunch.com/2025/07/15/"
        "a-former-openai-engineer-describes-what-its-really-like-to-work-there/"
    )
    assert seeds["004"].source.outlet == "FTNews"
    assert seeds["002"].source.outlet == "Downcodes"
    assert seeds["001"].source is None and seeds["003"].source is None


@pytest.mark.parametrize(
    ("seed", "furniture"),
    [
        (
            "000",
            [
                "Share",
                "34 dibaca",
                "Ikhtisar 15 Detik",
                "Pertanyaan Terkait",
                "Sumber:",
                "Courtesy of",
                "?A",
                ".Q",
            ],
        ),
        ("001", ["Início Tecnologia", "Fuente"]),
        ("003", ["Getty Images", "Win McNamee", "Leave a Reply", "will not be published"]),
        (
            "004",
            [
                "Baca Juga",
                "rb-1",
                "rb-3",
                "REUTERS/Dado Ruvic",
                "Tag Teknologi",
                "Terkini",
                "Senin, 20 Mei 2024",
            ],
        ),
    ],
)
def test_page_furniture_is_not_part_of_the_body(seeds, seed, furniture) -> None:  # type: ignore
    body = seeds[seed].body
    for piece in furniture:
        assert piece not in body, piece


def test_photo_captions_stay_as_captions_without_their_credits(seeds) -> None:  # type: ignore
    assert seeds["003"].paragraphs[0] == "Photo: Sam Altman CEO ChatGPT"
    assert "Photo: Ilustrasi ChatGPT." in seeds["004"].paragraphs
    assert seeds["001"].paragraphs[0] == (
        "Photo: Open AI Chief Executive Officer Sam Altman speaks during the Kakao media day "
        "in Seoul."
    )


def test_the_related_questions_are_kept_as_content(seeds) -> None:  # type: ignore
    body = seeds["000"].body
    assert "Siapa Calvin French-Owen dan mengapa ia meninggalkan OpenAI?\n" in body
    assert "meninggalkan perusahaan untuk kembali menjadi pendiri startup" in body


def test_the_body_keeps_the_article_as_paragraphs(seeds) -> None:  # type: ignore
    assert seeds["000"].paragraphs[0].startswith("Memberikan gambaran tentang budaya kerja")
    assert "• Codex diluncurkan dengan cepat" in seeds["000"].body
    assert seeds["001"].paragraphs[1].startswith("Há três semanas, um engenheiro")
    assert seeds["004"].paragraphs[0].startswith("FTNews - Perusahaan pengembang")
    assert seeds["004"].paragraphs[-1].startswith("Akan tetapi, Leike merasa")
    assert all("\n" not in paragraph for seed in seeds.values() for paragraph in seed.paragraphs)


def test_escape_sequences_in_a_seed_never_reach_the_article(detect) -> None:  # type: ignore
    text = (
        "Judul berita \x1b]52;c;ZXZpbA==\x07[@click=app.quit] yang jahat\n"
        "Ini adalah paragraf pertama yang panjang dan berisi kalimat lengkap. "
        "Dan satu lagi.\x1b[2J\n"
    )
    seed = extract_seed("evil.txt", text, detect)
    assert seed.title == "Judul berita [@click=app.quit] yang jahat"
    assert "\x1b" not in seed.body


def test_seeds_load_on_first_start_and_never_twice(tmp_path: Path, detect) -> None:  # type: ignore
    seeds_dir = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, seeds_dir)
    store = ArticleStore(tmp_path / "data")
    store.open()
    assert len(load_pending_seeds(store, seeds_dir, detect)) == 5
    assert load_pending_seeds(store, seeds_dir, detect) == []
    store.close()

    # A file dropped into seeds/ later loads too; the five do not load again.
    (seeds_dir / "005_extra.txt").write_text(
        "A Headline About Anthropic Hiring Someone\n\n12 March 2025, 10:00 UTC\n\n"
        "Anthropic hired a new research lead this week, the company said in a statement. "
        "The hire follows a year of growth.\n"
    )
    reopened = ArticleStore(tmp_path / "data")
    reopened.open()
    [extra] = load_pending_seeds(reopened, seeds_dir, detect)
    assert extra.title == "A Headline About Anthropic Hiring Someone"
    assert extra.published == datetime(2025, 3, 12, 10, 0, tzinfo=UTC)
    assert extra.language == "en"
    assert len(reopened) == 6


async def test_the_dashboard_extracts_seeds_in_a_worker_process_as_the_cli_does(seeds) -> None:  # type: ignore[no-untyped-def]
    from ingest.processes import run_in_worker_process
    from ingest.seeds import extract_seeds_light

    extracted = await run_in_worker_process(extract_seeds_light, sorted(SEEDS_DIR.glob("*.txt")))
    # The light models in the worker judge whole articles as the full ones do.
    assert {seed.file_name[:3]: seed for seed in extracted} == seeds


FIRST_START = """
import asyncio, sys
from pathlib import Path
from tests.app_support import make_app, wait_for

async def main() -> None:
    app = make_app(Path(sys.argv[1]))
    async with app.run_test() as pilot:
        await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
    heavy = [name for name in ("dateparser", "lingua") if name in sys.modules]
    print("imported:", ",".join(heavy) or "none")

asyncio.run(main())
"""


def test_a_first_start_leaves_date_parsing_and_language_models_out_of_the_dashboard(
    tmp_path: Path,
) -> None:
    """dateparser's import and lingua's model building hold the GIL ~100 ms
    each: in the dashboard's process they froze its first seconds."""
    done = run_python("-c", FIRST_START, str(tmp_path))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "imported: none"
