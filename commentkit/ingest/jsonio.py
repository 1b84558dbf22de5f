"""JSON loading shared by the JSON readers: one-line errors with line and column."""
from __future__ import annotations

import json
from pathlib import Path

from commentkit.errors import IngestError
from commentkit.ingest.textio import read_text


def load_json(path: Path, what: str):
    text = read_text(path)
    if not text.strip():
        raise IngestError(path, f"{what}: file is empty")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(path, f"{what}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise IngestError(path, f"{what}: JSON nested too deeply") from None


def as_text(value) -> str:
    return "" if value is None else str(value)
