"""Builds a Thread and its Claims from a hand-written case (article, comments, claims by surface),
the form of tests/data/compare/cases.json and tests/data/report/*.json."""
from __future__ import annotations

from commentkit.model import Claim, Post, Thread


def _offset(text: str, surface: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = text.index(surface, at + 1)
    return at


def build(case: dict) -> tuple[Thread, list[Claim]]:
    article = Post(id="article", text=case["article"])
    comments = [Post(id=c["id"], text=c["text"], author=c.get("author", f"reader {c['id']}"),
                     parent_id=c.get("parent"), depth=1 if c.get("parent") else 0) for c in case["comments"]]
    thread = Thread(id=case.get("id", case["name"]), title=case.get("title"), article=article, comments=comments,
                    source=case.get("source"), format="test")
    texts = {p.id: p.text for p in thread.posts()}
    claims = []
    for spec in case["claims"]:
        spec = dict(spec)
        post, surface, n = spec.pop("post"), spec.pop("surface"), spec.pop("n", 1)
        start = _offset(texts[post], surface, n)
        claims.append(Claim(post_id=post, start=start, end=start + len(surface), surface=surface, **spec))
    return thread, claims
