"""Format module for JSON Lines comment tables (see ``table``)."""
from commentkit.ingest.table import parse_jsonl as parse, sniff_jsonl as sniff  # noqa: F401
