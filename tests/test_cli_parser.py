"""The command line parsed with only the named subcommand built: the same answers."""

from __future__ import annotations

import shutil

import pytest

from tui import cli_parser
from tui.cli_parser import COMMANDS, build_parser, parse_arguments

VALID = [
    ["fetch"],
    ["fetch", "--json"],
    ["--config", "f.toml", "--data-dir", "d", "fetch", "--json", "--enrich"],
    ["fetch", "--config", "f.toml", "--debug"],
    ["--config=f.toml", "fetch", "--data-dir=d"],
    ["--config", "fetch", "list"],  # a config file named "fetch"
    ["list", "--limit", "5", "--json"],
    ["add", "https://example.org/", "--tag", "a", "--tag", "b", "--pick", "2"],
    ["disable", "Wire"],
    ["serve", "--port", "8100", "--allow-remote"],
    ["digest", "--since", "7d", "--format", "json"],
    ["tag", "some text", "--lang", "en"],
    ["init"],
    ["export-opml", "-"],
    [],
    ["--debug"],
]


@pytest.mark.parametrize("argv", VALID)
def test_a_command_parses_as_the_whole_parser_parses_it(argv: list[str]) -> None:
    assert parse_arguments(argv) == build_parser().parse_args(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["fetch", "--bogus"],
        ["--bogus", "fetch"],
        ["list", "--limit", "x"],
        ["nosuch"],
        ["add"],
        ["fetch", "--help"],
        ["--help"],
        ["digest", "--format", "pdf"],
    ],
)
def test_help_and_mistakes_are_said_by_the_whole_parser(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as whole:
        build_parser().parse_args(argv)
    expected = capsys.readouterr()
    with pytest.raises(SystemExit) as ours:
        parse_arguments(argv)
    assert ours.value.code == whole.value.code
    assert capsys.readouterr() == expected


def test_every_command_is_known_to_the_fast_path() -> None:
    subparsers = build_parser()._subparsers
    assert subparsers is not None
    [commands] = [a for a in subparsers._group_actions if a.dest == "command"]
    assert set(commands.choices) == COMMANDS  # type: ignore[arg-type]


@pytest.mark.parametrize("columns", [None, "0", "37", "120", "junk"])
def test_the_help_is_as_wide_as_shutil_says_the_terminal_is(
    monkeypatch: pytest.MonkeyPatch, columns: str | None
) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli_parser._columns() == shutil.get_terminal_size().columns
