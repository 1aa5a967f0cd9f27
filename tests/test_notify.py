"""Notifications outside the app: [[notify]] blocks, delivery to local servers and
a test command, and every bad case bounded and reported without a secret."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from core.events import Notice
from core.library import Library, LibraryOptions
from core.notify import Notifier, accepted, alert_item, compose, quiet_wait
from ingest.config import ConfigError, parse_config
from ingest.config.model import NotifyConfig
from storage.records import Article
from tests.support.fault_server import FaultServer, hang, redirect
from tui.cli import main

FAST = (0.05, 0.05, 0.05)  # retry delays in tests
SECRET_PATH = "/hook/T0KEN-s3cret"
HOSTILE_TITLE = (
    "Leike $(touch pwned) `id`; rm -rf ~ | cat\nsecond line \x1b]52;c;ZXZpbA==\x07\x1b[31mred"
)

WATCH = """
[[people]]
name = "Jan Leike"

[[people]]
name = "Sam Altman"

[[companies]]
name = "OpenAI"
"""


def article(
    article_id: str = "a1",
    title: str = "Jan Leike leaves OpenAI",
    *,
    entity: str = "person:jan-leike",
    reason: str = "event",
    kind: str | None = "departure",
    link: str | None = "https://example.org/leike",
) -> tuple[Article, tuple[tuple[str, str, str], ...]]:
    events = ({"kind": kind, "entity_id": entity, "sentence": "He left."},) if kind else ()
    item = Article(
        id=article_id,
        feed_id="wire",
        identity=article_id,
        title=title,
        link=link,
        published=datetime(2026, 3, 9, tzinfo=UTC),
        first_seen=datetime(2026, 3, 9, tzinfo=UTC),
        entities=(entity,),
        events=events,
    )
    why = "Left: Jan Leike left OpenAI." if reason == "event" else "Leike"
    return item, ((entity, reason, why),)


def block(kind: str = "webhook", **changes) -> NotifyConfig:  # type: ignore[no-untyped-def]
    return replace(NotifyConfig(kind=kind, name="test", line=1, timeout=1), **changes)


def names(entity: str) -> str:
    return {"person:jan-leike": "Jan Leike", "person:sam-altman": "Sam Altman"}.get(entity, entity)


def notifier(*blocks: NotifyConfig, reports: list[str] | None = None, **options) -> Notifier:  # type: ignore[no-untyped-def]
    found = Notifier((reports if reports is not None else []).append, retry_delays=FAST, **options)
    found.configure(blocks, names, lambda a: "Wire")
    return found


async def settle(found: Notifier, seconds: float = 10.0) -> None:
    """Until every channel has sent what it holds (or given up)."""
    deadline = asyncio.get_running_loop().time() + seconds
    while any(c.pending or c._sending for c in found.channels):
        assert asyncio.get_running_loop().time() < deadline, "deliveries did not finish"
        await asyncio.sleep(0.02)


# --- feeds.toml ---------------------------------------------------------------------------


def test_notify_blocks_are_read_with_their_filters_and_limits() -> None:
    config = parse_config(
        (
            WATCH
            + """
[[notify]]
kind = "command"
command = ["notify-send", "--app-name=aiwire"]
entities = ["jan leike", "OpenAI"]
events = ["departure", "hire"]
batch = "5m"
rate_limit = "10/h"
quiet_hours = "22:00-07:00"

[[notify]]
kind = "webhook"
name = "team chat"
url_env = "AIWIRE_HOOK"
slack = true
alert = "events"

[[notify]]
kind = "ntfy"
url = "https://ntfy.sh/aiwire-test"
token_env = "NTFY_TOKEN"
timeout = "5s"
"""
        ).encode()
    )
    command, webhook, ntfy = config.notify
    assert command.command == ("notify-send", "--app-name=aiwire")
    assert command.entities == ("person:jan-leike", "company:openai")
    assert command.events == ("departure", "hire")
    assert (command.batch, command.rate_count, command.rate_period) == (300, 10, 3600)
    assert command.quiet_hours == (22 * 60, 7 * 60)
    assert command.name == "notify[1]"
    assert (webhook.name, webhook.url_env, webhook.slack, webhook.alert) == (
        "team chat", "AIWIRE_HOOK", True, "events",
    )  # fmt: skip
    assert (ntfy.url, ntfy.token_env, ntfy.timeout) == (
        "https://ntfy.sh/aiwire-test",
        "NTFY_TOKEN",
        5,
    )


BAD_BLOCKS = """
[[notify]]
command = ["x"]

[[notify]]
kind = "command"
command = "notify-send hello; rm -rf ~"

[[notify]]
kind = "webhook"
url = "https://example.org/hook"
url_env = "HOOK"

[[notify]]
kind = "ntfy"
url = "javascript:alert(1)"
slack = true

[[notify]]
kind = "webhook"
url_env = "not a name"
entities = ["Nobody Watched"]
events = ["promotion"]
rate_limit = "lots"
quiet_hours = "late"
colour = "red"
"""


def test_every_notify_mistake_is_named_and_check_reports_them(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError) as caught:
        parse_config((WATCH + BAD_BLOCKS).encode())
    problems = "\n".join(str(p) for p in caught.value.problems)
    for expected in (
        'notify[1].kind: must be one of "command", "webhook", "ntfy", got nothing',
        "notify[2].command: must be a list of arguments (never a shell line)",
        "notify[3].url: give either url or url_env",
        "notify[4].url: must be an http:// or https:// URL",
        'notify[4].slack: means nothing for kind = "ntfy"',
        "notify[5].url_env: must be the name of an environment variable",
        "notify[5].entities[1]: 'Nobody Watched' is not in [[people]] or [[companies]]",
        "notify[5].events[1]: 'promotion' is not an event kind",
        'notify[5].rate_limit: must be messages per period, like "10/h"',
        'notify[5].quiet_hours: must be local times like "22:00-07:00"',
        "notify[5].colour: unknown key in [[notify]]",
    ):
        assert expected in problems, (expected, problems)
    config = tmp_path / "feeds.toml"
    config.write_text(WATCH + BAD_BLOCKS)
    assert main(["--config", str(config), "check"]) == 1
    assert "notify[5].events[1]" in capsys.readouterr().out


# --- which alerts a block takes ---------------------------------------------------------------


def test_a_block_takes_the_alerts_it_asks_for() -> None:
    leike_left = article()
    altman_named = article(
        "a2", "Sam Altman speaks", entity="person:sam-altman", reason="title", kind=None
    )
    assert accepted(block(), *leike_left) and accepted(block(), *altman_named)
    only_leike = block(entities=("person:jan-leike",))
    assert accepted(only_leike, *leike_left) and not accepted(only_leike, *altman_named)
    departures = block(events=("departure",))
    assert accepted(departures, *leike_left) and not accepted(departures, *altman_named)
    assert not accepted(block(events=("funding",)), *leike_left)
    events_only = block(alert="events")
    assert accepted(events_only, *leike_left) and not accepted(events_only, *altman_named)


def test_the_message_is_one_line_fields_with_controls_removed() -> None:
    item = alert_item(
        *article(title=HOSTILE_TITLE, link="javascript:alert(1)"), names, lambda a: "Wire"
    )
    message = compose([item])
    assert "\x1b" not in message.summary + message.text and "\x07" not in message.text
    assert "\n" not in message.summary
    assert message.text.splitlines()[0].startswith(
        "• Leike $(touch pwned) `id`; rm -rf ~ | cat second line"
    )
    assert "javascript" not in message.text  # only http(s) links travel


def test_quiet_hours_across_midnight() -> None:
    quiet = (22 * 60, 7 * 60)
    assert quiet_wait(quiet, datetime(2026, 3, 9, 23, 0)) == 8 * 3600
    assert quiet_wait(quiet, datetime(2026, 3, 9, 6, 59)) == 60
    assert quiet_wait(quiet, datetime(2026, 3, 9, 12, 0)) == 0
    assert quiet_wait((9 * 60, 17 * 60), datetime(2026, 3, 9, 16, 30)) == 1800


# --- webhooks, ntfy ----------------------------------------------------------------------------


async def test_a_webhook_gets_json_from_a_url_held_in_the_environment(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request(SECRET_PATH, method="POST").respond_with_data("ok")
    monkeypatch.setenv("AIWIRE_TEST_HOOK", httpserver.url_for(SECRET_PATH))
    found = notifier(block(url_env="AIWIRE_TEST_HOOK"))
    found.submit(
        [article(), article("a2", "Second", entity="person:sam-altman", reason="title", kind=None)]
    )
    await settle(found)
    [(request, _)] = httpserver.log
    body = json.loads(request.get_data())
    assert [a["title"] for a in body["alerts"]] == ["Jan Leike leaves OpenAI", "Second"]
    assert body["alerts"][0]["events"] == ["departure"] and body["summary"].startswith(
        "aiwire: 2 alerts"
    )
    assert found.delivered == 1


async def test_a_slack_body_escapes_what_slack_reads_as_markup(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/slack", method="POST").respond_with_data("ok")
    found = notifier(block(url=httpserver.url_for("/slack"), slack=True))
    found.submit([article(title="<!channel> <https://evil.example|click> & more")])
    await settle(found)
    body = json.loads(httpserver.log[0][0].get_data())
    assert set(body) == {"text", "unfurl_links"}
    assert "&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; more" in body["text"]
    assert "<!channel>" not in body["text"]


async def test_ntfy_gets_the_text_a_title_and_the_token(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    httpserver.expect_request("/aiwire", method="POST").respond_with_data("ok")
    monkeypatch.setenv("AIWIRE_TEST_TOKEN", "tk_secret")
    found = notifier(
        block("ntfy", url=httpserver.url_for("/aiwire"), token_env="AIWIRE_TEST_TOKEN")
    )
    found.submit([article(title="Leike deixa a OpenAI — saída")])
    await settle(found)
    request = httpserver.log[0][0]
    assert request.headers["Authorization"] == "Bearer tk_secret"
    assert request.headers["Title"].startswith("=?UTF-8?B?")  # not ASCII: RFC 2047
    assert request.headers["Click"] == "https://example.org/leike"
    assert request.get_data().decode().startswith("• Leike deixa a OpenAI — saída")


async def test_a_webhook_answering_500_is_retried_then_reported_without_the_secret(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request(SECRET_PATH).respond_with_data("down", status=500)
    monkeypatch.setenv("AIWIRE_TEST_HOOK", httpserver.url_for(SECRET_PATH))
    monkeypatch.setenv("AIWIRE_TEST_TOKEN", "tk_secret")
    reports: list[str] = []
    found = notifier(
        block(url_env="AIWIRE_TEST_HOOK", token_env="AIWIRE_TEST_TOKEN"), reports=reports
    )
    caplog.set_level("DEBUG")
    # The CLI quiets httpx's own logger; a command run earlier in this process must
    # not hide the request line this test looks for.
    caplog.set_level("DEBUG", logger="httpx")
    found.submit([article()])
    await settle(found)
    assert len(httpserver.log) == 1 + len(FAST)
    [report] = reports
    assert "HTTP 500" in report and "1 alert not delivered" in report
    # aiwire's log (the test server's own request log aside) never holds it.
    logged = [r.getMessage() for r in caplog.records if not r.name.startswith("werkzeug")]
    assert any("HTTP Request: POST" in line for line in logged)  # httpx logged the request
    everything = report + "\n".join(logged)
    assert "T0KEN-s3cret" not in everything and "tk_secret" not in everything


async def test_a_hanging_webhook_is_bounded_and_does_not_hold_another(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_request("/fast", method="POST").respond_with_data("ok")
    reports: list[str] = []
    with FaultServer() as server:
        hanging = block(url=server.route("/hang", hang), name="slow")
        fast = block(url=httpserver.url_for("/fast"), name="fast")
        found = notifier(hanging, fast, reports=reports)
        found.submit([article()])
        # The fast block delivers while the other still waits for its server.
        for _ in range(200):
            if httpserver.log:
                break
            await asyncio.sleep(0.02)
        assert httpserver.log and found.channels[0]._sending is not None
        await settle(found, seconds=20)
    assert reports == [
        "Notification slow (webhook) failed: no answer within 1 s; 1 alert not delivered."
    ]


async def test_a_redirect_loop_is_not_followed() -> None:
    reports: list[str] = []
    with FaultServer() as server:
        url = server.route("/loop", redirect("/loop"))
        found = notifier(block(url=url), reports=reports)
        found.submit([article()])
        await settle(found)
    assert len(reports) == 1 and "HTTP 301; redirects are not followed" in reports[0]


async def test_a_missing_environment_variable_is_reported_by_name() -> None:
    reports: list[str] = []
    found = notifier(block(url_env="AIWIRE_NOT_SET_ANYWHERE"), reports=reports)
    found.submit([article()])
    await settle(found)
    assert "AIWIRE_NOT_SET_ANYWHERE is not set" in reports[0]


# --- commands -------------------------------------------------------------------------------------

RECORDER = """
import json, sys
data = sys.stdin.read()
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"argv": sys.argv[2:], "stdin": data}, out)
"""


async def test_a_command_gets_the_alert_as_arguments_and_stdin_never_through_a_shell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    script, record = tmp_path / "record.py", tmp_path / "record.json"
    script.write_text(RECORDER)
    found = notifier(block("command", command=(sys.executable, str(script), str(record))))
    found.submit([article(title=HOSTILE_TITLE)])
    await settle(found)
    received = json.loads(record.read_text())
    summary, text = received["argv"]
    assert summary == "aiwire: Leike $(touch pwned) `id`; rm -rf ~ | cat second line red"
    assert text == received["stdin"] and "\x1b" not in text and "\x07" not in text
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    assert found.delivered == 1


async def test_a_command_that_does_not_exist_is_reported_once() -> None:
    reports: list[str] = []
    found = notifier(block("command", command=("/nonexistent/aiwire-notify",)), reports=reports)
    found.submit([article()])
    await settle(found)
    assert reports == [
        "Notification test (command) failed: '/nonexistent/aiwire-notify' was not found; "
        "1 alert not delivered."
    ]


async def test_a_hanging_command_is_stopped_with_what_it_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "pids"
    # The program starts a child that would outlive it, then hangs.
    code = (
        "import os, subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
        f"open({str(pid_file)!r}, 'w').write(f'{{os.getpid()}} {{child.pid}}')\n"
        "time.sleep(600)\n"
    )
    reports: list[str] = []
    found = notifier(block("command", command=(sys.executable, "-c", code)), reports=reports)
    found.retry_delays = ()
    found.submit([article()])
    await settle(found)
    assert "no answer within 1 s" in reports[0]
    for pid in map(int, pid_file.read_text().split()):
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            await asyncio.sleep(0.02)
        else:
            pytest.fail(f"process {pid} outlived the timeout")


async def test_a_command_printing_megabytes_is_stopped() -> None:
    reports: list[str] = []
    flood = "import sys\nwhile True: sys.stdout.write('x' * 65536)\n"
    found = notifier(
        block("command", command=(sys.executable, "-c", flood), timeout=30), reports=reports
    )
    found.submit([article()])
    await settle(found, seconds=30)
    assert reports and "printed more than 64 KB; stopped" in reports[0]


async def test_a_failing_command_says_its_status_and_is_retried(tmp_path: Path) -> None:
    counter = tmp_path / "count"
    code = (
        f"open({str(counter)!r}, 'a').write('x'); import sys; "
        "sys.stderr.write('mail server down\\x1b[2J'); sys.exit(3)"
    )
    reports: list[str] = []
    found = notifier(block("command", command=(sys.executable, "-c", code)), reports=reports)
    found.submit([article()])
    await settle(found)
    assert counter.read_text() == "x" * (1 + len(FAST))
    assert "exited with status 3: mail server down" in reports[0] and "\x1b" not in reports[0]


# --- batching, rate limit, quiet hours ----------------------------------------------------------


async def test_alerts_within_the_batch_window_go_as_one_message(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    found = notifier(block(url=httpserver.url_for("/hook"), batch=1))
    found.submit([article("a1")])
    await asyncio.sleep(0.1)
    found.submit([article("a2", "Another")])
    assert not httpserver.log
    await settle(found)
    [(request, _)] = httpserver.log
    assert len(json.loads(request.get_data())["alerts"]) == 2


async def test_the_rate_limit_holds_the_next_message(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    found = notifier(block(url=httpserver.url_for("/hook"), rate_count=1, rate_period=3600))
    found.submit([article("a1")])
    await settle(found)
    found.submit([article("a2", "Another")])
    await asyncio.sleep(0.2)
    assert len(httpserver.log) == 1
    [channel] = found.channels
    assert len(channel.pending) == 1 and channel.wait() > 3500
    await found.aclose()


async def test_quiet_hours_hold_alerts(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    night = notifier(
        block(url=httpserver.url_for("/hook"), quiet_hours=(22 * 60, 7 * 60)),
        local_now=lambda: datetime(2026, 3, 9, 23, 30),
    )
    night.submit([article()])
    await asyncio.sleep(0.2)
    assert not httpserver.log and night.channels[0].wait() > 7 * 3600
    await night.aclose()
    day = notifier(
        block(url=httpserver.url_for("/hook"), quiet_hours=(22 * 60, 7 * 60)),
        local_now=lambda: datetime(2026, 3, 9, 12, 0),
    )
    day.submit([article()])
    await settle(day)
    assert len(httpserver.log) == 1


# --- the library ---------------------------------------------------------------------------


async def test_the_library_hands_its_bursts_to_the_notifier_and_reports_failures(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/ok", method="POST").respond_with_data("ok")
    httpserver.expect_request("/broken", method="POST").respond_with_data("no", status=404)
    config_text = (
        WATCH
        + f"""
[[notify]]
kind = "webhook"
url = "{httpserver.url_for("/ok")}"

[[notify]]
kind = "webhook"
name = "broken"
url = "{httpserver.url_for("/broken")}"
"""
    )
    events: list[object] = []
    library = Library(
        LibraryOptions(config_path=tmp_path / "feeds.toml", data_dir=tmp_path, seeds_dir=tmp_path),
        events.append,
    )
    library.apply_config(parse_config(config_text.encode(), tmp_path / "feeds.toml"))
    library._announce([article()])
    await settle(library.notifier)
    assert [r.path for r, _ in httpserver.log] == ["/ok", "/broken"] or sorted(
        r.path for r, _ in httpserver.log
    ) == ["/broken", "/ok"]
    notices = [e for e in events if isinstance(e, Notice)]
    assert len(notices) == 1 and "broken (webhook) failed: answered HTTP 404" in notices[0].text
    await library.notifier.aclose()


def test_check_counts_the_notify_blocks(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "feeds.toml"
    config.write_text(WATCH + '\n[[notify]]\nkind = "ntfy"\nurl = "https://ntfy.sh/t"\n')
    assert main(["--config", str(config), "check"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("2 people, 1 company, 1 notification")


async def test_a_command_that_fills_its_pipe_then_waits_is_stopped_and_reaped() -> None:
    # A megabyte at once fills the pipe and the buffer behind it; the program is
    # stopped at the cap and collected, not left until the delivery's timeout.
    reports: list[str] = []
    burst = "import sys, time\nsys.stdout.write('x' * 2**20)\nsys.stdout.flush()\ntime.sleep(600)\n"
    found = notifier(
        block("command", command=(sys.executable, "-c", burst), timeout=30), reports=reports
    )
    found.submit([article()])
    await settle(found, seconds=20)
    assert reports and "printed more than 64 KB; stopped" in reports[0]
