"""`commentkit claims`: plain text and --jsonl modes, and one-line errors on bad input."""
from __future__ import annotations

import json

from click.testing import CliRunner

from commentkit.cli import cli


def test_plain_text_prints_one_line_per_claim(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Florida, with 342 agreements, led. It cost $7,500 in Jan. 26 money.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["claims", str(page)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "\t" in line]
    assert [line.split("\t")[1:4] for line in lines] == [["342", "342", "count"], ["$7,500", "7500", "USD"]]
    assert "entity=Florida" in lines[0]


def test_jsonl_round_trip_keeps_ids_and_fields(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "x1", "text": "Up to 25% of pay."}\n\n{"id": 7, "text": "No figures."}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["claims", "--jsonl", str(src)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [r["id"] for r in rows] == ["x1", 7]
    claim = rows[0]["claims"][0]
    assert {k: claim[k] for k in ("surface", "start", "end", "value", "unit", "qualifier", "high")} == {
        "surface": "25%", "start": 6, "end": 9, "value": 25.0, "unit": "percent", "qualifier": "up to", "high": 25.0}
    assert set(claim) >= {"low", "what", "entity", "change", "baseline"}
    assert rows[1]["claims"] == []


def test_jsonl_from_stdin():
    result = CliRunner().invoke(cli, ["claims", "--jsonl", "-"], input='{"id": "s", "text": "It rose 3%."}\n')
    assert result.exit_code == 0
    assert json.loads(result.output.splitlines()[0])["claims"][0]["value"] == 3


def test_bad_jsonl_line_is_a_one_line_error(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": 1, "text": "ok 5"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["claims", "--jsonl", str(src)])
    assert result.exit_code != 0
    assert f"{src}:2: not JSON" in result.output
    assert "Traceback" not in result.output


def test_missing_or_binary_file_is_a_one_line_error(tmp_path):
    missing = CliRunner().invoke(cli, ["claims", str(tmp_path / "nope.txt")])
    assert missing.exit_code != 0 and "nope.txt" in missing.output and "Traceback" not in missing.output
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\xff\xfe\x00\x81" * 10)
    result = CliRunner().invoke(cli, ["claims", str(binary)])
    assert result.exit_code != 0 and "not UTF-8" in result.output


def test_unknown_model_is_a_one_line_error():
    result = CliRunner().invoke(cli, ["claims", "--model", "no_such_model", "-"], input="5 km")
    assert result.exit_code != 0
    assert "no_such_model" in result.output and "Traceback" not in result.output
