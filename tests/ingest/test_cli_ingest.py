"""`commentkit ingest` (the ingest command in commentkit/cli.py)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from commentkit.cli import cli
from commentkit.model import Thread
from tests.conftest import CORPUS, DATA


def run(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def test_prints_one_thread_as_json_and_reports_format():
    result = run(CORPUS / "ice-287g-agreements.txt")
    assert result.exit_code == 0
    out = result.stdout if hasattr(result, "stdout") else result.output
    thread = Thread.from_dict(json.loads(out.strip().splitlines()[-1]))
    assert thread.comments[0].author == "frank danger"
    assert "format: text" in result.output


def test_pretty_is_indented():
    result = run(DATA / "ingest" / "hn" / "algolia.json", "--pretty")
    assert result.exit_code == 0
    assert '\n  "id": "hn-1"' in result.output


def test_many_threads_print_jsonl():
    result = run(DATA / "ingest" / "table" / "comments.csv", "--columns",
                 "id=comment_id,parent=reply_to,author=user,text=body,time=posted,thread=article")
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if line.startswith("{")]
    assert [json.loads(line)["id"] for line in lines] == ["roads", "buses"]


def test_bad_columns_option_is_a_usage_error():
    result = run(DATA / "ingest" / "table" / "comments.csv", "--columns", "colour=body")
    assert result.exit_code == 2 and "colour" in result.output


def test_malformed_file_is_one_line_error():
    path = DATA / "ingest" / "disqus" / "truncated.xml"
    result = run(path)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and str(path) in errors[0] and "line" in errors[0]
