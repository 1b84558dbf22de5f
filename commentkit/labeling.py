"""Interactive labelling: the comments the model is least sure about come first.

Each answer is appended to a JSONL file at once (the shared stance schema, so ``train`` reads it);
undo truncates the file back to where it was before the last label. Keys come from a
``read_key`` callable and text goes to a ``show`` callable, so the session is testable and only
``cli.py`` touches the terminal.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

import numpy as np

from commentkit.errors import CommentkitError, DataError
from commentkit.nlp.stance_predictor import StancePredictor, thread_records

SKIP, UNDO, QUIT = "n", "u", "x"


@dataclass
class Item:
    record: dict
    guess: str
    scores: dict
    certainty: float


@dataclass
class SessionResult:
    labelled: int = 0
    skipped: int = 0
    remaining: int = 0
    errors: list = field(default_factory=list)


def key_map(labels: Iterable[str]) -> dict:
    """One key per label: its first free letter (s/d/q/c for SDQC); control keys excluded."""
    keys: dict[str, str] = {}
    for label in labels:
        key = next((ch for ch in label.lower() if ch.isalnum() and ch not in keys and ch not in (SKIP, UNDO, QUIT)), None)
        if key is None:
            raise DataError(f"no free key for label {label!r}")
        keys[key] = label
    return keys


def collect_items(paths: Iterable, model: StancePredictor, done_ids: set) -> tuple[list[Item], list[str]]:
    """Every comment of every discussion under ``paths`` not yet labelled, least certain first."""
    from commentkit.analyze import iter_files
    from commentkit.ingest import read_threads
    from commentkit.model import FileError

    records, errors = [], []
    for item in iter_files(paths):
        if isinstance(item, FileError):
            errors.append(str(item))
            continue
        try:
            threads = read_threads(item)
        except CommentkitError as exc:
            errors.append(str(exc))
            continue
        for thread in threads:
            for record in thread_records(thread, []):
                record["id"] = f"{thread.id}/{record['id']}"
                record["meta"] = {"file": str(item), "thread": thread.id, "title": thread.title}
                if record["id"] not in done_ids and record["text"].strip():
                    records.append(record)
    if not records:
        return [], errors
    proba = model.predict_proba(records)
    classes = [str(c) for c in model.classes_]
    items = []
    for record, row in zip(records, proba):
        top = np.sort(row)[::-1]
        margin = float(top[0] - top[1]) if len(top) > 1 else float(top[0])
        items.append(Item(record, classes[int(row.argmax())], dict(zip(classes, map(float, row))), margin))
    items.sort(key=lambda it: it.certainty)  # stable: ties keep corpus order
    return items, errors


def labelled_ids(path: Path) -> set:
    """Ids already in the output file, so a session resumes where the last one stopped."""
    if not path.exists():
        return set()
    ids = set()
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    ids.add(json.loads(line).get("id"))
                except (json.JSONDecodeError, AttributeError) as exc:
                    raise DataError(f"{path}:{number}: not a label record ({exc})") from exc
    return ids


def run_session(items: list[Item], out: Path, labels: list[str], read_key: Callable[[], str],
                show: Callable[[str], None], limit: Optional[int] = None) -> SessionResult:
    """Ask for one key per item; append labels to ``out``; s/d/q/c label, n skip, u undo, x quit."""
    keys = key_map(labels)
    result = SessionResult()
    history: list[tuple[int, Optional[int]]] = []  # (item index, file size before its label or None if skipped)
    i = 0
    show(_help(keys))
    while i < len(items) and (limit is None or result.labelled < limit):
        item = items[i]
        show(_describe(item, i, len(items)))
        key = (read_key() or "").lower()
        if key == QUIT or key in ("\x03", "\x04"):  # x, Ctrl-C, Ctrl-D
            break
        if key == UNDO:
            if not history:
                show("nothing to undo")
                continue
            i, size = history.pop()
            if size is None:
                result.skipped -= 1
            else:
                with open(out, "r+b") as handle:
                    handle.truncate(size)
                result.labelled -= 1
            show("undone")
            continue
        if key == SKIP:
            history.append((i, None))
            result.skipped += 1
            i += 1
            continue
        if key not in keys:
            show(f"unknown key {key!r}; " + _help(keys))
            continue
        size = out.stat().st_size if out.exists() else 0
        _append(out, {**item.record, "label": keys[key],
                      "meta": {**item.record.get("meta", {}), "model_guess": item.guess,
                               "model_scores": {k: round(v, 4) for k, v in item.scores.items()}}})
        history.append((i, size))
        result.labelled += 1
        i += 1
    result.remaining = len(items) - i
    return result


def _append(out: Path, record: dict) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _help(keys: dict) -> str:
    choices = "  ".join(f"[{k}] {label}" for k, label in keys.items())
    return f"{choices}  [{SKIP}] skip  [{UNDO}] undo  [{QUIT}] quit"


def _describe(item: Item, index: int, total: int) -> str:
    record = item.record
    lines = [f"--- {index + 1}/{total}  {record['meta'].get('title') or record['meta'].get('thread')}"]
    if record.get("parent"):
        lines.append(f"  in reply to: {_clip(record['parent'], 200)}")
    lines.append(f"  {_clip(record['text'], 1200)}")
    guess = ", ".join(f"{k} {v:.2f}" for k, v in sorted(item.scores.items(), key=lambda kv: -kv[1]))
    lines.append(f"  model: {guess}")
    return "\n".join(lines)


def _clip(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
