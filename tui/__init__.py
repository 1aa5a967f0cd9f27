"""The dashboard and the `aiwire` command."""

# First, before anything else is imported: see ingest/import_path.py.
from ingest.import_path import protect_import_path

protect_import_path()
