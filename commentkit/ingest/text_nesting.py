"""Nesting of comments in plain-text copies whose indentation was lost, from what the copy keeps.

- Substack-style "2 replies" lines under a comment: the next comments, shown below it, are its
  replies (nested counts give deeper levels; a count is read as all replies below, see
  ``nest_by_reply_counts``).
- Hacker News copies: a comment's header says "parent" when it is a reply and "root" when it is a
  reply to a reply, but not to which one. A reply is put under the top-level comment above it
  (its thread's root, which is certain); a deeper reply's own parent is unknowable, so it is kept
  flat under that root too, and a warning says so.
"""
from __future__ import annotations

import re
from typing import Optional

from commentkit.ingest import selectors as cues
from commentkit.model import Post

_REPLY_COUNT = re.compile(rf"^{cues.REPLY_COUNT_LINE}$", re.I)
_HN_HEADER = re.compile(cues.HN_COMMENT_HEADER, re.I)


def reply_count(lines: list[str]) -> int:
    """The "N replies" a comment's trailing button lines announce (0 when none)."""
    for line in lines:
        match = _REPLY_COUNT.match(line.strip())
        if match:
            return int(match.group("n"))
    return 0


def nest_by_reply_counts(comments: list[Post], counts: dict[str, int]) -> None:
    """A comment announcing N replies is the parent of the comments below it, and a reply announcing
    its own replies opens a deeper level. N is read as all the replies below it, however deep: were
    it only the direct ones, reading it so would make a deep reply shallower, while the other
    reading, when wrong, would pull later top-level comments in as replies. Links already read
    (an "@name") stay."""
    if not any(counts.values()):
        return
    open_levels: list[list] = []  # [comment id, replies still to come]
    for comment in comments:
        while open_levels and open_levels[-1][1] <= 0:
            open_levels.pop()
        if open_levels:
            if comment.parent_id is None:
                comment.parent_id = open_levels[-1][0]
            for level in open_levels:
                level[1] -= 1
        if counts.get(comment.id):
            open_levels.append([comment.id, counts[comment.id]])


def nest_hacker_news(comments: list[Post], head_lines: dict[str, str]) -> Optional[str]:
    """Parents from Hacker News header links; a warning when some replies are kept flat, or None.
    Does nothing unless every comment has a Hacker News header."""
    links = {}
    for comment in comments:
        match = _HN_HEADER.match(head_lines.get(comment.id, "").strip())
        if not match:
            return None
        links[comment.id] = set(re.findall(r"\b(root|parent)\b", match.group("links").lower()))
    marks_deeper = any("root" in found for found in links.values())
    root, flat = None, 0
    for comment in comments:
        if "parent" not in links[comment.id]:
            root = comment.id
            continue
        if root is None or comment.parent_id is not None:
            continue
        comment.parent_id = root
        if "root" in links[comment.id] or not marks_deeper:
            flat += 1
    if not flat:
        return None
    if marks_deeper:
        return (f"replies to replies kept one level under their top-level comment: {flat} "
                "(a Hacker News copy does not say which reply each answers)")
    return (f"replies kept under the top-level comment above them: {flat} (this Hacker News copy does "
            "not say whether they answer it or another reply)")
