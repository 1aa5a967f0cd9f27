"""Worker processes start on first use, even under Textual's stand-in stderr.

Textual replaces sys.stderr with an object whose fileno() is no descriptor;
multiprocessing hands that number to the helper processes it starts and
fails ("bad value(s) in fds_to_keep"). Since the pools start their workers
lazily, that first start can happen inside the app: each case runs in a fresh
interpreter, where no helper process has been started yet.
"""

from __future__ import annotations

from tests.support.python import run_python

TEXTUAL_LIKE_STDERR = """
import asyncio, io, sys
from datetime import UTC, datetime

class NoDescriptor(io.StringIO):
    def fileno(self) -> int:
        return -1  # what Textual's capture gives multiprocessing

sys.stderr = NoDescriptor()
"""

ENRICH = """
from ingest.config import EntityConfig
from ingest.enrichment import EnrichmentService
from storage.records import NewArticle

openai = EntityConfig("company", "OpenAI", (), None, None, 1)
service = EnrichmentService(None, [openai])  # enrich_new never touches the store
assert not service.started
item = NewArticle("feed", "g1", "OpenAI ships a model", None, None, "OpenAI said so.")
[done] = asyncio.run(service.enrich_new([item]))
service.close()
print(done.enriched == service.signature, done.language)
"""

PARSE = """
from ingest.parse import ParserPool

FEED = b'<rss version="2.0"><channel><item><title>One</title></item></channel></rss>'
NOW = datetime.now(UTC)

async def main() -> str:
    async with ParserPool(workers=1) as pool:
        assert not pool.started
        parsed = await pool.parse("feed", FEED, headers={}, url="https://x.org/", now=NOW)
        return f"{parsed.error} {[item.title for item in parsed.items]}"

print(asyncio.run(main()))
"""

# Started ahead of the first parse (a poll does so while a new feed is fetched).
WARM_UP = PARSE.replace(
    "        assert not pool.started\n",
    "        pool.warm_up()\n        assert pool.started\n        await asyncio.sleep(0)\n",
)


def run(script: str) -> str:
    done = run_python("-c", TEXTUAL_LIKE_STDERR + script)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_enrichment_worker_starts_with_its_first_batch_under_textual() -> None:
    assert run(ENRICH) == "True en"


def test_the_parser_workers_start_with_the_first_parse_under_textual() -> None:
    assert run(PARSE) == "None ['One']"


def test_the_parser_workers_start_ahead_of_the_first_parse_under_textual() -> None:
    assert "pool.warm_up()" in WARM_UP
    assert run(WARM_UP) == "None ['One']"


WORKER_NICENESS = """
import os
from ingest.config import EntityConfig
from ingest.enrichment import EnrichmentService
from storage.records import NewArticle

service = EnrichmentService(None, [EntityConfig("company", "OpenAI", (), None, None, 1)])
asyncio.run(service.enrich_new([NewArticle("feed", "g1", "OpenAI", None, None, "OpenAI.")]))
[worker] = service._executor._processes.values()
print(os.getpriority(os.PRIO_PROCESS, worker.pid) - os.getpriority(os.PRIO_PROCESS, 0))
service.close()
"""


def test_the_enrichment_worker_runs_at_a_lower_cpu_priority_than_the_app() -> None:
    # The dashboard's event loop must win the CPU over background tagging.
    assert int(run(WORKER_NICENESS)) >= 5


def test_a_one_shot_fetchs_enrichment_worker_keeps_the_cpu_priority_of_the_command() -> None:
    script = WORKER_NICENESS.replace("[EntityConfig", "background=False, entities=[EntityConfig")
    assert int(run(script)) == 0


PARSER_NICENESS = """
import os

async def main() -> int:
    async with ParserPool(workers=1, background=BACKGROUND) as pool:
        await pool.parse("feed", FEED, headers={}, url="https://x.org/", now=NOW)
        [worker] = pool._executor._processes.values()
        return os.getpriority(os.PRIO_PROCESS, worker.pid) - os.getpriority(os.PRIO_PROCESS, 0)

print(asyncio.run(main()))
"""


def test_the_parser_workers_run_at_a_lower_cpu_priority_than_the_app() -> None:
    script = PARSE.split("async def main")[0] + "BACKGROUND = True\n" + PARSER_NICENESS
    assert int(run(script)) >= 5


def test_a_one_shot_fetchs_parser_workers_keep_the_cpu_priority_of_the_command() -> None:
    """`aiwire fetch` is waited for: on a busy machine its parsing must not queue
    behind everyone else's work."""
    script = PARSE.split("async def main")[0] + "BACKGROUND = False\n" + PARSER_NICENESS
    assert int(run(script)) == 0


STARTING_THREADS = """
import multiprocessing.process, threading

starters = []
original_start = multiprocessing.process.BaseProcess.start

def start(process):
    starters.append(threading.current_thread() is threading.main_thread())
    original_start(process)

multiprocessing.process.BaseProcess.start = start

async def main() -> str:
    async with ParserPool(workers=2) as pool:
        await asyncio.gather(*(
            pool.parse(f"feed{n}", FEED, headers={}, url="https://x.org/", now=NOW)
            for n in range(6)
        ))
        workers = len(pool._executor._processes)
    return f"{workers} workers, started on the loop's thread: {starters.count(True)}"

print(asyncio.run(main()))
"""


def test_the_parser_workers_are_started_off_the_event_loops_thread() -> None:
    # Starting a worker waits for the fork server's answer: 70-100 ms of a
    # frozen dashboard when done on its event loop, as a poll begins.
    assert run(PARSE.split("async def main")[0] + STARTING_THREADS) == (
        "2 workers, started on the loop's thread: 0"
    )


START_SOON = """
from ingest.config import EntityConfig
from ingest.enrichment import EnrichmentService
from storage.records import NewArticle

async def main() -> str:
    service = EnrichmentService(None, [EntityConfig("company", "OpenAI", (), None, None, 1)])
    service.start_soon()  # as a feed's body goes to be parsed
    assert service.started
    await service._starting
    [worker] = service._executor._processes.values()
    service.start_soon()  # later bodies start nothing more
    [done] = await service.enrich_new([NewArticle("feed", "g1", "OpenAI ships", None, None, "x")])
    [same] = service._executor._processes.values()
    service.close()
    return f"{worker.pid == same.pid} {done.enriched == service.signature}"

print(asyncio.run(main()))
"""


def test_the_enrichment_worker_can_start_before_its_first_batch_under_textual() -> None:
    assert run(START_SOON) == "True True"


FIRST_BATCH_PLAIN = """
from ingest.config import EntityConfig
from ingest.enrichment import EnrichmentService
from storage.records import NewArticle

async def main() -> str:
    openai = EntityConfig("company", "OpenAI", (), None, None, 1)
    service = EnrichmentService(None, [openai], first_batch_plain=True)
    item = NewArticle("feed", "g1", "OpenAI ships a model", None, None, "OpenAI said so.")
    [first] = await service.enrich_new([item])  # no worker yet: back as it came, one starts
    starting = (first is item, service.started, service.ready)
    [later] = await service.enrich_new([item])  # only the first: this one waits for the worker
    ready = service.ready
    service.close()
    return f"{starting} {ready} {later.enriched == service.signature} {later.entities}"

print(asyncio.run(main()))
"""


def test_a_view_gets_the_first_new_items_plain_while_the_enrichment_worker_starts() -> None:
    # The dashboard shows a poll's first items at once rather than after the
    # worker's start-up; they are enriched once stored. Later ones wait for it.
    assert run(FIRST_BATCH_PLAIN) == "(True, True, False) True True ('company:openai',)"


PRELOADED = """
from concurrent.futures import ProcessPoolExecutor
from ingest.config import EntityConfig
from ingest.enrichment import EnrichmentService
from ingest.processes import fork_server_context, start_process_helpers

EnrichmentService(None, [EntityConfig("company", "OpenAI", (), None, None, 1)])
start_process_helpers()  # as the app does: the fork server starts now
CHECK = "[m in __import__('sys').modules for m in ('feedparser', 'watchlist.enrich')]"
with ProcessPoolExecutor(1, mp_context=fork_server_context()) as pool:
    print(pool.submit(eval, CHECK).result())
"""


def test_workers_start_with_the_parsers_loaded_and_not_the_watchlist_under_textual() -> None:
    # The parsers are loaded by the fork server as the app starts, not by each
    # worker while a poll's first items wait for it. The watchlist (and the
    # language detector) is not: no worker forks before the fork server has
    # imported everything it preloads, and a parser must not wait for those.
    assert run(PRELOADED) == "[True, False]"


HELPERS_NICENESS = """
import os
from multiprocessing import forkserver, resource_tracker
from ingest.config import EntityConfig
from ingest.enrichment import EnrichmentService
from ingest.processes import background_niceness, start_process_helpers
from storage.records import NewArticle

def niceness(pid: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, pid)

start_process_helpers()  # as the dashboard does, while it draws its first frames
found = [niceness(forkserver._forkserver._forkserver_pid)]
found.append(niceness(resource_tracker._resource_tracker._pid))

async def main() -> None:
    async with ParserPool(workers=1) as pool:
        await pool.parse("feed", FEED, headers={}, url="https://x.org/", now=NOW)
        [worker] = pool._executor._processes.values()
        found.append(niceness(worker.pid))
    service = EnrichmentService(None, [EntityConfig("company", "OpenAI", (), None, None, 1)])
    await service.enrich_new([NewArticle("feed", "g1", "OpenAI", None, None, "OpenAI.")])
    [worker] = service._executor._processes.values()
    found.append(niceness(worker.pid))
    service.close()

asyncio.run(main())
print(niceness(0), background_niceness(), found)
"""


def test_the_tracker_and_the_workers_run_behind_the_app_at_one_priority() -> None:
    # The tracker starts as the dashboard draws its first frames: behind it.
    # The fork server keeps the app's priority (the first parse waits for its
    # imports). Each worker lowers itself to the parent's niceness plus one
    # step, never a step on top of a server's own, which would leave it
    # behind every other program on the machine.
    script = PARSE.split("async def main")[0] + HELPERS_NICENESS
    own, background, found = run(script).split(" ", 2)
    assert int(background) == min(int(own) + 10, 19) > int(own)
    assert found == str([int(own)] + [int(background)] * 3)
