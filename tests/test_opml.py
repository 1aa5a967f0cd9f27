"""OPML import into feeds.toml and export from it."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import listparser
import pytest

from ingest.config import ConfigError, load_config, parse_config
from ingest.opml import ImportReport, OpmlError, export_opml, format_report, import_opml
from tests.conftest import REPO_ROOT
from tui.cli import main

USER_CONFIG = """\
# My feeds. Hand-written; keep my comments!
[settings]
default_interval   =   "45m"   # odd spacing on purpose

[[sources]]
name = "OpenAI News"
url = "https://openai.com/news/rss.xml"
tags = ["labs"]

[[sources]]
url = "https://simonwillison.net/atom/everything/"  # no name: named after the host
enabled = false
# a comment at the end of the last source

# ==== Watchlist: people
[[people]]
name = "Sam Altman"
"""


def opml(*outlines: str) -> bytes:
    body = "\n".join(outlines)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>t</title>'
        f"</head><body>\n{body}\n</body></opml>\n"
    ).encode()


def feed(text: str, url: str, **extra: str) -> str:
    attributes = "".join(f' {key}="{value}"' for key, value in extra.items())
    return f'<outline type="rss" text="{text}" xmlUrl="{url}"{attributes}/>'


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(USER_CONFIG)
    return path


def inserted_text(before: str, after: str) -> str:
    """The block added to `before`, asserting that nothing else changed."""
    start = 0
    while start < len(before) and before[start] == after[start]:
        start += 1
    end = len(after) - (len(before) - start)
    assert after[:start] + after[end:] == before, "only an insertion is allowed"
    return after[start:end]


# -- import ------------------------------------------------------------------


def test_import_appends_sources_and_keeps_every_byte_of_the_file(config_path: Path) -> None:
    before = config_path.read_text()

    report = import_opml(
        opml(
            feed("Import AI", "https://importai.substack.com/feed"),
            feed("The Batch", "https://www.deeplearning.ai/the-batch/feed/"),
        ),
        config_path,
    )

    assert report.added == [
        ("Import AI", "https://importai.substack.com/feed"),
        ("The Batch", "https://www.deeplearning.ai/the-batch/feed/"),
    ]
    block = inserted_text(before, config_path.read_text())
    assert block.count("[[sources]]") == 2
    config = load_config(config_path)
    assert [s.name for s in config.sources][-2:] == ["Import AI", "The Batch"]


def test_new_sources_go_after_the_last_source_not_under_the_next_heading(
    config_path: Path,
) -> None:
    import_opml(opml(feed("Import AI", "https://importai.substack.com/feed")), config_path)

    text = config_path.read_text()
    assert text.index("Import AI") < text.index("# ==== Watchlist: people")
    assert "enabled = false\n# a comment at the end of the last source\n" not in text
    assert '\n\n[[sources]]\nname = "Import AI"' in text  # a blank line apart, as by hand


def test_folders_and_categories_become_lowercase_tags(config_path: Path) -> None:
    document = opml(
        '<outline text="Tech"><outline title="AI Labs">',
        feed("Import AI", "https://importai.substack.com/feed", category="/Newsletters/Weekly"),
        "</outline></outline>",
    )

    import_opml(document, config_path)

    source = load_config(config_path).sources[-1]
    assert set(source.tags) == {"tech", "ai labs", "newsletters", "weekly"}


def test_duplicates_are_judged_like_the_config_judges_them(config_path: Path) -> None:
    report = import_opml(
        opml(
            # Same feed as in feeds.toml: scheme, www., trailing slash and fragment differ.
            feed("OpenAI again", "http://www.openai.com/news/rss.xml/#latest"),
            feed("Import AI", "https://importai.substack.com/feed"),
            feed("Import AI twice", "https://importai.substack.com/feed/"),
        ),
        config_path,
    )

    assert report.skipped_duplicates == [
        "http://www.openai.com/news/rss.xml/#latest",
        "https://importai.substack.com/feed/",
    ]
    assert [name for name, _ in report.added] == ["Import AI"]


def test_unusable_outlines_are_reported_with_a_reason_and_not_written(config_path: Path) -> None:
    before = config_path.read_bytes()

    report = import_opml(
        opml(
            feed("Gopher", "gopher://example.org/feed"),
            feed("Script", "javascript:alert(1)"),
            '<outline type="link" text="More lists" url="https://example.org/list.opml"/>',
            feed("Spaced", "https://example.org/a feed.xml"),
        ),
        config_path,
    )

    reasons = dict(report.invalid)
    assert "http(s)" in reasons["Gopher"]
    assert "http(s)" in reasons["Script"]
    assert "subscription list" in reasons["More lists"]
    assert "spaces" in reasons["Spaced"]  # the config module's own message
    assert report.added == []
    assert config_path.read_bytes() == before


def test_titles_are_cleaned_into_names_feeds_toml_accepts(config_path: Path) -> None:
    long_title = "A" * 300
    report = import_opml(
        opml(
            feed("Line&#10;break&#9;and tab", "https://a.example/feed"),
            feed(long_title, "https://b.example/feed"),
            feed("", "https://www.c.example/feed"),
        ),
        config_path,
    )

    names = [name for name, _ in report.added]
    assert names[0] == "Line break and tab"
    assert len(names[1]) == 200
    assert names[2] == "c.example/feed"  # no title: host and path, like the config does
    assert [s.name for s in load_config(config_path).sources][-3:] == names


def test_xml_special_characters_arrive_as_text(config_path: Path) -> None:
    report = import_opml(
        opml(feed("Q&amp;A &lt;weekly&gt; &quot;news&quot;", "https://a.example/?x=1&amp;y=2")),
        config_path,
    )

    assert report.added == [('Q&A <weekly> "news"', "https://a.example/?x=1&y=2")]
    assert load_config(config_path).sources[-1].url == "https://a.example/?x=1&y=2"


def test_an_opml_file_in_latin_1_is_decoded_by_its_declaration(config_path: Path) -> None:
    document = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><opml version="1.0"><body>'
        '<outline text="Caf\xe9 IA" xmlUrl="https://cafe.example/feed"/></body></opml>'
    ).encode("latin-1")

    report = import_opml(document, config_path)

    assert report.added == [("Café IA", "https://cafe.example/feed")]


def test_a_config_without_sources_gets_a_sources_section(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('[settings]\ndefault_interval = "1h"\n')

    import_opml(opml(feed("Import AI", "https://importai.substack.com/feed")), path)

    assert path.read_text().startswith('[settings]\ndefault_interval = "1h"\n')
    assert [s.name for s in load_config(path).sources] == ["Import AI"]


def test_crlf_files_stay_crlf(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    before = USER_CONFIG.replace("\n", "\r\n").encode()
    path.write_bytes(before)

    import_opml(opml(feed("Import AI", "https://importai.substack.com/feed")), path)

    after = path.read_bytes()
    block = inserted_text(before.decode(), after.decode())
    assert "\n" not in block.replace("\r\n", "")
    assert load_config(path).sources[-1].name == "Import AI"


def test_the_file_is_replaced_atomically_keeping_mode_and_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "feeds.toml"
    real.parent.mkdir()
    real.write_text(USER_CONFIG)
    real.chmod(0o640)
    link = tmp_path / "feeds.toml"
    link.symlink_to(real)

    import_opml(opml(feed("Import AI", "https://importai.substack.com/feed")), link)

    assert link.is_symlink()
    assert "Import AI" in real.read_text()
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(os.listdir(real.parent)) == ["feeds.toml"]  # no temporary file left


def test_a_broken_feeds_toml_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('[[sources]]\nurl = "ftp://nope"\n')

    with pytest.raises(ConfigError):
        import_opml(opml(feed("Import AI", "https://importai.substack.com/feed")), path)

    assert path.read_text() == '[[sources]]\nurl = "ftp://nope"\n'


@pytest.mark.parametrize("garbage", [b"", b"not xml at all", b"<html><body>hi</body></html>"])
def test_something_that_is_not_opml_is_refused(config_path: Path, garbage: bytes) -> None:
    with pytest.raises(OpmlError):
        import_opml(garbage, config_path)


def test_the_report_reads_as_one_summary_line_then_names() -> None:
    report = ImportReport(
        added=[("Import AI", "https://importai.substack.com/feed")],
        skipped_duplicates=["https://openai.com/news/rss.xml"],
        invalid=[("Gopher", "not an http(s) feed address")],
    )

    lines = format_report(report).splitlines()

    assert lines[0] == "added 1, skipped 1 duplicates, 1 invalid"
    assert "Import AI" in lines[1] and "openai.com" in lines[2] and "Gopher" in lines[3]


# -- export ------------------------------------------------------------------


def test_export_is_a_standard_opml_2_document() -> None:
    config = parse_config(
        b'[[sources]]\nname = "OpenAI News"\nurl = "https://openai.com/news/rss.xml"\n'
        b'tags = ["labs", "openai"]\n'
    )

    document = export_opml(config, now=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))

    assert document.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(document)
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") == "aiwire feeds"
    created = parsedate_to_datetime(root.findtext("head/dateCreated") or "")
    assert created == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)  # RFC 822, as OPML wants
    (outline,) = root.findall("body/outline")
    assert outline.attrib == {
        "type": "rss",
        "text": "OpenAI News",
        "title": "OpenAI News",
        "xmlUrl": "https://openai.com/news/rss.xml",
        "category": "labs,openai",
    }


def test_export_escapes_everything() -> None:
    name = "Q&A <weekly> \"news\" 'quoted'"
    url = "https://a.example/feed?x=1&y=<2>"
    config = parse_config(f"[[sources]]\nname = '''{name}'''\nurl = \"{url}\"\n".encode())

    outline = ET.fromstring(export_opml(config)).find("body/outline")

    assert outline is not None
    assert outline.get("text") == name
    assert outline.get("xmlUrl") == url


def test_the_bundled_feeds_survive_export_and_import() -> None:
    bundled = load_config(REPO_ROOT / "feeds.toml")

    parsed = listparser.parse(export_opml(bundled))

    assert not parsed.bozo
    by_url = {item.url: item for item in parsed.feeds}
    assert list(by_url) == [source.url for source in bundled.sources]
    for source in bundled.sources:
        assert by_url[source.url].title == source.name
        assert sorted(by_url[source.url].tags) == sorted(source.tags)


def test_export_then_import_into_an_empty_file_gives_the_same_sources(tmp_path: Path) -> None:
    bundled = load_config(REPO_ROOT / "feeds.toml")
    path = tmp_path / "feeds.toml"
    path.write_text("")

    report = import_opml(export_opml(bundled), path)

    assert len(report.added) == len(bundled.sources)
    again = load_config(path)
    assert [(s.id, s.name, s.url, set(s.tags)) for s in again.sources] == [
        (s.id, s.name, s.url, set(s.tags)) for s in bundled.sources
    ]


# -- the command line ------------------------------------------------------------


def test_cli_import_prints_what_happened(
    config_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml_file = tmp_path / "subscriptions.opml"
    opml_file.write_bytes(
        opml(
            feed("Import AI", "https://importai.substack.com/feed"),
            feed("OpenAI", "https://openai.com/news/rss.xml"),
            feed("Gopher", "gopher://example.org/"),
        )
    )

    code = main(["--config", str(config_path), "import-opml", str(opml_file)])

    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0] == "added 1, skipped 1 duplicates, 1 invalid"
    assert "Import AI" in out and "Gopher" in out


def test_cli_import_of_a_missing_file_fails_with_one_message(
    config_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--config", str(config_path), "import-opml", str(tmp_path / "nope.opml")])

    assert code == 1
    assert "nope.opml" in capsys.readouterr().err


def test_cli_export_writes_stdout_or_a_file(
    config_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", str(config_path), "export-opml"]) == 0
    printed = capsys.readouterr().out
    assert "https://openai.com/news/rss.xml" in printed

    target = tmp_path / "out.opml"
    assert main(["--config", str(config_path), "export-opml", str(target)]) == 0
    assert [f.url for f in listparser.parse(target.read_bytes()).feeds] == [
        "https://openai.com/news/rss.xml",
        "https://simonwillison.net/atom/everything/",
    ]


@pytest.mark.parametrize(
    "layout",
    [
        '[[sources]]\nurl = "https://x.example/f"\n[[people]]\nname = "Y"\n',  # no blank line
        "[settings]\nbell = false",  # no newline at the end
        "",
        (REPO_ROOT / "feeds.toml").read_text(),  # the bundled file, comments and all
    ],
    ids=["tables-touching", "no-final-newline", "empty", "bundled"],
)
def test_any_layout_only_gains_an_inserted_block(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(layout)

    import_opml(opml(feed("New Feed", "https://feeds.example.org/new.xml")), path)

    block = inserted_text(layout, path.read_text())
    assert (
        block.strip() == '[[sources]]\nname = "New Feed"\nurl = "https://feeds.example.org/new.xml"'
    )
    assert load_config(path).sources[-1].name == "New Feed"
