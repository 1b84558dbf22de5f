"""Stance of each comment toward the article: scikit-learn estimators that learn it.

A record is a dict with ``text`` (the comment), ``source`` (the article), ``parent`` (the parent
comment's text, None for a reply to the article), ``depth`` and optional ``numeric_agree`` /
``numeric_contradict`` (see ``stance_features``). ``StanceModel`` follows the estimator contract:
``__init__`` stores parameters, ``fit`` returns self, learned state ends in ``_``, so ``clone``,
``Pipeline`` and ``GridSearchCV`` work on it.

What a fitted model has learned is handed out as a ``StancePredictor`` (``to_predictor``): plain
weights that predict without scikit-learn, which is what a model file holds and what analysis
loads (``load_stance_model``). ``StanceModel.predict_proba`` goes through it too, so a model
scores the same before and after it is saved.

Scores are the logistic regression's probabilities shifted by a per-class bias (a prior
correction in log space, renormalised), which is how the rare deny/query classes get their due.
"""
from __future__ import annotations

import hashlib
import json
import weakref
from collections import Counter
from typing import Optional, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from commentkit.errors import DataError
from commentkit.model import Stance, Thread, Verdict
from commentkit.nlp.stance_features import (CUE_LEXICONS, ContextBlock, context_feature_names, normalized_texts,
                                            read_lexicon)
from commentkit.nlp.stance_predictor import (DEFAULT_MODEL_NAME, SDQC, StanceFeatures, StancePredictor, as_record,
                                             default_model_path, load_stance_model, thread_records)
from commentkit.nlp.vectorize import TfidfWeights

__all__ = ["StanceModel", "TextNgrams", "ContextFeatures", "StancePredictor", "load_stance_model", "default_model_path",
           "thread_records", "tune_class_bias", "tune_temperature", "validate_training_data", "SDQC",
           "DEFAULT_MODEL_NAME"]

# The TfidfWeights of each fitted vectorizer, made once (they remember words' n-gram columns).
_WEIGHTS: "weakref.WeakKeyDictionary[TfidfVectorizer, TfidfWeights]" = weakref.WeakKeyDictionary()


def tfidf_weights(vectorizer: TfidfVectorizer) -> TfidfWeights:
    weights = _WEIGHTS.get(vectorizer)
    if weights is None:
        weights = _WEIGHTS[vectorizer] = TfidfWeights.from_vectorizer(vectorizer)
    return weights


class TextNgrams(BaseEstimator, TransformerMixin):
    """TF-IDF of the comment's word and character n-grams (URLs and mentions normalised)."""

    def __init__(self, word_ngrams=(1, 2), char_ngrams=(2, 5), min_df=2, max_features=None):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features

    def fit(self, records, y=None):
        texts = normalized_texts(records, "text")
        self.word_ = TfidfVectorizer(ngram_range=tuple(self.word_ngrams), min_df=self.min_df,
                                     sublinear_tf=True, token_pattern=r"(?u)[@\w']+|[?!]",
                                     max_features=self.max_features, dtype=np.float32).fit(texts)
        self.char_ = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self.char_ngrams),
                                     min_df=self.min_df, sublinear_tf=True,
                                     max_features=self.max_features, dtype=np.float32).fit(texts)
        # The pruned-terms set is only for introspection.
        for vec in (self.word_, self.char_):
            vec.stop_words_ = None
        return self

    def transform(self, records):
        texts = normalized_texts(records, "text")
        return sp.hstack([tfidf_weights(self.word_).transform(texts), tfidf_weights(self.char_).transform(texts)],
                         format="csr")


class ContextFeatures(BaseEstimator, TransformerMixin):
    """Dense features of a comment in its context (see ``stance_features.ContextBlock``): fit reads
    the cue lexicons, learns the word TF-IDF used for similarity and scales every column to unit
    variance."""

    def __init__(self, lexicons=CUE_LEXICONS, sentiment=True, scale=True):
        self.lexicons = lexicons
        self.sentiment = sentiment
        self.scale = scale

    def fit(self, records, y=None):
        self.lexicon_entries_ = {name: read_lexicon(name) for name in self.lexicons}
        texts = normalized_texts(records, "text") + normalized_texts(records, "source")
        self.words_ = TfidfVectorizer(min_df=2, sublinear_tf=True, dtype=np.float32).fit(texts)
        self.words_.stop_words_ = None
        self.n_features_out_ = len(self.feature_names())
        self.scale_ = np.ones(self.n_features_out_, dtype=np.float32)
        if self.scale:
            # Unit variance per column, so one weight balances the dense block against the n-grams.
            std = self.block().rows(records).std(axis=0)
            self.scale_ = np.where(std > 1e-6, 1.0 / np.maximum(std, 1e-6), 1.0).astype(np.float32)
        return self

    def block(self) -> ContextBlock:
        """The fitted features as plain data."""
        return ContextBlock(self.lexicon_entries_, tfidf_weights(self.words_), self.sentiment, self.scale_)

    def feature_names(self) -> list[str]:
        return context_feature_names(self.lexicons, self.sentiment)

    def transform(self, records):
        return sp.csr_matrix(self.dense(records))

    def dense(self, records) -> np.ndarray:
        """The scaled features as a dense array (records x features)."""
        return self.block().dense(records)


class StanceModel(ClassifierMixin, BaseEstimator):
    """Word/char n-grams + context features -> logistic regression -> per-class bias.

    The defaults are the settings chosen on RumourEval 2019 dev for the shipped model.

    ``class_weight``: as in LogisticRegression, or ``"sqrt_balanced"`` (the square root of the
    balanced weights). ``context_weight`` scales the (unit-variance) context block against the n-grams;
    ``split_styles`` gives forum/newspaper-style comments their own context weights on top of the
    shared ones (see ``stance_features.mention_led``).

    ``class_bias``: None (no shift), ``"cv"`` (tuned for macro-F1 on out-of-fold predictions of
    the training data, ``bias_folds`` folds) or a mapping label -> log-space shift chosen
    elsewhere (e.g. on a dev set with ``tune_class_bias``). ``temperature`` divides the shifted
    log-probabilities before they are renormalised: it calibrates the scores (fit it on held-out
    data with ``tune_temperature``) and never changes which label wins.
    """

    def __init__(self, C=0.1, word_ngrams=(1, 2), char_ngrams=(2, 5), min_df=2, context_weight=0.2,
                 split_styles=True, sentiment=True, class_weight="sqrt_balanced", class_bias=None, bias_folds=5,
                 temperature=1.0, max_iter=3000, random_state=0, name="commentkit-stance"):
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.context_weight = context_weight
        self.split_styles = split_styles
        self.sentiment = sentiment
        self.class_weight = class_weight
        self.class_bias = class_bias
        self.bias_folds = bias_folds
        self.temperature = temperature
        self.max_iter = max_iter
        self.random_state = random_state
        self.name = name

    # -- training ---------------------------------------------------------------------------
    def fit(self, X: Sequence[dict], y: Sequence[str], sample_weight=None):
        # lbfgs makes many tiny BLAS calls; threads only fight over them (10x slower on 2 cores).
        with threadpool_limits(limits=1, user_api="blas"):
            return self._fit(X, y, sample_weight)

    def _fit(self, X, y, sample_weight):
        records, labels = validate_training_data(X, y)
        self.ngrams_ = TextNgrams(self.word_ngrams, self.char_ngrams, self.min_df).fit(records)
        self.context_ = ContextFeatures(sentiment=self.sentiment).fit(records)
        features = self._features(records)
        self.classifier_ = self._new_classifier(labels).fit(features, labels, sample_weight=sample_weight)
        self.classes_ = self.classifier_.classes_
        self.bias_ = self._fit_bias(features, labels)
        self.n_features_ = features.shape[1]
        self.fingerprint_ = _fingerprint(self.get_params(), records, labels)
        return self

    def _new_classifier(self, labels=None) -> LogisticRegression:
        weight = self.class_weight
        if weight == "sqrt_balanced":
            # Half-way (in log space) between no weighting and "balanced": rare labels count
            # more, without the precision loss full balancing brings.
            counts = Counter(labels)
            weight = {label: float(np.sqrt(len(labels) / (len(counts) * n))) for label, n in counts.items()}
        return LogisticRegression(C=self.C, class_weight=weight, max_iter=self.max_iter,
                                  random_state=self.random_state)

    def _features(self, records) -> sp.csr_matrix:
        return self._feature_space().matrix(records)

    def _feature_space(self) -> StanceFeatures:
        return StanceFeatures(tfidf_weights(self.ngrams_.word_), tfidf_weights(self.ngrams_.char_),
                              self.context_.block(), self.context_weight, self.split_styles)

    def _fit_bias(self, features, labels) -> np.ndarray:
        if self.class_bias is None:
            return np.zeros(len(self.classes_))
        if isinstance(self.class_bias, str):
            if self.class_bias != "cv":
                raise DataError(f"class_bias must be None, 'cv' or a label->shift mapping, not {self.class_bias!r}")
            folds = min(self.bias_folds, min(Counter(labels).values()))
            if folds < 2:
                return np.zeros(len(self.classes_))
            cv = StratifiedKFold(folds, shuffle=True, random_state=self.random_state)
            # The vectorisers saw every fold; the bias shift is robust to that small optimism.
            oof = np.zeros((len(labels), len(self.classes_)))
            for train, held_out in cv.split(features, labels):
                fold = self._new_classifier(labels[train]).fit(features[train], labels[train])
                columns = [list(self.classes_).index(c) for c in fold.classes_]
                oof[np.ix_(held_out, columns)] = fold.predict_proba(features[held_out])
            return tune_class_bias(oof, labels, self.classes_)
        unknown = set(self.class_bias) - set(self.classes_)
        if unknown:
            raise DataError(f"class_bias names labels not in the training data: {sorted(unknown)}")
        return np.array([float(self.class_bias.get(c, 0.0)) for c in self.classes_])

    # -- prediction -------------------------------------------------------------------------
    def to_predictor(self) -> StancePredictor:
        """What the model has learned, as plain weights that predict without scikit-learn."""
        check_is_fitted(self, "classifier_")
        return StancePredictor(classes=self.classes_, features=self._feature_space(), coef=self.classifier_.coef_,
                               intercept=self.classifier_.intercept_, bias=self.bias_, temperature=self.temperature,
                               name=self.name, fingerprint=self.fingerprint_,
                               params=json.loads(json.dumps(self.get_params(), default=str)))

    def predict_proba(self, X: Sequence[dict]) -> np.ndarray:
        return self.to_predictor().predict_proba(X)

    def predict(self, X: Sequence[dict]) -> np.ndarray:
        return self.to_predictor().predict(X)

    def predict_stances(self, thread: Thread, verdicts: list[Verdict]) -> list[Stance]:
        """One Stance per comment of the thread, with scores for every label."""
        return self.to_predictor().predict_stances(thread, verdicts)


def tune_class_bias(proba: np.ndarray, labels: Sequence[str], classes: Sequence[str],
                    grid: Optional[np.ndarray] = None, rounds: int = 2) -> np.ndarray:
    """Per-class log-space shifts that maximise macro-F1 of ``argmax(log proba + bias)``.

    Coordinate ascent over a fixed grid; the first class stays at 0 (only differences matter).
    Ties keep the smaller change, so the result is deterministic.
    """
    grid = np.linspace(-3, 3, 61) if grid is None else grid
    classes = list(classes)
    y = np.array([classes.index(label) for label in labels])
    log_p = np.log(np.clip(proba, 1e-12, None))
    bias = np.zeros(len(classes))

    def score(b):
        return f1_score(y, (log_p + b).argmax(axis=1), average="macro", labels=range(len(classes)))

    best = score(bias)
    for _ in range(rounds):
        for k in range(1, len(classes)):
            for value in grid:
                trial = bias.copy()
                trial[k] = value
                s = score(trial)
                if s > best + 1e-9:
                    best, bias = s, trial
    return np.round(bias, 3)


def tune_temperature(proba: np.ndarray, labels: Sequence[str], classes: Sequence[str]) -> float:
    """The temperature that minimises the log-loss of ``proba`` (already bias-shifted) on
    held-out labels; a grid search, deterministic."""
    classes = list(classes)
    y = np.array([classes.index(label) for label in labels])
    log_p = np.log(np.clip(proba, 1e-12, None))
    best_t, best_loss = 1.0, np.inf
    for t in np.round(np.arange(0.3, 3.01, 0.05), 2):
        z = log_p / t
        z -= z.max(axis=1, keepdims=True)
        loss = -np.mean(z[np.arange(len(y)), y] - np.log(np.exp(z).sum(axis=1)))
        if loss < best_loss - 1e-12:
            best_t, best_loss = float(t), loss
    return best_t


def validate_training_data(X, y) -> tuple[list[dict], np.ndarray]:
    """Records and labels fit to train on, or a DataError saying what is wrong."""
    records = [as_record(r) for r in X]
    labels = np.asarray([str(label).strip() for label in y], dtype=object)
    if len(records) != len(labels):
        raise DataError(f"{len(records)} records but {len(labels)} labels")
    if not records:
        raise DataError("no training records")
    if any(not label for label in labels):
        raise DataError("some records have an empty label")
    if len(set(labels)) < 2:
        raise DataError(f"training data has only one label ({labels[0]!r}); a classifier needs at least two")
    if not any((r.get("text") or "").strip() for r in records):
        raise DataError("every training text is empty")
    return records, labels


def _fingerprint(params: dict, records: list[dict], labels) -> str:
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode())
    for record, label in zip(records, labels):
        digest.update(f"{record.get('text')}\x00{label}\x01".encode("utf-8", "replace"))
    return digest.hexdigest()[:12]
