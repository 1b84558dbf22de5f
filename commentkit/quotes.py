"""Quoted passages in comments: one marking for every reader, and the test for "is this quoted".

Readers quote what they answer: Reddit and Hacker News put "> " before the line, forums and
WordPress/Disqus bodies wrap it in ``<blockquote>``, plain-text copies keep the "> ". Ingest
turns every kind into the same thing in ``Post.text``: each quoted line starts with "> " (nested
quotes "> > "). Nothing else is added to the data model, so a thread's JSON stays as it was and
any consumer can see the quotes in the text.

A figure inside a quoted line is someone else's (the article's or another reader's), not the
commenter's claim; ``own_claims`` drops such figures of comments before they are compared.
"""
from __future__ import annotations

import re
from typing import Iterable

from commentkit.model import Claim, Thread

QUOTE_MARK = "> "
# A line that starts with ">" is a quote, except ">50%" / ">$3" / ">=", where ">" means "more than".
_QUOTED_LINE = re.compile(r"^[ \t]*>(?:[ \t]|$|(?![\d$£€¥=.,]))[^\n]*", re.M)


def quote_lines(text: str) -> str:
    """``text`` as a quoted passage: every non-empty line marked with "> "."""
    return "\n".join(QUOTE_MARK + line for line in text.split("\n") if line.strip())


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the quoted lines of ``text``."""
    if ">" not in text:
        return []
    return [m.span() for m in _QUOTED_LINE.finditer(text)]


def is_quoted(spans: list[tuple[int, int]], start: int) -> bool:
    return any(s <= start < e for s, e in spans)


def own_claims(thread: Thread, claims: Iterable[Claim]) -> list[Claim]:
    """``claims`` without the comment figures that sit in quoted passages.

    The article keeps all its figures: a self-post that quotes a report is where the thread's
    figures come from. Claims of posts not in the thread are kept as they are.
    """
    spans = {post.id: quoted_spans(post.text or "") for post in thread.comments}
    return [c for c in claims if not (spans.get(c.post_id) and is_quoted(spans[c.post_id], c.start))]


def own_words(text: str) -> str:
    """``text`` without its quoted lines; the whole text when it is nothing but a quote (then the
    quote is what the commenter chose to say) or has no quote at all."""
    spans = quoted_spans(text)
    if not spans:
        return text
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(text[last:start])
        last = end
    pieces.append(text[last:])
    own = "".join(pieces).strip()
    return own if own else text
