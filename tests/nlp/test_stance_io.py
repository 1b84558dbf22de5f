"""Model files: save/load round trip, and refusal of missing, foreign, tampered or mismatched files."""
from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from commentkit.errors import ModelError
from commentkit.model import Post, Thread
from commentkit.nlp.model_io import (ARRAYS_MEMBER, CARD_MEMBER, WEIGHTS_MEMBER, load_model, read_card,
                                     save_model)
from commentkit.nlp.stance import StanceModel, default_model_path, load_stance_model

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "stance" / "train.jsonl"


@pytest.fixture(scope="module")
def records():
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def saved(records, tmp_path_factory):
    model = StanceModel().fit(records, [r["label"] for r in records])
    path = tmp_path_factory.mktemp("models") / "m.zip"
    save_model(model, path, {"training_data": ["fixture"]})
    return model, path


def _rewrite(src: Path, dst: Path, card=None, fix_checksum=True, **members):
    """A copy of a model file with card fields and members replaced (by member name, dots as _)."""
    with zipfile.ZipFile(src) as archive:
        old_card = json.loads(archive.read(CARD_MEMBER))
        contents = {name: archive.read(name) for name in (WEIGHTS_MEMBER, ARRAYS_MEMBER)}
    for name in contents:
        if name.replace(".", "_") in members:
            contents[name] = members[name.replace(".", "_")]
    card = {**old_card, **(card or {})}
    if fix_checksum:
        card["sha256"] = {name: hashlib.sha256(data).hexdigest() for name, data in contents.items()}
    with zipfile.ZipFile(dst, "w") as archive:
        archive.writestr(CARD_MEMBER, json.dumps(card))
        for name, data in contents.items():
            archive.writestr(name, data)
    return dst


def _weights(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(WEIGHTS_MEMBER))


def test_saved_and_loaded_model_predicts_identically(saved, records):
    model, path = saved
    loaded = load_model(path)
    np.testing.assert_array_equal(loaded.predict_proba(records), model.predict_proba(records))
    assert list(loaded.predict(records)) == list(model.predict(records))
    assert loaded.get_params() == json.loads(json.dumps(model.get_params()))  # as JSON: tuples are lists


def test_card_describes_the_model(saved):
    model, path = saved
    card = read_card(path)
    assert card["labels"] == ["comment", "deny", "query", "support"]
    assert card["fingerprint"] == model.fingerprint_
    assert card["training_data"] == ["fixture"]
    assert card["versions"]["scikit-learn"]


def test_missing_file_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="no such model file"):
        load_stance_model(tmp_path / "nope.zip")


def test_a_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.zip"
    path.write_text("hello")
    with pytest.raises(ModelError, match="not a commentkit model file"):
        load_model(path)


def test_a_foreign_zip_is_refused(tmp_path):
    path = tmp_path / "other.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a model")
    with pytest.raises(ModelError, match="not a commentkit model file"):
        load_model(path)


def test_an_older_format_asks_for_retraining(saved, tmp_path):
    _, path = saved
    old = _rewrite(path, tmp_path / "v1.zip", card={"format_version": 1})
    with pytest.raises(ModelError, match="format version 1 is not supported.*retrain"):
        load_model(old)


@pytest.mark.parametrize("member", [WEIGHTS_MEMBER, ARRAYS_MEMBER])
def test_changed_bytes_fail_the_checksum(saved, tmp_path, member):
    _, path = saved
    with zipfile.ZipFile(path) as archive:
        payload = bytearray(archive.read(member))
    payload[len(payload) // 2] ^= 0xFF
    bad = _rewrite(path, tmp_path / "tampered.zip", fix_checksum=False, **{member.replace(".", "_"): bytes(payload)})
    with pytest.raises(ModelError, match="modified after it was saved"):
        load_model(bad)


class _Bomb:
    """Unpickling this would run code: the loader must never get that far."""

    def __reduce__(self):
        return (Path("/nonexistent-commentkit-marker").touch, ())


def test_pickled_arrays_are_never_unpickled_even_with_a_matching_checksum(saved, tmp_path):
    _, path = saved
    buffer = io.BytesIO()
    np.savez(buffer, coef=np.array([_Bomb()], dtype=object))
    bad = _rewrite(path, tmp_path / "injected.zip", weights_npz=buffer.getvalue())
    with pytest.raises(ModelError, match="damaged model file.*pickle"):
        load_model(bad)


@pytest.mark.parametrize("change", [
    lambda w: [],  # not an object at all
    lambda w: {k: v for k, v in w.items() if k != "char"},  # a block missing
    lambda w: {**w, "classes": w["classes"][:2]},  # weights that do not fit the labels
    lambda w: {**w, "word": {**w["word"], "analyzer": "exec"}},  # a setting out of range
])
def test_a_well_formed_file_with_wrong_weights_is_refused(saved, tmp_path, change):
    _, path = saved
    weights = change(_weights(path))
    bad = _rewrite(path, tmp_path / "wrong.zip", weights_json=json.dumps(weights).encode())
    with pytest.raises(ModelError, match="damaged model file"):
        load_model(bad)


def test_a_file_from_another_scikit_learn_version_scores_the_same(saved, records, tmp_path):
    # Weights do not depend on scikit-learn: nothing of it is used to load or to predict.
    model, path = saved
    card = read_card(path)
    other = _rewrite(path, tmp_path / "old.zip", card={"versions": {**card["versions"], "scikit-learn": "0.24.2"}})
    np.testing.assert_array_equal(load_model(other).predict_proba(records), model.predict_proba(records))


def test_a_file_made_for_other_features_asks_for_retraining(saved, tmp_path):
    _, path = saved
    weights = {**_weights(path), "features_version": 0}
    other = _rewrite(path, tmp_path / "features.zip", weights_json=json.dumps(weights).encode())
    with pytest.raises(ModelError, match="stance features version 0.*retrain"):
        load_model(other)


def test_a_newer_format_version_is_refused(saved, tmp_path):
    _, path = saved
    other = _rewrite(path, tmp_path / "future.zip", card={"format_version": 99})
    with pytest.raises(ModelError, match="format version 99"):
        load_model(other)


def test_the_shipped_default_model_loads_and_labels_a_thread():
    if not default_model_path().exists():
        pytest.fail(f"the default model is missing: {default_model_path()}")
    model = load_stance_model()
    assert set(model.classes_) == {"support", "deny", "query", "comment"}
    thread = Thread(id="t", article=Post(id="a", text="The city will close the bridge for repairs in May."),
                    comments=[Post(id="c1", text="Is that true? Which bridge?"),
                              Post(id="c2", text="This is fake news, the bridge stays open.")])
    stances = model.predict_stances(thread, [])
    assert [s.label for s in stances] == ["query", "deny"]


def test_analysis_loads_and_uses_a_model_without_scikit_learn_or_nltk(saved):
    # Each analysis worker would pay about a second to import them (skops, scipy.stats, NLTK).
    _, path = saved
    script = (
        "import sys\n"
        "from commentkit.analyze import Analyzer, Options\n"
        "from commentkit.model import Post, Thread\n"
        f"analyzer = Analyzer(Options(stance_model={str(path)!r}))\n"
        "thread = Thread(id='t', article=Post(id='a', text='The bridge closes for 3 months.'),\n"
        "                comments=[Post(id='c', text='Is that true? I read 6 months, what a great plan.')])\n"
        "analysis = analyzer(thread)\n"
        "assert analysis.stances and analysis.claims, analysis\n"
        "print(sorted(m for m in ('sklearn', 'skops', 'nltk', 'scipy.stats', 'textblob') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_missing_shipped_model_says_how_to_get_it(monkeypatch, tmp_path):
    from commentkit.nlp import stance_predictor

    monkeypatch.setattr(stance_predictor, "default_model_path", lambda: tmp_path / "models" / "stance-sdqc.zip")
    with pytest.raises(ModelError, match=r"reinstall it.*--stance-model FILE"):
        load_stance_model()
