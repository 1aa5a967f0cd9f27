"""`aiwire digest`: every format, on the seeds and on a generated archive with
hostile feed strings; the HTML parsed back and checked for escaping."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from core.digest import parse_since
from core.digest_command import run_digest
from storage.records import FeedState, NewArticle
from storage.store import ArticleStore
from tests.support.seed_archive import FEEDS_TOML, SEEDS_DIR, enriched
from tui.cli import main

FORMATS = ("text", "markdown", "html", "json")
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
HOSTILE_TITLE = '<script>alert("x")</script> Sam Altman "onload=alert(1) speaks'
HOSTILE_OUTLET = 'Evil "onmouseover=alert(1) <img src=x>'
HOSTILE_ERROR = "HTTP 500 <iframe src=javascript:alert(1)>"


class Page(HTMLParser):
    """Every tag, attribute and piece of text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "ol", "ul", "li",
    "strong", "div", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def parse_page(document: str) -> Page:
    page = Page()
    page.feed(document)
    page.close()
    assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
    for name, value in page.attributes:
        assert not name.startswith("on"), (name, value)
        if name == "href":
            assert value is not None and value.startswith(("http://", "https://")), value
    return page


def digest_of(data_dir: Path, fmt: str, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    argv = ["--config", str(FEEDS_TOML), "--data-dir", str(data_dir), "digest", "--format", fmt]
    assert main([*argv, *extra]) == 0
    return capsys.readouterr().out


# --- the seeds ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_digests(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data_dir = tmp_path_factory.mktemp("seed-data")
    found = {}
    for fmt in FORMATS:
        out = tmp_path_factory.mktemp("out") / "digest"
        with out.open("w", encoding="utf-8") as handle:
            assert run_digest(FEEDS_TOML, data_dir, SEEDS_DIR, handle, since="7d", fmt=fmt) == 0
        found[fmt] = out.read_text(encoding="utf-8")
    return found


def test_seed_digest_as_text(seed_digests):
    text = seed_digests["text"]
    assert "5 new articles" in text
    assert "also in: " in text  # the Portuguese and Indonesian French-Owen stories are one
    departure = next(line for line in text.splitlines() if "Left" in line and "French-Owen" in line)
    assert (
        "from OpenAI" in departure and "told by 2" in departure and departure.lstrip()[:4] == "2025"
    )
    assert any(
        "Acquisition" in line and "Twilio" in line and "2020" in line for line in text.splitlines()
    )
    for name in ("Jan Leike", "Luke Metz", "Barret Zoph", "Liam Fedus", "Sam Altman"):
        assert name in text


def test_seed_digest_as_json(seed_digests):
    data = json.loads(seed_digests["json"])
    assert data["articles"] == 5
    rows = {(row["kind"], row["who"]): row for row in data["ledger"]}
    assert rows[("departure", "person:calvin-french-owen")]["told_by"] == 2
    assert rows[("departure", "person:jan-leike")]["date"].startswith("2024-05")
    assert rows[("acquisition", "company:twilio")]["date"] == "2020"
    assert rows[("hire", "person:liam-fedus")]["who_name"] == "Liam Fedus"
    assert any(story["also_in"] for story in data["stories"])


def test_seed_digest_as_markdown_and_html(seed_digests):
    markdown = seed_digests["markdown"]
    assert "## Events" in markdown and "| date | event | who |" in markdown
    assert "Calvin French\\-Owen" in markdown
    page = parse_page(seed_digests["html"])
    shown = " ".join(page.text)
    assert "Calvin French-Owen" in shown and "Twilio" in shown
    assert "https://techcrunch.com/2025/07/15/" in dict(page.attributes).get("href", "") or any(
        v and v.startswith("https://techcrunch.com/") for k, v in page.attributes if k == "href"
    )


# --- a generated archive ---------------------------------------------------------------------

CONFIG = f"""
[[sources]]
id = "wire"
name = "Wire"
url = "https://wire.example/feed.xml"

[[sources]]
id = "daily"
name = "Tech Daily"
url = "https://daily.example/rss"

[[sources]]
id = "evil"
name = '{HOSTILE_OUTLET}'
url = "https://evil.example/feed"

[[people]]
name = "Sam Altman"

[[people]]
name = "Jan Leike"

[[companies]]
name = "OpenAI"

[[companies]]
name = "Anthropic"

[[companies]]
name = "Amazon"
"""


def item(feed: str, number: int, title: str, body: str, when: datetime, link: str | None = None):
    return NewArticle(
        feed_id=feed,
        guid=f"{feed}-{number}",
        title=title,
        link=link if link is not None else f"https://{feed}.example/{number}",
        published=when,
        body=body,
    )


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("generated")
    config, data_dir = root / "feeds.toml", root / "data"
    config.write_text(CONFIG, encoding="utf-8")
    store = ArticleStore(data_dir)
    store.open()
    # A month of ordinary days: Anthropic twice a day, Sam Altman every tenth day.
    for day in range(2, 32):
        when = NOW - timedelta(days=day)
        body = "Anthropic published a research note about model evaluations."
        if day % 10 == 0:
            body += " Sam Altman spoke at a conference."
        store.add([enriched(item("wire", day, f"Research note {day}", body, when))], now=when)
        note = "Anthropic hired researchers."
        store.add([enriched(item("daily", day, f"Hiring {day}", note, when))], now=when)
    # The last day: Sam Altman everywhere, one departure told by two outlets, a deal.
    last_day = [
        item("wire", 100, "Jan Leike leaves OpenAI for Anthropic",
             "Jan Leike left OpenAI on March 9, 2026 to join Anthropic. Jan Leike led "
             "the Superalignment team.", NOW - timedelta(hours=5)),
        item("daily", 101, "Jan Leike quits OpenAI, joins Anthropic",
             "Jan Leike left OpenAI on March 9, 2026, and will join Anthropic. Leike "
             "co-led Superalignment.", NOW - timedelta(hours=4)),
        item("daily", 102, "Amazon invests $4 billion in Anthropic",
             "Amazon invested $4 billion in Anthropic on Monday.", NOW - timedelta(hours=3)),
        item("evil", 103, HOSTILE_TITLE, "Sam Altman said the quiet part aloud.",
             NOW - timedelta(hours=2), link="javascript:alert(1)"),
        item("evil", 104, "[click me](javascript:alert(1)) Sam Altman",
             "Sam Altman again.", NOW - timedelta(hours=2),
             link='https://evil.example/a?x="><script>alert(1)</script>'),
    ]  # fmt: skip
    for number in range(105, 108):
        last_day.append(
            item("wire", number, f"Sam Altman interview part {number}",
                 "Sam Altman talked about compute.", NOW - timedelta(hours=1))
        )  # fmt: skip
    for news in last_day:
        store.add([enriched(news)], now=news.published)
    store.put_feed_state(
        FeedState(
            feed_id="evil",
            url="https://evil.example/feed",
            last_error=HOSTILE_ERROR,
            consecutive_failures=4,
            last_attempt=NOW,
        )
    )
    store.flush()
    store.flush_state()
    store.close()
    return config, data_dir


def generated_digest(generated, fmt: str, since: str = "24h") -> str:
    config, data_dir = generated
    out = data_dir.parent / f"digest.{fmt}"
    with out.open("w", encoding="utf-8") as handle:
        assert (
            run_digest(config, data_dir, SEEDS_DIR / "none", handle, since=since, fmt=fmt, now=NOW)
            == 0
        )
    return out.read_text(encoding="utf-8")


def test_generated_digest_holds_the_day_only(generated):
    data = json.loads(generated_digest(generated, "json"))
    assert data["articles"] == 8
    rows = {(row["kind"], row["who"]): row for row in data["ledger"]}
    leike = rows[("departure", "person:jan-leike")]
    assert leike["told_by"] == 2 and leike["outlets"] == ["Wire", "Tech Daily"]
    assert leike["date"] == "2026-03-09" and leike["roles"]["from"] == "company:openai"
    funding = rows[("funding", "company:anthropic")]
    assert (
        funding["roles"] == {"investor": "company:amazon"} and funding["amount"] == "USD:4000000000"
    )
    # Leike's two tellings are one story, shown once with "also in".
    [story] = [s for s in data["stories"] if "Leike" in s["title"]]
    assert [t["outlet"] for t in story["also_in"]] == ["Wire"]


def test_generated_digest_finds_the_spike_not_the_steady_name(generated):
    data = json.loads(generated_digest(generated, "json"))
    spikes = {spike["entity"]: spike for spike in data["spikes"]}
    assert spikes["person:sam-altman"]["today"] == 5
    assert "company:anthropic" not in spikes  # 3 today, 2 a day before: not well above
    assert "company:openai" not in spikes  # 2 today: too few to call a spike


def test_generated_digest_reports_the_failing_source(generated):
    data = json.loads(generated_digest(generated, "json"))
    [failing] = data["failing_sources"]
    assert failing["name"] == HOSTILE_OUTLET and failing["failures"] == 4
    text = generated_digest(generated, "text")
    assert f"{HOSTILE_OUTLET}: {HOSTILE_ERROR} (4 failed polls)" in text


def test_a_week_takes_in_the_month_before(generated):
    assert json.loads(generated_digest(generated, "json", since="7d"))["articles"] == 20
    since = "2026-03-01"
    assert json.loads(generated_digest(generated, "json", since=since))["articles"] == 24


def test_generated_html_escapes_every_feed_string(generated):
    document = generated_digest(generated, "html")
    assert "<script" not in document and "<iframe" not in document and "<img" not in document
    page = parse_page(document)
    shown = "".join(page.text)
    # Shown as text, exactly as the feed sent it.
    assert HOSTILE_TITLE in shown and HOSTILE_OUTLET in shown and HOSTILE_ERROR in shown
    hrefs = [value for name, value in page.attributes if name == "href"]
    assert not any("javascript" in (value or "") for value in hrefs)
    # The http link with quotes in it stays one attribute value.
    assert 'https://evil.example/a?x="><script>alert(1)</script>' in hrefs


def test_generated_markdown_makes_no_link_or_tag_of_feed_text(generated):
    markdown = generated_digest(generated, "markdown")
    assert "<script" not in markdown and "<img" not in markdown
    # Every bracket of the feed's text is escaped: no link target is javascript:.
    assert not re.search(r"(?<!\\)\]\((?:javascript|<)", markdown)
    assert "\\[click me\\]\\(javascript:alert\\(1\\)\\)" in markdown
    # The http link keeps working with its parentheses and brackets encoded.
    assert '(https://evil.example/a?x="%3E%3Cscript%3Ealert%281%29%3C/script%3E)' in markdown


def test_generated_text_is_one_line_per_field(generated):
    text = generated_digest(generated, "text")
    assert "\x1b" not in text
    assert "Sam Altman" in text.split("SPIKES")[1].split("FAILING")[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_period_says_so(generated, fmt):
    config, data_dir = generated
    out = data_dir.parent / "empty"
    later = NOW + timedelta(days=90)
    with out.open("w", encoding="utf-8") as handle:
        run_digest(config, data_dir, SEEDS_DIR / "none", handle, since="24h", fmt=fmt, now=later)
    document = out.read_text(encoding="utf-8")
    if fmt == "json":
        assert json.loads(document)["stories"] == []
    else:
        assert "No new articles" in document or "no new articles" in document
        if fmt == "html":
            parse_page(document)


def test_since_accepts_spans_and_dates_and_refuses_the_rest(capsys, tmp_path):
    assert parse_since("24h", NOW) == NOW - timedelta(hours=24)
    assert parse_since("7d", NOW) == NOW - timedelta(days=7)
    assert parse_since("2w", NOW) == NOW - timedelta(days=14)
    assert parse_since("2026-03-01", NOW) == datetime(2026, 3, 1, tzinfo=UTC)
    with pytest.raises(ValueError, match="24h, 7d or 2w"):
        parse_since("yesterday", NOW)
    argv = ["--data-dir", str(tmp_path), "digest", "--since", "soon"]
    assert main(argv) == 2
    assert "--since 'soon'" in capsys.readouterr().err
