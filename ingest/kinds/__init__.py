"""Source kinds: one module per feed format, listed in ingest.kinds.registry."""
