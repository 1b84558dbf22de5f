"""Author taglines: a one-line note about the writer before the first paragraph or after the
last ("Mr. Hale is a transportation researcher at ..."). It is not part of the article, and its
figures are not the article's claims.

Only clear taglines go: a short sentence of the form "<name> is/writes/teaches ..." that either
the page marks (a tagline class, or the paragraph is all italic/small print) or whose subject is
the article's own author (named in the byline). A first sentence about someone else stays.
"""
from __future__ import annotations

import re

from commentkit.ingest import selectors as sel

_SENTENCE = re.compile(sel.TAGLINE_SENTENCE)
_SENTENCE_ENDS = re.compile(r"[.!?](?:\s|$)")
_CLASSES = {name.lower() for name in sel.HTML_TAGLINE_CLASSES}


def is_tagline(text: str, authors: str | None = None, marked: bool = False, classed: bool = False) -> bool:
    """True when ``text`` (one body paragraph at the edge of the article) is a note about its author.
    ``marked``: all in italic/small print; ``classed``: an element of a tagline class; ``authors``:
    the byline's names ("A; B")."""
    text = text.strip()
    if not text or len(text) > sel.TAGLINE_MAX_CHARS or len(_SENTENCE_ENDS.findall(text)) > 2:
        return False
    if classed:
        return True
    found = _SENTENCE.match(text)
    if not found:
        return False
    return marked or _names_author(found.group("name"), authors)


def _names_author(name: str, authors: str | None) -> bool:
    """The tagline's subject is one of the byline's people: "Mr. Hale", "Tom Hale" for "Tom Hale"."""
    if not authors:
        return False
    surnames = {a.split()[-1].lower() for a in re.split(r";|\band\b|&|,", authors) if a.split()}
    return name.split()[-1].lower() in surnames


def has_tagline_class(element) -> bool:
    classes = {c.lower() for c in (element.get("class") or "").split()}
    return bool(classes & _CLASSES)


def is_small_print(element) -> bool:
    """The whole paragraph is italic or small print (<p><em>...</em></p>, <p><i>..</i></p>, <small>)."""
    if element.tag in ("em", "i", "small"):
        return True
    if (element.text or "").strip():
        return False
    children = list(element)
    return (len(children) == 1 and children[0].tag in ("em", "i", "small")
            and not (children[0].tail or "").strip())
