"""JSON Feed end to end: `aiwire fetch` in a child process against a local server,
then `aiwire list`, then a conditional second fetch that gets 304.
"""

from __future__ import annotations

import json
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.support.python import run_python

ETAG = '"jf-1"'
LAST_MODIFIED = "Sat, 31 May 2025 08:00:00 GMT"


def json_feed(site: str, slug: str) -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"Lab {slug}",
            "home_page_url": site,
            "items": [
                {
                    "id": f"{slug}-1",
                    "url": f"/{slug}/one",
                    "title": f"{slug}: first \x1b[31mstory",
                    "content_html": '<p>Read <a href="https://lab.example/p">this</a>.</p>',
                    "date_published": "2025-05-30T09:15:00-07:00",
                    "authors": [{"name": "Ada"}],
                    "attachments": [{"url": "https://cdn.example/a.mp3", "mime_type": "x"}],
                },
                {
                    "id": f"{slug}-2",
                    "url": "javascript:alert(1)",
                    "content_text": f"{slug}: an untitled note",
                    "date_published": "2025-05-31T10:00:00Z",
                },
            ],
        }
    ).encode()


class ConditionalFeed:
    """Serves one document with validators; answers 304 when the client has it."""

    def __init__(self, body: bytes, content_type: str) -> None:
        self.body, self.content_type = body, content_type
        self.requests: list[dict[str, str]] = []

    def __call__(self, request: Request) -> Response:
        self.requests.append(dict(request.headers))
        if (
            request.headers.get("If-None-Match") == ETAG
            and request.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            return Response(status=304, headers={"ETag": ETAG})
        return Response(
            self.body,
            headers={
                "ETag": ETAG,
                "Last-Modified": LAST_MODIFIED,
                "Content-Type": self.content_type,
            },
        )


def aiwire(config: Path, data_dir: Path, *command: str) -> str:
    done = run_python(
        "-m", "tui.cli", "--config", str(config), "--data-dir", str(data_dir), *command,
        timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def write_config(path: Path, *urls: str) -> Path:
    sources = "".join(
        f'\n[[sources]]\nname = "Feed {i}"\nurl = "{url}"\n' for i, url in enumerate(urls)
    )
    path.write_text('[settings]\ndefault_interval = "30m"\n' + sources)
    return path


def listed(config: Path, data_dir: Path) -> list[dict]:  # type: ignore[type-arg]
    lines = aiwire(config, data_dir, "list", "--json").splitlines()
    return [json.loads(line) for line in lines]


def test_a_json_feed_is_fetched_stored_listed_and_then_not_modified(
    httpserver: HTTPServer, tmp_path: Path, data_dir: Path
) -> None:
    site = httpserver.url_for("/")
    feed = ConditionalFeed(json_feed(site, "jf"), "application/feed+json")
    httpserver.expect_request("/feed.json").respond_with_handler(feed)
    config = write_config(tmp_path / "feeds.toml", httpserver.url_for("/feed.json"))

    cold = json.loads(aiwire(config, data_dir, "fetch", "--json"))
    assert (cold["new_items"], cold["errors"]) == (2, 0), cold
    assert "application/feed+json" in feed.requests[0]["Accept"]

    # A title made from the body is marked with "… ".
    stored = [a for a in listed(config, data_dir) if a["title"].removeprefix("… ").startswith("jf")]
    assert [(a["title"], a["published"], a["link"]) for a in stored] == [
        ("… jf: an untitled note", "2025-05-31T10:00:00Z", None),
        ("jf: first story", "2025-05-30T16:15:00Z", f"{site}jf/one"),
    ]

    warm = json.loads(aiwire(config, data_dir, "fetch", "--json"))
    assert (warm["not_modified"], warm["new_items"], warm["errors"]) == (1, 0, 0), warm
    assert len(feed.requests) == 2
    assert feed.requests[1]["If-None-Match"] == ETAG
    assert feed.requests[1]["If-Modified-Since"] == LAST_MODIFIED


def test_a_json_feed_is_read_whatever_content_type_it_is_served_with(
    httpserver: HTTPServer, tmp_path: Path, data_dir: Path
) -> None:
    site = httpserver.url_for("/")
    types = {"feed": "application/feed+json", "json": "application/json", "text": "text/plain"}
    for slug, content_type in types.items():
        httpserver.expect_request(f"/{slug}").respond_with_handler(
            ConditionalFeed(json_feed(site, slug), content_type)
        )
    config = write_config(tmp_path / "feeds.toml", *(httpserver.url_for(f"/{s}") for s in types))

    result = json.loads(aiwire(config, data_dir, "fetch", "--json"))
    assert (result["new_items"], result["errors"]) == (6, 0), result["results"]

    titles = {a["title"] for a in listed(config, data_dir)}
    for slug in types:
        assert {f"{slug}: first story", f"… {slug}: an untitled note"} <= titles
