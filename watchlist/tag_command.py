"""`aiwire tag`: what the watchlist engine finds in a text.

    aiwire tag "Mira Murati left OpenAI."          # the text as an argument
    aiwire tag --title "Headline" "Body text"      # a title too
    aiwire tag --file article.txt                  # a file (its text is the body)
    echo '{"title": "...", "body": "...", "lang": "pt"}' | aiwire tag   # JSON lines
    aiwire tag --json ...                          # one JSON object per text

It prints the language, each mention with its field, span and entity, and
each event with its sentence, so people can test their aliases and scripts
can check the tagger. The caller hands over the watched entities (the CLI
builds them from feeds.toml); this module imports nothing from the app.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from watchlist.entities import Entity


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?", help="the text to tag (default: JSON lines on stdin)")
    parser.add_argument("--title", default="", help="a title to tag with the text")
    parser.add_argument("--file", metavar="FILE", help="tag this file's text")
    parser.add_argument("--lang", help="the text's language, if known (ISO 639-1)")
    parser.add_argument("--json", action="store_true", help="one JSON object per text")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aiwire tag", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return parser


class _BadInput(ValueError):
    pass


def _inputs(args: argparse.Namespace, stdin: TextIO) -> Iterator[tuple[str, str, str | None]]:
    """(title, body, declared language) of each text to tag."""
    if args.text is not None:
        yield args.title, args.text, args.lang
        return
    if args.file:
        yield args.title, Path(args.file).read_text(encoding="utf-8"), args.lang
        return
    for number, line in enumerate(stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise _BadInput(f"stdin line {number}: not JSON ({error.msg})") from None
        if not isinstance(item, dict):
            raise _BadInput(f"stdin line {number}: expected an object with title/body/lang")
        title, body = item.get("title") or "", item.get("body") or item.get("text") or ""
        if not isinstance(title, str) or not isinstance(body, str):
            raise _BadInput(f"stdin line {number}: title and body must be strings")
        lang = item.get("lang") or args.lang
        yield title, body, lang if isinstance(lang, str) else None


def tag(
    enricher: Any, matcher: Any, names: dict[str, str], title: str, body: str, lang: str | None
) -> dict[str, Any]:
    """The language, mentions and events of one text, as plain data."""
    mentions = matcher.find(title, body)
    enrichment = enricher.enrich(title, body, lang)
    return {
        "language": enrichment.language,
        "mentions": [
            {
                "entity_id": m.entity_id,
                "name": names.get(m.entity_id, m.entity_id),
                "field": m.field,
                "start": m.start,
                "end": m.end,
                "surface": m.surface,
                "fuzzy": m.fuzzy,
            }
            for m in mentions
        ],
        "events": [e.to_dict() for e in enrichment.events],
    }


def _print_text(result: dict[str, Any], out: TextIO) -> None:
    from watchlist.event_kinds import label

    out.write(f"language: {result['language'] or 'unknown'}\n")
    out.write(f"mentions: {len(result['mentions'])}\n")
    for m in result["mentions"]:
        note = " (fuzzy)" if m["fuzzy"] else ""
        out.write(
            f"  {m['field']} {m['start']}-{m['end']} {m['surface']!r} -> "
            f"{m['entity_id']} ({m['name']}){note}\n"
        )
    out.write(f"events: {len(result['events'])}\n")
    for e in result["events"]:
        details = [f"{k} {v}" for k, v in (e.get("roles") or {}).items()]
        details += [f"{k} {e[k]}" for k in ("amount", "date") if e.get(k)]
        extra = f" [{', '.join(details)}]" if details else ""
        out.write(f"  {label(e['kind'])}: {e['entity_id']}{extra}\n    {e['sentence']}\n")


def run(argv: Sequence[str], stdin: TextIO, stdout: TextIO, entities: Sequence[Entity]) -> int:
    """Parse `argv` (the words after `aiwire tag`) and tag; 0 on success,
    2 on bad input."""
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as stop:
        return int(stop.code or 0)
    return run_parsed(args, stdin, stdout, entities)


def run_parsed(
    args: argparse.Namespace, stdin: TextIO, stdout: TextIO, entities: Sequence[Entity]
) -> int:
    from watchlist.enrich import Enricher
    from watchlist.matcher import Matcher

    enricher, matcher = Enricher(entities), Matcher(entities)
    names = {e.id: e.name for e in entities}
    first = True
    try:
        for title, body, lang in _inputs(args, stdin):
            result = tag(enricher, matcher, names, title, body, lang)
            if args.json:
                stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
            else:
                if not first:
                    stdout.write("\n")
                _print_text(result, stdout)
            first = False
    except (_BadInput, OSError) as error:
        stdout.flush()
        import sys

        print(f"aiwire tag: {error}", file=sys.stderr)
        return 2
    return 0
