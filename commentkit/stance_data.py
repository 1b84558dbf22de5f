"""Labelled stance data: the shared JSONL schema, or CSV with a column mapping.

JSONL: one object per line with ``text`` and ``label`` and optionally ``source`` (the article),
``parent``, ``depth``, ``id``, ``meta`` (the schema of the shared stance sets and of
``commentkit label`` output). CSV: a header row; ``columns`` maps record fields to CSV columns,
e.g. ``{"text": "body", "label": "stance", "source": "headline"}``; unmapped fields use their
own names when the CSV has such a column.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable, Optional

from commentkit.errors import DataError

FIELDS = ("id", "text", "label", "source", "parent", "depth", "numeric_agree", "numeric_contradict")
REQUIRED = ("text", "label")


def parse_columns(spec: Optional[str]) -> dict:
    """``"text=body,label=stance"`` -> ``{"text": "body", "label": "stance"}``."""
    if not spec:
        return {}
    mapping = {}
    for part in spec.split(","):
        field, sep, column = part.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not field or not column:
            raise DataError(f"--columns wants FIELD=COLUMN pairs separated by commas, got {part!r}")
        if field not in FIELDS:
            raise DataError(f"--columns: unknown field {field!r} (known: {', '.join(FIELDS)})")
        mapping[field] = column
    return mapping


def load_records(paths: Iterable, columns: Optional[dict] = None, require_label: bool = True) -> list[dict]:
    """Records from every file in ``paths`` (JSONL, or CSV by its ``.csv``/``.tsv`` suffix)."""
    records: list[dict] = []
    for path in map(Path, paths):
        if not path.is_file():
            raise DataError(f"{path}: no such file")
        if path.suffix.lower() in (".csv", ".tsv"):
            records.extend(_read_csv(path, columns or {}, require_label))
        else:
            records.extend(_read_jsonl(path, columns or {}, require_label))
    if not records:
        raise DataError(f"no records in {', '.join(map(str, paths))}")
    return records


def _read_jsonl(path: Path, columns: dict, require_label: bool) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{number}: not JSON ({exc.msg})") from exc
            if not isinstance(row, dict):
                raise DataError(f"{path}:{number}: expected a JSON object, got {type(row).__name__}")
            records.append(_record(row, columns, require_label, f"{path}:{number}"))
    return records


def _read_csv(path: Path, columns: dict, require_label: bool) -> list[dict]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        header = reader.fieldnames or []
        missing = [c for c in columns.values() if c not in header]
        if missing:
            raise DataError(f"{path}: no column {', '.join(map(repr, missing))} (columns: {', '.join(header)})")
        return [_record(row, columns, require_label, f"{path}:{n}") for n, row in enumerate(reader, 2)]


def _record(row: dict, columns: dict, require_label: bool, where: str) -> dict:
    def column(field):
        return columns.get(field, field)

    needed = [f for f in REQUIRED if require_label or f != "label"]
    absent = [f for f in needed if column(f) not in row]
    if absent:
        mapped = ", ".join(f"{f} (column {column(f)!r})" for f in absent)
        raise DataError(f"{where}: missing {mapped}; fields present: {', '.join(map(str, row)) or 'none'}"
                        " — map them with --columns FIELD=COLUMN")
    record = {f: row.get(column(f)) for f in FIELDS if column(f) in row}
    record["text"] = "" if record.get("text") is None else str(record["text"])
    for key in ("source", "parent"):
        if record.get(key) is not None:
            record[key] = str(record[key]) or None
    if record.get("depth") in (None, ""):
        record["depth"] = 1 if record.get("parent") else 0
    try:
        record["depth"] = int(record["depth"])
    except (TypeError, ValueError) as exc:
        raise DataError(f"{where}: depth {record['depth']!r} is not a whole number") from exc
    if "label" in record and record["label"] is not None:
        record["label"] = str(record["label"]).strip()
    if isinstance(row.get("meta"), dict):
        record["meta"] = row["meta"]
    return record


def labels_of(records: list[dict], where: str = "data") -> list[str]:
    """The labels of labelled records; a DataError names the first record without one."""
    labels = []
    for i, record in enumerate(records):
        label = record.get("label")
        if label in (None, ""):
            raise DataError(f"{where}: record {record.get('id', i + 1)} has no label")
        labels.append(label)
    return labels
