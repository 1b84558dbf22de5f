"""Disqus XML export -> one Thread per Disqus thread that has posts.

Posts marked ``isDeleted`` or ``isSpam`` are skipped unless ``include_deleted`` /
``include_spam`` is set; their replies move up to the nearest kept ancestor, and the counts go
in ``Thread.meta``. Posts whose thread is not in the export are reported as a warning.
"""
from __future__ import annotations

import re
from pathlib import Path

from commentkit.errors import IngestError
from commentkit.ingest.dates import parse_date
from commentkit.ingest.textio import html_fragment_text, tidy
from commentkit.ingest.tree import assign_depths, chronological, drop_posts
from commentkit.ingest.xmlsafe import attr, child, child_text, local, parse_xml
from commentkit.model import Post, Thread

_ROOT = re.compile(rb"<disqus[\s>]")


def sniff(head: bytes, path: Path) -> bool:
    return bool(_ROOT.search(head)) and b"disqus.com" in head


def parse(path: Path, include_deleted: bool = False, include_spam: bool = False, **options) -> list[Thread]:
    root, warnings = parse_xml(path, "Disqus export")
    if local(root.tag) != "disqus":
        raise IngestError(path, f"Disqus export: the root element is <{local(root.tag)}>, not <disqus>")
    threads: dict[str, Thread] = {}
    for node in root:
        if local(node.tag) == "thread" and attr(node, "id") is not None:
            threads[attr(node, "id")] = _thread(node, path)
    skipped: dict[str, dict[str, int]] = {}
    drop: dict[str, set] = {}
    orphans = 0
    for node in root:
        if local(node.tag) != "post":
            continue
        post_id = attr(node, "id")
        thread_node = child(node, "thread")
        thread_id = attr(thread_node, "id") if thread_node is not None else None
        if post_id is None or thread_id not in threads:
            orphans += 1
            continue
        thread = threads[thread_id]
        thread.comments.append(_post(node, post_id))
        deleted = child_text(node, "isDeleted").lower() == "true"
        spam = child_text(node, "isSpam").lower() == "true"
        counts = skipped.setdefault(thread_id, {"deleted": 0, "spam": 0})
        if deleted and not include_deleted:
            counts["deleted"] += 1
            drop.setdefault(thread_id, set()).add(post_id)
        elif spam and not include_spam:
            counts["spam"] += 1
            drop.setdefault(thread_id, set()).add(post_id)
    with_posts = [t for tid, t in threads.items() if tid in skipped]
    result = with_posts or list(threads.values())  # an export without posts still shows its threads
    for thread in result:
        tid = thread.meta["disqus_id"]
        counts = skipped.get(tid, {"deleted": 0, "spam": 0})
        thread.comments = drop_posts(thread.comments, drop.get(tid, set()))
        thread.comments = chronological(thread.comments)
        assign_depths(thread.comments)
        _note_skipped(thread, counts)
    if not result:
        raise IngestError(path, "Disqus export: no threads in the file")
    if orphans:
        warnings.append(f"{orphans} post(s) in the export belong to no thread in it and were skipped")
    if warnings:
        result[0].meta.setdefault("warnings", []).extend(warnings)
    return result


def _thread(node, path: Path) -> Thread:
    dsq_id = attr(node, "id")
    ident = child_text(node, "id") or f"disqus-{dsq_id}"
    author = child(node, "author")
    return Thread(
        id=ident,
        title=tidy(child_text(node, "title")) or None,
        url=child_text(node, "link") or None,
        article=Post(
            id="article",
            text=html_fragment_text(child_text(node, "message"), quotes=False),
            author=(child_text(author, "name") or None) if author is not None else None,
            published=parse_date(child_text(node, "createdAt")),
        ),
        source=str(path),
        meta={"disqus_id": dsq_id},
    )


def _post(node, post_id: str) -> Post:
    author = child(node, "author")
    name = None
    if author is not None:
        name = child_text(author, "name") or child_text(author, "username") or None
    parent = child(node, "parent")
    return Post(
        id=post_id,
        author=name,
        text=html_fragment_text(child_text(node, "message")),
        published=parse_date(child_text(node, "createdAt")),
        parent_id=attr(parent, "id") if parent is not None else None,
    )


def _note_skipped(thread: Thread, counts: dict) -> None:
    thread.meta["skipped_deleted"] = counts["deleted"]
    thread.meta["skipped_spam"] = counts["spam"]
    parts = [f"{n} {kind}" for kind, n in counts.items() if n]
    if parts:
        thread.meta.setdefault("warnings", []).append(
            f"skipped {' and '.join(parts)} post(s) (use include_deleted / include_spam to keep them)")
