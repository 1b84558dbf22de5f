"""TextBlob sentiment (pattern lexicon; works offline, needs no NLTK corpora)."""
from __future__ import annotations

from textblob import TextBlob


def sentiment(text: str) -> dict:
    """Polarity in [-1, 1] and subjectivity in [0, 1] of a text."""
    blob = TextBlob(text or "")
    return {"polarity": round(blob.sentiment.polarity, 4), "subjectivity": round(blob.sentiment.subjectivity, 4)}
