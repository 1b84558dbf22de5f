"""Shared helpers for readers: reply depth from parent links, text decoding."""
from __future__ import annotations

from datetime import timezone

from commentkit.model import Post


def assign_depths(comments: list[Post]) -> list[Post]:
    """Set ``depth`` from ``parent_id`` links (0 = reply to the article).

    A parent that is not among the comments (deleted, skipped, or the article itself) makes the
    comment top-level; cycles are broken rather than followed.
    """
    by_id = {c.id: c for c in comments}
    for comment in comments:
        if comment.parent_id is not None and comment.parent_id not in by_id:
            comment.parent_id = None
    depths: dict[str, int] = {}
    for comment in comments:
        walk = _chain_to_known(comment, by_id, depths)
        if walk is None:  # a cycle was cut: the walk now ends at the cut, which is top-level
            walk = _chain_to_known(comment, by_id, depths)
        chain, known = walk
        base = depths[known.id] + 1 if known is not None else 0
        for i, n in enumerate(reversed(chain)):
            depths[n.id] = base + i
    for comment in comments:
        comment.depth = depths[comment.id]
    return comments


def _chain_to_known(comment: Post, by_id: dict, depths: dict):
    """The comment and its ancestors up to the first one with a known depth, and that one (None at
    the top); or None after cutting a cycle (the comment met twice loses its parent)."""
    chain, node, seen = [], comment, set()
    while node is not None and node.id not in depths:
        if node.id in seen:
            node.parent_id = None
            return None
        seen.add(node.id)
        chain.append(node)
        node = by_id.get(node.parent_id) if node.parent_id is not None else None
    return chain, node


def drop_posts(comments: list[Post], drop: set) -> list[Post]:
    """Remove the comments whose ids are in ``drop``; their replies move up to the nearest kept
    ancestor, so skipping a deleted comment does not flatten the discussion under it."""
    parents = {c.id: c.parent_id for c in comments}
    kept = []
    for comment in comments:
        if comment.id in drop:
            continue
        parent, seen = comment.parent_id, set()
        while parent in drop and parent not in seen:
            seen.add(parent)
            parent = parents.get(parent)
        comment.parent_id = parent
        kept.append(comment)
    return kept


def chronological(comments: list[Post]) -> list[Post]:
    """The comments in order of time (undated ones last, file order kept among equals). Exports
    list a reply before its parent when ids were reused or rows were merged; this puts the
    discussion back in the order it was written. Times with and without a zone compare as UTC."""
    def key(comment: Post):
        when = comment.published
        if when is None:
            return (1, 0.0)
        if when.tzinfo is not None:
            when = when.astimezone(timezone.utc).replace(tzinfo=None)
        return (0, when.timestamp() if when.year > 1900 else 0.0)

    return sorted(comments, key=key)


def parents_first(comments: list[Post]) -> list[Post]:
    """File order, except that a reply listed before its parent moves to just after it (exports
    merged from several files, or ordered by something other than time, do that)."""
    ids = {c.id for c in comments}
    emitted_ids: set = set()
    placed: set = set()  # id() of each post placed: two posts may share an id
    waiting: dict[str, list[Post]] = {}
    out: list[Post] = []
    for comment in comments:
        parent = comment.parent_id
        if parent is not None and parent in ids and parent not in emitted_ids and parent != comment.id:
            waiting.setdefault(parent, []).append(comment)
            continue
        stack = [comment]
        while stack:
            node = stack.pop()
            if id(node) in placed:
                continue
            out.append(node)
            placed.add(id(node))
            emitted_ids.add(node.id)
            stack.extend(reversed(waiting.pop(node.id, [])))
    for group in waiting.values():  # parents that never came (a cycle): keep them, in file order
        out.extend(c for c in group if id(c) not in placed)
    return out
