"""Shared helpers for readers: reply depth from parent links, text decoding."""
from __future__ import annotations

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
