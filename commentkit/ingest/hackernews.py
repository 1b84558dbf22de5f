"""Hacker News items: the Algolia ``items/ID`` tree, or Firebase API items (one, a list, or a map).

Algolia: the root story with nested ``children``. Firebase: flat items linked by ``parent``;
each story, job or poll becomes a Thread with the comments that reach it. Comments whose story
is not in the file are grouped under their topmost ancestor with a warning. Deleted and dead
items are skipped unless ``include_deleted``; their replies move up to the nearest kept one.
"""
from __future__ import annotations

import re
from pathlib import Path

from commentkit.errors import IngestError
from commentkit.ingest.dates import parse_date
from commentkit.ingest.jsonio import as_text, load_json
from commentkit.ingest.textio import html_fragment_text, tidy
from commentkit.ingest.tree import assign_depths, drop_posts
from commentkit.model import Post, Thread

_ROOT_TYPES = ("story", "job", "poll")
_FIREBASE = re.compile(rb'"(by|kids|descendants)"\s*:')
_ALGOLIA = re.compile(rb'"(created_at_i|story_id)"\s*:')
_TYPED = re.compile(rb'"type"\s*:\s*"(story|comment|job|poll|pollopt)"')


def sniff(head: bytes, path: Path) -> bool:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped.startswith((b"{", b"[")) or not _TYPED.search(head):
        return False
    return bool(_ALGOLIA.search(head) and b'"children"' in head) or bool(_FIREBASE.search(head))


def parse(path: Path, include_deleted: bool = False, **options) -> list[Thread]:
    data = load_json(path, "Hacker News JSON")
    if isinstance(data, dict) and "children" in data:
        return [_algolia(data, path, include_deleted)]
    items = data if isinstance(data, list) else list(data.values()) if _is_id_map(data) else [data]
    items = [i for i in items if isinstance(i, dict) and "id" in i and i.get("type")]
    if not items:
        raise IngestError(path, "Hacker News JSON: no items with an id and a type")
    return _firebase(items, path, include_deleted)


# ---------------------------------------------------------------- Algolia


def _algolia(root: dict, path: Path, include_deleted: bool) -> Thread:
    comments, gone = [], set()
    warnings = []
    start = root.get("children") or []
    if root.get("type") != "story":  # a comment subtree: keep the root comment too
        start = [root]
        warnings.append(f"the file holds a comment subtree of story {root.get('story_id')}, not the story")

    def walk(nodes, parent):
        for node in nodes or []:
            if not isinstance(node, dict):
                continue
            post = Post(id=str(node.get("id")), author=node.get("author"),
                        text=html_fragment_text(node.get("text")),
                        published=parse_date(node.get("created_at_i") or node.get("created_at")),
                        parent_id=parent)
            if not include_deleted and node.get("author") is None and not node.get("text"):
                gone.add(post.id)
            comments.append(post)
            walk(node.get("children"), post.id)

    walk(start, None)
    comments = drop_posts(comments, gone)
    assign_depths(comments)
    story = root if root.get("type") == "story" else {}
    return _thread(story, comments, path, gone, warnings, fallback_id=root.get("story_id") or root.get("id"))


# ---------------------------------------------------------------- Firebase


def _firebase(items: list[dict], path: Path, include_deleted: bool) -> list[Thread]:
    by_id = {str(i["id"]): i for i in items}
    roots = {key: item for key, item in by_id.items() if item.get("type") in _ROOT_TYPES}
    members: dict[str, list[dict]] = {key: [] for key in roots}
    orphan_roots = []
    for key, item in by_id.items():
        if item.get("type") != "comment":
            continue
        top = _topmost(key, by_id)
        if top not in members:
            members[top] = []
            orphan_roots.append(top)
        members[top].append(item)
    threads = []
    for top, group in members.items():
        gone = {str(i["id"]) for i in group if not include_deleted and (i.get("deleted") or i.get("dead"))}
        comments = [Post(id=str(i["id"]), author=i.get("by"), text=html_fragment_text(i.get("text")),
                         published=parse_date(i.get("time")), parent_id=_parent(i, by_id, roots))
                    for i in sorted(group, key=lambda i: (i.get("time") or 0, str(i["id"])))]
        comments = drop_posts(comments, gone)
        assign_depths(comments)
        warnings = []
        if top in orphan_roots:
            warnings.append(f"comments whose story is not in the file (under item {top}) were grouped together")
        threads.append(_thread(roots.get(top, {}), comments, path, gone, warnings, fallback_id=top))
    return threads


def _is_id_map(data) -> bool:
    return isinstance(data, dict) and bool(data) and all(isinstance(v, dict) for v in data.values())


def _topmost(key: str, by_id: dict) -> str:
    seen = set()
    while key in by_id and by_id[key].get("type") == "comment" and key not in seen:
        seen.add(key)
        parent = by_id[key].get("parent")
        if parent is None:
            break
        key = str(parent)
    return key


def _parent(item: dict, by_id: dict, roots: dict):
    parent = item.get("parent")
    if parent is None or str(parent) in roots:
        return None
    return str(parent)


def _thread(story: dict, comments: list[Post], path: Path, gone: set, warnings: list, fallback_id) -> Thread:
    meta: dict = {"skipped_deleted": len(gone)}
    if story.get("descendants") is not None:
        meta["declared_count"] = story["descendants"]
        if story["descendants"] != len(comments) + len(gone):
            warnings.append(f"the story says {story['descendants']} comments; {len(comments)} are in the file")
    if gone:
        warnings.append(f"skipped {len(gone)} deleted or dead comment(s) (use include_deleted to keep them)")
    if warnings:
        meta["warnings"] = warnings
    story_id = story.get("id", fallback_id)
    return Thread(
        id=f"hn-{story_id}",
        title=tidy(as_text(story.get("title"))) or None,
        url=story.get("url") or (f"https://news.ycombinator.com/item?id={story_id}" if story_id else None),
        article=Post(id="article", text=html_fragment_text(story.get("text"), quotes=False), author=story.get("by") or story.get("author"),
                     published=parse_date(story.get("time") or story.get("created_at_i"))),
        comments=comments,
        source=str(path),
        meta=meta,
    )
