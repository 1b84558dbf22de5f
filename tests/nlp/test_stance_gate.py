"""The pinned quality gate for stance: the shipped model's scores on the RumourEval 2019 test
split stay above benchmarks/stance_floors.json (skipped when the shared data is absent)."""
from __future__ import annotations

import json

import pytest

from commentkit.nlp.stance import load_stance_model
from tests.conftest import REPO, load_benchmark, shared_path

FLOORS = json.loads((REPO / "benchmarks" / "stance_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def measured():
    folder = shared_path("data", "stance")
    benchmark = load_benchmark("stance")
    benchmark.DATA = folder
    return benchmark.score(load_stance_model(), benchmark.load("rumoureval2019", "test"), bootstrap=0)


def _value(part: dict, metric: str) -> float:
    if metric.endswith("_f1") and metric != "macro_f1":
        return part["per_class"][metric[:-3]]["f1"]
    return part[metric]


@pytest.mark.parametrize("part, metric", [(p, m) for p in FLOORS if not p.startswith("_") for m in FLOORS[p]])
def test_stance_quality_above_floor(measured, part, metric):
    value = _value(measured[part], metric)
    assert value >= FLOORS[part][metric], f"{part} {metric}: {value:.3f} < {FLOORS[part][metric]}"
