"""WordPress WXR export -> one Thread per post (or page) that has comments.

Only approved comments are kept by default (``include_unapproved=True`` keeps held ones; spam
and trash are always skipped); pingbacks and trackbacks are kept apart in ``meta["pingbacks"]``.
"""
from __future__ import annotations

import re
from pathlib import Path

from commentkit.errors import IngestError
from commentkit.ingest.dates import parse_date
from commentkit.ingest.textio import html_fragment_text, tidy
from commentkit.ingest.tree import assign_depths, drop_posts, parents_first
from commentkit.ingest.xmlsafe import child, child_text, local, parse_xml
from commentkit.model import Post, Thread

_WXR_NAMESPACE = re.compile(rb"wordpress\.org/export/")
_LINKBACKS = ("pingback", "trackback")


def sniff(head: bytes, path: Path) -> bool:
    return b"<rss" in head and bool(_WXR_NAMESPACE.search(head))


def parse(path: Path, include_unapproved: bool = False, **options) -> list[Thread]:
    root, warnings = parse_xml(path, "WordPress export")
    channel = child(root, "channel")
    if local(root.tag) != "rss" or channel is None:
        raise IngestError(path, "WordPress export: no <rss><channel> element")
    items = [node for node in channel if local(node.tag) == "item"]
    threads = [_thread(item, path, include_unapproved) for item in items]
    with_comments = [t for t in threads if t.comments or t.meta.get("pingbacks") or t.meta.get("skipped")]
    result = with_comments or threads
    if not result:
        raise IngestError(path, "WordPress export: no posts in the file")
    if warnings:
        result[0].meta.setdefault("warnings", []).extend(warnings)
    return result


def _thread(item, path: Path, include_unapproved: bool) -> Thread:
    post_id = child_text(item, "post_id") or child_text(item, "guid") or "post"
    comments, pingbacks, drop = [], [], set()
    skipped = {"unapproved": 0, "spam": 0, "trash": 0}
    for node in item:
        if local(node.tag) != "comment":
            continue
        comment_id = child_text(node, "comment_id")
        parent = child_text(node, "comment_parent")
        comment = Post(
            id=comment_id,
            author=tidy(child_text(node, "comment_author")) or None,
            text=html_fragment_text(child_text(node, "comment_content")),
            published=_comment_date(node),
            parent_id=parent if parent not in ("", "0") else None,
        )
        status = child_text(node, "comment_approved").lower()
        kind = child_text(node, "comment_type").lower()
        if kind in _LINKBACKS:
            pingbacks.append({"type": kind, "author": comment.author, "url": child_text(node, "comment_author_url")})
            drop.add(comment_id)
        elif status in ("spam", "trash"):
            skipped[status] += 1
            drop.add(comment_id)
        elif status not in ("1", "approve", "approved") and not include_unapproved:
            skipped["unapproved"] += 1
            drop.add(comment_id)
        comments.append(comment)
    comments = parents_first(drop_posts(comments, drop))
    assign_depths(comments)
    meta: dict = {"wordpress_id": post_id, "post_type": child_text(item, "post_type") or None}
    if pingbacks:
        meta["pingbacks"] = pingbacks
        meta["n_pingbacks"] = len(pingbacks)
    if any(skipped.values()):
        meta["skipped"] = {k: v for k, v in skipped.items() if v}
        meta["warnings"] = ["skipped " + ", ".join(f"{v} {k}" for k, v in skipped.items() if v)
                            + " comment(s) (use include_unapproved to keep held ones)"]
    return Thread(
        id=f"wp-{post_id}",
        title=tidy(child_text(item, "title")) or None,
        url=child_text(item, "link") or None,
        article=Post(
            id="article",
            text=html_fragment_text(child_text(item, "encoded"), quotes=False),
            author=child_text(item, "creator") or None,
            published=parse_date(child_text(item, "post_date_gmt")) or parse_date(child_text(item, "post_date")),
        ),
        comments=comments,
        source=str(path),
        meta=meta,
    )


def _comment_date(node):
    gmt = child_text(node, "comment_date_gmt")
    if gmt and not gmt.startswith("0000"):
        parsed = parse_date(gmt)
        if parsed is not None:
            from datetime import timezone
            return parsed.replace(tzinfo=timezone.utc)
    return parse_date(child_text(node, "comment_date"))
