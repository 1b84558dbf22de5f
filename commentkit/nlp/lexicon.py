"""Load the English lexicons (data files under ``commentkit/lang/en/``) once per process."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

LANG_DIR = Path(__file__).resolve().parent.parent / "lang" / "en"


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed JSON lexicon ``lang/en/<name>.json`` (cached; treat it as read-only)."""
    with open(LANG_DIR / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


def states() -> dict:
    """US state postal abbreviation -> state name (the compare stage reuses this mapping)."""
    return load("states")


def trie_regex(entries) -> str:
    """An alternation of literal ``entries`` as a trie: "no(?: one)?" rather than "no one|no".

    It matches what the longest-first alternation matches (siblings start with different
    characters, and a greedy optional tail tries the longer entry first, backtracking to the
    shorter when what follows does not fit), but the regex engine tries each position against a
    few characters instead of every entry. Entries must not differ only by letter case when the
    pattern is compiled with re.IGNORECASE.
    """
    trie: dict = {}
    for entry in entries:
        node = trie
        for char in entry:
            node = node.setdefault(char, {})
        node[None] = {}  # an entry ends here

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(
            ((c, n) for c, n in node.items() if c is not None))]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if None in node else body

    return build(trie)
