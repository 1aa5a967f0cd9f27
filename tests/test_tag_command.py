"""`aiwire tag` in a child process: text, file and JSON-lines input, text and JSON output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.python import REPO_ROOT

CONFIG = REPO_ROOT / "feeds.toml"


def aiwire_tag(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", "tag", "--config", str(CONFIG), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )


def test_a_text_argument_prints_language_mentions_with_spans_and_events():
    done = aiwire_tag("--lang", "en", "Mira Murati left OpenAI in September 2024.")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "language: en"
    assert "  body 0-11 'Mira Murati' -> person:mira-murati (Mira Murati)" in lines
    assert "  body 17-23 'OpenAI' -> company:openai (OpenAI)" in lines
    assert "  Left: person:mira-murati [from company:openai, date 2024-09]" in lines
    assert "    Mira Murati left OpenAI in September 2024." in lines


def test_json_lines_on_stdin_give_one_json_object_each(tmp_path: Path):
    items = [
        {"title": "OPENAI DEMITE SAM ALTMAN", "body": "", "lang": "pt"},
        {"title": "", "body": "Visit openai.com for details.", "lang": "en"},
    ]
    done = aiwire_tag("--json", stdin="\n".join(json.dumps(i) for i in items) + "\n")
    assert done.returncode == 0, done.stderr
    first, second = (json.loads(line) for line in done.stdout.splitlines())
    assert first["language"] == "pt"
    assert [(m["entity_id"], m["field"], m["start"], m["end"]) for m in first["mentions"]] == [
        ("company:openai", "title", 0, 6),
        ("person:sam-altman", "title", 14, 24),
    ]
    assert [(e["kind"], e["entity_id"]) for e in first["events"]] == [
        ("fired", "person:sam-altman")
    ]
    assert first["events"][0]["roles"] == {"from": "company:openai"}
    assert second["mentions"] == [] and second["events"] == []


def test_a_file_is_tagged_as_the_body(tmp_path: Path):
    article = tmp_path / "article.txt"
    article.write_text("Amazon invested $4 billion in Anthropic in 2023.", encoding="utf-8")
    done = aiwire_tag("--json", "--lang", "en", "--file", str(article))
    assert done.returncode == 0, done.stderr
    [event] = json.loads(done.stdout)["events"]
    assert event["kind"] == "funding"
    assert event["entity_id"] == "company:anthropic"
    assert event["roles"] == {"investor": "company:amazon"}
    assert (event["amount"], event["date"]) == ("USD:4000000000", "2023")


def test_a_line_that_is_not_json_is_an_error_with_exit_code_2():
    done = aiwire_tag(stdin="just some words\n")
    assert done.returncode == 2
    assert "stdin line 1: not JSON" in done.stderr
