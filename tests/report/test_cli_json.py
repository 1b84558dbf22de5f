"""`commentkit analyze --format json` end to end: every line validates against the documented
schema. Needs the NLP stages (claims, stance); skips only while they are absent."""
from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from commentkit.cli import cli
from commentkit.report.json import load_schema
from tests.conftest import CORPUS


def test_cli_json_output_validates_against_the_schema():
    pytest.importorskip("commentkit.nlp.pipeline", reason="claim extraction not available yet")
    pytest.importorskip("commentkit.nlp.stance", reason="stance model not available yet")
    if not any(CORPUS.glob("*")):
        pytest.skip("no sample corpus")
    result = CliRunner().invoke(cli, ["analyze", str(CORPUS), "--format", "json"])
    assert result.exit_code == 0, result.output
    validator = jsonschema.Draft202012Validator(load_schema())
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines
    for line in lines:
        validator.validate(json.loads(line))
