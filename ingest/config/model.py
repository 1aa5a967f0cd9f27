"""What a valid feeds.toml means: the records, the limits and the keys each table takes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# A key's place in the file: ("sources", 2, "url"), array indexes counting from 0.
KeyPath = tuple[str | int, ...]

MAX_FILE_BYTES = 10 * 1024 * 1024
MIN_INTERVAL = 60
MAX_INTERVAL = 7 * 24 * 3600
MAX_URL_LENGTH = 2000
MAX_NAME_LENGTH = 200
MAX_TAG_LENGTH = 40
MAX_NOTE_LENGTH = 2000
# Retention: at least a day (a shorter `keep` is a typo for minutes or hours),
# at most a century; max_articles up to a billion.
MIN_KEEP = 86400
MAX_KEEP = 36500 * 86400
MAX_ARTICLES = 10**9
# The seed articles are stored under this feed id (storage.records.SEED_FEED_ID);
# a source must not claim it or its articles would mix with the seeds.
RESERVED_IDS = frozenset({"seeds"})
DEFAULT_CONFIG_NAME = "feeds.toml"

TOP_LEVEL = ("settings", "sources", "people", "companies", "keymap", "notify", "searches")
SETTINGS_KEYS = (
    "default_interval",
    "concurrency",
    "per_host",
    "timeout",
    "max_feed_size",
    "bell",
    "theme",
    "keymap",
    "keep",
    "max_articles",
    "browser",
    "save_dir",
)
SOURCE_KEYS = (
    "id",
    "name",
    "url",
    "interval",
    "tags",
    "enabled",
    "keep",
    "max_articles",
    "full_text",
)
ENTITY_KEYS = ("name", "aliases", "affiliation", "note", "alert")
SEARCH_KEYS = ("name", "query")
MAX_QUERY_LENGTH = 500
# When an article alerts for an entity (see watchlist.alerts).
ALERT_MODES = ("events", "headline", "any", "off")
ENTITY_KINDS = {"people": "person", "companies": "company"}


@dataclass(frozen=True, slots=True)
class SourceConfig:
    id: str  # explicit `id`, else derive_feed_id(url): stable across renames and reordering
    name: str
    url: str
    interval: int  # seconds
    tags: tuple[str, ...]
    enabled: bool
    line: int  # line of the [[sources]] header (or inline entry), for messages
    keep: int | None = None  # seconds an article is kept; None: the [settings] value
    max_articles: int | None = None  # the newest this many are kept; None: no limit
    full_text: bool = False  # fetch each new article's page for its whole text
    # False when feeds.toml gave no `name`: `name` is then host + path, and
    # the feed's own title (once polled) names it on screen.
    named: bool = True


@dataclass(frozen=True, slots=True)
class EntityConfig:
    kind: str  # "person" | "company"
    name: str
    aliases: tuple[str, ...]
    affiliation: str | None
    note: str | None
    line: int
    alert: str = "headline"


@dataclass(frozen=True, slots=True)
class NotifyConfig:
    """One [[notify]] block: where alerts go outside the app, and which (see core.notify)."""

    kind: str  # "command" | "webhook" | "ntfy"
    name: str  # for messages: the block's `name`, else "notify[N]"
    line: int
    command: tuple[str, ...] = ()  # argv, never run through a shell
    url: str | None = None  # given in the file
    url_env: str | None = None  # or read from this environment variable (a secret)
    token_env: str | None = None  # a bearer token, from this environment variable
    slack: bool = False  # a Slack-compatible body ({"text": ...})
    entities: tuple[str, ...] = ()  # entity ids; empty: every watched one
    events: tuple[str, ...] = ()  # event kinds; empty: any alert, event or not
    alert: str = "any"  # which alert reasons pass (core.alerts.REASONS_BY_MODE)
    batch: int = 0  # seconds alerts are gathered into one message
    rate_count: int = 20  # at most this many messages ...
    rate_period: int = 3600  # ... per this many seconds
    quiet_hours: tuple[int, int] | None = None  # (start, end) minutes after local midnight
    timeout: int = 10  # seconds per delivery attempt


@dataclass(frozen=True, slots=True)
class SearchConfig:
    """One [[searches]] block: a query shown in the feeds panel like a feed."""

    name: str
    query: str  # in the search box's language (storage.search_query)
    line: int


@dataclass(frozen=True, slots=True)
class Settings:
    default_interval: int = 1800  # seconds
    concurrency: int = 8
    per_host: int = 2
    timeout: int = 30  # overall per-fetch deadline, seconds
    max_feed_size: int = 15 * 1024 * 1024
    bell: bool = False  # terminal bell on watchlist alerts
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> keys
    keep: int | None = None  # retention: seconds an article is kept; None: for ever
    max_articles: int | None = None  # retention: the newest this many in the archive
    browser: str | None = None  # command line for links, %u for the URL; None: $BROWSER
    save_dir: Path | None = None  # where `S` saves articles; None: the data home's


@dataclass(frozen=True, slots=True)
class Config:
    path: Path | None
    settings: Settings
    sources: tuple[SourceConfig, ...]
    people: tuple[EntityConfig, ...]
    companies: tuple[EntityConfig, ...]
    notify: tuple[NotifyConfig, ...] = ()
    searches: tuple[SearchConfig, ...] = ()


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    line: int | None
    column: int | None
    key: str | None
    message: str
    file: str = DEFAULT_CONFIG_NAME  # as shown to the user; the path they gave

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.key:
            return f"{where}: {self.key}: {self.message}"
        return f"{where}: {self.message}"


class ConfigError(Exception):
    """Every problem found in the file, in file order (not just the first)."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems
