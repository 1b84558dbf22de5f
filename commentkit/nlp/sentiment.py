"""TextBlob sentiment (pattern lexicon; works offline, needs no NLTK corpora).

TextBlob's analyser is pattern's ``Sentiment`` in ``textblob/_text.py``, a module that needs only
the standard library, set up in ``textblob/en/__init__.py``. But ``import textblob`` (which any
``textblob.*`` import runs first) imports NLTK, and NLTK imports scipy.stats and parts of
scikit-learn: 0.7 s in every analysis process, for code the sentiment never calls. So this module
loads TextBlob's own ``_text.py`` on its own and sets the analyser up with ``textblob.en``'s
settings. The tests compare every score with ``TextBlob(text).sentiment``.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from commentkit.errors import ModelError


SUPPORTED = "textblob 0.18 to 0.20"


def _textblob_folder() -> Path:
    spec = importlib.util.find_spec("textblob")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("TextBlob is not installed (pip install 'textblob>=0.18,<0.21')")
    folder = Path(list(spec.submodule_search_locations)[0])
    for needed in ("_text.py", "en/en-sentiment.xml"):
        if not (folder / needed).is_file():
            raise ModelError(f"the TextBlob at {folder} has no {needed}; commentkit reads {SUPPORTED}")
    return folder


def _load_text_module(folder: Path):
    spec = importlib.util.spec_from_file_location("commentkit.nlp._textblob_text", folder / "_text.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_sentiment() -> None:
    """Load the analyser and its lexicon now (a ModelError if TextBlob cannot provide them)."""
    _analyser()


@lru_cache(maxsize=1)
def _analyser():
    folder = _textblob_folder()
    text = _load_text_module(folder)

    class LoadedSentiment(text.Sentiment):
        """``textblob.en.Sentiment``, loaded once, with plain dictionary lookups.

        TextBlob's lexicon is a "lazy dict" that runs a Python wrapper on every ``in`` and ``[]``
        to load itself on first use; that wrapper was a third of the sentiment time.
        """

        __contains__ = dict.__contains__
        __getitem__ = dict.__getitem__
        __iter__ = dict.__iter__
        __len__ = dict.__len__
        get = dict.get
        items = dict.items
        keys = dict.keys
        values = dict.values

        def load(self, path=None):
            # As textblob.en.Sentiment.load: adverbs from adjectives ("terrible" -> "terribly").
            text.Sentiment.load(self, path)
            if not path:
                for w, pos in list(dict.items(self)):
                    if "JJ" in pos:
                        if w.endswith("y"):
                            w = w[:-1] + "i"
                        if w.endswith("le"):
                            w = w[:-2]
                        p, s, i = pos["JJ"]
                        self.annotate(w + "ly", "RB", p, s, i)

    # The settings of textblob.en's ``sentiment`` (its parser's tokenizer is the base Parser's).
    analyser = LoadedSentiment(path=str(folder / "en" / "en-sentiment.xml"), synset="wordnet_id",
                               negations=("no", "not", "n't", "never"), modifiers=("RB",),
                               modifier=lambda w: w.endswith("ly"),
                               tokenizer=text.Parser(language="en").find_tokens, language="en")
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
