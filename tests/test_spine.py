"""Issue 2 acceptance, end to end through the CLI: `commentkit analyze corpus/`."""
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from commentkit.cli import cli
from commentkit.model import Analysis

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SAMPLE = CORPUS / "ice-287g-agreements.txt"


def _run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def sample_json():
    result = _run("analyze", str(SAMPLE), "--format", "json")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    return json.loads(lines[0])


def test_analyze_corpus_prints_a_readable_report():
    result = _run("analyze", str(CORPUS))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "ICE Enters into Unprecedented Number of Agreements With Local Law Enforcement" in out
    assert "frank danger" in out
    for status in ("agree", "new", "derived", "contradict"):
        assert status in out


def test_json_report_round_trips(sample_json):
    analysis = Analysis.from_dict(sample_json)
    assert analysis.to_dict() == sample_json
    assert analysis.thread.title.startswith("ICE Enters")
    assert len(analysis.thread.comments) == 1


def test_comment_stance_is_reported_with_scores(sample_json):
    analysis = Analysis.from_dict(sample_json)
    (stance,) = analysis.stances
    assert stance.post_id == analysis.thread.comments[0].id
    assert stance.label in {"support", "deny", "query", "comment"}
    assert set(stance.scores) == {"support", "deny", "query", "comment"}
    assert abs(sum(stance.scores.values()) - 1) < 1e-6
    assert stance.scores[stance.label] == max(stance.scores.values())


def test_state_figures_and_payments_agree_and_own_numbers_are_new(sample_json):
    analysis = Analysis.from_dict(sample_json)
    status = {}
    for verdict in analysis.verdicts:
        status.setdefault(verdict.claim.surface.strip(), set()).add(verdict.status)
    by_entity = {v.claim.entity: v.status for v in analysis.verdicts if v.claim.entity}
    for state in ("Texas", "Florida", "Tennessee", "Pennsylvania", "Alabama"):
        assert by_entity.get(state) == "agree", (state, by_entity)
    for surface in ("$7,500", "$100,000"):
        assert status.get(surface) == {"agree"}, (surface, status)
    assert "agree" in next(s for k, s in status.items() if k.startswith("25%") or k == "25")
    for surface in ("$77k", "$195M", "20M", "1M"):
        assert status.get(surface) == {"new"}, (surface, status)


def test_bad_files_are_reported_on_one_line_and_do_not_stop_the_run(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SAMPLE, corpus / "good.txt")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blob.bin").write_bytes(bytes(range(256)) * 40)
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    result = _run("analyze", str(corpus), "--format", "json")
    assert result.exit_code == 1
    good = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [a["thread"]["title"][:10] for a in good] == ["ICE Enters"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt" in line and "empty" in line.split("empty.txt", 1)[1] for line in errors)
    assert any("blob.bin" in line for line in errors)
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before
