"""Saving and loading stance models: plain weights, nothing in a file is ever run.

A model file is a zip with three members:
- ``weights.json``: the settings, vocabularies, lexicon entries and labels of a fitted model;
- ``weights.npz``: its numeric arrays (idf weights, column scales, coefficients, bias), read with
  ``allow_pickle=False``;
- ``card.json``: the model card (name, labels, training data, metrics, library versions) and the
  SHA-256 of the two weight members, so a file edited after saving is refused before it is parsed.

Loading builds a ``StancePredictor`` from data alone: no pickle, no class named by the file, and no
scikit-learn (the predictor computes its features itself), so a file made with another
scikit-learn version gives the same scores. What does tie a file to a commentkit version is how
features are computed: ``FEATURES_VERSION`` is stored with the weights and checked.
"""
from __future__ import annotations

import hashlib
import io
import json
import platform
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from commentkit.errors import ModelError
from commentkit.nlp.stance_features import FEATURES_VERSION, ContextBlock
from commentkit.nlp.stance_predictor import StanceFeatures, StancePredictor
from commentkit.nlp.vectorize import TfidfWeights

FORMAT = "commentkit-stance-model"
FORMAT_VERSION = 2
CARD_MEMBER = "card.json"
WEIGHTS_MEMBER = "weights.json"
ARRAYS_MEMBER = "weights.npz"


def library_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    versions = {"python": platform.python_version()}
    for package in ("commentkit", "scikit-learn", "numpy", "scipy", "textblob"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:  # a source checkout without metadata: the version is unknown
            pass
    return versions


def save_model(model, path, card: dict | None = None) -> dict:
    """Write a fitted StanceModel (or its StancePredictor) with its card to ``path`` (a zip);
    returns the card as written."""
    predictor = model.to_predictor() if hasattr(model, "to_predictor") and hasattr(model, "classifier_") else model
    if not isinstance(predictor, StancePredictor):
        raise ModelError("only a fitted StanceModel can be saved")
    weights, arrays = _to_data(predictor)
    members = {WEIGHTS_MEMBER: json.dumps(weights, ensure_ascii=False).encode("utf-8"),
               ARRAYS_MEMBER: _npz_bytes(arrays)}
    full_card = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "name": predictor.name,
        "fingerprint": predictor.fingerprint_,
        "labels": [str(c) for c in predictor.classes_],
        "bias": {str(c): float(b) for c, b in zip(predictor.classes_, predictor.bias)},
        "params": predictor.get_params(),
        "features_version": FEATURES_VERSION,
        "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "versions": library_versions(),
        **(card or {}),
        "sha256": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CARD_MEMBER, json.dumps(full_card, indent=2, ensure_ascii=False))
        for name, data in members.items():
            archive.writestr(name, data)
    tmp.replace(path)
    return full_card


def read_card(path) -> dict:
    """The card of a model file, checked for format; the model itself is not parsed."""
    card, _ = _read_checked(Path(path))
    return card


def load_model(path) -> StancePredictor:
    """The stance model saved in ``path``, or a ModelError saying why it cannot be used."""
    path = Path(path)
    card, members = _read_checked(path)
    try:
        weights = json.loads(members[WEIGHTS_MEMBER].decode("utf-8"))
        with np.load(io.BytesIO(members[ARRAYS_MEMBER]), allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
        if weights.get("features_version") != FEATURES_VERSION:
            raise ModelError(f"{path}: model was made for stance features version {weights.get('features_version')}, "
                             f"this commentkit computes version {FEATURES_VERSION}; retrain it (commentkit train)")
        predictor = _from_data(weights, arrays)
    except ModelError:
        raise
    except Exception as exc:  # a damaged or hand-made file: say so in one line, whatever broke
        raise ModelError(f"{path}: damaged model file ({type(exc).__name__}: {exc})") from exc
    predictor.card_ = card
    return predictor


def _to_data(p: StancePredictor) -> tuple[dict, dict]:
    f = p.features
    arrays = {"context_scale": f.context.scale, "coef": p.coef, "intercept": p.intercept, "bias": p.bias}
    blocks = {}
    for name, weights in (("word", f.word), ("char", f.char), ("context_words", f.context.words)):
        blocks[name], idf = weights.to_data()
        if idf is not None:
            arrays[f"{name}_idf"] = idf
    data = {"features_version": FEATURES_VERSION, "name": p.name, "fingerprint": p.fingerprint_,
            "classes": [str(c) for c in p.classes_], "params": p.get_params(), "temperature": p.temperature,
            "context_weight": f.context_weight, "split_styles": f.split_styles,
            "lexicons": f.context.lexicon_entries, "sentiment": f.context.sentiment, **blocks}
    return data, arrays


def _from_data(data: dict, arrays: dict) -> StancePredictor:
    def tfidf(name):
        return TfidfWeights.from_data(data[name], arrays.get(f"{name}_idf"))

    context = ContextBlock(data["lexicons"], tfidf("context_words"), data["sentiment"], arrays["context_scale"])
    features = StanceFeatures(tfidf("word"), tfidf("char"), context, data["context_weight"], data["split_styles"])
    return StancePredictor(classes=data["classes"], features=features, coef=arrays["coef"],
                           intercept=arrays["intercept"], bias=arrays["bias"], temperature=data["temperature"],
                           name=data["name"], fingerprint=data["fingerprint"], params=data["params"])


def _npz_bytes(arrays: dict) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _read_checked(path: Path) -> tuple[dict, dict]:
    if not path.exists():
        raise ModelError(f"{path}: no such model file")
    if not zipfile.is_zipfile(path):
        raise ModelError(f"{path}: not a commentkit model file (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if CARD_MEMBER not in names:
                raise ModelError(f"{path}: not a commentkit model file (no {CARD_MEMBER})")
            card = json.loads(archive.read(CARD_MEMBER).decode("utf-8"))
            if not isinstance(card, dict) or card.get("format") != FORMAT:
                found = card.get("format") if isinstance(card, dict) else None
                raise ModelError(f"{path}: not a commentkit stance model (card format {found!r})")
            if card.get("format_version") != FORMAT_VERSION:
                older = isinstance(card.get("format_version"), int) and card["format_version"] < FORMAT_VERSION
                raise ModelError(f"{path}: model format version {card.get('format_version')} is not supported "
                                 f"(this commentkit reads version {FORMAT_VERSION})"
                                 + ("; retrain it with commentkit train" if older else ""))
            missing = {WEIGHTS_MEMBER, ARRAYS_MEMBER} - names
            if missing:
                raise ModelError(f"{path}: damaged model file (no {', '.join(sorted(missing))})")
            members = {name: archive.read(name) for name in (WEIGHTS_MEMBER, ARRAYS_MEMBER)}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: damaged model file ({exc})") from exc
    expected = card.get("sha256")
    if not isinstance(expected, dict) or any(hashlib.sha256(data).hexdigest() != expected.get(name)
                                              for name, data in members.items()):
        raise ModelError(f"{path}: model file was modified after it was saved (checksum mismatch); refusing to load it")
    return card, members


def card_markdown(card: dict) -> str:
    """A short human-readable model card from the card dict (the sidecar ``NAME.md``)."""
    out = io.StringIO()
    out.write(f"# Stance model `{card.get('name')}` ({card.get('fingerprint')})\n\n")
    out.write(f"Labels: {', '.join(card.get('labels', []))}\n\n")
    if card.get("training_data"):
        out.write("Training data: " + ", ".join(map(str, card["training_data"])) + f" ({card.get('n_train', '?')} records)\n\n")
    if card.get("command"):
        out.write(f"Command: `{card['command']}`\n\n")
    if card.get("leaderboard"):
        out.write("| rank | CV macro-F1 | ± | params |\n|---:|---:|---:|---|\n")
        for row in card["leaderboard"][:10]:
            out.write(f"| {row['rank']} | {row['mean']:.4f} | {row['std']:.4f} | `{json.dumps(row['params'])}` |\n")
        out.write("\n")
    out.write("Per-class bias: " + json.dumps(card.get("bias", {})) + "\n\n")
    out.write("Parameters: `" + json.dumps(card.get("params", {}), sort_keys=True) + "`\n\n")
    out.write("Versions: " + ", ".join(f"{k} {v}" for k, v in card.get("versions", {}).items()) + "\n")
    return out.getvalue()
