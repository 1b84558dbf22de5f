"""The JSON report validates against the documented schema and round-trips."""
from __future__ import annotations

import dataclasses
import io
import json

import jsonschema
import pytest

from commentkit.analyze import REPORT_TAG
from commentkit.model import Analysis, Check, Claim, FileError, Post, Stance, Thread, Verdict
from commentkit.report import open_reporter
from commentkit.report.json import load_schema


@pytest.fixture(scope="module")
def validator():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_jsonl_lines_validate_and_round_trip(hostile, validator):
    stream = io.StringIO()
    reporter = open_reporter("json", out_dir=None, stream=stream)
    reporter.add(hostile)
    assert stream.getvalue().count("\n") == 1  # streamed before close
    reporter.add(hostile)
    reporter.fail(FileError("x.bin", "binary file"))
    reporter.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    for line in lines:
        data = json.loads(line)
        validator.validate(data)
        assert Analysis.from_dict(data) == hostile


def test_schema_rejects_a_bad_verdict(hostile, validator):
    data = hostile.to_dict()
    data["verdicts"][0]["status"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


@pytest.mark.parametrize("cls,name", [(Analysis, None), (Thread, "thread"), (Post, "post"), (Claim, "claim"),
                                      (Stance, "stance"), (Verdict, "verdict"), (Check, "check")])
def test_schema_documents_every_field_of_the_model(cls, name):
    schema = load_schema()
    node = schema if name is None else schema["$defs"][name]
    assert set(node["properties"]) == {f.name for f in dataclasses.fields(cls)}


def test_out_dir_writes_thread_files_and_index(hostile, tmp_path, validator):
    reporter = open_reporter("json", out_dir=str(tmp_path), stream=io.StringIO())
    reporter.add(hostile)
    reporter.fail(FileError("bad.txt", "empty file"))
    reporter.close()
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert index["failed"] == [{"source": "bad.txt", "reason": "empty file"}]
    (entry,) = index["threads"]
    assert entry["verdicts"]["contradict"] == 1
    validator.validate(json.loads((tmp_path / entry["file"]).read_text(encoding="utf-8")))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [REPORT_TAG]  # no temp files left


@pytest.mark.parametrize("out_dir", [False, True])
def test_values_the_fast_encoder_refuses_are_still_written(hostile, tmp_path, out_dir):
    # orjson stops at 64-bit integers; a number a reader kept in meta must not lose the thread.
    analysis = dataclasses.replace(hostile, thread=dataclasses.replace(hostile.thread, meta={"declared": 10**30}))
    stream = io.StringIO()
    reporter = open_reporter("json", out_dir=str(tmp_path) if out_dir else None, stream=stream)
    reporter.add(analysis)
    reporter.close()
    text = (next(tmp_path.glob("*-*.json")).read_text(encoding="utf-8") if out_dir else stream.getvalue())
    assert json.loads(text)["thread"]["meta"] == {"declared": 10**30}
