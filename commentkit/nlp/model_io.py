"""Saving and loading stance models without running code from the file.

A model file is a zip with two members:
- ``model.skops``: the fitted StanceModel in skops format (no pickle; only the types listed in
  ``TRUSTED_TYPES`` may be constructed when it is read);
- ``card.json``: the model card (name, labels, training data, metrics, library versions) and the
  SHA-256 of ``model.skops``, so a file edited after saving is refused before it is parsed.
"""
from __future__ import annotations

import hashlib
import io
import json
import platform
import warnings
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import sklearn
import skops
import skops.io
from skops.io.exceptions import UntrustedTypesFoundException

from commentkit.errors import ModelError

FORMAT = "commentkit-stance-model"
FORMAT_VERSION = 1
MODEL_MEMBER = "model.skops"
CARD_MEMBER = "card.json"

# Every type a StanceModel is built from. skops refuses anything else in the file.
TRUSTED_TYPES = [
    "builtins.slice",
    "commentkit.nlp.stance.StanceModel",
    "commentkit.nlp.stance_features.ContextFeatures",
    "commentkit.nlp.stance_features.TextNgrams",
    "numpy.float32",
    "numpy.float64",
    "numpy.int64",
    "numpy.dtype",
    "numpy.ndarray",
    "sklearn.feature_extraction.text.TfidfTransformer",
    "sklearn.feature_extraction.text.TfidfVectorizer",
    "sklearn.linear_model._logistic.LogisticRegression",
]


def library_versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    import numpy
    import scipy

    versions = {"python": platform.python_version(), "scikit-learn": sklearn.__version__,
                "skops": skops.__version__, "numpy": numpy.__version__, "scipy": scipy.__version__}
    try:
        versions["textblob"] = version("textblob")
    except PackageNotFoundError:  # a source checkout without metadata: the version is unknown
        pass
    return versions


def save_model(model, path, card: dict | None = None) -> dict:
    """Write ``model`` with its card to ``path`` (a zip); returns the card as written."""
    from commentkit.nlp.stance import StanceModel

    if not isinstance(model, StanceModel) or not hasattr(model, "classifier_"):
        raise ModelError("only a fitted StanceModel can be saved")
    payload = skops.io.dumps(model, compression=zipfile.ZIP_DEFLATED)
    full_card = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "name": model.name,
        "fingerprint": model.fingerprint_,
        "labels": [str(c) for c in model.classes_],
        "bias": {str(c): float(b) for c, b in zip(model.classes_, model.bias_)},
        "params": json.loads(json.dumps(model.get_params(), default=str)),
        "saved": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "versions": library_versions(),
        **(card or {}),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr(CARD_MEMBER, json.dumps(full_card, indent=2, ensure_ascii=False))
        archive.writestr(MODEL_MEMBER, payload)
    tmp.replace(path)
    return full_card


def read_card(path) -> dict:
    """The card of a model file, checked for format; the model itself is not parsed."""
    card, _ = _read_checked(Path(path))
    return card


def load_model(path):
    """The StanceModel saved in ``path``, or a ModelError saying why it cannot be used."""
    from commentkit.nlp.stance import StanceModel
    from sklearn.exceptions import InconsistentVersionWarning

    path = Path(path)
    card, payload = _read_checked(path)
    saved_with = card.get("versions", {}).get("scikit-learn", "unknown")
    if _minor(saved_with) != _minor(sklearn.__version__):
        raise ModelError(f"{path}: model was saved with scikit-learn {saved_with}, this is "
                         f"{sklearn.__version__}; retrain it (commentkit train) or install scikit-learn {saved_with}")
    try:
        with warnings.catch_warnings():
            # A patch-level difference only; the minor version was checked above.
            warnings.simplefilter("ignore", InconsistentVersionWarning)
            # skops audits every type in the file against the list before it constructs anything.
            model = skops.io.loads(payload, trusted=TRUSTED_TYPES)
    except UntrustedTypesFoundException:
        untrusted = sorted(set(skops.io.get_untrusted_types(data=payload)) - set(TRUSTED_TYPES))
        raise ModelError(f"{path}: model file contains types commentkit does not trust: "
                         f"{', '.join(untrusted[:5])}") from None
    except Exception as exc:  # skops raises many types on a damaged payload; report them all the same way
        raise ModelError(f"{path}: cannot read the model ({type(exc).__name__}: {exc})") from exc
    if not isinstance(model, StanceModel):
        raise ModelError(f"{path}: file holds a {type(model).__name__}, not a commentkit stance model")
    model.card_ = card
    return model


def _read_checked(path: Path) -> tuple[dict, bytes]:
    if not path.exists():
        raise ModelError(f"{path}: no such model file")
    if not zipfile.is_zipfile(path):
        raise ModelError(f"{path}: not a commentkit model file (not a zip archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if CARD_MEMBER not in names or MODEL_MEMBER not in names:
                raise ModelError(f"{path}: not a commentkit model file (no {CARD_MEMBER} and {MODEL_MEMBER})")
            card = json.loads(archive.read(CARD_MEMBER).decode("utf-8"))
            payload = archive.read(MODEL_MEMBER)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: damaged model file ({exc})") from exc
    if not isinstance(card, dict) or card.get("format") != FORMAT:
        raise ModelError(f"{path}: not a commentkit stance model (card format {card.get('format') if isinstance(card, dict) else None!r})")
    if card.get("format_version") != FORMAT_VERSION:
        raise ModelError(f"{path}: model format version {card.get('format_version')} is not supported "
                         f"(this commentkit reads version {FORMAT_VERSION})")
    if hashlib.sha256(payload).hexdigest() != card.get("sha256"):
        raise ModelError(f"{path}: model file was modified after it was saved (checksum mismatch); refusing to load it")
    return card, payload


def _minor(version: str) -> str:
    return ".".join(str(version).split(".")[:2])


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
