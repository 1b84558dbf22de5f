"""Comments in markup commentkit has no selectors for, found by the page's structure.

A comment section is a container named like one (``id``/``class`` with "comment", "discussion",
"responses"...) holding a run of sibling-like elements that share a tag and class: one per
comment. Each element's own text (its replies taken out) is read with the plain-text rules, so
"bookworm 14/06/2024 19:20" / text / "Reply · Like (3)" gives author, date and text; nesting comes
from the markup: an element inside another is its reply. Used only when no known widget matched.
"""
from __future__ import annotations

import copy
from collections import defaultdict
from typing import Optional

from commentkit.ingest import selectors as sel
from commentkit.ingest.html_comments import has_ancestor
from commentkit.ingest.textio import page_text
from commentkit.model import Post

_ITEM_TAGS = ("li", "div", "article", "section", "tr", "dl", "blockquote")
_MIN_ITEMS = 2
_MAX_ITEMS = 2000  # a group this large is the page's grid, not its comments (and reading it would be slow)
_MIN_READ_SHARE = 0.6  # of the elements with a signature, this share must read as comments


def find_comments_by_structure(doc, foreign: set) -> Optional[tuple[list[Post], list]]:
    """(comments, their elements) from the best run of repeated elements in a comment container,
    or None when no container holds one."""
    best = None
    for container in _containers(doc, foreign):
        for members in _candidate_groups(container):
            comments = _read_members(members)
            if comments is None:
                continue
            if best is None or len(comments[0]) > len(best[0]):
                best = comments
    return best


def _containers(doc, foreign: set) -> list:
    found = []
    for node in doc.xpath(sel.HTML_COMMENT_CONTAINERS):
        if any(node is f or has_ancestor(node, {f}) for f in foreign):
            continue
        if any(has_ancestor(node, {c}) for c in found):
            continue  # an inner part of a container already found
        if node.tag in ("html", "body") or node.xpath(".//h1"):
            continue  # the whole page ("<body class='has-comments'>"), not its comment section
        found.append(node)
    return found


def _candidate_groups(container) -> list[list]:
    """Elements under the container grouped by (tag, class), largest groups first."""
    groups: dict[tuple, list] = defaultdict(list)
    for node in container.iterdescendants(*_ITEM_TAGS):
        classes = " ".join(sorted((node.get("class") or "").split()))
        groups[(node.tag, classes)].append(node)
    candidates = [m for m in groups.values() if _MIN_ITEMS <= len(m) <= _MAX_ITEMS]
    return sorted(candidates, key=len, reverse=True)[:6]


def _read_members(members: list):
    """(comments, elements) when most members read as one comment each with an author."""
    from commentkit.ingest.plain_text import split_lines
    from commentkit.ingest.text_comments import CommentSection, split_comments

    def read_one(element):
        lines = split_lines(page_text(element))
        found = split_comments(lines, CommentSection(0, 0, len(lines)))[0] if lines else []
        return found[0] if len(found) == 1 and found[0].author else None

    everyone = set(members)
    # an innermost member inside another that is no comment on its own is a part of one (an
    # unclassed <div> holding the author line), not a reply: it stays in its comment's text
    parts = {m for m in members if has_ancestor(m, everyone) and not _holds_any(m, everyone) and read_one(m) is None}
    chosen = everyone - parts
    comments, elements = [], []
    for n, member in enumerate(members, 1):
        if member in parts:
            continue
        post = read_one(_without_replies(member, chosen))
        if post is None:
            continue
        post.id = member.get("id") or member.get("data-id") or f"c{n}"
        post.parent_id = None
        comments.append(post)
        elements.append(member)
    if len(comments) < _MIN_ITEMS or len(comments) < _MIN_READ_SHARE * len(chosen):
        return None
    _nest(comments, elements)
    return comments, elements


def _without_replies(member, chosen: set):
    body = copy.deepcopy(member)
    originals = list(member.iterdescendants())
    copies = list(body.iterdescendants())
    for original, node in zip(originals, copies):
        if original in chosen and node.getparent() is not None:
            node.drop_tree()
    return body


def _nest(comments: list[Post], elements: list) -> None:
    """A comment inside another comment's element replies to the nearest such one."""
    index = {el: c for el, c in zip(elements, comments)}
    for comment, element in zip(comments, elements):
        node = element.getparent()
        while node is not None and node not in index:
            node = node.getparent()
        if node is not None:
            comment.parent_id = index[node].id


def _holds_any(node, members: set) -> bool:
    return any(d in members for d in node.iterdescendants())
