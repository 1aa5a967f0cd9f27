"""feeds.toml: the user's sources, watchlists and settings, validated with care.

The file is the user's interface: people edit it by hand, often while the app
runs. So a mistake must produce one clear message that names the line and the
key, and every mistake in the file is reported at once (fix-rerun-fix loops are
the worst part of hand-edited configuration).

One job per module:
- model: the records (Config, Settings, SourceConfig, EntityConfig), the
  limits and ConfigProblem/ConfigError.
- units: durations and sizes ("15m", "15MB") and their human form.
- ids: feed ids derived from URLs.
- display: how messages show key paths and values.
- locator: the line of every key in a TOML text (tomllib gives none).
- syntax: tomllib's syntax errors in plain words.
- checker, validate, validate_sources, validate_entities: validation.
- load: reading a file with a size limit; parse_config and load_config.
- watch: ConfigWatcher, which notices edits while the app runs.

Decisions worth knowing:
- A source without `name` is named after its URL's host ("www." dropped).
- A source's id is its explicit `id`, else derived from the normalised URL
  (see derive_feed_id), so renaming or reordering sources keeps their history.
- URLs that differ only in http/https, a leading "www.", a trailing slash or a
  #fragment are the same feed (duplicates, same derived id).
- Entry indexes in messages count from 1 ("sources[3]" is the third
  [[sources]] entry), because they are read by people, not programs.
"""

from ingest.config.ids import derive_feed_id, normal_url
from ingest.config.load import load_config, parse_config
from ingest.config.model import (
    MAX_FILE_BYTES,
    MAX_INTERVAL,
    MAX_NAME_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_TAG_LENGTH,
    MAX_URL_LENGTH,
    MIN_INTERVAL,
    Config,
    ConfigError,
    ConfigProblem,
    EntityConfig,
    Settings,
    SourceConfig,
)
from ingest.config.units import parse_interval
from ingest.config.watch import ConfigWatcher

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_INTERVAL",
    "MAX_NAME_LENGTH",
    "MAX_NOTE_LENGTH",
    "MAX_TAG_LENGTH",
    "MAX_URL_LENGTH",
    "MIN_INTERVAL",
    "Config",
    "ConfigError",
    "ConfigProblem",
    "ConfigWatcher",
    "EntityConfig",
    "Settings",
    "SourceConfig",
    "derive_feed_id",
    "load_config",
    "normal_url",
    "parse_config",
    "parse_interval",
]
