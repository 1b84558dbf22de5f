"""Reading the inputs of ``commentkit claims``: a plain text, or JSONL of {"id", "text"} records."""
from __future__ import annotations

import json
import sys
from typing import Iterator

from commentkit.errors import DataError


def _open(source: str):
    if source == "-":
        return sys.stdin
    try:
        return open(source, encoding="utf-8", errors="strict")
    except OSError as exc:
        raise DataError(f"{source}: {exc.strerror or exc}") from exc


def read_text(source: str) -> str:
    """The whole text of a UTF-8 file (or standard input for '-')."""
    handle = _open(source)
    try:
        return handle.read()
    except UnicodeDecodeError as exc:
        raise DataError(f"{source}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    finally:
        if handle is not sys.stdin:
            handle.close()


def read_jsonl_texts(source: str) -> Iterator[tuple[object, str]]:
    """(id, text) per non-blank line; a bad line stops with a DataError naming file and line."""
    handle = _open(source)
    name = "<stdin>" if source == "-" else source
    try:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{name}:{number}: not JSON ({exc.msg})") from exc
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise DataError(f'{name}:{number}: expected an object with a string "text"')
            yield record.get("id", number), record["text"]
    except UnicodeDecodeError as exc:
        raise DataError(f"{name}: not UTF-8 text ({exc.reason})") from exc
    finally:
        if handle is not sys.stdin:
            handle.close()
