"""TextBlob sentiment (pattern lexicon; works offline, needs no NLTK corpora)."""
from __future__ import annotations

from functools import lru_cache

from textblob.en import sentiment as _pattern_sentiment  # what TextBlob(text).sentiment calls


@lru_cache(maxsize=4096)
def polarity_subjectivity(text: str) -> tuple[float, float]:
    """TextBlob's (polarity, subjectivity) of a text, unrounded.

    Cached because the stance features and the report both need it for every comment.
    """
    if not text.strip():
        return 0.0, 0.0
    polarity, subjectivity = _pattern_sentiment(text)
    return float(polarity), float(subjectivity)


def sentiment(text: str) -> dict:
    """Polarity in [-1, 1] and subjectivity in [0, 1] of a text."""
    polarity, subjectivity = polarity_subjectivity(text or "")
    return {"polarity": round(polarity, 4), "subjectivity": round(subjectivity, 4)}
