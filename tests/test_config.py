"""feeds.toml: what loads, and the one clear message each kind of mistake gets."""

from __future__ import annotations

import io
from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.cli_check import run_check
from ingest.config import (
    Config,
    ConfigError,
    ConfigProblem,
    Settings,
    derive_feed_id,
    load_config,
    parse_config,
    parse_interval,
)
from ingest.resources import bundled_config


def parse(text: str) -> Config:
    return parse_config(dedent(text).encode())


def problems_of(text: str | bytes) -> list[ConfigProblem]:
    raw = text if isinstance(text, bytes) else dedent(text).encode()
    with pytest.raises(ConfigError) as caught:
        parse_config(raw)
    return caught.value.problems


def the_problem(text: str | bytes) -> ConfigProblem:
    problems = problems_of(text)
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


# --------------------------------------------------------------------------
# The bundled feeds.toml


@pytest.fixture(scope="module")
def bundled() -> Config:
    return load_config(bundled_config())


def test_the_bundled_file_loads_without_problems(bundled: Config) -> None:
    out = io.StringIO()
    assert run_check(bundled_config(), out) == 0, out.getvalue()
    assert 30 <= len(bundled.sources) <= 50
    assert all(source.url.startswith("https://") for source in bundled.sources)
    assert len({source.id for source in bundled.sources}) == len(bundled.sources)


def test_the_bundled_sources_use_sensible_intervals(bundled: Config) -> None:
    by_tag = {tag: [s for s in bundled.sources if tag in s.tags] for tag in ("news", "arxiv")}
    assert all(900 <= s.interval <= 1800 for s in by_tag["news"])
    assert all(s.interval == 6 * 3600 for s in by_tag["arxiv"])
    assert all(s.tags for s in bundled.sources)


def test_the_bundled_sources_follow_the_seed_languages(bundled: Config) -> None:
    # The seed articles are Indonesian and Portuguese: sources in both, tagged
    # with their language, come with the file.
    by_language = {code: [s for s in bundled.sources if code in s.tags] for code in ("id", "pt")}
    assert len(by_language["id"]) >= 3 and len(by_language["pt"]) >= 3
    for source in by_language["id"] + by_language["pt"]:
        assert source.enabled and "news" in source.tags
        assert not ({"id", "pt"} <= set(source.tags))


def test_the_bundled_watchlists_hold_the_people_and_companies_users_expect(
    bundled: Config,
) -> None:
    people = {person.name: person for person in bundled.people}
    companies = {company.name: company for company in bundled.companies}
    for name in (
        "Sam Altman",
        "Calvin French-Owen",
        "Jan Leike",
        "Luke Metz",
        "Barret Zoph",
        "Liam Fedus",
        "Mira Murati",
        "Bob McGrew",
        "Dario Amodei",
        "Demis Hassabis",
        "Ilya Sutskever",
        "Jensen Huang",
        "Lisa Su",
    ):
        assert name in people
    for name in (
        "OpenAI",
        "Google",
        "Google DeepMind",
        "Anthropic",
        "DeepSeek",
        "Meta",
        "Twilio",
        "Segment",
        "NVIDIA",
        "Mistral AI",
        "Safe Superintelligence",
    ):
        assert name in companies
    assert "William Fedus" in people["Liam Fedus"].aliases
    assert {"Open AI", "OpenAI Inc"} <= set(companies["OpenAI"].aliases)
    assert {"Meta Platforms", "Meta AI"} <= set(companies["Meta"].aliases)
    assert "DeepMind" in companies["Google DeepMind"].aliases
    assert "DeepMind" not in companies["Google"].aliases
    assert people["Sam Altman"].affiliation == "OpenAI"


def test_bundled_person_aliases_are_full_names_never_bare_surnames(bundled: Config) -> None:
    for person in bundled.people:
        for alias in person.aliases:
            assert len(alias.split()) >= 2, (person.name, alias)


# --------------------------------------------------------------------------
# What a valid file means


def test_an_empty_file_is_valid_and_has_no_sources() -> None:
    config = parse_config(b"")
    assert config == Config(None, Settings(), (), (), ())


def test_a_source_gets_defaults_for_everything_but_its_url() -> None:
    config = parse(
        """\
        [settings]
        default_interval = "45m"

        [[sources]]
        url = "https://www.example.com/feed.xml"
        """
    )
    (source,) = config.sources
    assert source.name == "example.com/feed.xml"  # host and path, without "www."
    assert source.named is False  # the feed's own title names it once polled
    assert source.interval == 45 * 60
    assert source.tags == ()
    assert source.enabled is True
    assert source.line == 4


def test_settings_are_read_with_durations_and_sizes() -> None:
    settings = parse(
        """\
        [settings]
        default_interval = 900
        concurrency = 4
        per_host = 1
        timeout = "1m"
        max_feed_size = "2MB"
        bell = true
        theme = "nord"

        [settings.keymap]
        refresh = "ctrl+r"
        """
    ).settings
    assert settings == Settings(900, 4, 1, 60, 2 * 1024 * 1024, True, "nord", {"refresh": "ctrl+r"})


def test_a_keymap_may_also_be_a_top_level_table() -> None:
    assert parse('[keymap]\nquit = "ctrl+q"\n').settings.keymap == {"quit": "ctrl+q"}


def test_tags_are_lowercased_and_deduplicated() -> None:
    config = parse('[[sources]]\nurl = "https://a.example/f"\ntags = ["AI", "ai", "Labs"]\n')
    assert config.sources[0].tags == ("ai", "labs")


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    config = parse_config(b'\xef\xbb\xbf[[sources]]\nurl = "https://a.example/f"\n')
    assert config.sources[0].url == "https://a.example/f"


def test_crlf_line_endings_are_accepted_and_lines_still_count_right() -> None:
    config = parse_config(b'[[sources]]\r\nurl = "https://a.example/f"\r\n')
    assert config.sources[0].line == 1
    problem = the_problem(b'\r\n[[sources]]\r\nurl = "https://a.example/f"\r\nenabled = 1\r\n')
    assert (problem.line, problem.key) == (4, "sources[1].enabled")


def test_sources_may_be_written_as_an_inline_list_of_tables() -> None:
    text = """\
        sources = [
          { url = "https://a.example/feed" },
          { url = "https://b.example/feed", name = "B" },
        ]
        """
    config = parse(text)
    assert [source.name for source in config.sources] == ["a.example/feed", "B"]
    assert [source.line for source in config.sources] == [2, 3]
    problem = the_problem(text.replace('"https://b.example/feed"', "5"))
    assert (problem.line, problem.key) == (3, "sources[2].url")


def test_entities_keep_their_aliases_affiliation_and_note() -> None:
    config = parse(
        """\
        [[people]]
        name = "Liam Fedus"
        aliases = ["William Fedus", "Liam Fedus"]
        affiliation = "Periodic Labs"
        note = "Left OpenAI in 2025."

        [[companies]]
        name = "NVIDIA"
        aliases = ["Nvidia"]
        """
    )
    (person,) = config.people
    assert (person.kind, person.name, person.aliases) == (
        "person",
        "Liam Fedus",
        ("William Fedus",),
    )
    assert (person.affiliation, person.note, person.line) == (
        "Periodic Labs",
        "Left OpenAI in 2025.",
        1,
    )
    # Case variants are the matcher's business, so they are kept.
    assert config.companies[0].aliases == ("Nvidia",)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (90, 90),
        ("90", 90),
        ("90s", 90),
        ("15m", 900),
        ("2h", 7200),
        ("1d", 86400),
        ("1h30m", 5400),
        (" 15 min ", 900),
        ("2 hours", 7200),
        ("1w", 604800),
        (120.0, 120),
    ],
)
def test_parse_interval_reads_seconds_and_durations(value: object, seconds: int) -> None:
    assert parse_interval(value) == seconds


@pytest.mark.parametrize(
    "value", ["fast", "15x", "-5m", "", "1.5h", True, 1.5, float("inf"), float("nan"), [], None]
)
def test_parse_interval_rejects_anything_else_with_a_message(value: object) -> None:
    with pytest.raises(ValueError, match="must be"):
        parse_interval(value)


# --------------------------------------------------------------------------
# Each mistake: exactly one message, naming the right line and key


def test_the_message_names_file_line_key_and_what_is_wrong() -> None:
    text = "".join(f'[[sources]]\nurl = "https://{n}.example/feed"\n\n' for n in "ab")
    text += '# the third source\n[[sources]]\nname = "X"\nurl = "ftp://x"\n'
    problem = the_problem(text)
    assert str(problem) == "feeds.toml:10: sources[3].url: must be an http(s) URL, got 'ftp://x'"


@pytest.mark.parametrize(
    ("text", "line", "key", "says"),
    [
        pytest.param(
            """\
            [[sources]]
            name = OpenAI
            """,
            2,
            "sources[1].name",
            "text needs quotes",
            id="toml-syntax-error",
        ),
        pytest.param(
            """\
            [settings]
            concurrency = 4
            concurrency = 5
            """,
            3,
            "settings.concurrency",
            "set twice",
            id="duplicate-key",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https://a.example/f"
            [sources]
            """,
            3,
            "sources",
            "[[sources]] (double brackets)",
            id="array-table-redeclared-as-table",
        ),
        pytest.param(
            """\
            [[people]]
            name = "A B"
            aliases = [
              "C D",
              E,
            ]
            """,
            5,
            "people[1].aliases[2]",
            "text needs quotes",
            id="syntax-error-inside-a-list",
        ),
        pytest.param(
            """\
            [[sources]]
            url = 5
            """,
            2,
            "sources[1].url",
            "must be text in quotes",
            id="url-not-text",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https://a.example/f"
            tags = "x"
            """,
            3,
            "sources[1].tags",
            "must be a list of text",
            id="tags-not-a-list",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https://a.example/f"
            tags = ["ok", 7]
            """,
            3,
            "sources[1].tags[2]",
            "must be text",
            id="tag-not-text",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https://a.example/f"
            enabled = "yes"
            """,
            3,
            "sources[1].enabled",
            "must be true or false (without quotes), got 'yes'",
            id="enabled-not-boolean",
        ),
        pytest.param(
            """\
            [[sources]]
            name = "No URL"
            """,
            1,
            "sources[1].url",
            "is missing",
            id="missing-url",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "example.com/feed"
            """,
            2,
            "sources[1].url",
            "did you mean 'https://example.com/feed'?",
            id="url-without-scheme",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https:///feed.xml"
            """,
            2,
            "sources[1].url",
            "has no host name",
            id="url-without-host",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https://a.example/feed with space"
            """,
            2,
            "sources[1].url",
            "must not contain spaces",
            id="url-with-space",
        ),
        pytest.param(
            f"""\
            [[sources]]
            url = "https://a.example/{"x" * 2001}"
            """,
            2,
            "sources[1].url",
            "is too long",
            id="absurdly-long-url",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https://a.example/feed/"

            [[sources]]
            url = "http://www.a.example/feed"
            """,
            5,
            "sources[2].url",
            "already listed as sources[1] (line 1)",
            id="duplicate-url",
        ),
        pytest.param(
            """\
            [[sources]]
            id = "mine"
            url = "https://a.example/feed"

            [[sources]]
            id = "mine"
            url = "https://b.example/feed"
            """,
            6,
            "sources[2].id",
            "already used by sources[1] (line 1)",
            id="duplicate-id",
        ),
        pytest.param(
            """\
            [[sources]]
            id = "My Feed"
            url = "https://a.example/feed"
            """,
            2,
            "sources[1].id",
            "lowercase letters",
            id="malformed-id",
        ),
        pytest.param(
            """\
            [[sources]]
            id = "seeds"
            url = "https://a.example/feed"
            """,
            2,
            "sources[1].id",
            "reserved",
            id="reserved-id",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https://a.example/feed"
            interval = "30s"
            """,
            3,
            "sources[1].interval",
            "between 1m and 7d, got '30s'",
            id="interval-too-short",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https://a.example/feed"
            interval = "8d"
            """,
            3,
            "sources[1].interval",
            "between 1m and 7d",
            id="interval-too-long",
        ),
        pytest.param(
            """\
            [settings]
            default_interval = "soon"
            """,
            2,
            "settings.default_interval",
            'a duration like "90s"',
            id="interval-unreadable",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https://a.example/feed"
            interval = nan
            """,
            3,
            "sources[1].interval",
            "finite",
            id="interval-nan",
        ),
        pytest.param(
            """\
            [settings]
            concurrency = inf
            """,
            2,
            "settings.concurrency",
            "finite whole number, got inf",
            id="concurrency-inf",
        ),
        pytest.param(
            """\
            [settings]
            concurrency = 65
            """,
            2,
            "settings.concurrency",
            "between 1 and 64, got 65",
            id="concurrency-too-high",
        ),
        pytest.param(
            """\
            [settings]
            concurrency = 0
            """,
            2,
            "settings.concurrency",
            "between 1 and 64",
            id="concurrency-zero",
        ),
        pytest.param(
            """\
            [settings]
            concurrency = true
            """,
            2,
            "settings.concurrency",
            "whole number, got true",
            id="concurrency-boolean",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https://a.example/feed"
            intervall = "1h"
            """,
            3,
            "sources[1].intervall",
            "did you mean 'interval'?",
            id="unknown-key",
        ),
        pytest.param(
            """\
            [settings]
            bel = true
            """,
            2,
            "settings.bel",
            "did you mean 'bell'?",
            id="unknown-setting",
        ),
        pytest.param(
            """\
            [[sourcs]]
            url = "https://a.example/feed"
            """,
            1,
            "sourcs",
            "unknown section [[sourcs]]; did you mean [sources]?",
            id="unknown-top-level-table",
        ),
        pytest.param(
            """\
            concurrency = 4
            """,
            1,
            "concurrency",
            "under a [settings] header",
            id="setting-outside-settings",
        ),
        pytest.param(
            """\
            [sources]
            url = "https://a.example/feed"
            """,
            1,
            "sources",
            "write [[sources]] (double brackets)",
            id="sources-as-single-table",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "https://a.example/feed"

            [sources.meta.deep]
            x = 1
            """,
            4,
            "sources[1].meta",
            "unknown table in a source",
            id="nested-table-in-source",
        ),
        pytest.param(
            """\
            [settings.network.proxy]
            host = "x"
            """,
            1,
            "settings.network",
            "unknown table in [settings]",
            id="nested-table-in-settings",
        ),
        pytest.param(
            """\
            [[sources]]
            url = { href = "https://a.example/feed" }
            """,
            2,
            "sources[1].url",
            "got a table",
            id="table-where-text-expected",
        ),
        pytest.param(
            """\
            [[people]]
            name = "Sam Altman"
            aliases = "Sama"
            """,
            3,
            "people[1].aliases",
            "must be a list of text",
            id="aliases-not-a-list",
        ),
        pytest.param(
            """\
            [[people]]
            name = "Sam Altman"
            aliases = [
              "Samuel Altman",
              5,
            ]
            """,
            5,
            "people[1].aliases[2]",
            "must be text",
            id="alias-not-text",
        ),
        pytest.param(
            """\
            [[companies]]
            name = "   "
            """,
            2,
            "companies[1].name",
            "must not be empty",
            id="entity-with-empty-name",
        ),
        pytest.param(
            """\
            [[companies]]
            aliases = ["Open AI"]
            """,
            1,
            "companies[1].name",
            "is missing",
            id="entity-without-name",
        ),
        pytest.param(
            """\
            [[people]]
            name = "Sam Altman"

            [[people]]
            name = "sam  altman"
            """,
            5,
            "people[2].name",
            "already listed as people[1] (line 1)",
            id="duplicate-entity-name",
        ),
        pytest.param(
            """\
            [[companies]]
            name = "Google"
            aliases = ["DeepMind"]

            [[companies]]
            name = "DeepMind"
            """,
            3,
            "companies[1].aliases[1]",
            "already the name of companies[2] (line 5)",
            id="alias-is-another-entitys-name",
        ),
        pytest.param(
            """\
            [[people]]
            name = "Sam Altman"
            nickname = "Sama"
            """,
            3,
            "people[1].nickname",
            "a person takes: name, aliases, affiliation, note",
            id="unknown-entity-key-without-close-match",
        ),
        pytest.param(
            """\
            people = ["Sam Altman"]
            """,
            1,
            "people[1]",
            "must be a table",
            id="entity-not-a-table",
        ),
        pytest.param(
            """\
            [[person]]
            name = "Sam Altman"
            """,
            1,
            "person",
            "did you mean [people]?",
            id="singular-section-name",
        ),
        pytest.param(
            """\
            [[sources]]
            url = "javascript:alert(1)"
            """,
            2,
            "sources[1].url",
            "must be an http(s) URL, got 'javascript:alert(1)'",
            id="url-with-wrong-scheme",
        ),
        pytest.param(
            """\
            [settings.keymap]
            refresh = "f5"

            [keymap]
            refresh = "ctrl+r"
            """,
            4,
            "keymap",
            "keep one",
            id="keymap-twice",
        ),
        pytest.param(
            """\
            [keymap]
            refresh = 5
            """,
            2,
            "keymap.refresh",
            "must be text",
            id="keymap-not-text",
        ),
    ],
)
def test_each_mistake_gets_one_message_naming_its_line_and_key(
    text: str, line: int, key: str, says: str
) -> None:
    problem = the_problem(text)
    assert (problem.line, problem.key) == (line, key), str(problem)
    assert says in problem.message


def test_a_syntax_error_keeps_the_column_tomllib_found() -> None:
    problem = the_problem('[[sources]]\nurl = "https://a.example/feed"\nname = OpenAI\n')
    assert (problem.line, problem.column) == (3, 8)
    assert str(problem).startswith("feeds.toml:3:8: sources[1].name: ")


def test_an_unclosed_list_at_the_end_of_the_file_names_the_last_line() -> None:
    problem = the_problem('[[people]]\nname = "A B"\naliases = ["C D",\n')
    assert problem.line == 3
    assert "not valid TOML" in problem.message or "not closed" in problem.message


def test_non_utf8_bytes_name_the_line_of_the_first_bad_byte() -> None:
    raw = b'[[sources]]\nurl = "https://a.example/feed"\nname = "caf\xe9"\nname2 = "\xff"\n'
    problem = the_problem(raw)
    assert (problem.line, problem.column, problem.key) == (3, 12, "sources[1].name")
    assert "not valid UTF-8 (byte 0xe9)" in problem.message
    # The column counts characters, as an editor shows them.
    problem = the_problem('name = "Zoë '.encode() + b'\xff"\n')
    assert (problem.line, problem.column) == (1, 13)


def test_a_bare_carriage_return_is_named_rather_than_misread() -> None:
    problem = the_problem(b"[settings]\nbell = true\rconcurrency = 2\n")
    assert (problem.line, problem.column) == (2, 12)
    assert "carriage return" in problem.message


def test_a_file_over_10_mb_is_rejected_before_parsing() -> None:
    problem = the_problem(b"# " + b"x" * (10 * 1024 * 1024))
    assert problem.line is None
    assert "at most 10 MB" in problem.message


def test_absurd_nesting_is_a_problem_not_a_crash() -> None:
    problems = problems_of(b"a = " + b"[" * 5000)
    assert len(problems) == 1


def test_every_mistake_in_the_file_is_reported_in_file_order() -> None:
    problems = problems_of(
        """\
        [[people]]
        name = ""

        [settings]
        concurrency = 100

        [[sources]]
        url = "ftp://x"
        tags = "x"

        [[sources]]
        url = "https://a.example/feed"
        enabled = "no"
        """
    )
    assert [(p.line, p.key) for p in problems] == [
        (2, "people[1].name"),
        (5, "settings.concurrency"),
        (8, "sources[1].url"),
        (9, "sources[1].tags"),
        (13, "sources[2].enabled"),
    ]


def test_a_missing_or_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "feeds.toml")
    with pytest.raises(ConfigError, match="is a directory"):
        load_config(tmp_path)


def test_problems_name_the_file_they_come_from(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('[settings]\nbell = "yes"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value.problems[0]).startswith(f"{path}:2: settings.bell: ")


# --------------------------------------------------------------------------
# aiwire check


def test_check_summarises_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(
        '[[sources]]\nurl = "https://a.example/f"\n'
        '[[sources]]\nurl = "https://b.example/f"\nenabled = false\n'
        '[[people]]\nname = "Sam Altman"\n'
    )
    out = io.StringIO()
    assert run_check(path, out) == 0
    assert out.getvalue() == f"{path}: OK — 2 sources (1 enabled), 1 person, 0 companies\n"


def test_check_prints_every_problem_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text('[settings]\nbell = "yes"\nconcurrency = 0\n')
    out = io.StringIO()
    assert run_check(path, out) == 1
    assert out.getvalue().splitlines() == [
        f"{path}:2: settings.bell: must be true or false (without quotes), got 'yes'",
        f"{path}:3: settings.concurrency: must be between 1 and 64, got 0",
    ]


# --------------------------------------------------------------------------
# Feed ids


def test_a_derived_id_is_readable_and_short() -> None:
    feed_id = derive_feed_id("https://openai.com/news/rss.xml")
    slug, digest = feed_id.rsplit("-", 1)
    assert slug == "openai-com-news-rss-xml"
    assert len(digest) == 8


def test_ids_survive_renaming_and_reordering_sources() -> None:
    first = parse(
        """\
        [[sources]]
        name = "OpenAI"
        url = "https://openai.com/news/rss.xml"

        [[sources]]
        url = "https://hnrss.org/newest?q=AI&points=100"
        """
    )
    second = parse(
        """\
        [[sources]]
        name = "Hacker News"
        url = "https://hnrss.org/newest?q=AI&points=100"

        [[sources]]
        name = "OpenAI News (renamed)"
        url = "https://openai.com/news/rss.xml"
        """
    )
    ids = {source.url: source.id for source in first.sources}
    assert {source.url: source.id for source in second.sources} == ids


def test_cosmetic_url_changes_keep_the_id_and_real_changes_do_not() -> None:
    base = derive_feed_id("https://example.com/feed")
    assert derive_feed_id("http://www.example.com/feed/") == base
    assert derive_feed_id("https://EXAMPLE.com:443/feed#top") == base
    assert derive_feed_id("https://example.com/Feed") != base
    assert derive_feed_id("https://hnrss.org/newest?q=AI") != derive_feed_id(
        "https://hnrss.org/newest?q=LLM"
    )


def test_an_explicit_id_wins_over_the_derived_one() -> None:
    config = parse('[[sources]]\nid = "openai"\nurl = "https://openai.com/news/rss.xml"\n')
    assert config.sources[0].id == "openai"


# --------------------------------------------------------------------------
# Robustness: nothing the user (or a broken disk) writes crashes the loader


def _parse_or_error(raw: bytes) -> Config | ConfigError:
    try:
        return parse_config(raw)
    except ConfigError as error:
        for problem in error.problems:
            assert str(problem)
            assert problem.line is None or problem.line >= 1
        return error


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_config_or_a_config_error(raw: bytes) -> None:
    assert isinstance(_parse_or_error(raw), Config | ConfigError)


_FRAGMENTS = [
    "[settings]",
    "[[sources]]",
    "[sources]",
    "[[people]]",
    "[[companies]]",
    "[keymap]",
    "[settings.keymap]",
    "[sources.x]",
    'url = "https://a.example/f"',
    'url = "https://b.example/f/"',
    "url = 5",
    'url = "ftp://x"',
    'name = "N"',
    'name = ""',
    'id = "x"',
    'interval = "15m"',
    "interval = nan",
    'tags = ["a", 1]',
    "tags = [",
    '"b",',
    "]",
    "enabled = true",
    'aliases = ["A B"]',
    "aliases = { x = 1 }",
    "concurrency = 99",
    "default_interval = inf",
    'refresh = "ctrl+r"',
    'sources = [{ url = "https://c.example/f" }]',
    '"quoted key" = 1',
    "a.b.c = 1",
    "note = '''\n[[sources]]\n'''",
    "# comment",
    "",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=25))
def test_toml_like_text_gives_a_config_or_problems_on_real_lines(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    result = _parse_or_error(text.encode())
    if isinstance(result, ConfigError):
        line_count = text.count("\n") + 1
        assert all(p.line is None or p.line <= line_count for p in result.problems)
