"""StanceModel: the estimator contract, calibrated scores, per-class bias, thread records, bad data."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, StratifiedKFold

from commentkit.errors import DataError
from commentkit.model import Claim, Post, Thread, Verdict
from commentkit.nlp.stance import StanceModel, thread_records, tune_class_bias


FIXTURE = Path(__file__).resolve().parent.parent / "data" / "stance" / "train.jsonl"


@pytest.fixture(scope="module")
def records():
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    return rows, [r["label"] for r in rows]


@pytest.fixture(scope="module")
def fitted(records):
    X, y = records
    return StanceModel().fit(X, y)


def _thread() -> Thread:
    article = Post(id="a", text="The council voted 7-2 to add bus lanes; commutes will be 10 minutes shorter.")
    comments = [Post(id="c1", text="Is this true? Who voted against?"),
                Post(id="c2", text="Fake, the vote was 5-4.", parent_id="c1", depth=1),
                Post(id="c3", text="")]
    return Thread(id="t", article=article, comments=comments, title="Bus lanes approved")


def test_init_only_stores_parameters_and_clone_round_trips():
    model = StanceModel(C=0.7, word_ngrams=(1, 1), class_bias={"deny": 0.5})
    assert model.get_params()["C"] == 0.7
    assert not [k for k in vars(model) if k.endswith("_")]
    twin = clone(model)
    assert twin.get_params() == model.get_params()


def test_fit_returns_self_and_sets_learned_attributes(records):
    X, y = records
    model = StanceModel()
    assert model.fit(X, y) is model
    assert sorted(model.classes_) == ["comment", "deny", "query", "support"]
    assert model.bias_.shape == (4,)
    assert len(model.fingerprint_) == 12


def test_probabilities_are_distributions_and_predict_is_their_argmax(fitted, records):
    X, _ = records
    proba = fitted.predict_proba(X)
    assert proba.shape == (len(X), 4)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-6)
    assert list(fitted.predict(X)) == list(fitted.classes_[proba.argmax(axis=1)])


def test_learns_the_fixture_well_enough(fitted, records):
    X, y = records
    assert np.mean(fitted.predict(X) == np.array(y)) > 0.9


def test_grid_search_tunes_the_estimator(records):
    X, y = records
    search = GridSearchCV(StanceModel(), {"C": [0.1, 1.0]}, cv=StratifiedKFold(2, shuffle=True, random_state=0),
                          scoring="f1_macro").fit(X, np.array(y, dtype=object))
    assert search.best_params_["C"] in (0.1, 1.0)
    assert isinstance(search.best_estimator_, StanceModel)


def test_fixed_class_bias_shifts_scores_toward_that_label(records):
    X, y = records
    plain = StanceModel().fit(X, y)
    biased = StanceModel(class_bias={"deny": 3.0}).fit(X, y)
    deny = list(plain.classes_).index("deny")
    assert (biased.predict_proba(X)[:, deny] > plain.predict_proba(X)[:, deny]).all()


def test_cv_class_bias_is_learned(records):
    X, y = records
    model = StanceModel(class_bias="cv", bias_folds=2).fit(X, y)
    assert model.bias_[0] == 0.0 and model.bias_.shape == (4,)


def test_class_bias_naming_an_unknown_label_is_a_data_error(records):
    X, y = records
    with pytest.raises(DataError, match="not in the training data"):
        StanceModel(class_bias={"sarcasm": 1.0}).fit(X, y)


def test_tune_class_bias_recovers_a_suppressed_class():
    # The model under-scores class 1: a positive shift for it raises macro-F1.
    proba = np.array([[0.6, 0.4]] * 5 + [[0.9, 0.1]] * 5)
    labels = ["b"] * 5 + ["a"] * 5
    bias = tune_class_bias(proba, labels, ["a", "b"])
    assert bias[0] == 0 and bias[1] > 0
    shifted = (np.log(proba) + bias).argmax(axis=1)
    assert list(shifted) == [1] * 5 + [0] * 5


@pytest.mark.parametrize("X, y, message", [
    ([{"text": "a"}, {"text": "b"}], ["x", "x"], "only one label"),
    ([{"text": ""}, {"text": "  "}], ["x", "y"], "every training text is empty"),
    ([{"body": "a"}], ["x"], "no 'text' field"),
    (["just a string"], ["x"], "must be a dict"),
    ([], [], "no training records"),
    ([{"text": "a"}], ["x", "y"], "1 records but 2 labels"),
])
def test_unusable_training_data_is_a_clear_data_error(X, y, message):
    with pytest.raises(DataError, match=message):
        StanceModel().fit(X, y)


def test_thread_records_carry_article_parent_depth_and_numeric_shares():
    thread = _thread()
    claim = Claim(post_id="c2", start=16, end=19, surface="5-4", value=5)
    verdicts = [Verdict(claim=claim, status="contradict"), Verdict(claim=claim, status="agree"),
                Verdict(claim=claim, status="new")]
    records = thread_records(thread, verdicts)
    assert [r["id"] for r in records] == ["c1", "c2", "c3"]
    assert records[0]["source"].startswith("Bus lanes approved\nThe council voted")
    assert records[0]["parent"] is None and records[1]["parent"] == "Is this true? Who voted against?"
    assert records[1]["depth"] == 1
    assert records[1]["numeric_contradict"] == pytest.approx(1 / 3)
    assert records[1]["numeric_agree"] == pytest.approx(1 / 3)
    assert records[0]["numeric_agree"] == 0.0


def test_predict_stances_gives_one_scored_stance_per_comment(fitted):
    stances = fitted.predict_stances(_thread(), [])
    assert [s.post_id for s in stances] == ["c1", "c2", "c3"]
    for stance in stances:
        assert set(stance.scores) == {"support", "deny", "query", "comment"}
        assert sum(stance.scores.values()) == pytest.approx(1.0, abs=1e-3)
        assert stance.label == max(stance.scores, key=stance.scores.get)
        assert stance.model == f"commentkit-stance@{fitted.fingerprint_}"


def test_predict_stances_on_a_thread_without_comments_is_empty(fitted):
    thread = Thread(id="t", article=Post(id="a", text="Article."))
    assert fitted.predict_stances(thread, []) == []
