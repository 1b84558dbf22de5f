"""train -> evaluate -> tune -> label, end to end through the CLI on small fixtures."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from commentkit.cli import cli
from commentkit.nlp.model_io import read_card

STANCE = Path(__file__).resolve().parent / "data" / "stance"
TRAIN = STANCE / "train.jsonl"


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    out = tmp_path_factory.mktemp("m") / "fixture.zip"
    result = run("train", TRAIN, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_train_writes_a_model_with_its_card(model_path):
    card = read_card(model_path)
    assert card["n_train"] == 32
    assert card["train_labels"] == {"support": 8, "deny": 8, "query": 8, "comment": 8}
    assert model_path.with_suffix(".md").read_text().startswith("# Stance model")


def test_evaluate_prints_the_per_class_table_and_confusion(model_path):
    result = run("evaluate", model_path, TRAIN, "--bootstrap", "50")
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.output and "95% CI" in result.output
    assert "confusion (rows gold, columns predicted)" in result.output
    for label in ("support", "deny", "query", "comment"):
        assert label in result.output


def test_evaluate_json_has_metrics_per_group(model_path):
    result = run("evaluate", model_path, TRAIN, "--format", "json", "--by", "platform", "--bootstrap", "0")
    data = json.loads(result.output)
    assert data["n"] == 32 and data["official"]["name"] == "macro_f1"
    assert sum(sum(row) for row in data["confusion"]) == 32
    assert set(data["groups"]) == {"web", "forum"}
    assert sum(g["n"] for g in data["groups"].values()) == 32
    assert data["per_class"]["deny"]["support"] == 8


def test_evaluate_refuses_labels_the_model_does_not_know(model_path):
    result = CliRunner().invoke(cli, ["evaluate", str(model_path), str(STANCE / "custom_labels.csv"),
                                      "--columns", "text=body,label=stance,source=headline"])
    assert result.exit_code == 1
    assert "labels the model does not know: con, pro" in result.output


def test_train_on_csv_with_its_own_labels(tmp_path):
    out = tmp_path / "procon.zip"
    result = run("train", STANCE / "custom_labels.csv", "--columns", "text=body,label=stance,source=headline",
                 "--out", out)
    assert result.exit_code == 0, result.output
    assert read_card(out)["labels"] == ["con", "pro"]


@pytest.mark.parametrize("args, message", [
    (["one_label.jsonl"], "only one label ('support')"),
    (["empty_texts.jsonl"], "every training text is empty"),
    (["unknown_columns.csv"], "missing text (column 'text'), label (column 'label'); fields present: comment, stance"),
    (["unknown_columns.csv", "--columns", "text=body"], "no column 'body' (columns: comment, stance)"),
    (["unknown_columns.csv", "--columns", "txt=comment"], "unknown field 'txt'"),
])
def test_unusable_training_data_is_one_clear_line(tmp_path, args, message):
    args = [str(STANCE / args[0]), *args[1:]]
    result = CliRunner().invoke(cli, ["train", *args, "--out", str(tmp_path / "m.zip")])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "m.zip").exists()


def test_tune_prints_a_leaderboard_and_saves_the_best(tmp_path):
    grid = tmp_path / "grid.json"
    grid.write_text(json.dumps({"C": [0.1, 1.0], "word_ngrams": [[1, 1], [1, 2]]}))
    out = tmp_path / "best.zip"
    result = run("tune", TRAIN, "--param-grid", grid, "--folds", "2", "--jobs", "1", "--out", out)
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.strip()[:1].isdigit()]
    assert len(rows) == 4
    card = read_card(out)
    assert len(card["leaderboard"]) == 4 and card["leaderboard"][0]["rank"] == 1
    best = card["leaderboard"][0]["params"]
    assert card["params"]["C"] == best["C"]
    assert card["cv"] == {"folds": 2, "seed": 0}


def test_tune_is_reproducible_with_a_fixed_seed(tmp_path):
    first = run("tune", TRAIN, "--param-grid", "quick", "--folds", "2")
    second = run("tune", TRAIN, "--param-grid", "quick", "--folds", "2")
    assert first.exit_code == 0 and first.output == second.output


@pytest.mark.parametrize("grid, message", [
    ('{"colour": [1, 2]}', "unknown parameter(s) colour"),
    ('{"C": 0.5}', "non-empty list"),
    ("not json", "not a JSON parameter grid"),
])
def test_tune_rejects_a_bad_grid(tmp_path, grid, message):
    path = tmp_path / "grid.json"
    path.write_text(grid)
    result = CliRunner().invoke(cli, ["tune", str(TRAIN), "--param-grid", str(path)])
    assert result.exit_code == 1 and message in result.output


def _labels(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def test_label_appends_answers_least_certain_first_with_skip_and_undo(model_path, tmp_path):
    out = tmp_path / "labels.jsonl"
    # label, label, undo (drops the second), relabel it, skip one, label, quit
    result = run("label", STANCE / "corpus", "--out", out, "--stance-model", model_path, input="sdudnqx")
    assert result.exit_code == 0, result.output
    rows = _labels(out)
    assert [r["label"] for r in rows] == ["support", "deny", "query"]
    assert "undone" in result.output
    assert "labelled 3, skipped 1, 1 left" in result.output
    for row in rows:
        assert row["source"].startswith("Library to open on Sundays")
        assert row["meta"]["file"].endswith("library-hours.json")
        assert set(row["meta"]["model_scores"]) == {"support", "deny", "query", "comment"}
    # least certain first: the margins of the shown comments do not decrease
    margins = []
    for row in rows:
        top = sorted(row["meta"]["model_scores"].values(), reverse=True)
        margins.append(top[0] - top[1])
    assert margins == sorted(margins) or max(margins) - min(margins) < 0.02


def test_label_resumes_and_its_output_trains_a_model(model_path, tmp_path):
    out = tmp_path / "labels.jsonl"
    run("label", STANCE / "corpus", "--out", out, "--stance-model", model_path, input="sdx")
    first_ids = [r["id"] for r in _labels(out)]
    result = run("label", STANCE / "corpus", "--out", out, "--stance-model", model_path, input="qcx")
    assert "--- 1/3" in result.output  # two of five commented posts done; the empty one is never shown
    rows = _labels(out)
    assert [r["id"] for r in rows][:2] == first_ids and len({r["id"] for r in rows}) == 4
    trained = run("train", out, "--out", tmp_path / "mine.zip")
    assert trained.exit_code == 0, trained.output
    assert read_card(tmp_path / "mine.zip")["labels"] == ["comment", "deny", "query", "support"]


def test_label_ignores_unknown_keys_and_nothing_to_undo(model_path, tmp_path):
    out = tmp_path / "labels.jsonl"
    result = run("label", STANCE / "corpus", "--out", out, "--stance-model", model_path, input="uzcx")
    assert "nothing to undo" in result.output and "unknown key 'z'" in result.output
    assert [r["label"] for r in _labels(out)] == ["comment"]


def test_train_with_cross_validated_bias_records_it_in_the_card(tmp_path):
    out = tmp_path / "cv.zip"
    result = run("train", TRAIN, "--out", out, "--bias", "cv", "--params", '{"bias_folds": 2}')
    assert result.exit_code == 0, result.output
    card = read_card(out)
    assert card["params"]["class_bias"] == "cv" and set(card["bias"]) == {"support", "deny", "query", "comment"}


def test_train_rejects_parameters_that_are_not_json(tmp_path):
    result = CliRunner().invoke(cli, ["train", str(TRAIN), "--out", str(tmp_path / "m.zip"), "--params", "{C: 1}"])
    assert result.exit_code == 2 and "not JSON" in result.output


def test_tune_in_parallel_gives_the_same_leaderboard():
    serial = run("tune", TRAIN, "--param-grid", "quick", "--folds", "2", "--jobs", "1")
    parallel = run("tune", TRAIN, "--param-grid", "quick", "--folds", "2", "--jobs", "2")
    assert parallel.exit_code == 0, parallel.output
    assert parallel.output == serial.output
