"""Featurizers for stance records (comment text, its article/source, its parent comment).

A record is a dict: ``text``, ``source`` (the article), ``parent`` (parent comment text or None),
``depth`` (0 = reply to the article) and optional ``numeric_agree`` / ``numeric_contradict``
(shares of the comment's figures that agree with / contradict the article's).

Every featurizer is a scikit-learn transformer over a list of records, so a ``ColumnTransformer``
-free ``FeatureUnion`` can combine them and ``GridSearchCV`` can tune their parameters.
"""
from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from textblob.en.sentiments import PatternAnalyzer

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lang" / "en"
CUE_LEXICONS = ("denial", "hedging", "question", "negation", "support", "mockery", "swearing")

_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_MENTION = re.compile(r"@\w+")
_WORD = re.compile(r"[a-z0-9']+")
_LEADING_MENTIONS = re.compile(r"^(?:\s*(?:@user|rt)\b:?)+")
_QUOTE = re.compile(r"[\"“”«»]|^\s*(?:>|&gt;)", re.M)
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_SENTIMENT = PatternAnalyzer()  # TextBlob's pattern lexicon: offline, no NLTK corpora


def normalize(text: str) -> str:
    """Lower-cased text with URLs and @-mentions replaced by placeholders (they carry no stance
    in their exact form, only in their presence)."""
    text = _URL.sub(" httpurl ", text or "")
    text = _MENTION.sub(" @user ", text)
    return text.lower()


def read_lexicon(name: str) -> list[str]:
    """The entries of ``lang/en/stance_<name>.txt``: one per line, '#' comments, lower-cased."""
    path = LEXICON_DIR / f"stance_{name}.txt"
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            entries.append(line)
    return sorted(set(entries))


def _lexicon_pattern(entries: list[str]) -> re.Pattern:
    # Longest first so "not true" wins over "not"; word boundaries that allow apostrophes inside.
    alternatives = sorted(entries, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(e) for e in alternatives) + r")(?![\w'])")


def _texts(records, key: str) -> list[str]:
    return [normalize(r.get(key) or "") for r in records]


class TextNgrams(BaseEstimator, TransformerMixin):
    """TF-IDF of the comment's word and character n-grams (URLs and mentions normalised)."""

    def __init__(self, word_ngrams=(1, 2), char_ngrams=(2, 5), min_df=2, max_features=None):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features

    def fit(self, records, y=None):
        texts = _texts(records, "text")
        self.word_ = TfidfVectorizer(ngram_range=tuple(self.word_ngrams), min_df=self.min_df,
                                     sublinear_tf=True, token_pattern=r"(?u)[@\w']+|[?!]",
                                     max_features=self.max_features, dtype=np.float32).fit(texts)
        self.char_ = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngrams),
                                     min_df=self.min_df, sublinear_tf=True,
                                     max_features=self.max_features, dtype=np.float32).fit(texts)
        # The pruned-terms set is only for introspection and would bloat the saved model.
        for vec in (self.word_, self.char_):
            vec.stop_words_ = None
        return self

    def transform(self, records):
        texts = _texts(records, "text")
        return sp.hstack([self.word_.transform(texts), self.char_.transform(texts)], format="csr")


class ContextFeatures(BaseEstimator, TransformerMixin):
    """Dense features: similarity/overlap with the article and the parent, cue lexicons,
    TextBlob sentiment, punctuation, URLs, quotes, depth and numeric agreement.

    The lexicons are read at ``fit`` and kept in the fitted model, so a saved model does not
    change when the data files are edited later.
    """

    def __init__(self, lexicons=CUE_LEXICONS, sentiment=True, scale=True):
        self.lexicons = lexicons
        self.sentiment = sentiment
        self.scale = scale

    def fit(self, records, y=None):
        self.lexicon_entries_ = {name: read_lexicon(name) for name in self.lexicons}
        texts = _texts(records, "text") + _texts(records, "source")
        self.words_ = TfidfVectorizer(min_df=2, sublinear_tf=True, dtype=np.float32).fit(texts)
        self.words_.stop_words_ = None
        self.n_features_out_ = len(self.feature_names())
        # Unit variance per column, so one weight balances the dense block against the n-grams.
        self.scale_ = np.ones(self.n_features_out_, dtype=np.float32)
        if self.scale:
            std = self._rows(records).std(axis=0)
            self.scale_ = np.where(std > 1e-6, 1.0 / np.maximum(std, 1e-6), 1.0).astype(np.float32)
        return self

    def feature_names(self) -> list[str]:
        names = ["sim_source", "sim_parent", "overlap_source", "overlap_parent", "source_contained", "has_parent",
                 "is_source", "depth", "log_length", "question_marks", "ends_with_question",
                 "exclamations", "urls", "mentions", "hashtags", "quotes", "upper_ratio",
                 "digits", "emoji", "parent_question", "numeric_agree", "numeric_contradict"]
        for name in self.lexicons:
            names += [f"{name}_count", f"{name}_first", f"parent_{name}"]
        if self.sentiment:
            names += ["polarity", "subjectivity", "negative", "positive"]
        return names

    def transform(self, records):
        return sp.csr_matrix(self._rows(records) * self.scale_)

    def _rows(self, records) -> np.ndarray:
        patterns = {name: _lexicon_pattern(entries) for name, entries in self.lexicon_entries_.items()}
        text = _texts(records, "text")
        source = _texts(records, "source")
        parent = _texts(records, "parent")
        sim_source, overlap_source, contained = self._similarity(text, source)
        sim_parent, overlap_parent, _ = self._similarity(text, parent)
        rows = []
        for i, record in enumerate(records):
            raw = record.get("text") or ""
            t, p = text[i], parent[i]
            letters = [c for c in raw if c.isalpha()]
            stripped = t.rstrip()
            row = [
                sim_source[i], sim_parent[i], overlap_source[i], overlap_parent[i], contained[i],
                float(bool(p.strip())), float(bool(t.strip()) and t.strip() == source[i].strip()),
                math.log1p(max(int(record.get("depth") or 0), 0)),
                math.log1p(len(_WORD.findall(t))) / 5.0,
                min(t.count("?"), 3) / 3.0, float(stripped.endswith("?")),
                min(t.count("!"), 3) / 3.0, min(t.count("httpurl"), 3) / 3.0,
                min(t.count("@user"), 5) / 5.0, min(t.count("#"), 5) / 5.0,
                float(bool(_QUOTE.search(raw))),
                (sum(c.isupper() for c in letters) / len(letters)) if letters else 0.0,
                float(any(c.isdigit() for c in _URL.sub("", raw))), min(len(_EMOJI.findall(raw)), 3) / 3.0,
                float("?" in p),
                float(record.get("numeric_agree") or 0.0), float(record.get("numeric_contradict") or 0.0),
            ]
            # The opening words, after the @-mentions a reply starts with.
            first_words = " ".join(_WORD.findall(_LEADING_MENTIONS.sub("", t))[:4])
            for name in self.lexicons:
                pattern = patterns[name]
                row += [min(len(pattern.findall(t)), 3) / 3.0, float(bool(pattern.search(first_words))),
                        float(bool(pattern.search(p)))]
            if self.sentiment:
                polarity, subjectivity = _SENTIMENT.analyze(raw) if raw.strip() else (0.0, 0.0)
                row += [polarity, subjectivity, float(polarity < -0.1), float(polarity > 0.1)]
            rows.append(row)
        return np.asarray(rows, dtype=np.float32).reshape(len(records), -1)

    def _similarity(self, left: list[str], right: list[str]):
        """Cosine of word TF-IDF vectors, the share of the comment's words found in the other
        text and the share of the other text's words found in the comment. Each distinct other text (an article shared by a whole thread) is vectorised once."""
        unique = {t: i for i, t in enumerate(dict.fromkeys(right))}
        right_matrix = self.words_.transform(list(unique))
        left_matrix = self.words_.transform(left)
        rows = right_matrix[[unique[t] for t in right]]
        cosine = np.asarray(left_matrix.multiply(rows).sum(axis=1)).ravel()
        right_words = {t: set(_WORD.findall(t)) for t in unique}
        overlap = np.zeros(len(left), dtype=np.float32)
        contained = np.zeros(len(left), dtype=np.float32)  # share of the other text quoted here
        for i, (l, r) in enumerate(zip(left, right)):
            words = set(_WORD.findall(l))
            if words and right_words[r]:
                shared = len(words & right_words[r])
                overlap[i] = shared / len(words)
                contained[i] = shared / len(right_words[r])
        return cosine, overlap, contained
