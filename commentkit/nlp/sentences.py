"""A cheap sentence splitter: the fast path parses only the sentences that hold a number.

Rules, not a model: a sentence ends at a line break, or at . ! ? (plus closing quotes or
brackets) followed by space and a capital, digit or opening quote — unless the word before the
full stop is a known abbreviation ("Jan.", "Gov.", "U.S.") or an initial ("J. Smith").
"""
from __future__ import annotations

import re

from commentkit.nlp import lexicon

ABBREVIATIONS = frozenset(lexicon.load("claims")["abbreviations"])
_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n+")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
MAX_SENTENCE = 3000  # characters; longer runs without sentence ends are cut at a space


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of ``text``, without surrounding space."""
    spans = []
    start = 0
    for m in _END_RE.finditer(text):
        if m.group(0)[0] == "." and _is_abbreviation(text, m.start()):
            continue
        _add(text, start, m.end(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE_RE.search(text[max(0, dot - 12):dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and m.group(1).isupper())


def _add(text: str, start: int, end: int, spans: list) -> None:
    while end - start > MAX_SENTENCE:  # pasted tables, spam: keep every piece small for the tagger
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add(text, start, cut, spans)
        start = cut
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))
