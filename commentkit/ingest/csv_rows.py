"""Format module for CSV/TSV comment tables (see ``table``)."""
from commentkit.ingest.table import parse_csv as parse, sniff_csv as sniff  # noqa: F401
