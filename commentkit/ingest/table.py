"""Comments as rows: CSV/TSV files and JSON Lines, one comment per row.

Columns are found by their usual names (``id``, ``parent_id``, ``author``, ``text``...) or named
with the ``columns`` option: ``{"text": "body", "parent": "reply_to"}`` or the command-line form
``"text=body,parent=reply_to"``. Rows with a ``thread`` column become one Thread per value; a
row whose ``type`` is article/story/submission is that thread's article. Deleted rows
("[deleted]", "[removed]", empty text) are skipped with a count.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Optional, Union

from commentkit.errors import IngestError
from commentkit.ingest.dates import parse_date
from commentkit.ingest.textio import read_text, tidy
from commentkit.ingest.tree import assign_depths, drop_posts
from commentkit.model import Post, Thread

FIELDS = ("id", "parent", "author", "text", "time", "thread", "title", "type", "url")
_ALIASES = {
    "id": ("id", "comment_id", "commentid", "post_id", "message_id", "name"),
    "parent": ("parent", "parent_id", "parentid", "in_reply_to", "reply_to", "replyto", "parent_comment_id"),
    "author": ("author", "user", "username", "user_name", "by", "screen_name", "commenter", "author_name"),
    "text": ("text", "body", "comment", "comment_text", "message", "content", "comment_body"),
    "time": ("time", "date", "created", "created_at", "created_utc", "timestamp", "published", "posted", "posted_at"),
    "thread": ("thread", "thread_id", "article_id", "story_id", "link_id", "submission_id", "article", "url"),
    "title": ("title", "thread_title", "article_title"),
    "type": ("type", "kind", "item_type"),
    "url": ("url", "link", "permalink"),
}
_ARTICLE_TYPES = ("article", "story", "submission", "post", "t3")
_GONE = ("[deleted]", "[removed]")


def sniff_csv(head: bytes, path: Path) -> bool:
    if Path(path).suffix.lower() in (".csv", ".tsv"):
        return True
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"<", b"{", b"["):
        return False
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").lower()
    names = {n.strip().strip('"') for n in first.replace("\t", ",").replace(";", ",").split(",")}
    return len(names) >= 2 and bool(names & set(_ALIASES["text"]))


def sniff_jsonl(head: bytes, path: Path) -> bool:
    if Path(path).suffix.lower() in (".jsonl", ".ndjson"):
        return True
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"[") and b'"article"' not in head[:2048]:  # a JSON array of comment objects
        keys = set(re.findall(rb'"(\w+)"\s*:', head[:4096]))
        return bool({k.decode() for k in keys} & set(_ALIASES["text"])) and b'"kind"' not in head[:4096]
    lines = [line for line in head.split(b"\n") if line.strip()]
    if len(lines) < 2:
        return False
    try:
        first = json.loads(lines[0])
    except ValueError:
        return False
    return isinstance(first, dict) and "article" not in first and bool(set(first) & set(_ALIASES["text"]))


_DELIMITERS = ",\t;|"  # in order of preference on a tie
_QUOTED = re.compile(r'"[^"]*"')


def _dialect(text: str, path: Path) -> type[csv.Dialect]:
    """Excel-style CSV with the delimiter the header row uses most, outside quotes.

    Not ``csv.Sniffer``: its regular expressions backtrack cubically over a run of quotes (a
    1 KB line took minutes). A header without any candidate delimiter is one column; a ``.tsv``
    file then defaults to tabs.
    """
    header = _QUOTED.sub("", text.split("\n", 1)[0])
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=counts.__getitem__)  # the first of the most frequent
    if not counts[best]:
        best = "\t" if Path(path).suffix.lower() == ".tsv" else ","
    return type("Detected", (csv.excel,), {"delimiter": best})


def parse_csv(path: Path, columns: Union[str, dict, None] = None, include_deleted: bool = False,
              **options) -> list[Thread]:
    text = read_text(path)
    if not text.strip():
        raise IngestError(path, "CSV: file is empty")
    dialect = _dialect(text, path)
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    try:
        rows = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise IngestError(path, f"CSV: line {reader.line_num}: {exc}") from None
    quote = getattr(dialect, "quotechar", '"') or '"'
    if rows and text.count(quote) % 2:  # doubled quotes keep the count even: a field never closed
        start = rows[-2][0] + 1 if len(rows) > 1 else 2
        raise IngestError(path, f"CSV: the quoted field of the row at line {start} is never closed (file cut short?)")
    return _threads(path, reader.fieldnames or [], rows, columns, include_deleted, "CSV")


def parse_jsonl(path: Path, columns: Union[str, dict, None] = None, include_deleted: bool = False,
                **options) -> list[Thread]:
    rows, names = [], []
    text = read_text(path)
    if text.lstrip().startswith("["):  # a JSON array of comment objects rather than JSON Lines
        return _threads(path, *_json_array_rows(path, text), columns, include_deleted, "JSON")
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IngestError(path, f"JSON Lines: invalid JSON at line {lineno} column {exc.colno}: {exc.msg}") from None
        if not isinstance(row, dict):
            raise IngestError(path, f"JSON Lines: line {lineno} is not an object")
        names.extend(k for k in row if k not in names)
        rows.append((lineno, row))
    if not rows:
        raise IngestError(path, "JSON Lines: file is empty")
    return _threads(path, names, rows, columns, include_deleted, "JSON Lines")


def _json_array_rows(path: Path, text: str):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(path, f"JSON: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise IngestError(path, "JSON: expected an array of comment objects")
    names: list[str] = []
    for row in data:
        names.extend(k for k in row if k not in names)
    return names, [(n, row) for n, row in enumerate(data, 1)]


def parse_columns(spec: Union[str, dict, None]) -> dict:
    """``"text=body,parent=reply_to"`` -> ``{"text": "body", "parent": "reply_to"}`` (checked)."""
    if spec is None or spec == "":
        return {}
    if isinstance(spec, dict):
        mapping = dict(spec)
    else:
        mapping = {}
        for part in str(spec).split(","):
            if not part.strip():
                continue
            if "=" not in part:
                raise ValueError(f"column mapping {part!r} is not FIELD=COLUMN")
            field, column = (s.strip() for s in part.split("=", 1))
            mapping[field] = column
    unknown = sorted(set(mapping) - set(FIELDS))
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(unknown)} in the column mapping (known: {', '.join(FIELDS)})")
    return mapping


def _resolve(path: Path, names: list[str], columns, what: str) -> dict:
    try:
        mapping = parse_columns(columns)
    except ValueError as exc:
        raise IngestError(path, f"{what}: {exc}") from None
    missing = [column for column in mapping.values() if column not in names]
    if missing:
        raise IngestError(path, f"{what}: no column named {', '.join(missing)} (columns: {', '.join(names)})")
    lowered = {n.lower().strip(): n for n in names}
    for field in FIELDS:
        if field not in mapping:
            found = next((lowered[a] for a in _ALIASES[field] if a in lowered and lowered[a] not in mapping.values()), None)
            if found is not None:
                mapping[field] = found
    if "text" not in mapping:
        raise IngestError(path, f"{what}: no text column (columns: {', '.join(names)}); name it with --columns text=COLUMN")
    return mapping


def _threads(path: Path, names, rows, columns, include_deleted: bool, what: str) -> list[Thread]:
    mapping = _resolve(path, names, columns, what)
    groups: dict[str, dict] = {}
    for n, (lineno, row) in enumerate(rows, 1):
        get = lambda field: _cell(row, mapping.get(field))  # noqa: E731 - a small local accessor
        key = get("thread") or Path(path).stem
        group = groups.setdefault(key, {"article": None, "comments": [], "gone": set(), "title": None, "url": None})
        group["title"] = group["title"] or get("title")
        text = tidy(get("text") or "")
        if (get("type") or "").lower() in _ARTICLE_TYPES:
            group["article"] = Post(id="article", text=text, author=get("author"), published=parse_date(get("time")))
            group["url"] = get("url")
            continue
        post = Post(id=get("id") or f"row{lineno}", author=get("author"), text=text,
                    published=parse_date(get("time")), parent_id=_parent(get("parent")))
        if not include_deleted and (text in _GONE or not text):
            group["gone"].add(post.id)
        group["comments"].append(post)
    threads = []
    for key, group in groups.items():
        comments = drop_posts(group["comments"], group["gone"])
        assign_depths(comments)
        meta: dict = {"skipped_deleted": len(group["gone"])}
        if group["gone"]:
            meta["warnings"] = [f"skipped {len(group['gone'])} deleted or empty comment(s)"]
        threads.append(Thread(id=str(key), title=group["title"], url=group["url"],
                              article=group["article"] or Post(id="article", text=""),
                              comments=comments, source=str(path), meta=meta))
    return threads


def _parent(value: Optional[str]) -> Optional[str]:
    return None if value in (None, "0", "-1") else value


def _cell(row: dict, column: Optional[str]) -> Optional[str]:
    if column is None:
        return None
    value = row.get(column)
    if value is None:
        return None
    value = str(value).strip()
    return value if value not in ("", "None", "null") else None
