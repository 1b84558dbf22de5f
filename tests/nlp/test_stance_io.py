"""Model files: save/load round trip, and refusal of missing, foreign, tampered or mismatched files."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
import skops.io

from commentkit.errors import ModelError
from commentkit.model import Post, Thread
from commentkit.nlp.model_io import CARD_MEMBER, MODEL_MEMBER, load_model, read_card, save_model
from commentkit.nlp.stance import StanceModel, default_model_path, load_stance_model

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "stance" / "train.jsonl"


class NotAllowed:
    """A type the loader must refuse to construct."""


@pytest.fixture(scope="module")
def records():
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def saved(records, tmp_path_factory):
    model = StanceModel().fit(records, [r["label"] for r in records])
    path = tmp_path_factory.mktemp("models") / "m.zip"
    save_model(model, path, {"training_data": ["fixture"]})
    return model, path


def _rewrite(src: Path, dst: Path, card=None, payload=None, fix_checksum=True):
    with zipfile.ZipFile(src) as archive:
        old_card = json.loads(archive.read(CARD_MEMBER))
        old_payload = archive.read(MODEL_MEMBER)
    card = {**old_card, **(card or {})}
    payload = old_payload if payload is None else payload
    if fix_checksum:
        card["sha256"] = hashlib.sha256(payload).hexdigest()
    with zipfile.ZipFile(dst, "w") as archive:
        archive.writestr(CARD_MEMBER, json.dumps(card))
        archive.writestr(MODEL_MEMBER, payload)
    return dst


def test_saved_and_loaded_model_predicts_identically(saved, records):
    model, path = saved
    loaded = load_model(path)
    np.testing.assert_array_equal(loaded.predict_proba(records), model.predict_proba(records))
    assert loaded.get_params() == model.get_params()


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


def test_a_plain_skops_file_is_refused(saved, tmp_path):
    path = tmp_path / "plain.skops"
    skops.io.dump(saved[0], path)  # a zip, but without commentkit's card
    with pytest.raises(ModelError, match="not a commentkit model file"):
        load_model(path)


def test_changed_bytes_fail_the_checksum(saved, tmp_path):
    _, path = saved
    with zipfile.ZipFile(path) as archive:
        payload = bytearray(archive.read(MODEL_MEMBER))
    payload[len(payload) // 2] ^= 0xFF
    bad = _rewrite(path, tmp_path / "tampered.zip", payload=bytes(payload), fix_checksum=False)
    with pytest.raises(ModelError, match="modified after it was saved"):
        load_model(bad)


def test_untrusted_types_are_refused_even_with_a_matching_checksum(saved, tmp_path):
    _, path = saved
    payload = skops.io.dumps({"model": NotAllowed()})
    bad = _rewrite(path, tmp_path / "injected.zip", payload=payload)
    with pytest.raises(ModelError, match="does not trust: .*NotAllowed"):
        load_model(bad)


def test_a_trusted_object_that_is_not_a_stance_model_is_refused(saved, tmp_path):
    from sklearn.linear_model import LogisticRegression

    _, path = saved
    bad = _rewrite(path, tmp_path / "lr.zip", payload=skops.io.dumps(LogisticRegression()))
    with pytest.raises(ModelError, match="not a commentkit stance model"):
        load_model(bad)


def test_another_scikit_learn_version_gets_a_clear_message(saved, tmp_path):
    _, path = saved
    card = read_card(path)
    other = _rewrite(path, tmp_path / "old.zip", card={"versions": {**card["versions"], "scikit-learn": "0.24.2"}})
    with pytest.raises(ModelError, match=r"saved with scikit-learn 0\.24\.2, this is .*retrain"):
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


def _schema_nodes(payload: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(payload)) as inner:
        return inner.read("schema.json").decode("utf-8").count('"__loader__"')


def test_vocabularies_are_saved_packed_and_the_model_in_use_is_untouched(saved, monkeypatch):
    from commentkit.nlp import stance_features

    model, path = saved
    with zipfile.ZipFile(path) as archive:
        packed_nodes = _schema_nodes(archive.read(MODEL_MEMBER))
    monkeypatch.setattr(stance_features, "pack_vocabulary", lambda vectorizer: vectorizer)
    unpacked_nodes = _schema_nodes(skops.io.dumps(model))
    vocabularies = [model.ngrams_.word_.vocabulary_, model.ngrams_.char_.vocabulary_,
                    model.context_.words_.vocabulary_]
    assert all(isinstance(v, dict) for v in vocabularies)
    # One saved string per vocabulary instead of one saved entry per term: loads in milliseconds.
    assert packed_nodes + sum(map(len, vocabularies)) <= unpacked_nodes
    loaded = load_model(path)
    assert [loaded.ngrams_.word_.vocabulary_, loaded.ngrams_.char_.vocabulary_,
            loaded.context_.words_.vocabulary_] == vocabularies


def test_a_model_file_with_unpacked_vocabularies_still_loads(saved, records, tmp_path, monkeypatch):
    from commentkit.nlp import stance_features

    model, path = saved
    monkeypatch.setattr(stance_features, "pack_vocabulary", lambda vectorizer: vectorizer)
    payload = skops.io.dumps(model)
    monkeypatch.undo()
    old = load_model(_rewrite(path, tmp_path / "old-format.zip", payload=payload))
    np.testing.assert_array_equal(old.predict_proba(records), model.predict_proba(records))


def test_a_missing_shipped_model_says_how_to_get_it(monkeypatch, tmp_path):
    from commentkit.nlp import stance

    monkeypatch.setattr(stance, "default_model_path", lambda: tmp_path / "models" / "stance-sdqc.zip")
    with pytest.raises(ModelError, match=r"pip install -e \.|--stance-model"):
        load_stance_model()
