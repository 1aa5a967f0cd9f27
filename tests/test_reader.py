"""render_article: what the reader shows for one article, built from plain strings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lingua import Language

from ingest.htmltext import html_to_text
from storage.records import Article
from tui.language_names import LANGUAGE_NAMES
from tui.widgets.reader import ReaderContent, render_article


def article(**changes: object) -> Article:
    base = Article(
        id="a1",
        feed_id="feed",
        identity="guid:a1",
        title="A title",
        link="https://example.com/a",
        published=datetime(2026, 10, 12, 16, 54, tzinfo=UTC),
        first_seen=datetime(2026, 10, 13, 9, 0, tzinfo=UTC),
        language="en",
    )
    return base.with_changes(**changes)


def shown(body: str, **changes: object) -> str:
    content = ReaderContent(article=article(**changes), body=body, source_name="Source")
    return render_article(content).plain


def test_code_and_nested_lists_keep_their_indentation_on_screen() -> None:
    body, _links = html_to_text(
        "<p>Try:</p><pre>    indented first\ndef f():\n    return 1</pre>"
        "<ul><li>a<ul><li>b</li></ul></li></ul>",
        None,
    )
    text = shown(body)
    assert "\n    indented first\ndef f():\n    return 1\n" in text
    assert "\n• a\n  • b\n" in text


def test_the_body_is_still_cleaned_of_terminal_controls() -> None:
    text = shown("safe \x1b]52;c;aGk=\x07text\n\n  indented \u202eevil")
    assert "\x1b" not in text and "aGk=" not in text and "\u202e" not in text
    assert "safe text" in text and "  indented evil" in text


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("ru", "Russian (ru)"),
        ("en", "English (en)"),
        ("id", "Indonesian (id)"),
        ("pt", "Portuguese (pt)"),
        ("uk", "Ukrainian (uk)"),
        ("xx", "xx"),
    ],
)
def test_the_language_is_named(code: str, label: str) -> None:
    assert f"Language  {label}\n" in shown("body", language=code)


def test_every_two_letter_code_has_a_name() -> None:
    assert len(LANGUAGE_NAMES) == 185  # ISO 639-1's 183, and the withdrawn "bh" and "sh"
    assert all(len(code) == 2 and code.isascii() and code.islower() for code in LANGUAGE_NAMES)
    assert all(name and name == name.strip() for name in LANGUAGE_NAMES.values())
    # Every language the detector can name a text in is in the table, under its name.
    other_spellings = {"sl": "Slovene", "nn": "Nynorsk", "mi": "Maori", "st": "Sotho"}
    other_spellings["nb"] = "Bokmal"
    for language in Language.all():
        code = language.iso_code_639_1.name.lower()
        assert code in LANGUAGE_NAMES
        expected = other_spellings.get(code, LANGUAGE_NAMES.get(code, ""))
        assert language.name.lower() == expected.lower(), code


def test_wrapped_header_values_stay_under_their_value_column() -> None:
    long_link = "https://example.com/" + "a-very-long-path-segment/" * 4
    content = ReaderContent(
        article=article(link=long_link, title="T"),
        body="body",
        source_name="Source",
        event_lines=("Launch: OpenAI — “a sentence long enough to need two lines or more”",),
    )
    lines = render_article(content, width=40).plain.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Link      https://"))
    following = lines[start + 1 : start + 3]
    assert all(line.startswith(" " * 10) and line[10] != " " for line in following), following
    assert "".join(line[10:] for line in lines[start : start + 6]).startswith(long_link)
    event = next(i for i, line in enumerate(lines) if line.startswith("Event"))
    assert lines[event + 1].startswith(" " * 10)
    assert all(len(line) <= 40 for line in lines[: event + 2])
    # Without a width the widget wraps (as the tests above read it).
    assert f"Link      {long_link}\n" in render_article(content).plain


def test_an_event_line_names_its_organisations_amount_and_date() -> None:
    from core.reading import event_details_text

    def name_of(entity_id: str) -> str:
        return {"company:segment": "Segment", "company:openai": "OpenAI"}[entity_id]

    deal = {"roles": {"target": "company:segment"}, "amount": "USD:3200000000", "date": "2020"}
    assert event_details_text(deal, name_of) == " (target Segment, USD 3.2B; 2020)"
    move = {"roles": {"from": "company:openai"}}
    assert event_details_text(move, name_of) == " (from OpenAI)"
    assert event_details_text({"kind": "launch"}, name_of) == ""
