"""Stance of each comment toward the article: a scikit-learn estimator over stance records.

A record is a dict with ``text`` (the comment), ``source`` (the article), ``parent`` (the parent
comment's text, None for a reply to the article), ``depth`` and optional ``numeric_agree`` /
``numeric_contradict`` (see ``stance_features``). ``StanceModel`` follows the estimator contract:
``__init__`` stores parameters, ``fit`` returns self, learned state ends in ``_``, so ``clone``,
``Pipeline`` and ``GridSearchCV`` work on it.

Scores are the logistic regression's probabilities shifted by a per-class bias (a prior
correction in log space, renormalised), which is how the rare deny/query classes get their due.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from commentkit.errors import DataError, ModelError
from commentkit.model import Stance, Thread, Verdict
from commentkit.nlp.stance_features import ContextFeatures, TextNgrams, mention_led

SDQC = ("support", "deny", "query", "comment")
DEFAULT_MODEL_NAME = "stance-sdqc.zip"


def default_model_path() -> Path:
    """The shipped model: the repository's top-level ``models/`` folder (next to the package)."""
    package_dir = Path(__file__).resolve().parent.parent  # commentkit/
    return package_dir.parent / "models" / DEFAULT_MODEL_NAME


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
        context = self.context_weight * self.context_.dense(records)
        if self.split_styles:
            # A second copy of the context block for forum/newspaper-style comments (not opening
            # with @-mentions): the model learns a shared weight plus a per-style correction.
            forum = np.array([0.0 if mention_led(r) else 1.0 for r in records])
            context = np.hstack([context, context * forum[:, None], (1.0 - forum)[:, None]])
        # The dense blocks are joined in numpy and turned sparse once: a handful of scipy calls per
        # thread instead of a dozen (each costs tens of microseconds, whatever the size).
        return sp.hstack([self.ngrams_.transform(records), sp.csr_matrix(context)], format="csr")

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
    def predict_proba(self, X: Sequence[dict]) -> np.ndarray:
        check_is_fitted(self, "classifier_")
        records = [_as_record(r) for r in X]
        if not records:
            return np.zeros((0, len(self.classes_)))
        # A sparse matrix product: no BLAS threads to limit (threadpoolctl itself costs 1-2 ms a call).
        log_p = self.classifier_.predict_log_proba(self._features(records)) + self.bias_
        log_p /= self.temperature
        log_p -= log_p.max(axis=1, keepdims=True)
        p = np.exp(log_p)
        return p / p.sum(axis=1, keepdims=True)

    def predict(self, X: Sequence[dict]) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)] if len(proba) else np.array([], dtype=object)

    def predict_stances(self, thread: Thread, verdicts: list[Verdict]) -> list[Stance]:
        """One Stance per comment of the thread, with scores for every label."""
        records = thread_records(thread, verdicts)
        if not records:
            return []
        proba = self.predict_proba(records)
        model_id = f"{self.name}@{self.fingerprint_}"
        stances = []
        for comment, row in zip(thread.comments, proba):
            scores = {str(label): float(p) for label, p in zip(self.classes_, row)}  # unrounded: they sum to 1
            stances.append(Stance(post_id=comment.id, label=str(self.classes_[row.argmax()]),
                                  scores=scores, model=model_id))
        return stances


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
    records = [_as_record(r) for r in X]
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


def _as_record(record) -> dict:
    if not isinstance(record, dict):
        raise DataError(f"a stance record must be a dict with 'text', not {type(record).__name__}")
    if "text" not in record:
        raise DataError(f"a stance record has no 'text' field (fields: {', '.join(sorted(record)) or 'none'})")
    return record


def _fingerprint(params: dict, records: list[dict], labels) -> str:
    digest = hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode())
    for record, label in zip(records, labels):
        digest.update(f"{record.get('text')}\x00{label}\x01".encode("utf-8", "replace"))
    return digest.hexdigest()[:12]


def thread_records(thread: Thread, verdicts: list[Verdict]) -> list[dict]:
    """A stance record per comment: its text, the article, its parent's text, its depth and the
    shares of its figures that agree with / contradict the article."""
    article = "\n".join(part for part in (thread.title, thread.article.text) if part)
    by_id = {c.id: c for c in thread.comments}
    statuses: dict[str, list[str]] = {}
    for verdict in verdicts:
        statuses.setdefault(verdict.claim.post_id, []).append(verdict.status)
    records = []
    for comment in thread.comments:
        parent = by_id.get(comment.parent_id) if comment.parent_id else None
        mine = statuses.get(comment.id, [])
        records.append({
            "id": comment.id,
            "text": comment.text or "",
            "source": article,
            "parent": parent.text if parent is not None else None,
            "depth": comment.depth,
            "numeric_agree": mine.count("agree") / len(mine) if mine else 0.0,
            "numeric_contradict": mine.count("contradict") / len(mine) if mine else 0.0,
        })
    return records


def load_stance_model(path=None) -> StanceModel:
    """The model in ``path`` (None: the shipped default), checked before anything is loaded."""
    from commentkit.nlp.model_io import load_model

    if path is None:
        path = default_model_path()
        if not path.exists():
            raise ModelError(f"the shipped stance model is not at {path}: install commentkit from a clone with "
                             "`pip install -e .` (the model lives in the clone's models/ folder), "
                             "or pass --stance-model FILE")
    return load_model(Path(path))
