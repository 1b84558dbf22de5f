"""Train, evaluate and tune stance models on labelled records (the logic behind the commands).

Every function takes and returns plain data; ``cli.py`` does the printing.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from commentkit.errors import DataError
from commentkit.nlp.model_io import card_markdown, save_model
from commentkit.nlp.stance import StanceModel
from commentkit.stance_data import labels_of

# Parameter grids a user can name instead of writing a JSON file.
PRESETS = {
    "quick": {"C": [0.1, 0.3, 1.0]},
    "default": {"C": [0.1, 0.2, 0.3], "context_weight": [0.1, 0.2, 0.3]},
    "wide": {"C": [0.05, 0.1, 0.2, 0.3, 0.5, 1.0], "context_weight": [0.1, 0.2, 0.3, 0.5],
             "char_ngrams": [[2, 4], [2, 5]], "class_weight": ["balanced", "sqrt_balanced", None]},
}
SEED = 0


def train(records: list[dict], params: Optional[dict] = None, out: Optional[Path] = None,
          card: Optional[dict] = None) -> StanceModel:
    """Fit a StanceModel on labelled records and save it (with its card) when ``out`` is given."""
    labels = labels_of(records)
    check_params(params or {})
    try:
        model = StanceModel(**(params or {})).fit(records, labels)
    except (ValueError, TypeError) as exc:  # scikit-learn's check of a parameter's value
        raise DataError(f"cannot train with these parameters: {' '.join(str(exc).split())}") from exc
    if out is not None:
        write_model(model, out, {"n_train": len(records), "train_labels": dict(Counter(labels)), **(card or {})})
    return model


def check_params(params: dict) -> None:
    """A DataError naming any parameter StanceModel does not have."""
    if not isinstance(params, dict):
        raise DataError(f"model parameters must be a JSON object, not {type(params).__name__}")
    known = set(StanceModel().get_params())
    unknown = sorted(set(params) - known)
    if unknown:
        raise DataError(f"unknown parameter(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")


def write_model(model: StanceModel, out: Path, card: dict) -> dict:
    """The model file plus a Markdown card next to it (``NAME.md``)."""
    out = Path(out)
    full = save_model(model, out, card)
    out.with_suffix(".md").write_text(card_markdown(full), encoding="utf-8")
    return full


def official_metric(labels: Sequence[str]) -> tuple[str, Callable]:
    """The data set's own metric, recognised by its label set."""
    label_set = set(labels)
    if label_set <= {"agree", "disagree", "discuss", "unrelated"}:
        return "fnc_score_relative", fnc_score
    if label_set <= {"favor", "against", "none"}:
        return "f_avg(favor,against)", lambda y, p: float(np.mean(
            f1_score(y, p, labels=["favor", "against"], average=None, zero_division=0)))
    return "macro_f1", lambda y, p: float(f1_score(y, p, average="macro", zero_division=0))


def fnc_score(y, p) -> float:
    """FNC-1 weighted score as a share of the best possible."""
    related = {"agree", "disagree", "discuss"}
    score = best = 0.0
    for gold, pred in zip(y, p):
        best += 0.25 + (0.75 if gold in related else 0.0)
        if (gold in related) == (pred in related):
            score += 0.25
        if gold in related and gold == pred:
            score += 0.75
    return score / best if best else 0.0


def metrics(y_true: Sequence[str], y_pred: Sequence[str], labels: Optional[Sequence[str]] = None,
            bootstrap: int = 0, seed: int = SEED) -> dict:
    """Accuracy, macro-F1 (with a bootstrap 95% interval), per-class P/R/F1 and the confusion
    matrix (rows = gold, columns = predicted), plus the official metric of the label set."""
    y_true, y_pred = np.asarray(y_true, dtype=object), np.asarray(y_pred, dtype=object)
    labels = list(labels) if labels is not None else sorted(set(y_true) | set(y_pred))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    name, metric = official_metric(labels)
    result = {
        "n": int(len(y_true)),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "macro_f1": float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)),
        "official": {"name": name, "value": metric(y_true, y_pred)},
        "per_class": {lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
                      for i, lab in enumerate(labels)},
        "labels": labels,
        "confusion": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
    }
    if bootstrap and len(y_true):
        rng = np.random.default_rng(seed)
        scores = []
        for _ in range(bootstrap):
            idx = rng.integers(0, len(y_true), len(y_true))
            scores.append(f1_score(y_true[idx], y_pred[idx], labels=labels, average="macro", zero_division=0))
        low, high = np.percentile(scores, [2.5, 97.5])
        result["macro_f1_ci95"] = [float(low), float(high)]
    return result


def evaluate(model: StanceModel, records: list[dict], bootstrap: int = 1000,
             group_by: Optional[str] = None) -> dict:
    """Scores of ``model`` on labelled records; with ``group_by`` (a record or ``meta`` key,
    e.g. ``platform``) also per group."""
    gold = labels_of(records)
    unknown = sorted(set(gold) - {str(c) for c in model.classes_})
    if unknown:
        raise DataError(f"the data has labels the model does not know: {', '.join(unknown)} "
                        f"(model labels: {', '.join(map(str, model.classes_))})")
    predicted = [str(p) for p in model.predict(records)]
    labels = [str(c) for c in model.classes_]
    result = metrics(gold, predicted, labels, bootstrap=bootstrap)
    if group_by:
        groups: dict[str, list[int]] = {}
        for i, record in enumerate(records):
            key = record.get(group_by, (record.get("meta") or {}).get(group_by))
            groups.setdefault(str(key), []).append(i)
        result["groups"] = {key: metrics([gold[i] for i in idx], [predicted[i] for i in idx], labels,
                                         bootstrap=bootstrap)
                            for key, idx in sorted(groups.items())}
    return result


def load_param_grid(spec: str) -> dict:
    """A preset name or a JSON file mapping parameter -> list of values (or a list of such maps)."""
    if spec in PRESETS:
        return PRESETS[spec]
    path = Path(spec)
    if not path.is_file():
        raise DataError(f"--param-grid {spec!r}: neither a preset ({', '.join(PRESETS)}) nor a file")
    try:
        grid = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: not a JSON parameter grid ({exc})") from exc
    grids = grid if isinstance(grid, list) else [grid]
    for g in grids:
        if not isinstance(g, dict) or not all(isinstance(v, list) and v for v in g.values()):
            raise DataError(f"{path}: a grid maps each parameter to a non-empty list of values")
        try:
            check_params(g)
        except DataError as exc:
            raise DataError(f"{path}: {exc}") from None
    return grid


def tune(records: list[dict], grid: dict, folds: int = 5, jobs: int = 1, base: Optional[dict] = None,
         seed: int = SEED) -> tuple[StanceModel, list[dict]]:
    """Stratified k-fold grid search on macro-F1; returns the refitted best model and the
    leaderboard (best first)."""
    labels = labels_of(records)
    smallest = min(Counter(labels).values())
    if len(set(labels)) < 2:
        raise DataError(f"training data has only one label ({labels[0]!r}); a classifier needs at least two")
    if smallest < 2:
        raise DataError(f"every label needs at least 2 examples for cross-validation; "
                        f"{min(Counter(labels), key=Counter(labels).get)!r} has {smallest}")
    cv = StratifiedKFold(n_splits=min(folds, smallest), shuffle=True, random_state=seed)
    search = GridSearchCV(StanceModel(**(base or {})), _tuples(grid), scoring="f1_macro", cv=cv, n_jobs=jobs,
                          refit=True, error_score="raise")
    try:
        search.fit(records, np.asarray(labels, dtype=object))
    except (ValueError, TypeError) as exc:  # a grid value scikit-learn rejects
        raise DataError(f"cannot tune with this grid: {' '.join(str(exc).split())}") from exc
    res = search.cv_results_
    board = [{"rank": int(res["rank_test_score"][i]), "mean": float(res["mean_test_score"][i]),
              "std": float(res["std_test_score"][i]), "params": json.loads(json.dumps(res["params"][i], default=list))}
             for i in range(len(res["params"]))]
    board.sort(key=lambda row: (row["rank"], -row["mean"]))
    return search.best_estimator_, board


def _tuples(grid):
    """JSON has no tuples; n-gram ranges come in as lists."""
    if isinstance(grid, list):
        return [_tuples(g) for g in grid]
    return {k: [tuple(v) if isinstance(v, list) else v for v in values] for k, values in grid.items()}
