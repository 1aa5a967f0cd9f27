"""render_article: what the reader shows for one article, built from plain strings."""

from __future__ import annotations

from datetime import UTC, datetime

from ingest.htmltext import html_to_text
from storage.records import Article
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
