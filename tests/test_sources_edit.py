"""Editing feeds.toml's sources: only the touched block changes, byte for byte."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from ingest.cli_sources import run_add
from ingest.config import load_config
from ingest.sources_edit import (
    SourceEditError,
    add_source,
    feed_name,
    remove_source,
    set_enabled,
)
from tui.cli import main

ORIGINAL = """\
# My feeds. Edited by hand; keep this comment.
[settings]
default_interval = "30m"   # half an hour

[[sources]]
name = "OpenAI News"
url = "https://openai.com/news/rss.xml"
tags = ["labs", "openai"]  # the lab itself

# Research
[[sources]]
name = "arXiv cs.CL"
url = "https://export.arxiv.org/rss/cs.CL"
interval = "2h"
enabled = false  # too noisy for now

[[sources]]
name = "Import AI"
url = "https://importai.substack.com/feed"

# ---- people to watch ----
[[people]]
name = "Ada Lovelace"
"""


@pytest.fixture
def feeds(tmp_path: Path) -> Path:
    path = tmp_path / "feeds.toml"
    path.write_text(ORIGINAL)
    return path


def test_adding_appends_one_block_and_keeps_every_other_byte(feeds: Path) -> None:
    source = add_source(
        feeds, "https://example.org/feed.xml", name="Example", tags=("News", "news"), interval="2h"
    )
    text = feeds.read_text()
    block = (
        '[[sources]]\nname = "Example"\nurl = "https://example.org/feed.xml"\n'
        'tags = ["news"]\ninterval = "2h"\n\n'
    )
    at = ORIGINAL.index("# ---- people")
    assert text == ORIGINAL[:at] + block + ORIGINAL[at:]
    assert (source.name, source.tags, source.interval) == ("Example", ("news",), 7200)


def test_a_name_taken_already_gets_the_host_and_titles_are_sanitised(feeds: Path) -> None:
    assert (
        feed_name("  Lab\x00 News\n\u2028Daily " + "x" * 300)
        == ("Lab News Daily " + "x" * 300)[:200]
    )
    assert feed_name(" \t ") is None
    added = add_source(feeds, "https://mirror.example/feed", name="openai news")
    assert added.name == "openai news (mirror.example)"


def test_what_the_config_would_refuse_is_never_written(feeds: Path) -> None:
    with pytest.raises(SourceEditError, match="already in feeds.toml as 'Import AI'"):
        add_source(feeds, "http://www.importai.substack.com/feed/")
    with pytest.raises(SourceEditError, match="interval"):
        add_source(feeds, "https://example.org/f", interval="5s")
    with pytest.raises(SourceEditError, match="interval"):
        add_source(feeds, "https://example.org/f", interval="often")
    assert feeds.read_text() == ORIGINAL


def test_removing_takes_the_block_and_its_separator_only(feeds: Path) -> None:
    removed = remove_source(feeds, "arxiv CS.CL")
    assert removed.url == "https://export.arxiv.org/rss/cs.CL"
    start = ORIGINAL.index('[[sources]]\nname = "arXiv')
    end = ORIGINAL.index('[[sources]]\nname = "Import AI"')
    # The "# Research" heading is a comment: comments are never deleted.
    assert feeds.read_text() == ORIGINAL[:start] + ORIGINAL[end:]
    remove_source(feeds, "https://importai.substack.com/feed/")  # by URL, the last source
    text = feeds.read_text()
    assert "Import AI" not in text and text.endswith(
        '# ---- people to watch ----\n[[people]]\nname = "Ada Lovelace"\n'
    )
    assert len(load_config(feeds).sources) == 1


def test_disabling_and_enabling_touch_one_line(feeds: Path) -> None:
    source, changed = set_enabled(feeds, "Import AI", False)
    assert changed
    expected = ORIGINAL.replace(
        'url = "https://importai.substack.com/feed"\n',
        'url = "https://importai.substack.com/feed"\nenabled = false\n',
    )
    assert feeds.read_text() == expected
    _, changed = set_enabled(feeds, "arXiv cs.CL", True)
    assert changed
    assert feeds.read_text() == expected.replace(
        "enabled = false  # too noisy", "enabled = true  # too noisy"
    )
    assert set_enabled(feeds, "arXiv cs.CL", True)[1] is False  # already on: not rewritten
    assert [s.enabled for s in load_config(feeds).sources] == [True, True, False]


def test_crlf_and_a_byte_order_mark_survive_an_edit(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    raw = b"\xef\xbb\xbf" + ORIGINAL.replace("\n", "\r\n").encode()
    path.write_bytes(raw)
    set_enabled(path, "OpenAI News", False)
    remove_source(path, "Import AI")
    result = path.read_bytes()
    assert result.startswith(b"\xef\xbb\xbf") and b"\n" not in result.replace(b"\r\n", b"")
    assert b'tags = ["labs", "openai"]  # the lab itself\r\nenabled = false\r\n' in result
    assert [s.name for s in load_config(path).sources] == ["OpenAI News", "arXiv cs.CL"]


def test_an_unknown_or_ambiguous_name_is_refused_with_a_hint(feeds: Path) -> None:
    with pytest.raises(SourceEditError, match="did you mean 'Import AI'"):
        remove_source(feeds, "Import A")
    add_source(feeds, "https://a.example/feed", name="Twin")
    add_source(feeds, "https://b.example/feed", name="Twin")  # becomes "Twin (b.example)"
    remove_source(feeds, "twin")
    assert [s.name for s in load_config(feeds).sources][-1] == "Twin (b.example)"


def test_an_inline_source_is_left_to_the_user(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('sources = [{ name = "A", url = "https://a.example/f" }]\n')
    with pytest.raises(SourceEditError, match="edit it by hand"):
        remove_source(path, "A")
    with pytest.raises(SourceEditError, match="inline array"):
        add_source(path, "https://b.example/f")


# -- the commands, against a local site --------------------------------------------------


def _site(server: HTTPServer) -> str:
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>{}</title>'
        "<item><title>One</title><guid>1</guid></item></channel></rss>"
    )
    for path, title in (("/news.xml", "Example \x1b[31mNews"), ("/comments.xml", "Comments")):
        server.expect_request(path).respond_with_data(
            rss.format(title), content_type="application/rss+xml"
        )
    head = "".join(
        f'<link rel="alternate" type="application/rss+xml" href="{p}">'
        for p in ("news.xml", "comments.xml")
    )
    server.expect_request("/").respond_with_data(
        f"<!doctype html><html><head>{head}</head></html>", content_type="text/html"
    )
    return server.url_for("/")


def test_add_from_a_page_then_check_disable_remove(
    feeds: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _site(httpserver)
    config = ["--config", str(feeds)]
    # Several feeds and no terminal to ask on: listed, nothing written.
    assert main([*config, "add", page]) == 1
    captured = capsys.readouterr()
    assert "has 2 feeds" in captured.out and "2. Comments" in captured.out
    assert "--pick" in captured.err and feeds.read_text() == ORIGINAL
    assert main([*config, "add", page, "--pick", "1", "--tag", "Demo"]) == 0
    assert "added 'Example News'" in capsys.readouterr().out  # no terminal escape kept
    assert main([*config, "check"]) == 0
    assert "4 sources (3 enabled)" in capsys.readouterr().out
    assert main([*config, "disable", "example news"]) == 0
    assert main([*config, "check"]) == 0
    assert "4 sources (2 enabled)" in capsys.readouterr().out
    assert main([*config, "remove", httpserver.url_for("/news.xml")]) == 0
    assert feeds.read_text() == ORIGINAL  # added, switched off, removed: back to the byte
    assert main([*config, "enable", "nobody"]) == 1
    assert "no source 'nobody'" in capsys.readouterr().err


def test_add_asks_on_a_terminal(feeds: Path, httpserver: HTTPServer) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = io.StringIO()
    code = run_add(feeds, _site(httpserver), out, stdin=Terminal("2\n"), interval="1h")
    assert code == 0, out.getvalue()
    added = load_config(feeds).sources[-1]
    assert (added.name, added.interval) == ("Comments", 3600)
    assert "Add which one? [1-2" in out.getvalue()


def test_a_missing_feeds_toml_is_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "feeds.toml"
    assert main(["--config", str(missing), "remove", "anything"]) == 1
    assert "No such file or directory" in capsys.readouterr().err
