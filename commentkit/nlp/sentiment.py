"""TextBlob sentiment (pattern lexicon; works offline, needs no NLTK corpora)."""
from __future__ import annotations

from functools import lru_cache

from textblob.en import sentiment as _textblob_sentiment  # what TextBlob(text).sentiment calls


class _LoadedSentiment(type(_textblob_sentiment)):
    """TextBlob's sentiment analyser with plain dictionary lookups.

    TextBlob's lexicon is a "lazy dict" that runs a Python wrapper on every ``in`` and ``[]`` to
    load itself on first use; that wrapper was a third of the sentiment time. This copy is loaded
    once when created, so it can use the dictionary's own methods. Same settings, same scores
    (the tests compare it with TextBlob's own).
    """

    __contains__ = dict.__contains__
    __getitem__ = dict.__getitem__
    __iter__ = dict.__iter__
    __len__ = dict.__len__
    get = dict.get
    items = dict.items
    keys = dict.keys
    values = dict.values


@lru_cache(maxsize=1)
def _analyser() -> _LoadedSentiment:
    original = _textblob_sentiment
    analyser = _LoadedSentiment(path=original.path, synset=original._synset, negations=original.negations,
                                modifiers=original.modifiers, modifier=original.modifier,
                                tokenizer=original.tokenizer)
    analyser.load()
    return analyser


@lru_cache(maxsize=4096)
def polarity_subjectivity(text: str) -> tuple[float, float]:
    """TextBlob's (polarity, subjectivity) of a text, unrounded.

    Cached because the stance features and the report both need it for every comment.
    """
    if not text.strip():
        return 0.0, 0.0
    polarity, subjectivity = _analyser()(text)[:2]
    return float(polarity), float(subjectivity)


def sentiment(text: str) -> dict:
    """Polarity in [-1, 1] and subjectivity in [0, 1] of a text."""
    polarity, subjectivity = polarity_subjectivity(text or "")
    return {"polarity": round(polarity, 4), "subjectivity": round(subjectivity, 4)}
