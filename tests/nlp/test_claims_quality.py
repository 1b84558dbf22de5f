"""Pinned quality gate: claim extraction on the shared dev suites stays above the floors kept in
benchmarks/numbers_floors.json (scored with the benchmark's own scorer; skipped without ../shared)."""
from __future__ import annotations

import json

import pytest

from commentkit.nlp.pipeline import ClaimExtractor
from tests.conftest import REPO, load_benchmark, shared_path

FLOORS = json.loads((REPO / "benchmarks" / "numbers_floors.json").read_text(encoding="utf-8"))
SUITES = [name for name in FLOORS if not name.startswith("_")]


@pytest.fixture(scope="module")
def extractor():
    return ClaimExtractor()


@pytest.mark.parametrize("suite", SUITES)
def test_dev_suite_above_floor(extractor, suite):
    path = shared_path("data", "numbers", f"{suite}.jsonl")
    bench = load_benchmark("numbers")
    gold = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = extractor.extract_texts([row["text"] for row in gold])
    predicted = {row["id"]: [c.to_dict() for c in claims] for row, claims in zip(gold, found)}
    got = bench.metrics(bench.score(gold, predicted))
    for metric, floor in FLOORS[suite].items():
        assert got[metric] >= floor, f"{suite} {metric} {got[metric]:.3f} < floor {floor}"
