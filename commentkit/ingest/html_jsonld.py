"""Comments a page gives as schema.org structured data (``<script type="application/ld+json">``).

Forums and some news sites put the whole discussion there (``DiscussionForumPosting``,
``Article`` ... with a ``comment`` list, replies nested in each comment's ``comment``), often
while the visible comments are drawn later by a script and so are missing from a saved page.
Used when no known widget markup matched.
"""
from __future__ import annotations

import json

from commentkit.ingest.dates import parse_date
from commentkit.ingest.textio import html_fragment_text, tidy
from commentkit.model import Post

_MAX_SCRIPT = 5_000_000  # characters: a bigger script is not metadata


def jsonld_scripts(doc, max_chars: int = _MAX_SCRIPT):
    """The parsed data of each JSON-LD script of the page, in document order; scripts that are
    too big or broken are skipped (a broken script tag is the page's problem, not the file's)."""
    for script in doc.xpath("//script[contains(translate(@type, 'JSONLDAPIC', 'jsonldapic'), 'ld+json')]"):
        raw = script.text or ""
        if len(raw) > max_chars:
            continue
        try:
            yield json.loads(raw)
        except (ValueError, RecursionError):
            continue


def find_comments_in_jsonld(doc) -> list[Post]:
    """The Comment objects of the page's JSON-LD in document order, replies linked to parents."""
    comments: list[Post] = []
    for data in jsonld_scripts(doc):
        _collect(data, None, comments, depth=0)
    return comments


def _collect(node, parent_id, out: list[Post], depth: int) -> None:
    if depth > 60:
        return
    if isinstance(node, list):
        for item in node:
            _collect(item, parent_id, out, depth + 1)
        return
    if not isinstance(node, dict):
        return
    own_id = parent_id
    if _is_comment(node):
        text = html_fragment_text(_text_of(node.get("text") or node.get("commentText") or node.get("articleBody")))
        if text:
            post = Post(id=_ident(node, len(out) + 1), author=_name(node.get("author") or node.get("creator")),
                        text=text, published=parse_date(_text_of(node.get("dateCreated") or node.get("datePublished"))),
                        parent_id=parent_id)
            out.append(post)
            own_id = post.id
    for key in ("comment", "comments", "@graph", "mainEntity", "hasPart", "suggestedAnswer", "acceptedAnswer"):
        if key in node:
            _collect(node[key], own_id if key in ("comment", "comments") else parent_id, out, depth + 1)


def _is_comment(node: dict) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] in ("Comment", "Answer", "UserComments") for k in kinds)


def _ident(node: dict, n: int) -> str:
    for key in ("@id", "identifier", "url"):
        value = node.get(key)
        if isinstance(value, (str, int)) and str(value).strip():
            return str(value).strip()
    return f"ld{n}"


def _name(author):
    if isinstance(author, list):
        author = author[0] if author else None
    if isinstance(author, dict):
        author = author.get("name") or author.get("alternateName")
    name = tidy(_text_of(author))
    return name or None


def _text_of(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return "" if value is None or isinstance(value, (dict, list)) else str(value)
