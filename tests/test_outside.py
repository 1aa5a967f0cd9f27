"""Outside the terminal: `o` in the user's browser, `|` to a command, `S` to a Markdown file.

The browser and the commands are real programs (small Python scripts) that
write down what they were given.
"""

from __future__ import annotations

import shlex
import sys
import textwrap
from pathlib import Path

import pytest

from core.article_export import ExportedArticle, markdown, plain_text, safe_file_name, save_markdown
from core.launching import browser_launch, browser_template, pipe_launch
from ingest.config import ConfigError, parse_config
from ingest.sanitize import safe_link
from tests.app_support import make_app, screen_text, wait_for
from tui.screens.command_output import CommandOutputScreen, CommandPrompt
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList

NO_DISPLAY: dict[str, str] = {}
DISPLAY = {"DISPLAY": ":0"}
HOSTILE_URL = "https://example.com/a b;rm -rf ~?q=$(id)&x='1'"


# -- command lines ------------------------------------------------------------------


def test_the_url_replaces_percent_u_as_one_word_and_no_shell_reads_it() -> None:
    launch = browser_launch("w3m -o confirm_qq=0 %u", HOSTILE_URL, DISPLAY)
    # One word, as safe_link writes it (spaces escaped), whatever the shell would make of it.
    assert launch.argv == ("w3m", "-o", "confirm_qq=0", safe_link(HOSTILE_URL))
    assert "$(id)" in launch.argv[3]
    assert launch.in_terminal  # w3m draws in the terminal, display or not


def test_a_windowed_browser_gets_the_url_last_and_runs_beside_the_dashboard() -> None:
    launch = browser_launch("firefox --new-tab", "https://example.com/", DISPLAY)
    assert launch.argv == ("firefox", "--new-tab", "https://example.com/")
    assert not launch.in_terminal
    # Without a display any browser can only draw in the terminal.
    assert browser_launch("firefox", "https://example.com/", NO_DISPLAY).in_terminal


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "ftp://x.org/"])
def test_only_http_links_are_opened(url: str) -> None:
    with pytest.raises(ValueError, match="http"):
        browser_launch("w3m %u", url, NO_DISPLAY)


def test_the_setting_wins_over_browser_whose_first_entry_is_used() -> None:
    environ = {"BROWSER": "lynx -accept_all_cookies %s:w3m"}
    assert browser_template("w3m %u", environ) == "w3m %u"
    template = browser_template(None, environ)
    assert template == "lynx -accept_all_cookies %s"
    assert browser_launch(template, "https://e.com/", NO_DISPLAY).argv[-1] == "https://e.com/"
    assert browser_template(None, {}) is None  # the built-in behaviour


def test_a_pipe_command_is_split_without_a_shell() -> None:
    launch = pipe_launch("grep -c 'two words' ; rm x", NO_DISPLAY)
    assert launch.argv == ("grep", "-c", "two words", ";", "rm", "x")
    assert not launch.in_terminal
    assert pipe_launch("!cat", NO_DISPLAY).in_terminal
    assert pipe_launch("less -R", NO_DISPLAY).argv == ("less", "-R")
    assert pipe_launch("less -R", NO_DISPLAY).in_terminal
    with pytest.raises(ValueError):
        pipe_launch("grep 'unclosed", NO_DISPLAY)


# -- files ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("../../etc/passwd", "etc-passwd"),
        (".bashrc", "bashrc"),
        ("", "article"),
        ("///", "article"),
        ("OpenAI: GPT-5 launch / pricing", "OpenAI-GPT-5-launch-pricing"),
        ("Início da segurança", "Início-da-segurança"),
        ("a\x00b\nc", "a-b-c"),
    ],
)
def test_a_file_name_from_a_title_is_never_a_path(title: str, name: str) -> None:
    assert safe_file_name(title) == name
    assert len(safe_file_name("x" * 500)) <= 80


def test_saving_never_overwrites(tmp_path: Path) -> None:
    first = save_markdown(tmp_path / "new", "Same title", "one\n")
    second = save_markdown(tmp_path / "new", "Same title", "two\n")
    (tmp_path / "new" / "Same-title-3.md").symlink_to(tmp_path / "elsewhere")
    fourth = save_markdown(tmp_path / "new", "Same title", "four\n")
    assert (first.name, second.name, fourth.name) == (
        "Same-title.md",
        "Same-title-2.md",
        "Same-title-4.md",
    )
    assert first.read_text() == "one\n" and second.read_text() == "two\n"
    assert not (tmp_path / "elsewhere").exists()


def test_the_markdown_escapes_the_title_and_keeps_the_body() -> None:
    exported = ExportedArticle(
        "# Big *news* [x](y)", "Wire", "2026-01-02", "https://e.com/", "Body"
    )
    text = markdown(exported)
    assert text.startswith("# \\# Big \\*news\\* \\[x\\](y)\n")
    assert "- Link: <https://e.com/>" in text and text.endswith("\nBody\n")
    assert plain_text(exported).splitlines()[:5] == [
        "# Big *news* [x](y)",
        "Source: Wire",
        "Date: 2026-01-02",
        "Link: https://e.com/",
        "",
    ]


# -- feeds.toml ------------------------------------------------------------------------


def test_aiwire_check_names_a_bad_browser_and_save_dir(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    raw = '[settings]\nbrowser = "w3m \'%u"\nsave_dir = "a-file"\n'
    with pytest.raises(ConfigError) as caught:
        parse_config(raw.encode(), tmp_path / "feeds.toml")
    found = {(p.line, p.key): p.message for p in caught.value.problems}
    assert "is not a command line" in found[(2, "settings.browser")]
    assert "not a folder" in found[(3, "settings.save_dir")]
    good = parse_config(
        b'[settings]\nbrowser = "w3m %u"\nsave_dir = "saved"\n', tmp_path / "f.toml"
    )
    assert good.settings.browser == "w3m %u"
    assert good.settings.save_dir == tmp_path / "saved"


# -- in the dashboard ------------------------------------------------------------------


def write_script(path: Path, body: str) -> str:
    path.write_text(textwrap.dedent(body))
    return shlex.join([sys.executable, str(path)])


def config_with(**settings: str) -> str:
    lines = "".join(f"{key} = {value!r}\n".replace("'", '"') for key, value in settings.items())
    return f'[settings]\ndefault_interval = "30m"\n{lines}'


async def ready(pilot, app) -> str:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: len(app.library.state.articles) == 5)
    await wait_for(pilot, lambda: app.library.config_loaded)
    articles = app.screen.query_one("#articles", ArticleList)
    await wait_for(pilot, lambda: articles.current_id is not None)
    # The first seed with a link.
    for index, article_id in enumerate(articles.article_ids):
        if app.library.state.articles[article_id].link:
            articles.cursor = index
            return article_id
    raise AssertionError("no seed has a link")


async def test_o_starts_the_configured_browser_with_the_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")  # a windowed browser: runs beside the dashboard
    got = tmp_path / "argv.txt"
    script = write_script(
        tmp_path / "browser.py",
        f"""
        import sys
        open({str(got)!r}, "w").write("\\n".join(sys.argv[1:]))
        """,
    )
    app = make_app(tmp_path, config_with(browser=f"{script} --tab %u"))
    async with app.run_test(size=(120, 40)) as pilot:
        article_id = await ready(pilot, app)
        await pilot.press("o")
        await wait_for(pilot, got.exists)
        link = app.library.state.articles[article_id].link
        await wait_for(pilot, lambda: got.read_text() == f"--tab\n{link}")
        assert "opened in" in (app.library.status.message or "")


async def test_pipe_sends_the_article_as_text_and_reports_the_exit(tmp_path: Path) -> None:
    got = tmp_path / "stdin.txt"
    script = write_script(
        tmp_path / "count.py",
        f"""
        import sys
        text = sys.stdin.read()
        open({str(got)!r}, "w").write(text)
        print("lines:", len(text.splitlines()))
        sys.exit(3)
        """,
    )
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        article_id = await ready(pilot, app)
        article = app.library.state.articles[article_id]
        await pilot.press("vertical_line")
        assert isinstance(app.screen, CommandPrompt)
        await pilot.press(*script, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandOutputScreen))
        lines = got.read_text().splitlines()
        assert lines[0] == article.title
        assert lines[1] == f"Source: {app.library.source_name(article)}"
        assert lines[3] == f"Link: {article.link}"
        assert len(lines) > 5  # the body follows
        assert f"lines: {len(lines)}" in screen_text(app)
        assert (app.library.status.message or "").endswith(" exited 3")
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        # The last command is offered again, in this session and the next.
        await pilot.press("vertical_line")
        assert app.screen.query_one("#prompt-input").value == script
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_missing_command_is_reported_not_raised(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await pilot.press("vertical_line", *"no-such-program-aiwire", "enter")
        await wait_for(pilot, lambda: "cannot run" in (app.library.status.message or ""))
        assert isinstance(app.screen, MainScreen)


async def test_s_saves_markdown_and_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "saved here"
    app = make_app(tmp_path, config_with(save_dir=str(folder)))
    async with app.run_test(size=(120, 40)) as pilot:
        article_id = await ready(pilot, app)
        article = app.library.state.articles[article_id]
        await pilot.press("S")
        await wait_for(pilot, lambda: len(list(folder.glob("*.md"))) == 1)
        await pilot.press("S")
        await wait_for(pilot, lambda: len(list(folder.glob("*.md"))) == 2)
        second = folder / f"{safe_file_name(article.title)}-2.md"
        await wait_for(pilot, lambda: app.library.status.message == f"saved {second}")
        text = second.read_text()
        assert text.splitlines()[0].startswith("# ")
        assert f"- Link: <{article.link}>" in text


async def test_save_dir_defaults_to_the_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await pilot.press("S")
        folder = tmp_path / "xdg" / "aiwire" / "saved"
        await wait_for(pilot, lambda: len(list(folder.glob("*.md"))) == 1)
