"""The pinned quality gate: ingestion accuracy on the shared dev gold stays above the floors in
benchmarks/ingest_floors.json (skipped when the shared material is absent)."""
from __future__ import annotations

import json

import pytest

from tests.conftest import REPO, load_benchmark, shared_path


@pytest.fixture(scope="module")
def measured():
    data = shared_path("data", "ingest")
    module = load_benchmark("ingest")
    tables, _ = module.score_all(data)
    return module.accuracy(tables)


FLOORS = json.loads((REPO / "benchmarks" / "ingest_floors.json").read_text())


@pytest.mark.parametrize("kind, field", [(k, f) for k in ("html", "text") for f in FLOORS[k]])
def test_accuracy_above_floor(measured, kind, field):
    assert measured[kind][field] >= FLOORS[kind][field], f"{kind} {field}: {measured[kind][field]:.2f}"
