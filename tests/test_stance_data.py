"""Reading labelled stance data: the shared JSONL schema and CSV with a column mapping."""
from __future__ import annotations

from pathlib import Path

import pytest

from commentkit.errors import DataError
from commentkit.stance_data import labels_of, load_records, parse_columns

STANCE = Path(__file__).resolve().parent / "data" / "stance"


def test_jsonl_records_keep_the_schema_fields_and_meta():
    records = load_records([STANCE / "train.jsonl"])
    assert len(records) == 32
    first = records[0]
    assert first["text"].startswith("Great decision") and first["label"] == "support"
    assert first["source"].startswith("Riverton council") and first["meta"] == {"platform": "forum"}
    assert first["depth"] == 1 and records[1]["depth"] == 0  # derived from whether a parent is given


def test_csv_with_a_column_mapping():
    records = load_records([STANCE / "custom_labels.csv"], parse_columns("text=body,label=stance,source=headline"))
    assert [r["label"] for r in records[:2]] == ["pro", "pro"]
    assert records[0] == {"text": "I agree with every word of this.", "label": "pro",
                          "source": "Cities should ban cars downtown", "depth": 0}


def test_tsv_is_read_by_its_suffix(tmp_path):
    path = tmp_path / "data.tsv"
    path.write_text("text\tlabel\tdepth\nhello there\tcomment\t2\n", encoding="utf-8")
    assert load_records([path]) == [{"text": "hello there", "label": "comment", "depth": 2}]


def test_unlabelled_records_are_allowed_when_asked():
    path = STANCE / "unknown_columns.csv"
    records = load_records([path], parse_columns("text=comment"), require_label=False)
    assert [r["text"] for r in records] == ["Nice one", "Bad one"]


@pytest.mark.parametrize("content, message", [
    ('{"text": "a", "label": "x"}\nnot json\n', ":2: not JSON"),
    ('["a", "b"]\n', ":1: expected a JSON object, got list"),
    ('{"text": "a", "label": "x", "depth": "deep"}\n', "depth 'deep' is not a whole number"),
    ('{"body": "a", "label": "x"}\n', "missing text (column 'text'); fields present: body, label"),
    ("\n\n", "no records in"),
])
def test_bad_jsonl_is_a_data_error_naming_the_line(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[")):
        load_records([path])


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        load_records([tmp_path / "absent.jsonl"])


@pytest.mark.parametrize("spec, message", [
    ("text", "FIELD=COLUMN"),
    ("text=", "FIELD=COLUMN"),
    ("colour=body", "unknown field 'colour'"),
])
def test_bad_column_specs(spec, message):
    with pytest.raises(DataError, match=message):
        parse_columns(spec)


def test_labels_of_names_the_record_without_a_label():
    with pytest.raises(DataError, match="record r2 has no label"):
        labels_of([{"id": "r1", "label": "a"}, {"id": "r2", "label": ""}])
