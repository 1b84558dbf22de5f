"""A fitted stance model as plain data (weights, vocabularies, lexicons), predicting without
scikit-learn.

``StanceModel`` (``commentkit.nlp.stance``) is the scikit-learn estimator that learns; this is what
it has learned, and what a model file holds (see ``model_io``). Analysis only ever predicts, so its
worker processes load a ``StancePredictor`` and never import scikit-learn, which would cost each of
them half a second at start. ``StanceModel.predict_proba`` runs through the same code, so a model
scores the same before and after it is saved.

Scores: the logistic regression's probabilities, shifted by a per-class bias (a prior correction in
log space) and divided by a temperature, then renormalised.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

import numpy as np
import scipy.sparse as sp

from commentkit.errors import DataError, ModelError
from commentkit.model import Stance, Thread, Verdict
from commentkit.nlp.stance_features import ContextBlock, mention_led, normalized_texts
from commentkit.nlp.vectorize import TfidfWeights

SDQC = ("support", "deny", "query", "comment")
DEFAULT_MODEL_NAME = "stance-sdqc.zip"


def default_model_path() -> Path:
    """The shipped model: ``commentkit/models/``, which in a clone is a link to the repository's
    top-level ``models/`` folder and in an installed wheel holds a copy of the model."""
    return Path(__file__).resolve().parent.parent / "models" / DEFAULT_MODEL_NAME


class StanceFeatures:
    """Records -> the model's input matrix: word and char n-gram TF-IDF of the comment, then the
    weighted context block (and, with ``split_styles``, its forum-style copy and a style flag)."""

    def __init__(self, word: TfidfWeights, char: TfidfWeights, context: ContextBlock, context_weight: float,
                 split_styles: bool):
        self.word, self.char, self.context = word, char, context
        self.context_weight = float(context_weight)
        self.split_styles = bool(split_styles)
        n_context = len(context.names)
        self.n_features = word.n_features + char.n_features + (2 * n_context + 1 if self.split_styles else n_context)

    def matrix(self, records: Sequence[dict]) -> sp.csr_matrix:
        context = self.context_weight * self.context.dense(records)
        if self.split_styles:
            # A second copy of the context block for forum/newspaper-style comments (not opening
            # with @-mentions): the model learns a shared weight plus a per-style correction.
            forum = np.array([0.0 if mention_led(r) else 1.0 for r in records])
            context = np.hstack([context, context * forum[:, None], (1.0 - forum)[:, None]])
        texts = normalized_texts(records, "text")
        # The dense blocks are joined in numpy and turned sparse once: a handful of scipy calls per
        # thread instead of a dozen (each costs tens of microseconds, whatever the size).
        return sp.hstack([self.word.transform(texts), self.char.transform(texts), sp.csr_matrix(context)],
                         format="csr")


class StancePredictor:
    """StanceFeatures -> linear scores -> per-class probabilities, bias, temperature."""

    def __init__(self, *, classes, features: StanceFeatures, coef, intercept, bias=None, temperature: float = 1.0,
                 name: str = "commentkit-stance", fingerprint: str = "", params: Optional[dict] = None):
        self.classes_ = np.asarray(list(classes), dtype=object)
        self.features = features
        self.coef = np.asarray(coef, dtype=np.float64)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.bias = np.zeros(len(self.classes_)) if bias is None else np.asarray(bias, dtype=np.float64)
        self.temperature = float(temperature)
        self.name = name
        self.fingerprint_ = fingerprint
        self.params = dict(params or {})
        self.card_: Optional[dict] = None  # set when loaded from a file
        rows = 1 if len(self.classes_) == 2 else len(self.classes_)
        if len(self.classes_) < 2 or self.coef.shape != (rows, features.n_features) or self.intercept.shape != (rows,) \
                or self.bias.shape != (len(self.classes_),) or not self.temperature > 0:
            raise ValueError(f"inconsistent stance weights: {len(self.classes_)} classes, {features.n_features} "
                             f"features, coef {self.coef.shape}, intercept {self.intercept.shape}, "
                             f"bias {self.bias.shape}, temperature {self.temperature}")

    def get_params(self) -> dict:
        """The settings of the StanceModel this was learned by."""
        return dict(self.params)

    def predict_proba(self, X: Sequence[dict]) -> np.ndarray:
        records = [as_record(r) for r in X]
        if not records:
            return np.zeros((0, len(self.classes_)))
        log_p = np.log(self._linear_proba(self.features.matrix(records))) + self.bias
        log_p /= self.temperature
        log_p -= log_p.max(axis=1, keepdims=True)
        p = np.exp(log_p)
        return p / p.sum(axis=1, keepdims=True)

    def _linear_proba(self, features) -> np.ndarray:
        """LogisticRegression.predict_proba, step for step: a softmax over the classes' scores, or
        for two classes the logistic function of the one score."""
        scores = features @ self.coef.T + self.intercept
        if len(self.classes_) == 2:
            from scipy.special import expit

            positive = expit(scores.reshape(-1))
            return np.stack([1 - positive, positive], axis=1)
        scores -= scores.max(axis=1).reshape(-1, 1)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1).reshape(-1, 1)
        return scores

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


def as_record(record) -> dict:
    """``record`` if it is a stance record (a dict with ``text``), else a DataError."""
    if not isinstance(record, dict):
        raise DataError(f"a stance record must be a dict with 'text', not {type(record).__name__}")
    if "text" not in record:
        raise DataError(f"a stance record has no 'text' field (fields: {', '.join(sorted(record)) or 'none'})")
    return record


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


def load_stance_model(path=None) -> StancePredictor:
    """The model in ``path`` (None: the shipped default), checked before anything is loaded."""
    from commentkit.nlp.model_io import load_model

    if path is None:
        path = default_model_path()
        if not path.exists():
            raise ModelError(f"the shipped stance model is not at {path}: this install of commentkit is "
                             "incomplete (reinstall it; in a clone, models/ must be checked out), "
                             "or pass --stance-model FILE")
    return load_model(Path(path))
