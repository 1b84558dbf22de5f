"""commentkit's own JSON: a Thread (``Thread.to_dict()``), a list of them, JSONL of them,
or the simple thread form ``{id, title, article: "text", comments: [{id, author, parent, text}]}``.
"""
from __future__ import annotations

import json
from pathlib import Path

from commentkit.errors import IngestError
from commentkit.ingest.dates import parse_date
from commentkit.ingest.tree import assign_depths
from commentkit.model import Post, Thread

_SIMPLE_KEYS = {"id", "title", "url", "article", "comments"}


def sniff(head: bytes, path: Path) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith((b"{", b"[")):
        return False
    return b'"article"' in head and b'"comments"' in head


def parse(path: Path, **options) -> list[Thread]:
    raw = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    try:
        data = json.loads(raw)
        items = data if isinstance(data, list) else [data]
    except json.JSONDecodeError as exc:
        items = _parse_jsonl(raw, path, exc)
    threads = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict) or "article" not in item:
            raise IngestError(path, f"item {n} is not a thread (no 'article' key)")
        threads.append(_thread(item, path, n))
    return threads


def _parse_jsonl(raw: str, path: Path, first_error: json.JSONDecodeError) -> list:
    lines = [line for line in raw.splitlines() if line.strip()]
    if len(lines) < 2:
        raise IngestError(path, f"invalid JSON at line {first_error.lineno} column {first_error.colno}: {first_error.msg}")
    items = []
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise IngestError(path, f"invalid JSON at line {lineno} column {exc.colno}: {exc.msg}") from None
    return items


def _thread(item: dict, path: Path, n: int) -> Thread:
    article = item["article"]
    if isinstance(article, dict) and "id" in item and "id" in article:  # Thread.to_dict() form
        try:
            return Thread.from_dict(item)
        except (TypeError, ValueError, KeyError) as exc:
            raise IngestError(path, f"thread {n}: {exc}") from None
    thread_id = str(item.get("id") or f"{Path(path).stem}-{n}")
    comments = []
    for i, c in enumerate(item.get("comments") or [], 1):
        if not isinstance(c, dict):
            raise IngestError(path, f"thread {thread_id}: comment {i} is not an object")
        parent = c.get("parent", c.get("parent_id"))
        comments.append(
            Post(
                id=str(c.get("id") or f"c{i}"),
                author=c.get("author"),
                text=str(c.get("text") or ""),
                published=parse_date(c.get("published") or c.get("date") or c.get("time") or c.get("created_at")),
                parent_id=str(parent) if parent not in (None, "") else None,
            )
        )
    assign_depths(comments)
    body = article if not isinstance(article, dict) else (article.get("text") or article.get("body") or "")
    return Thread(
        id=thread_id,
        title=item.get("title") or (article.get("title") if isinstance(article, dict) else None),
        url=item.get("url"),
        article=Post(id="article", text=str(body or ""),
                     author=str(article["author"]) if isinstance(article, dict) and article.get("author") else None,
                     published=parse_date(article.get("published") or article.get("date")) if isinstance(article, dict) else None),
        comments=comments,
        meta={k: v for k, v in item.items() if k not in _SIMPLE_KEYS},
    )
