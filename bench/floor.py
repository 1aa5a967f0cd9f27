"""The floors: the least work the same job could take, measured in the same run.

    python -m bench.floor cold URLS.json     fetch + feedparser every feed, 2 processes
    python -m bench.floor warm URLS.json     conditional GET of every feed, nothing parsed

Run as a subprocess like the `aiwire fetch` it is compared with, so both pay
for interpreter start-up and imports. Nothing is stored.
"""

from __future__ import annotations

import asyncio
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

WARM_CONCURRENCY = 8


def fetch_and_parse(urls: list[str]) -> int:
    """One process's share: fetch each body and parse it, as aiwire's parser is set up."""
    import feedparser
    import httpx

    entries = 0
    with httpx.Client(timeout=60) as client:
        for url in urls:
            response = client.get(url)
            parsed = feedparser.parse(
                response.content,
                response_headers={k.lower(): v for k, v in response.headers.items()},
                sanitize_html=False,
                resolve_relative_uris=False,
            )
            entries += len(parsed.entries)
    return entries


def cold(urls: list[str], workers: int = 2) -> int:
    shares = [urls[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(fetch_and_parse, shares))


async def warm(targets: list[tuple[str, str]]) -> int:
    import httpx

    slots = asyncio.Semaphore(WARM_CONCURRENCY)
    limits = httpx.Limits(max_connections=WARM_CONCURRENCY)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:

        async def one(url: str, etag: str) -> int:
            async with slots:
                response = await client.get(url, headers={"If-None-Match": etag})
                return int(response.status_code == 304)

        return sum(await asyncio.gather(*(one(url, etag) for url, etag in targets)))


def main() -> int:
    mode, path = sys.argv[1], Path(sys.argv[2])
    data = json.loads(path.read_text())
    if mode == "cold":
        count = cold(data["urls"])
    else:
        count = asyncio.run(warm(list(zip(data["urls"], data["etags"], strict=True))))
    print(json.dumps({"count": count}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
