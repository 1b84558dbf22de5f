"""Load the English lexicons (data files under ``commentkit/lang/en/``) once per process."""
from __future__ import annotations

import json
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
