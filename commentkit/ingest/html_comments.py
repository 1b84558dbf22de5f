"""The comment section of a saved HTML page, one Post per comment, nesting from the markup.

Comments are found with the widget selectors in ``selectors`` (the first group that finds any
wins); anything inside a sidebar, navigation or the reply form is someone else's. Depth is the
number of reply wrappers ("children", "replies", nested lists) between a comment and the thread;
the parent is the nearest earlier comment one level up. Pingbacks and trackbacks are kept apart.
"""
from __future__ import annotations

import copy
import re
from typing import Optional

from lxml import etree

from commentkit.ingest import selectors as sel
from commentkit.ingest.dates import looks_like_date, parse_date
from commentkit.ingest.text_comments import clean_author, header_count, is_action_line
from commentkit.ingest.textio import element_text, tidy
from commentkit.ingest.tree import assign_depths, drop_posts
from commentkit.model import Post

_CHILD_LIST = re.compile(sel.HTML_CHILD_LIST_CLASS, re.I)
_DEPTH_CLASS = re.compile(r"(?:^|\s)depth-(\d+)(?:\s|$)")
_SAYS = re.compile(r"\s*(says|said|wrote|sagt|schreibt|meint)\s*(:|\.\.\.|…)?\s*$", re.I)
_BUTTON = re.compile(r"^(\d+\s+)?(comments?|reply|replies|share|like|add (a )?comment|post comment|kommentare?)\s*(\(\d+\))?$", re.I)
_GONE_TEXTS = {t.strip(" .").lower() for t in sel.GONE_TEXTS}
_LINKBACK = re.compile(r"^\s*(pingback|trackback)\s*:", re.I)


def find_comments(doc, elements: Optional[list] = None) -> tuple[list[Post], dict]:
    """(comments, meta) of a parsed page; meta holds pingbacks and the declared count. The comment
    elements of the page are appended to ``elements`` when given (to keep them out of the article)."""
    foreign = _foreign_elements(doc)
    items = []
    for xpath in sel.HTML_COMMENT_ITEMS + (_DEFINITION_LIST,):
        found = _definition_list_comments(doc) if xpath is _DEFINITION_LIST else doc.xpath(xpath)
        items = [el for el in found if not _inside(el, foreign)]
        items = _outermost_per_comment(items)
        # A wrapper that shares a comment's class but holds only other comments is not one.
        items = [el for el in items if tidy(element_text(_own_body(el)))]
        if items:
            break
    if elements is not None:
        elements.extend(items)
    comments, pingbacks = [], []
    depths = _depths(items)
    for n, (item, depth) in enumerate(zip(items, depths), 1):
        post, linkback = _read_item(item, n)
        if linkback:
            pingbacks.append(linkback)
        elif post is not None:
            post.depth = depth
            comments.append(post)
    _link_parents(comments)
    # "This comment was deleted." placeholders hold their place while replies are linked, then go
    gone = {id(c) for c in comments if c.author is None and c.text.strip(" .").lower() in _GONE_TEXTS}
    gone_ids = {c.id for c in comments if id(c) in gone} - {c.id for c in comments if id(c) not in gone}
    comments = drop_posts([c for c in comments if id(c) not in gone or c.id in gone_ids], gone_ids)
    assign_depths(comments)
    meta: dict = {}
    if gone:
        meta["skipped_deleted"] = len(gone)
    if pingbacks:
        meta["pingbacks"] = pingbacks
        meta["n_pingbacks"] = len(pingbacks)
    declared = _declared_count(doc, foreign)
    if declared is not None:
        meta["declared_count"] = declared
    return comments, meta


def find_comments_in_structured_data(doc) -> tuple[list[Post], dict]:
    """(comments, meta) from the page's schema.org JSON-LD (``html_jsonld``); ([], {}) when none."""
    from commentkit.ingest.html_jsonld import find_comments_in_jsonld

    comments = find_comments_in_jsonld(doc)
    if not comments:
        return [], {}
    assign_depths(comments)
    meta: dict = {"comments_from": "structured data (schema.org JSON-LD)"}
    declared = _declared_count(doc, _foreign_elements(doc))
    if declared is not None:
        meta["declared_count"] = declared
    return comments, meta


def find_comments_by_markup_structure(doc, elements: Optional[list] = None) -> tuple[list[Post], dict]:
    """(comments, meta) from repeated elements in a comment container (``html_structure``), for
    markup no selector knows; ([], {}) when there is none."""
    from commentkit.ingest.html_structure import find_comments_by_structure

    foreign = _foreign_elements(doc)
    found = find_comments_by_structure(doc, foreign)
    if not found:
        return [], {}
    comments = found[0]
    if elements is not None:
        elements.extend(found[1])
    assign_depths(comments)
    meta: dict = {"comments_from": "page structure (repeated elements; no known comment markup)"}
    declared = _declared_count(doc, foreign)
    if declared is not None:
        meta["declared_count"] = declared
    return comments, meta


# ---------------------------------------------------------------- which elements are comments

_DEFINITION_LIST = "definition list"  # classic Blogger: <dt> author line, <dd> body and footer


def _definition_list_comments(doc) -> list:
    """Classic Blogger comments (``<dl id="comments-block">``): each ``<dt>`` with the ``<dd>``s
    after it becomes one ``<div class="comment">`` element, in a copy outside the page."""
    from lxml import html as lxml_html

    items = []
    for block in doc.xpath(sel.HTML_DEFINITION_LIST_COMMENTS):
        wrapper = None
        for node in block:
            if node.tag == "dt":
                wrapper = lxml_html.Element("div", {"class": "comment", "id": node.get("id") or ""})
                items.append(wrapper)
            if wrapper is not None and node.tag in ("dt", "dd"):
                wrapper.append(copy.deepcopy(node))
    if items:
        holder = lxml_html.Element("div")  # the copies need a common parent for depth and ancestry
        holder.extend(items)
    return items


def _foreign_elements(doc) -> set:
    found = set()
    for xpath in sel.HTML_FOREIGN:
        found.update(doc.xpath(xpath))
    return found


def _inside(element, containers: set) -> bool:
    node = element
    while node is not None:
        if node in containers:
            return True
        node = node.getparent()
    return False


def _is_child_list(element) -> bool:
    classes = (element.get("class") or "").split()
    return any(_CHILD_LIST.search(c) for c in classes)


def _outermost_per_comment(items: list) -> list:
    """Drop matches nested in another match's own body (an inner wrapper of the same comment);
    keep those nested through a reply wrapper or a nested list (replies)."""
    chosen = set(items)
    kept = []
    for item in items:
        # schema.org nests a reply as a Comment inside its parent's Comment (itemprop="comment")
        node, through_list = item.getparent(), item.get("itemprop") in ("comment", "comments")
        while node is not None and node not in chosen:
            if _is_child_list(node) or node.tag in ("ol", "ul"):
                through_list = True
            node = node.getparent()
        if node is None or through_list:
            kept.append(item)
    return kept


def _depths(items: list) -> list[int]:
    """Reply depth of each item: the WordPress ``depth-N`` class, else the reply wrappers above it."""
    chosen = set(items)
    depths = []
    for item in items:
        match = _DEPTH_CLASS.search(" " + (item.get("class") or "") + " ")
        if match:
            depths.append(int(match.group(1)) - 1)
            continue
        wrappers, enclosing, node = 0, 0, item.getparent()
        while node is not None:
            if _is_child_list(node) or (node.tag in ("ol", "ul") and has_ancestor(node, chosen)):
                wrappers += 1
            enclosing += node in chosen
            node = node.getparent()
        # Replies inside their parent comment (WordPress, Blogger, schema.org): one level per
        # enclosing comment, however many wrappers sit between; else one per reply wrapper (Epoch).
        depths.append(enclosing if enclosing else wrappers)
    return depths


def has_ancestor(node, chosen: set) -> bool:
    """Some ancestor of ``node`` (not ``node`` itself) is in ``chosen``."""
    parent = node.getparent()
    while parent is not None:
        if parent in chosen:
            return True
        parent = parent.getparent()
    return False


def _link_parents(comments: list[Post]) -> None:
    """The parent of a comment at depth d is the nearest earlier comment at depth d - 1."""
    stack: list[Post] = []
    for comment in comments:
        while stack and stack[-1].depth >= comment.depth:
            stack.pop()
        comment.parent_id = stack[-1].id if stack and comment.depth > 0 else None
        stack.append(comment)


# ---------------------------------------------------------------- one comment


def _read_item(item, n: int):
    """(Post, None) for a comment, (None, linkback dict) for a pingback, (None, None) if empty."""
    body = _own_body(item)
    classes = (item.get("class") or "").split()
    full_text = tidy(element_text(body))
    if "pingback" in classes or "trackback" in classes or _LINKBACK.match(full_text):
        kind = "trackback" if "trackback" in classes or full_text.lower().startswith("trackback") else "pingback"
        return None, {"type": kind, "text": _LINKBACK.sub("", full_text).strip()}
    author, author_node = _author(body)
    published = _published(body)
    text, written_date = _strip_head_lines(_text(body, author_node))
    if published is None and written_date:
        published = parse_date(written_date)
    if not text or (author is None and (_BUTTON.match(text) or is_action_line(text))):  # a button, not a comment
        return None, None
    ident = item.get("id") or _anchor_id(item) or f"c{n}"
    return Post(id=ident, author=clean_author(author), text=text, published=published), None


def _anchor_id(item):
    """Drupal puts the comment's id on an empty anchor just before it: <a id="comment-901"></a>."""
    previous = item.getprevious()
    if previous is not None and previous.tag == "a" and not tidy(previous.text_content() or ""):
        return previous.get("id") or previous.get("name")
    return None


def _strip_head_lines(text: str):
    """(text, date line) without what is left of the author line when the markup gives the text no
    element of its own ("<cite>Jane</cite> says:<br><small>March 6, 2025</small><p>…"): a "says:",
    a date line, buttons at the start."""
    lines = text.split("\n")
    date = None
    while lines and (not lines[0].strip() or _SAYS.fullmatch(lines[0]) or looks_like_date(lines[0])
                     or is_action_line(lines[0].strip())):
        if looks_like_date(lines[0]) and date is None:
            date = lines[0].strip()
        lines = lines[1:]
    return "\n".join(lines).strip(), date


def _own_body(item):
    """A copy of the comment without its replies (nested comments and reply wrappers)."""
    body = copy.deepcopy(item)
    for node in list(body.iter()):
        if node is body or not isinstance(node.tag, str):
            continue
        if (_is_child_list(node) or (node.tag in ("ol", "ul") and node.xpath(".//*[starts-with(@id, 'comment-')]"))
                or node.get("itemprop") in ("comment", "comments")):
            if node.getparent() is not None:
                node.drop_tree()
    return body


def _first(body, xpaths) -> Optional[etree._Element]:
    for xpath in xpaths:
        for node in body.xpath(xpath):
            if tidy(node.text_content() if hasattr(node, "text_content") else "") or node.get("datetime"):
                return node
    return None


def _author(body):
    """(name, element) of the comment's author, or (None, None)."""
    node = _first(body, sel.HTML_AUTHOR)
    if node is None:
        return None, None
    name_node = copy.deepcopy(node)
    for junk in name_node.xpath(".//*[contains(@class, 'says') or contains(@class, 'screen-reader') or self::time]"):
        junk.drop_tree()
    name = tidy(name_node.text_content())
    name = _SAYS.sub("", name.split("\n")[0]).strip(" ·|:-–")
    return (name or None), node


def _published(body):
    """The first date any time element of the comment gives: a "•" or "2 years ago" in the first
    date-classed element is passed over for the next (Disqus keeps the date in a title)."""
    for xpath in sel.HTML_TIME:
        for node in body.xpath(xpath):
            for value in (node.get("datetime"), node.get("content"), node.get("title"), tidy(node.text_content())):
                parsed = parse_date(value) if value else None
                if parsed is not None:
                    return parsed
    return None


def _text(body, author_node) -> str:
    node = _first(body, sel.HTML_TEXT)
    if node is None and author_node is not None and author_node.getparent() is not None:
        author_node.drop_tree()  # no text element: the body minus the author line is the text
    target = copy.deepcopy(node if node is not None else body)
    for xpath in sel.HTML_COMMENT_NOISE:
        for junk in target.xpath(xpath.replace("//", ".//")):
            if junk is not target:
                junk.drop_tree()
    if node is None:  # no text element: drop the author and meta parts we know
        for junk in target.xpath(".//*[contains(@class, 'author') or contains(@class, 'meta') or self::time]"):
            junk.drop_tree()
    return tidy(element_text(target), unescape=False)


def _declared_count(doc, foreign: set) -> Optional[int]:
    for xpath in sel.HTML_COUNT_HEADERS:
        for node in doc.xpath(xpath):
            if _inside(node, foreign):
                continue
            count = header_count(tidy(node.text_content()).split("\n")[0])
            if count is not None:
                return count
    return None
