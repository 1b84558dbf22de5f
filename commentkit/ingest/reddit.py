"""Reddit comment-page JSON (``/comments/ID.json``: ``[submission listing, comment listing]``).

Deleted and removed comments are skipped unless ``include_deleted``; their replies move up.
"more" stubs (comments Reddit did not send) are counted in ``meta["more_comments"]`` and
reported, so a partial thread is never mistaken for the whole one.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from commentkit.errors import IngestError
from commentkit.ingest.dates import parse_date
from commentkit.ingest.jsonio import as_text, load_json
from commentkit.ingest.textio import html_fragment_text, tidy
from commentkit.ingest.tree import assign_depths, drop_posts
from commentkit.model import Post, Thread

_LISTING = re.compile(rb'"kind"\s*:\s*"Listing"')
_GONE = ("[deleted]", "[removed]")


def sniff(head: bytes, path: Path) -> bool:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[") and bool(_LISTING.search(head))


def parse(path: Path, include_deleted: bool = False, **options) -> list[Thread]:
    data = load_json(path, "Reddit JSON")
    if not (isinstance(data, list) and len(data) == 2 and all(_is_listing(x) for x in data)):
        raise IngestError(path, "Reddit JSON: expected the [submission listing, comment listing] pair")
    submissions = [c.get("data", {}) for c in data[0]["data"].get("children", []) if c.get("kind") == "t3"]
    if not submissions:
        raise IngestError(path, "Reddit JSON: the first listing holds no submission (t3)")
    post = submissions[0]
    comments: list[Post] = []
    gone: set = set()
    more = {"stubs": 0, "comments": 0}
    _walk(data[1]["data"].get("children", []), comments, gone, more, include_deleted)
    comments = drop_posts(comments, gone)
    assign_depths(comments)
    meta: dict = {"subreddit": post.get("subreddit"), "declared_count": post.get("num_comments"),
                  "skipped_deleted": len(gone), "more_stubs": more["stubs"], "more_comments": more["comments"]}
    warnings = []
    if gone:
        warnings.append(f"skipped {len(gone)} deleted or removed comment(s) (use include_deleted to keep them)")
    if more["stubs"]:
        warnings.append(f"{more['comments']} comment(s) behind {more['stubs']} \"load more\" stub(s) are not in the file")
    declared = post.get("num_comments")
    if isinstance(declared, int) and declared != len(comments) + len(gone) + more["comments"]:
        warnings.append(f"the submission says {declared} comments; the file holds {len(comments) + len(gone)}"
                        + (f" and {more['comments']} behind stubs" if more["comments"] else ""))
    if warnings:
        meta["warnings"] = warnings
    return [Thread(
        id=f"reddit-{post.get('id') or Path(path).stem}",
        title=tidy(as_text(post.get("title"))) or None,
        url=_url(post),
        article=Post(id="article", text=tidy(as_text(post.get("selftext")), unescape=True),
                     author=_author(post.get("author")), published=parse_date(post.get("created_utc"))),
        comments=comments,
        source=str(path),
        meta=meta,
    )]


def _is_listing(value) -> bool:
    return isinstance(value, dict) and value.get("kind") == "Listing" and isinstance(value.get("data"), dict)


def _walk(children, comments, gone, more, include_deleted) -> None:
    for child in children or []:
        if not isinstance(child, dict):
            continue
        data = child.get("data") or {}
        if child.get("kind") == "more":
            more["stubs"] += 1
            more["comments"] += int(data.get("count") or len(data.get("children") or []))
            continue
        if child.get("kind") != "t1":
            continue
        body = as_text(data.get("body"))
        post = Post(
            id=as_text(data.get("name") or f"t1_{data.get('id')}"),
            author=_author(data.get("author")),
            text=_body(body, data.get("body_html")),
            published=parse_date(data.get("created_utc")),
            parent_id=_parent(data.get("parent_id")),
        )
        if not include_deleted and (body.strip() in _GONE or (data.get("author") in _GONE and not body.strip())):
            gone.add(post.id)
        comments.append(post)
        replies = data.get("replies")
        if _is_listing(replies):
            _walk(replies["data"].get("children"), comments, gone, more, include_deleted)


def _author(name):
    """A deleted account is nobody, not a user called "[deleted]" whose comments are all one person's."""
    return None if name in _GONE or name in (None, "") else as_text(name)


def _body(body: str, body_html) -> str:
    """The rendered ``body_html`` when the file has it (quotes, links and **bold** as a reader saw
    them); else the Markdown source."""
    if body_html and body.strip() not in _GONE:
        return html_fragment_text(html.unescape(as_text(body_html)))
    return tidy(body)


def _parent(parent):
    parent = as_text(parent)
    return parent if parent.startswith("t1_") else None


def _url(post: dict):
    permalink = post.get("permalink")
    if permalink:
        return "https://www.reddit.com" + permalink if permalink.startswith("/") else permalink
    return post.get("url")
