"""The pinned quality gate for verdicts: scores on the shared dev threads stay above the floors in
benchmarks/verdicts_floors.json (skipped when the shared material is absent)."""
from __future__ import annotations

import json

import pytest

from tests.conftest import REPO, load_benchmark, shared_path

FLOORS = json.loads((REPO / "benchmarks" / "verdicts_floors.json").read_text(encoding="utf-8"))
MODES = {"gold claims": "gold", "pipeline": "pipeline"}


@pytest.fixture(scope="module")
def measured():
    folder = shared_path("data", "threads")
    module = load_benchmark("verdicts")
    cache: dict = {}

    def get(mode: str) -> dict:
        if mode == "pipeline":
            pytest.importorskip("commentkit.nlp.pipeline", reason="claim extraction not available")
        if mode not in cache:
            cache[mode] = module.measure(folder, MODES[mode])[1]
        return cache[mode]
    return get


@pytest.mark.parametrize("mode, metric", [(m, k) for m in FLOORS if not m.startswith("_") for k in FLOORS[m]])
def test_verdict_quality_above_floor(measured, mode, metric):
    value = measured(mode)[metric]
    assert value >= FLOORS[mode][metric], f"{mode} {metric}: {value:.3f} < {FLOORS[mode][metric]}"
